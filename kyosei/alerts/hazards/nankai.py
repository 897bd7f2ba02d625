"""Nankai Trough earthquake extra information (VYSE50 南海トラフ地震臨時情報)."""

from __future__ import annotations

from typing import Any

import jmaparse
from jmaparse import EventKind, SeismicAdvisoryTelegram
from kyosei.alerts import messages as m
from kyosei.alerts.hazards.common import Draft, Words, issue_or_update
from kyosei.alerts.models import Area, Hazard, Phase

KINDS = {EventKind.NANKAI_TROUGH_EXTRA}
FAMILIES = ("nankai",)
# Prefectures of the Nankai Trough earthquake disaster-prevention promotion area (南海トラフ地震
# 防災対策推進地域, 1 metropolis, 2 urban and 26 other prefectures). The area is defined per
# municipality; targeting whole prefectures reaches some municipalities outside it.
NANKAI_PREFECTURES = [
    *("08", "12", "13", "14", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28"),
    *("29", "30", "33", "34", "35", "36", "37", "38", "39", "40", "43", "44", "45", "46"),
    "47",
]
NANKAI_STATUS = {
    "調査中": "investigating",
    "巨大地震警戒": "warning",
    "巨大地震注意": "advisory",
    "調査終了": "ended",
}
NANKAI_SEVERITY = {"investigating": 2, "warning": 4, "advisory": 3, "ended": 0}


def derive(t: jmaparse.TelegramBase, had_notice: bool) -> list[Draft]:
    if not isinstance(t, SeismicAdvisoryTelegram):
        return []
    status = NANKAI_STATUS.get((t.serial_name or "").strip())
    if status is None:
        return []
    codes = set(
        Area.objects.filter(kind=Area.Kind.MUNICIPALITY)
        .filter(code__regex=r"^(" + "|".join(NANKAI_PREFECTURES) + r")")
        .values_list("code", flat=True)
    )
    phase = Phase.LIFTING if status == "ended" else issue_or_update(had_notice)
    details = {"status": status, "prefectures": ["22", "23", "39"]}
    return [Draft("nankai", Hazard.EARTHQUAKE, phase, NANKAI_SEVERITY[status], codes, details)]


def placeholders(d: dict[str, Any], w: Words) -> dict[str, str]:
    """areas, status."""
    names = [w.area("prefecture", code) for code in (d.get("prefectures") or [])[:3]]
    values = {"areas": w.join(names)}
    status = m.NANKAI_STATUSES.get(str(d.get("status")), m.NANKAI_STATUSES["investigating"])
    values["status"] = w(status)
    return values
