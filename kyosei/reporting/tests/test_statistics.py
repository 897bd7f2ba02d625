"""Yearly statistics by category, prefecture and language with the counter's suppression,
checked by the counter's subtraction attacker over this app's own partitions."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kyosei.audit.models import AuditEvent
from kyosei.counter.access import Reader
from kyosei.counter.statistics import fiscal_year_of
from kyosei.counter.tests import test_suppression_attack as attacker
from kyosei.orgs.models import Organisation
from kyosei.reporting import services, statistics
from kyosei.reporting.choices import Category
from kyosei.reporting.models import ReportTally

pytestmark = pytest.mark.django_db

LANGUAGES = ("my", "vi", "id", "ne", "km", "fil")
PREFECTURES = ("22", "23", "10", "13", "27")


@pytest.fixture(autouse=True)
def reporting_partitions(monkeypatch: Any) -> None:
    """The attacker knows that category, prefecture and language each add up to the total."""
    monkeypatch.setattr(attacker, "PARTITIONS", statistics.DIMENSIONS)


def fill(org: Organisation, count: int, seed: int) -> int:
    year = fiscal_year_of(timezone.localdate())
    rng = random.Random(seed)
    months = [
        date(year + (1 if m < 4 else 0), m, 1) for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
    ]
    ReportTally.objects.bulk_create(
        ReportTally(
            organisation=org,
            month=rng.choice(months),
            category=rng.choice(Category.values),
            prefecture=rng.choice(PREFECTURES),
            language=rng.choices(LANGUAGES, weights=(8, 6, 3, 2, 1, 1))[0],
        )
        for _ in range(count)
    )
    return year


def test_counts_by_category_prefecture_and_language_add_up(org_a: Organisation) -> None:
    year = fill(org_a, 120, 1)
    stats = statistics.year_statistics(org_a, year, reader=Reader(actor=None), for_sharing=False)
    assert stats.table("total").rows[0].total == 120
    for key in statistics.DIMENSIONS:
        assert sum(int(row.total) for row in stats.table(key).rows) == 120
    assert AuditEvent.objects.filter(action="reporting.statistics.view").exists()


@pytest.mark.parametrize(("count", "seed"), [(30, 2), (120, 3), (400, 4)])
def test_no_hidden_cell_of_the_shared_tables_can_be_derived(
    org_a: Organisation, alice_client: Client, count: int, seed: int
) -> None:
    year = fill(org_a, count, seed)
    shared = statistics.year_statistics(org_a, year, reader=Reader(actor=None), for_sharing=True)
    tables, keys = attacker.published(shared)
    assert any("x" in row for table in tables for row in table)
    assert attacker.derived(tables, keys) == []
    body = alice_client.get(
        f"/en/staff/o/{org_a.slug}/reports/statistics/?year={year}&shared=1&format=csv"
    ).content.decode("utf-8-sig")
    assert attacker.shared_csv_tables(body, keys) == tables


def test_the_attack_recovers_cells_when_only_small_cells_are_hidden(org_a: Organisation) -> None:
    year = fill(org_a, 120, 3)
    stats = statistics.year_statistics(org_a, year, reader=Reader(actor=None), for_sharing=False)
    tables, keys = attacker.published(stats)
    naive = [[["x" if v in {"1", "2"} else v for v in row] for row in t] for t in tables]
    assert attacker.derived(naive, keys)


def test_deleted_reports_still_count(centre: Organisation) -> None:
    report, _code = services.file_report(
        category="violence", text="x", prefecture="13", language="km"
    )
    services.delete_by_reporter(report=report)
    year = fiscal_year_of(timezone.localdate())
    stats = statistics.year_statistics(centre, year, reader=Reader(actor=None), for_sharing=False)
    assert stats.table("total").rows[0].total == 1
    assert [row.key for row in stats.table("language").rows] == ["km"]
