"""Heat-stroke alerts (VPFT50 熱中症警戒アラート / 熱中症特別警戒アラート)."""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta
from typing import Any

from django.utils import formats, translation

import jmaparse
from jmaparse import EventKind, TextTelegram
from kyosei.alerts import messages as m
from kyosei.alerts.hazards.common import JST, Draft, Words, issue_or_update
from kyosei.alerts.hazards.weather import forecast_area_names, municipalities_in_forecast_areas
from kyosei.alerts.models import Area, Hazard
from kyosei.orgs.prefectures import PREFECTURES

log = logging.getLogger(__name__)

KINDS = {EventKind.HEAT_STROKE_ALERT}
FAMILIES = ("heat",)
HEAT_TITLE = re.compile(r"^(?P<area>.+?)熱中症(?P<special>特別)?警戒アラート")
HEAT_DAY = re.compile(r"(今日|明日)（([０-９0-9]+)日）")


def _area(name: str) -> tuple[str, str] | None:
    """The forecast area a heat-stroke alert names in its title (埼玉県, 宗谷地方, ...)."""
    found = list(
        Area.objects.filter(kind=Area.Kind.FORECAST, name=name).values_list("code", flat=True)
    )
    if found:
        # 府県予報区 names are unique among the broad areas; prefer the broadest on a clash.
        return min(found, key=lambda c: (len(c.rstrip("0")), c)), name
    for code, (japanese, _english) in PREFECTURES.items():
        if japanese == name:
            return f"{code}0000", name
    return None


def derive(t: jmaparse.TelegramBase, had_notice: bool) -> list[Draft]:
    if not isinstance(t, TextTelegram):
        return []
    match = HEAT_TITLE.match(t.title)
    area = _area(match["area"]) if match else None
    if match is None or area is None:
        log.warning("alerts: heat-stroke alert for an unknown area: %s", t.title)
        return []
    reported = (t.target_datetime or t.report_datetime).astimezone(JST).date()
    said = HEAT_DAY.search(t.text)
    day = "tomorrow" if said and said[1] == "明日" else "today"
    when = reported + timedelta(days=1 if day == "tomorrow" else 0)
    if said:
        number = int(said[2].translate(str.maketrans("０１２３４５６７８９", "0123456789")))
        # trust the day of the month JMA wrote over the clock (an alert sent just after midnight)
        for offset in (0, 1, -1, 2):
            if (when + timedelta(days=offset)).day == number:
                when += timedelta(days=offset)
                break
    special = bool(match["special"])
    details = {
        "forecast_areas": [list(area)],
        "day": day,
        "date": when.isoformat(),
        "special": special,
    }
    codes = municipalities_in_forecast_areas([area[0]])
    phase = issue_or_update(had_notice)
    return [Draft("heat", Hazard.WEATHER, phase, 3 if special else 2, codes, details)]


def placeholders(d: dict[str, Any], w: Words) -> dict[str, str]:
    """areas, alert, day."""
    values = {"areas": w.join(forecast_area_names(d, w))}
    values["alert"] = w(m.HEAT_ALERTS["special" if d.get("special") else "alert"])
    if d.get("day") in m.HEAT_DAYS and d.get("date"):
        when = date.fromisoformat(str(d["date"]))
        if w.japanese:
            shown = f"{when.month}月{when.day}日"
        else:
            with translation.override(w.language):
                shown = formats.date_format(when, "MONTH_DAY_FORMAT")
        values["day"] = w.fill(m.HEAT_DAYS[str(d["day"])], date=shown)
    return values
