"""Yearly statistics in the layout counters report to the ISA: one table per dimension, a row
per value, a column per month of the fiscal year (April–March) and a total.

A consultation counts once under each of its topics (multi-count), once elsewhere. Anything
shared outside the organisation hides small cells (1–2) so no one can be singled out, and hides
as many other cells as it takes (complementary suppression) so that no hidden cell can be worked
out again by subtraction from row totals, column totals or the consultations table.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.cache import cache
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kyosei.audit.services import record
from kyosei.counter.access import Reader
from kyosei.counter.choices import Channel, InterpreterMode, Nationality, StatusOfResidence, Topic
from kyosei.counter.models import Consultation, ConsultationTopic, Referral
from kyosei.orgs.models import Organisation

SMALL_CELL_LIMIT = 3
# One mark for every hidden cell, small or complementary (as e-Stat's "x"): a separate "<3"
# would tell a reader which hidden cells are 1 or 2, and that alone can pin them down.
SUPPRESSED = "x"
# Tables whose rows split the consultations exactly once each: per month (and in total) their
# rows add up to the consultations table, which a reader can use to subtract.
PARTITIONS = ("language", "nationality", "channel", "status_of_residence")
# Interpreter minutes are not counts of people and are published as they are.
UNSUPPRESSED = ("interpreter_minutes",)


@dataclass
class StatsRow:
    key: str
    label: str
    months: list[int | str] = field(default_factory=lambda: [0] * 12)
    total: int | str = 0


@dataclass
class StatsTable:
    key: str
    title: str
    rows: list[StatsRow]


@dataclass
class YearStatistics:
    organisation: Organisation
    fiscal_year: int
    month_labels: list[str]
    tables: list[StatsTable]
    suppressed: bool

    def table(self, key: str) -> StatsTable:
        return next(t for t in self.tables if t.key == key)


def fiscal_year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_bounds(fiscal_year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (datetime(fiscal_year, 4, 1, tzinfo=tz), datetime(fiscal_year + 1, 4, 1, tzinfo=tz))


def month_index(month_start: datetime | date) -> int:
    """0 for April … 11 for March."""
    return (month_start.month - 4) % 12


def _month_labels(fiscal_year: int) -> list[str]:
    return [
        f"{fiscal_year + (1 if m < 4 else 0)}-{m:02d}"
        for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
    ]


def _grouped(
    queryset: QuerySet[Any], dimension: str, *, value: str = "id", summed: bool = False
) -> dict[str, list[int]]:
    aggregate = Sum(value) if summed else Count(value)
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * 12)
    rows = (
        queryset.annotate(
            month=TruncMonth("consulted_at" if dimension != "_referral" else "created_at")
        )
        .values("month", *([dimension] if not dimension.startswith("_") else []))
        .annotate(n=aggregate)
        .order_by()
    )
    for row in rows:
        key = "" if dimension.startswith("_") else (row[dimension] or "")
        month = (
            timezone.localtime(row["month"]) if isinstance(row["month"], datetime) else row["month"]
        )
        counts[key][month_index(month)] += row["n"] or 0
    return counts


def _table(
    key: str, title: str, counts: dict[str, list[int]], labels: dict[str, str]
) -> StatsTable:
    order = {value: position for position, value in enumerate(labels)}
    rows = [
        StatsRow(key=value, label=labels.get(value, value), months=list(months), total=sum(months))
        for value, months in counts.items()
    ]
    rows.sort(key=lambda r: (order.get(r.key, len(order)), r.key))
    return StatsTable(key=key, title=title, rows=rows)


def _language_labels() -> dict[str, str]:
    from kyosei.counter.forms import language_choices

    return {code: str(label) for code, label in language_choices()}


CONSULTATION_DIMENSIONS = (
    "language",
    "nationality",
    "channel",
    "status_of_residence",
    "interpreter_mode",
)


def _consultation_counts(
    consultations: QuerySet[Consultation],
) -> tuple[dict[str, dict[str, list[int]]], list[int]]:
    """Every consultation dimension in one scan: one GROUP BY over all of them, folded here.

    One pass over a year's rows instead of one per dimension: at 500 000 consultations a year
    each pass costs a third of a second on PostgreSQL.
    """
    counts: dict[str, dict[str, list[int]]] = {
        dimension: defaultdict(lambda: [0] * 12)
        for dimension in ("_total", *CONSULTATION_DIMENSIONS)
    }
    minutes = [0] * 12
    rows = (
        consultations.annotate(month=TruncMonth("consulted_at"))
        .values("month", *CONSULTATION_DIMENSIONS)
        .annotate(n=Count("id"), interpreted=Sum("interpreter_minutes"))
        .order_by()
    )
    for row in rows:
        month = row["month"]
        index = month_index(timezone.localtime(month) if isinstance(month, datetime) else month)
        counts["_total"][""][index] += row["n"]
        for dimension in CONSULTATION_DIMENSIONS:
            if dimension == "interpreter_mode" and row[dimension] == InterpreterMode.NONE:
                continue
            counts[dimension][row[dimension] or ""][index] += row["n"]
        minutes[index] += row["interpreted"] or 0
    return counts, minutes


def year_statistics(
    organisation: Organisation, fiscal_year: int, *, reader: Reader, for_sharing: bool = False
) -> YearStatistics:
    """The year's tables; the read is recorded (statistics are case data in aggregate)."""
    record(
        actor=reader.actor,
        # The page is a view; a file or an API answer (format or key in `data`) is an export.
        action="counter.statistics.export" if reader.data else "counter.statistics.view",
        organisation=organisation,
        request=reader.request,
        data={**reader.data, "year": fiscal_year, "shared": for_sharing},
    )
    start, end = fiscal_year_bounds(fiscal_year)
    consultations = Consultation.objects.filter(
        organisation=organisation, consulted_at__gte=start, consulted_at__lt=end
    )
    topic_rows = ConsultationTopic.objects.filter(
        organisation=organisation, consulted_at__gte=start, consulted_at__lt=end
    )
    referrals = Referral.objects.filter(
        from_organisation=organisation, created_at__gte=start, created_at__lt=end
    )
    counts, minutes = _consultation_counts(consultations)
    tables = [
        _table("total", _("Consultations"), counts["_total"], {"": _("All")}),
        _table(
            "topic",
            _("By topic (a consultation counts under each of its topics)"),
            _grouped(topic_rows, "topic"),
            {k: str(v) for k, v in Topic.choices},
        ),
        _table("language", _("By language used"), counts["language"], _language_labels()),
        _table(
            "nationality",
            _("By nationality"),
            counts["nationality"],
            {k: str(v) for k, v in Nationality.choices},
        ),
        _table(
            "channel",
            _("By channel"),
            counts["channel"],
            {k: str(v) for k, v in Channel.choices},
        ),
        _table(
            "status_of_residence",
            _("By status of residence"),
            counts["status_of_residence"],
            {k: str(v) for k, v in StatusOfResidence.choices},
        ),
        _table(
            "interpreter",
            _("Consultations with an interpreter, by mode"),
            counts["interpreter_mode"],
            {k: str(v) for k, v in InterpreterMode.choices},
        ),
        _table(
            "interpreter_minutes",
            _("Interpreter minutes"),
            {"": minutes} if any(minutes) else {},
            {"": _("Minutes")},
        ),
        _table(
            "referrals",
            _("Referrals made"),
            _grouped(referrals, "_referral"),
            {"": _("Referrals")},
        ),
    ]
    if for_sharing:
        suppress_for_sharing(tables)
    return YearStatistics(
        organisation=organisation,
        fiscal_year=fiscal_year,
        month_labels=_month_labels(fiscal_year),
        tables=tables,
        suppressed=for_sharing,
    )


DASHBOARD_CACHE_SECONDS = 300


def dashboard_summary(
    organisation: Organisation, fiscal_year: int
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Consultations per month and the most frequent topics, cached for five minutes.

    The dashboard is the landing page; over hundreds of thousands of consultations a year the
    two grouped scans take seconds, which only the statistics page and exports should pay.
    """
    key = f"counter:dashboard:v1:{organisation.pk}:{fiscal_year}:{get_language()}"
    cached = cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    start, end = fiscal_year_bounds(fiscal_year)
    monthly = _grouped(
        Consultation.objects.filter(
            organisation=organisation, consulted_at__gte=start, consulted_at__lt=end
        ),
        "_total",
    ).get("", [0] * 12)
    topics = _grouped(
        ConsultationTopic.objects.filter(
            organisation=organisation, consulted_at__gte=start, consulted_at__lt=end
        ),
        "topic",
    )
    labels = dict(Topic.choices)
    top_topics = sorted(
        ((str(labels.get(topic, topic)), sum(months)) for topic, months in topics.items()),
        key=lambda pair: -pair[1],
    )[:8]
    summary = (list(zip(_month_labels(fiscal_year), monthly, strict=True)), top_topics)
    cache.set(key, summary, DASHBOARD_CACHE_SECONDS)
    return summary


Cell = tuple[str, int, int]  # (table key, row index, column: 0–11 months, 12 the total)
INFINITY = float("inf")


def _cells_and_equations(
    tables: list[StatsTable], partitions: tuple[str, ...] = PARTITIONS
) -> tuple[dict[Cell, int], list[list[tuple[int, Cell]]]]:
    """Every published count, and every sum a reader knows holds between them, as
    equations `sum(coefficient * cell) == 0`."""
    values: dict[Cell, int] = {}
    equations: list[list[tuple[int, Cell]]] = []
    by_key = {table.key: table for table in tables if table.key not in UNSUPPRESSED}
    for key, table in by_key.items():
        for r, row in enumerate(table.rows):
            cells = [*row.months, row.total]
            for c, value in enumerate(cells):
                values[(key, r, c)] = int(value)
            # A row's months add up to its total.
            equations.append([(1, (key, r, c)) for c in range(12)] + [(-1, (key, r, 12))])
    total = by_key.get("total")
    if total and total.rows:
        for key in partitions:
            if key not in by_key:
                continue
            for c in range(13):
                equations.append(
                    [(1, (key, r, c)) for r in range(len(by_key[key].rows))]
                    + [(-1, ("total", 0, c))]
                )
    return values, equations


def _rest(
    equation: list[tuple[int, Cell]], bounds: dict[Cell, tuple[float, float]]
) -> list[tuple[float, float]]:
    """For each term, the range of the sum of all the *other* terms (infinities counted
    apart, so that an unbounded cell does not hide what the others say)."""
    terms = []
    for a, cell in equation:
        lo, hi = bounds[cell]
        terms.append((lo, hi) if a == 1 else (-hi, -lo))
    low = sum(t for t, _ in terms if t != -INFINITY)
    high = sum(t for _, t in terms if t != INFINITY)
    low_unbounded = sum(1 for t, _ in terms if t == -INFINITY)
    high_unbounded = sum(1 for _, t in terms if t == INFINITY)
    rests = []
    for t_min, t_max in terms:
        own_low = t_min == -INFINITY
        own_high = t_max == INFINITY
        rest_low = -INFINITY if low_unbounded - own_low else low - (0 if own_low else t_min)
        rest_high = INFINITY if high_unbounded - own_high else high - (0 if own_high else t_max)
        rests.append((rest_low, rest_high))
    return rests


def _bounds(
    values: dict[Cell, int], hidden: set[Cell], equations: list[list[tuple[int, Cell]]]
) -> dict[Cell, tuple[float, float]]:
    """What a reader can narrow each hidden cell down to: shown cells are exact, hidden ones
    at least 1 (zeros are shown); then subtraction over every equation, repeated until
    nothing changes (interval propagation)."""
    bounds: dict[Cell, tuple[float, float]] = {
        cell: ((1, INFINITY) if cell in hidden else (value, value))
        for cell, value in values.items()
    }
    relevant = [eq for eq in equations if any(cell in hidden for _coef, cell in eq)]
    changed = True
    while changed:
        changed = False
        for equation in relevant:
            for (a, cell), (rest_low, rest_high) in zip(
                equation, _rest(equation, bounds), strict=True
            ):
                if cell not in hidden:
                    continue
                lo, hi = bounds[cell]
                # a * cell + rest == 0
                if a == 1:
                    new = (max(lo, -rest_high), min(hi, -rest_low))
                else:
                    new = (max(lo, rest_low), min(hi, rest_high))
                if new != (lo, hi):
                    bounds[cell] = new
                    changed = True
    return bounds


def _complement(
    pinned: Cell,
    values: dict[Cell, int],
    hidden: set[Cell],
    equations: list[list[tuple[int, Cell]]],
) -> Cell | None:
    """The smallest shown, non-zero count that shares a sum with the pinned cell; failing
    that, the smallest shown count of its table; failing that, any."""

    def smallest(cells: Iterable[Cell]) -> Cell | None:
        shown = [c for c in cells if c not in hidden and values[c] > 0]
        return min(shown, key=lambda c: (values[c], c[2] == 12, c), default=None)

    linked = {cell for eq in equations if any(c == pinned for _a, c in eq) for _b, cell in eq}
    same_table = (cell for cell in values if cell[0] == pinned[0])
    return smallest(linked) or smallest(same_table) or smallest(values)


def suppress_for_sharing(
    tables: list[StatsTable], *, partitions: tuple[str, ...] = PARTITIONS
) -> None:
    """Hide counts of 1 and 2, then add complementary suppressions until no hidden cell can be
    derived exactly by subtraction from what is published. Zero stays zero. `partitions` names
    the tables whose rows add up to the "total" table."""
    values, equations = _cells_and_equations(tables, partitions)
    hidden = {cell for cell, value in values.items() if 0 < value < SMALL_CELL_LIMIT}
    while hidden:
        bounds = _bounds(values, hidden, equations)
        pinned = sorted(cell for cell in hidden if bounds[cell][0] == bounds[cell][1])
        if not pinned:
            break
        extra = _complement(pinned[0], values, hidden, equations)
        if extra is None:  # everything non-zero is hidden: nothing left to derive from
            break
        hidden.add(extra)
    by_key = {table.key: table for table in tables}
    for key, r, c in hidden:
        row = by_key[key].rows[r]
        if c == 12:
            row.total = SUPPRESSED
        else:
            row.months[c] = SUPPRESSED


def suppression_note() -> str:
    return _(
        "x: hidden. Counts below 3 are hidden, and so are other counts from which a hidden "
        "count could be worked out."
    )


def as_csv(stats: YearStatistics) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([stats.organisation.name, _("Fiscal year"), stats.fiscal_year])
    if stats.suppressed:
        writer.writerow([suppression_note()])
    for table in stats.tables:
        writer.writerow([])
        writer.writerow([table.title, *stats.month_labels, _("Total")])
        for row in table.rows:
            writer.writerow([row.label, *row.months, row.total])
    return buffer.getvalue()


def _sheet_name(title: str, key: str, used: set[str]) -> str:
    """The table's translated title as the sheet name (Excel: at most 31 characters, none of
    []:*?/\\, unique regardless of case); the key only when the title cannot be made unique."""
    name = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip().strip("'")[:31]
    if not name or name.casefold() in used:
        name = key[:31]
    used.add(name.casefold())
    return name


def as_xlsx(stats: YearStatistics) -> bytes:
    import xlsxwriter  # type: ignore[import-untyped]

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = workbook.add_format({"bold": True})
    used: set[str] = set()
    for table in stats.tables:
        sheet = workbook.add_worksheet(_sheet_name(str(table.title), table.key, used))
        sheet.write_row(0, 0, [stats.organisation.name, _("Fiscal year"), stats.fiscal_year], bold)
        sheet.write_row(2, 0, [table.title, *stats.month_labels, _("Total")], bold)
        for offset, row in enumerate(table.rows, start=3):
            sheet.write_row(offset, 0, [row.label, *row.months, row.total])
        sheet.set_column(0, 0, 40)
        if stats.suppressed:
            sheet.write(len(table.rows) + 4, 0, suppression_note())
    workbook.close()
    return buffer.getvalue()


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    width: int  # in SVG user units (attributes, not inline styles: CSP)
    y: int


BAR_AREA = 300  # SVG units for the longest bar; the chart is 560 wide, labels take 200


def bars(rows: list[tuple[str, int]], *, height: int = 26) -> list[Bar]:
    top = max((value for _label, value in rows), default=0) or 1
    return [
        Bar(
            label=label,
            value=value,
            width=max(1, round(BAR_AREA * value / top)) if value else 0,
            y=i * height,
        )
        for i, (label, value) in enumerate(rows)
    ]
