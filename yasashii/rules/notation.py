"""Notation rules: era years, 24-hour times, 〜 ranges and slash dates.

Each match also yields the converted text, so the rewriter can apply it safely.
"""

from __future__ import annotations

import re

from ..eras import ERA_NAMES, era_year_to_western
from .context import Context

_DIGITS = str.maketrans("０１２３４５６７８９：／～", "0123456789:/〜")
_D = r"[0-9０-９]"
_ERA_RE = re.compile("(" + "|".join(ERA_NAMES) + r")\s*(元|" + _D + r"{1,2})\s*年")
_TIME_COLON_RE = re.compile(
    r"(?<![0-9０-９:：.\-/])(" + _D + r"{1,2})[:：](" + _D + r"{2})(?![0-9０-９:：])"
)
_TIME_HOUR_RE = re.compile(
    r"(?<![0-9０-９午])(?<!午前)(?<!午後)(" + _D + r"{1,2})時(?!間)(?:(" + _D + r"{1,2})分|(半))?"
)
_SLASH_RE = re.compile(
    r"(?<![0-9０-９/／])("
    + _D
    + r"{4})[/／]("
    + _D
    + r"{1,2})[/／]("
    + _D
    + r"{1,2})(?![0-9０-９/／])"
)
_UNIT = r"(?:年|か月|ヶ月|カ月|月|日|時|分|秒|時半|歳|才|人|円|回|階|号|番|週間|日間|時間)"
_AMOUNT = _D + r"+(?:[,，]" + _D + r"{3})*"
_RANGE_ITEM = r"(?:" + _AMOUNT + r"(?:[:：]" + _D + r"{2}|[/／]" + _D + r"{1,2})?" + _UNIT + r"?)+"
_WEEKDAY = r"[月火水木金土日](?:曜日?)?"
_RANGE_RE = re.compile(
    r"(?<![0-9０-９,，])("
    + _RANGE_ITEM
    + r"|"
    + _WEEKDAY
    + r")\s*[〜～~]\s*("
    + _RANGE_ITEM
    + r"|"
    + _WEEKDAY
    + r")(まで)?"
)


# 8/15, 12/31(土): month/day without a year. Not after の or before を/以上/倍…, where
# 1/2 is a fraction (費用の1/2を), and never inside longer digit or slash runs.
_MONTH_DAY_RE = re.compile(
    r"(?<![0-9０-９/／.．:：,，の])(" + _D + r"{1,2})[/／](" + _D + r"{1,2})"
    r"(?![0-9０-９/／.．:：]|を|以上|以下|程度|倍|ずつ|の確率)"
)
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def era_to_western(era: str, year: str) -> int:
    return era_year_to_western(era, 1 if year == "元" else int(year.translate(_DIGITS)))


def month_day_text(m: re.Match[str]) -> str | None:
    month, day = (int(g.translate(_DIGITS)) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]):
        return None
    return f"{month}月{day}日"


def clock(hour: int, minute: int | None, half: bool = False) -> str | None:
    if hour > 24 or (minute is not None and minute > 59):
        return None
    period = "午前" if hour < 12 or hour == 24 else "午後"
    shown = hour if hour <= 12 else hour - 12
    if hour == 24:
        shown = 0
    if hour == 12:
        shown = 0
    suffix = "半" if half else (f"{minute}分" if minute else "")
    return f"{period}{shown}時{suffix}"


def convert_fragment(fragment: str, all_hours: bool = False) -> str:
    """Apply era, time and date conversions inside a fragment (used for range ends)."""
    fragment = _ERA_RE.sub(lambda m: f"{era_to_western(m.group(1), m.group(2))}年", fragment)
    fragment = _SLASH_RE.sub(_slash_text, fragment)
    fragment = _MONTH_DAY_RE.sub(lambda m: month_day_text(m) or m.group(), fragment)

    def colon(m: re.Match[str]) -> str:
        converted = clock(int(m.group(1).translate(_DIGITS)), int(m.group(2).translate(_DIGITS)))
        return converted or m.group()

    fragment = _TIME_COLON_RE.sub(colon, fragment)

    def hour(m: re.Match[str]) -> str:
        value = int(m.group(1).translate(_DIGITS))
        if value < 13 and not all_hours:
            return m.group()
        minute = int(m.group(2).translate(_DIGITS)) if m.group(2) else None
        converted = clock(value, minute, bool(m.group(3)))
        return converted or m.group()

    return _TIME_HOUR_RE.sub(hour, fragment)


def _slash_text(m: re.Match[str]) -> str:
    year, month, day = (int(g.translate(_DIGITS)) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return m.group()
    return f"{year}年{month}月{day}日"


def _weekday(item: str) -> str:
    if item[:1] in "月火水木金土日" and not item[:1].isdigit():
        return item[0] + "曜日"
    return item


def check_notation(ctx: Context) -> None:
    text = ctx.text
    if ctx.enabled("era-year"):
        for m in _ERA_RE.finditer(text):
            western = f"{era_to_western(m.group(1), m.group(2))}年"
            ctx.add("era-year", m.start(), m.end(), western, western, word2=western)
    if ctx.enabled("slash-date"):
        for m in _SLASH_RE.finditer(text):
            date = _slash_text(m)
            if date != m.group():
                ctx.add("slash-date", m.start(), m.end(), date, date, word2=date)
        for m in _MONTH_DAY_RE.finditer(text):
            month_day = month_day_text(m)
            if month_day is not None:
                ctx.add("slash-date", m.start(), m.end(), month_day, month_day, word2=month_day)
    if ctx.enabled("time-24h"):
        for m in _TIME_COLON_RE.finditer(text):
            hour, minute = int(m.group(1).translate(_DIGITS)), int(m.group(2).translate(_DIGITS))
            converted = clock(hour, minute)
            if converted is not None:
                ctx.add("time-24h", m.start(), m.end(), converted, converted, word2=converted)
        for m in _TIME_HOUR_RE.finditer(text):
            hours = int(m.group(1).translate(_DIGITS))
            if hours < 13 or hours > 24:
                continue
            minutes = int(m.group(2).translate(_DIGITS)) if m.group(2) else None
            spoken = clock(hours, minutes, bool(m.group(3)))
            if spoken is not None:
                ctx.add("time-24h", m.start(), m.end(), spoken, spoken, word2=spoken)
    if ctx.enabled("tilde-range"):
        for m in _RANGE_RE.finditer(text):
            left, right = (
                convert_fragment(_weekday(m.group(1))),
                convert_fragment(_weekday(m.group(2))),
            )
            if ("午" in left) != ("午" in right):
                left = convert_fragment(_weekday(m.group(1)), all_hours=True)
                right = convert_fragment(_weekday(m.group(2)), all_hours=True)
            replacement = f"{left}から{right}まで"
            ctx.add("tilde-range", m.start(), m.end(), replacement, replacement)
