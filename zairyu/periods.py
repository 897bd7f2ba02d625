"""Periods per the Civil Code (民法 140条, 143条), used for every deadline the engine computes.

民法 140条: a period in days, weeks, months or years does not count its first day, so the
counting starts the day after the event. 民法 143条2項: a period in months or years ends on the
day before the date corresponding to the starting day in the last month; when the last month has
no corresponding date (31 January + 1 month), it ends on the last day of that month.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def last_day_of_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def end_of_days(event: date, days: int) -> date:
    """Last day of a period of `days` days from `event` (民法 140条: `event` is not counted)."""
    if days < 1:
        raise ValueError("a period has at least one day")
    return event + timedelta(days=days)


def end_of_months(event: date, months: int) -> date:
    """Last day of a period of `months` months (or 12×years) from `event` (民法 140条, 143条)."""
    if months < 1:
        raise ValueError("a period has at least one month")
    start = event + ONE_DAY  # 140条: the first day is not counted
    year, month = _shift_month(start.year, start.month, months)
    if start.day > last_day_of_month(year, month):
        # 143条2項ただし書: no corresponding date, the period ends on the month's last day
        return date(year, month, last_day_of_month(year, month))
    return date(year, month, start.day) - ONE_DAY


def end_of_years(event: date, years: int) -> date:
    return end_of_months(event, 12 * years)


def months_before(day: date, months: int) -> date:
    """The date `months` months before `day`, on the month's last day when that date is missing.

    ISA states windows "before expiry" (3か月前, 2か月前, 6か月前) without a statute of its own;
    counting back to the same calendar date (clamped to the month's end, like 143条) is the
    reading used by ISA's examples and keeps a window from opening earlier than announced.
    """
    if months < 1:
        raise ValueError("at least one month")
    year, month = _shift_month(day.year, day.month, -months)
    return date(year, month, min(day.day, last_day_of_month(year, month)))


def anniversary(day: date, years: int) -> date:
    """`day` moved by `years` years; 29 February becomes 28 February in a common year."""
    year = day.year + years
    return date(year, day.month, min(day.day, last_day_of_month(year, day.month)))
