"""Japanese eras (元号) from 明治: Western years and dates, both ways.

Each era's first day (the day the new era name took effect):

| era | first day | source |
|---|---|---|
| 明治 | 1868-10-23 (applied from 慶応4年1月1日) | 明治改元の詔 |
| 大正 | 1912-07-30 | 大正改元の詔書 |
| 昭和 | 1926-12-25 | 昭和改元の詔書 |
| 平成 | 1989-01-08 | 元号を改める政令 (昭和64年政令第1号) |
| 令和 | 2019-05-01 | 元号を改める政令 (平成31年政令第143号) |

Year N of an era is the era's first Western year + N − 1 (元年 = 1), as 令和元年 = 2019.
Japan used the lunisolar calendar until 明治5年12月2日, so day-exact conversion starts with
明治6年1月1日 = 1873-01-01; years convert for the whole of 明治.
"""

from __future__ import annotations

from datetime import date

ERAS: tuple[tuple[str, date], ...] = (
    ("明治", date(1868, 10, 23)),
    ("大正", date(1912, 7, 30)),
    ("昭和", date(1926, 12, 25)),
    ("平成", date(1989, 1, 8)),
    ("令和", date(2019, 5, 1)),
)
ERA_NAMES = tuple(name for name, _ in ERAS)
_FIRST_YEAR = {name: start.year for name, start in ERAS}
GREGORIAN_FROM = date(1873, 1, 1)


class UnknownEraError(ValueError):
    pass


def era_year_to_western(era: str, year: int) -> int:
    """令和 1 → 2019, 平成 31 → 2019, 明治 1 → 1868."""
    if era not in _FIRST_YEAR:
        raise UnknownEraError(f"unknown era {era!r} (known: {', '.join(ERA_NAMES)})")
    if year < 1:
        raise ValueError(f"era years start at 1 (元年), not {year}")
    return _FIRST_YEAR[era] + year - 1


def era_of(day: date) -> tuple[str, int]:
    """The era and era year in force on *day* (from 1873-01-01): 2019-04-30 → (平成, 31)."""
    if day < GREGORIAN_FROM:
        raise ValueError("dates before 1873-01-01 are in the lunisolar calendar")
    name = ERAS[0][0]
    for era, start in ERAS:
        if day >= start:
            name = era
    return name, day.year - _FIRST_YEAR[name] + 1


def era_date_to_western(era: str, year: int, month: int, day: int) -> date | None:
    """The Western date of an era date, or None when no such day was in that era
    (令和元年4月1日: 令和 began on 5月1日) or the date is not a calendar date."""
    try:
        result = date(era_year_to_western(era, year), month, day)
    except ValueError:
        return None
    if result < GREGORIAN_FROM or era_of(result)[0] != era:
        return None
    return result


def era_label(era: str, year: int) -> str:
    return f"{era}{'元' if year == 1 else year}年"
