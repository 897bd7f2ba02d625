"""Volcanoes: volcanic warnings and eruption flashes (VFVO50, VFVO56) and eruption observation
(VFVO52)."""

from __future__ import annotations

from typing import Any

import jmaparse
from jmaparse import EventKind, VolcanoTelegram
from kyosei.alerts import messages as m
from kyosei.alerts.hazards.common import Draft, Words, issue_or_update, jst
from kyosei.alerts.models import Hazard, Notice, Phase

KINDS = {
    EventKind.VOLCANO_WARNING,
    EventKind.VOLCANO_ERUPTION_FLASH,
    EventKind.VOLCANO_ERUPTION_OBSERVATION,
}
FAMILIES = ("volcano", "volcano_observation")
ERUPTION_PHENOMENA = {
    "爆発": "explosion",
    "噴火開始": "eruption_started",
    "連続噴火継続": "continuous",
    "連続噴火停止": "continuous_stopped",
    "噴火多発": "frequent",
    "噴火": "eruption",
}


def derive(t: jmaparse.TelegramBase, had_notice: bool) -> list[Draft]:
    if not isinstance(t, VolcanoTelegram) or t.volcano is None:
        return []
    if t.kind is EventKind.VOLCANO_ERUPTION_OBSERVATION:
        return _observation(t, t.volcano, had_notice)
    return _warning(t, t.volcano, had_notice)


def _warning(t: VolcanoTelegram, volcano: jmaparse.Area, had_notice: bool) -> list[Draft]:
    codes = {a.code for a in t.municipalities if len(a.code) == 7}
    lowered = (t.alert_condition or "").startswith("引下げ") or "解除" in (t.alert_condition or "")
    phase = Phase.LIFTING if lowered else issue_or_update(had_notice)
    details = {
        "volcano": [volcano.code, volcano.name],
        "level": t.alert_level,
        "kind_name": t.alert_kind_name or t.title,
        "municipalities": [[a.code, a.name] for a in t.municipalities if len(a.code) == 7][:5],
        "municipality_count": len(codes),
    }
    return [Draft("volcano", Hazard.VOLCANO, phase, t.alert_level or 3, codes, details)]


def _observation(t: VolcanoTelegram, volcano: jmaparse.Area, had_notice: bool) -> list[Draft]:
    named = {a.code: a.name for a in t.municipalities if len(a.code) == 7}
    if not named:
        # 噴火に関する火山観測報 names only the volcano: reach whoever its latest warning reached.
        for notice in Notice.objects.filter(
            hazard=Hazard.VOLCANO, is_drill=not t.is_real, event__is_cancelled=False
        ).order_by("-created_at", "-pk")[:200]:
            told = notice.details.get("volcano") or [None]
            if told[0] == volcano.code and notice.phase != Phase.CANCELLATION:
                named = dict(notice.details.get("municipalities") or [])
                named.update({c: named.get(c, "") for c in notice.codes})
                break
    if not named:
        return []
    kind_name = next((i.kind_name for b in t.blocks for i in b.items if i.kind_name), "")
    phenomenon = next((key for word, key in ERUPTION_PHENOMENA.items() if word in kind_name), None)
    details = {
        "volcano": [volcano.code, volcano.name],
        "phenomenon": phenomenon or "eruption",
        "time": jst(t.event_time),
        "municipalities": [[c, n] for c, n in sorted(named.items()) if n][:5],
        "municipality_count": len(named),
    }
    phase = issue_or_update(had_notice)
    return [Draft("volcano_observation", Hazard.VOLCANO, phase, 3, set(named), details)]


def placeholders(d: dict[str, Any], w: Words) -> dict[str, str]:
    """areas, volcano, level, phenomenon, time."""
    names = w.names("municipality", d.get("municipalities") or [])
    values = {"areas": w.join(names, int(d.get("municipality_count") or len(names)))}
    code, name = d.get("volcano") or ["", ""]
    values["volcano"] = w.area("volcano", code, name)
    level = d.get("level")
    if w.japanese and not w.easy and d.get("kind_name"):
        values["level"] = str(d["kind_name"])  # JMA's own name of the warning
    elif level:
        values["level"] = w.fill(m.VOLCANO_LEVEL_FORMAT, level=str(level))
    else:
        values["level"] = w(m.VOLCANO_WARNING)
    phenomenon = m.ERUPTIONS.get(str(d.get("phenomenon")), m.ERUPTIONS["eruption"])
    values["phenomenon"] = w(phenomenon)
    values["time"] = w.time(d.get("time"))
    return values
