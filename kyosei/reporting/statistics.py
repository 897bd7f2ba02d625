"""Yearly statistics of the reports an organisation received, by category, prefecture and
language, per month of the fiscal year, from the tallies (which outlive deleted reports).

Anything shared outside the organisation goes through the counter's suppression
(kyosei.counter.statistics.suppress_for_sharing): counts of 1 and 2 hidden, and as many others
as it takes so that no hidden count can be worked out by subtraction.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count
from django.utils.translation import gettext as _

from kyosei.counter.access import Reader
from kyosei.counter.statistics import (
    StatsRow,
    StatsTable,
    YearStatistics,
    _month_labels,
    _table,
    fiscal_year_bounds,
    month_index,
    suppress_for_sharing,
)
from kyosei.orgs.models import Organisation
from kyosei.orgs.prefectures import PREFECTURES
from kyosei.reporting.choices import Category
from kyosei.reporting.forms import language_choices
from kyosei.reporting.models import ReportTally

DIMENSIONS = ("category", "prefecture", "language")


def _counts(organisation: Organisation, fiscal_year: int, dimension: str) -> dict[str, list[int]]:
    start, end = fiscal_year_bounds(fiscal_year)
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * 12)
    rows = (
        ReportTally.objects.filter(
            organisation=organisation, month__gte=start.date(), month__lt=end.date()
        )
        .values("month", dimension)
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[row[dimension]][month_index(row["month"])] += row["n"]
    return counts


def year_statistics(
    organisation: Organisation, fiscal_year: int, *, reader: Reader, for_sharing: bool
) -> YearStatistics:
    from kyosei.audit.services import record

    record(
        actor=reader.actor,
        action="reporting.statistics.view",
        organisation=organisation,
        request=reader.request,
        data={"fiscal_year": fiscal_year, "for_sharing": for_sharing},
    )
    labels = {
        "category": {value: str(label) for value, label in Category.choices},
        "prefecture": {code: f"{ja} ({en})" for code, (ja, en) in PREFECTURES.items()},
        "language": {code: str(name) for code, name in language_choices()},
    }
    titles = {
        "category": _("What happened?"),
        "prefecture": _("Prefecture"),
        "language": _("Language"),
    }
    tables = [
        _table(d, titles[d], _counts(organisation, fiscal_year, d), labels[d]) for d in DIMENSIONS
    ]
    months = [0] * 12
    for row in tables[0].rows:
        months = [a + int(b) for a, b in zip(months, row.months, strict=True)]
    total = StatsTable(
        key="total",
        title=_("Reports"),
        rows=[StatsRow(key="total", label=_("Reports"), months=list(months), total=sum(months))],
    )
    tables = [total, *tables]
    if for_sharing:
        suppress_for_sharing(tables, partitions=DIMENSIONS)
    return YearStatistics(
        organisation=organisation,
        fiscal_year=fiscal_year,
        month_labels=_month_labels(fiscal_year),
        tables=tables,
        suppressed=for_sharing,
    )
