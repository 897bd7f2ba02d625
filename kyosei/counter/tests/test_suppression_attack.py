"""The subtraction attack on every table a counter shares outside the organisation.

A reader holding the shared CSV (or the API's `?shared=true` answer) knows: every shown count,
that a hidden count ("x") is at least 1 (zeros are shown), that a row's months add up to its
total, and that the language, nationality, channel and status-of-residence tables add up, per
month and in total, to the consultations table. This attacker is written apart from the
product's own check: it solves by subtraction, over and over, until it learns nothing new.
"""

import csv
import io

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from kyosei.counter import access, seeding, services, statistics
from kyosei.counter.models import Agency
from kyosei.counter.tests.factories import consent, make_client
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db
PARTITIONS = ("language", "nationality", "channel", "status_of_residence")
HIDDEN = "x"
Key = tuple[int, int, int]  # (table position, row, column 0–12)


def equations(tables: list[list[list[str]]], keys: list[str]) -> list[list[tuple[int, Key]]]:
    found: list[list[tuple[int, Key]]] = []
    for t, rows in enumerate(tables):
        for r, _row in enumerate(rows):
            found.append([(1, (t, r, c)) for c in range(12)] + [(-1, (t, r, 12))])
    if "total" in keys and tables[keys.index("total")]:
        total = keys.index("total")
        for name in PARTITIONS:
            t = keys.index(name)
            for c in range(13):
                found.append(
                    [(1, (t, r, c)) for r in range(len(tables[t]))] + [(-1, (total, 0, c))]
                )
    return found


def attack(tables: list[list[list[str]]], keys: list[str]) -> dict[Key, tuple[int, int | None]]:
    """Narrow every hidden cell as far as subtraction allows; None is "no upper bound"."""
    low: dict[Key, int] = {}
    high: dict[Key, int | None] = {}
    for t, rows in enumerate(tables):
        for r, row in enumerate(rows):
            for c, shown in enumerate(row):
                if shown == HIDDEN:
                    low[(t, r, c)], high[(t, r, c)] = 1, None
                else:
                    low[(t, r, c)] = high[(t, r, c)] = int(shown)
    hidden = [k for k, v in high.items() if v is None]
    system = equations(tables, keys)
    learned = True
    while learned:
        learned = False
        for equation in system:
            for a, target in equation:
                if target not in hidden:
                    continue
                # a*target = -(sum of the others): bound the others' sum, then divide out a.
                others = [(b, k) for b, k in equation if k != target]
                least = sum(b * low[k] if b > 0 else -(high[k] or 10**9) for b, k in others)
                most = sum(b * (high[k] or 10**9) if b > 0 else -low[k] for b, k in others)
                unbounded_most = any(b > 0 and high[k] is None for b, k in others)
                unbounded_least = any(b < 0 and high[k] is None for b, k in others)
                if a > 0:
                    new_low = low[target] if unbounded_most else max(low[target], -most)
                    new_high = None if unbounded_least else -least
                else:
                    new_low = low[target] if unbounded_least else max(low[target], least)
                    new_high = None if unbounded_most else most
                old_high = high[target]
                if new_high is not None and (old_high is None or new_high < old_high):
                    high[target] = new_high
                    learned = True
                if new_low > low[target]:
                    low[target] = new_low
                    learned = True
    return {k: (low[k], high[k]) for k in hidden}


def derived(tables: list[list[list[str]]], keys: list[str]) -> list[Key]:
    return [k for k, (lo, hi) in attack(tables, keys).items() if hi is not None and lo == hi]


def published(stats: statistics.YearStatistics) -> tuple[list[list[list[str]]], list[str]]:
    kept = [t for t in stats.tables if t.key != "interpreter_minutes"]
    return (
        [[[str(v) for v in row.months] + [str(row.total)] for row in t.rows] for t in kept],
        [t.key for t in kept],
    )


def shared_csv_tables(body: str, keys: list[str]) -> list[list[list[str]]]:
    """The CSV as a reader has it: blocks after blank lines, label column dropped."""
    blocks: list[list[list[str]]] = []
    for row in csv.reader(io.StringIO(body)):
        if not row:
            blocks.append([])
        elif blocks:
            blocks[-1].append(row[1:])
    tables = [block[1:] for block in blocks]  # drop each block's header row
    minutes = keys.index("interpreter_minutes") if "interpreter_minutes" in keys else None
    return [t for i, t in enumerate(tables) if i != minutes]


def fill(org: Organisation, consultations: int, seed_value: int) -> int:
    seeding.seed(organisation=org, consultations=consultations, seed_value=seed_value)
    client = make_client(org, nationality="NP", preferred_language="ne")
    consent(client, "nickname", "topics")
    for _ in range(2):
        services.create_referral(
            actor=None, client=client, to_agency=Agency.objects.filter(kind="legal").first()
        )
    return statistics.fiscal_year_of(timezone.localdate())


@pytest.mark.parametrize(("consultations", "seed_value"), [(25, 1), (90, 2), (300, 3)])
def test_no_hidden_cell_of_any_shared_table_can_be_derived(
    org_a: Organisation, alice_client: HttpClient, consultations: int, seed_value: int
) -> None:
    """Mutation caught: suppress_for_sharing hiding only the cells of 1 and 2 (no
    complementary suppression), or dropping the partition equations from its own check."""
    year = fill(org_a, consultations, seed_value)
    reader = access.Reader(actor=None)
    all_keys = [t.key for t in statistics.year_statistics(org_a, year, reader=reader).tables]
    for fiscal_year in (year - 1, year):
        stats = statistics.year_statistics(org_a, fiscal_year, for_sharing=True, reader=reader)
        tables, keys = published(stats)
        assert derived(tables, keys) == [], fiscal_year
        body = alice_client.get(
            f"/en/staff/o/{org_a.slug}/counter/statistics.csv?shared=1&year={fiscal_year}"
        ).content.decode("utf-8-sig")
        from_csv = shared_csv_tables(body, all_keys)
        assert from_csv == tables  # the file is what was checked
        assert derived(from_csv, keys) == []


def test_the_attack_recovers_cells_when_only_small_cells_are_hidden(
    org_a: Organisation,
) -> None:
    """The attacker is real: on the old output (small cells hidden, exact totals kept) it
    recovers hidden cells, as the walk-through did by hand."""
    year = fill(org_a, 90, 2)
    stats = statistics.year_statistics(org_a, year, reader=access.Reader(actor=None))
    tables, keys = published(stats)
    naive = [[[HIDDEN if v in {"1", "2"} else v for v in row] for row in table] for table in tables]
    recovered = derived(naive, keys)
    assert recovered
    internal = {(t, r, c): int(tables[t][r][c]) for t, r, c in recovered}
    bounds = attack(naive, keys)
    assert all(bounds[k][0] == internal[k] for k in recovered)  # and it recovers them right


def test_hiding_keeps_zeros_and_large_counts_and_marks_the_file(
    org_a: Organisation, alice_client: HttpClient
) -> None:
    year = fill(org_a, 300, 3)
    reader = access.Reader(actor=None)
    exact = statistics.year_statistics(org_a, year, reader=reader)
    shared = statistics.year_statistics(org_a, year, for_sharing=True, reader=reader)
    hidden = shown = 0
    for exact_table, shared_table in zip(exact.tables, shared.tables, strict=True):
        for exact_row, shared_row in zip(exact_table.rows, shared_table.rows, strict=True):
            for true, out in zip(
                [*exact_row.months, exact_row.total],
                [*shared_row.months, shared_row.total],
                strict=True,
            ):
                if out == HIDDEN:
                    hidden += 1
                    assert isinstance(true, int) and true > 0
                else:
                    shown += 1
                    assert out == true
                    assert not (isinstance(out, int) and 0 < out < 3)
    assert hidden and shown > hidden  # useful: most of the table is still published
    minutes = shared.table("interpreter_minutes")
    assert minutes.rows == exact.table("interpreter_minutes").rows
    body = alice_client.get(
        f"/en/staff/o/{org_a.slug}/counter/statistics.csv?shared=1"
    ).content.decode("utf-8-sig")
    assert "x: hidden." in body


def test_a_fiscal_year_without_consultations_shares_empty_tables(org_a: Organisation) -> None:
    stats = statistics.year_statistics(
        org_a, 2001, for_sharing=True, reader=access.Reader(actor=None)
    )
    assert all(not t.rows for t in stats.tables)
