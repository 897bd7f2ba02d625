"""Weather: warnings (VPWW53–61), landslide alerts (VXWW50), record short-duration heavy rain
(VPOA50), tornado alerts (VPHW50) and the emergency-warning notice (VPNO50)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q

import jmaparse
from jmaparse import EventKind, WarningSeverity, WarningStatus, WeatherWarningTelegram
from kyosei.alerts import messages as m
from kyosei.alerts.hazards.common import JST, Draft, Words, issue_or_update
from kyosei.alerts.models import Area, Hazard, Notice, Phase
from kyosei.orgs.prefectures import PREFECTURES

KINDS = {
    EventKind.WEATHER_WARNING,
    EventKind.WEATHER_WARNING_LEVEL,
    EventKind.LANDSLIDE_ALERT,
    EventKind.RECORD_SHORT_HEAVY_RAIN,
    EventKind.TORNADO_ALERT,
    EventKind.EMERGENCY_WARNING_NOTICE,
}
FAMILIES = ("weather", "record_rain", "tornado", "emergency_warning_notice")
LANDSLIDE_NAME = "土砂災害警戒情報"
# A 府県予報区 or 一次細分 code contains its 二次細分 (the forecast area of a municipality) by
# prefix: 220000 → 22xxxx, 016010 → 01601x, 011000 → 011xxx. 鹿児島県（奄美地方除く） is the one
# exception (tests check the rule against AreaForecastLocalM_WarningTable).
FORECAST_AREA_EXCEPTIONS = {"460100": ("46", "46004")}
EMERGENCY_NOTICE_SPAN = timedelta(days=7)  # a 特別警報 lasts days, not weeks


def derive(t: jmaparse.TelegramBase, had_notice: bool) -> list[Draft]:
    if not isinstance(t, WeatherWarningTelegram):
        return []
    if t.kind is EventKind.RECORD_SHORT_HEAVY_RAIN:
        return _record_rain(t, had_notice)
    if t.kind is EventKind.TORNADO_ALERT:
        return _tornado(t)
    if t.kind is EventKind.EMERGENCY_WARNING_NOTICE:
        return _emergency_notice(t)
    return _warnings(t)


# ------------------------------------------------------------------ where


def forecast_area_prefix(code: str) -> tuple[str, str | None]:
    """The prefix of the 二次細分 codes inside forecast area `code`, and a prefix to leave out."""
    if code in FORECAST_AREA_EXCEPTIONS:
        return FORECAST_AREA_EXCEPTIONS[code]
    stripped = code.rstrip("0")
    return (stripped if len(stripped) >= 2 else code[:2]), None


def municipalities_in_forecast_areas(codes: Iterable[str]) -> set[str]:
    """Municipalities inside JMA forecast areas (府県予報区, 一次細分 or 二次細分, 6 digits)."""
    query = Q()
    for code in codes:
        prefix, excluded = forecast_area_prefix(code)
        inside = Q(forecast_area_code__startswith=prefix)
        if code[2:] == "0000":
            # a whole prefecture, including wards of split cities that have no forecast area
            inside |= Q(code__startswith=code[:2])
        if excluded:
            inside &= ~Q(forecast_area_code__startswith=excluded)
        query |= inside
    if not query:
        return set()
    found = Area.objects.filter(kind=Area.Kind.MUNICIPALITY).filter(query)
    return set(found.values_list("code", flat=True))


def latest_notice(t: jmaparse.TelegramBase) -> Notice | None:
    """The newest notice already sent for this telegram's event (None in a dry run)."""
    from kyosei.alerts.ingest import event_key

    return (
        Notice.objects.filter(event__key=event_key(t))
        .select_related("telegram")
        .order_by("-created_at", "-pk")
        .first()
    )


def _still_told(notice: Notice | None) -> bool:
    return notice is not None and notice.phase not in {Phase.CANCELLATION, Phase.LIFTING}


def _issued_items(block: jmaparse.WarningBlock) -> list[jmaparse.WarningItem]:
    return [i for i in block.items if any(k.in_force and k.code != "0" for k in i.kinds)]


def _regional_and_municipal(
    t: WeatherWarningTelegram,
) -> tuple[list[jmaparse.WarningItem], list[jmaparse.WarningItem]]:
    """The areas of the first (broadest) block and the municipalities the telegram names."""
    regional = _issued_items(t.blocks[0]) if t.blocks else []
    municipal = [i for b in t.blocks if b.is_municipal for i in _issued_items(b)]
    return regional, municipal


def _pairs(items: Iterable[jmaparse.WarningItem]) -> list[list[str]]:
    return [[i.area.code, i.area.name] for i in items]


# ------------------------------------------------------------------ derivation


def _warnings(t: WeatherWarningTelegram) -> list[Draft]:
    issued: dict[str, set[tuple[str, int]]] = {}
    lifted: dict[str, set[tuple[str, int]]] = {}
    names: dict[str, str] = {}
    items = t.municipalities or tuple(
        item for block in t.blocks for item in block.items if t.kind is EventKind.LANDSLIDE_ALERT
    )
    landslide = t.kind is EventKind.LANDSLIDE_ALERT
    for item in items:
        names[item.area.code] = item.area.name
        for kind in item.kinds:
            # 土砂災害警戒情報 names its kinds just 警戒 / 解除: name them after the product.
            name = LANDSLIDE_NAME if landslide else kind.name
            if kind.status in {WarningStatus.ISSUED, WarningStatus.EMERGENCY_TO_WARNING}:
                if kind.severity >= WarningSeverity.WARNING and name:
                    issued.setdefault(item.area.code, set()).add((name, int(kind.severity)))
            elif kind.status is WarningStatus.LIFTED and (kind.last_kind_name or landslide):
                last_name = LANDSLIDE_NAME if landslide else str(kind.last_kind_name)
                last = (
                    WarningSeverity.WARNING if landslide else WarningSeverity.from_name(last_name)
                )
                if last >= WarningSeverity.WARNING:
                    lifted.setdefault(item.area.code, set()).add((last_name, int(last)))
    drafts = []
    for phase, found in ((Phase.ISSUE, issued), (Phase.LIFTING, lifted)):
        if not found:
            continue
        kinds = sorted({k for ks in found.values() for k in ks}, key=lambda k: (-k[1], k[0]))
        codes = {c for c in found if len(c) == 7}
        drafts.append(
            Draft(
                "weather",
                Hazard.WEATHER,
                phase,
                max(k[1] for k in kinds) if phase == Phase.ISSUE else 0,
                codes,
                {
                    "kinds": [[name, severity] for name, severity in kinds],
                    "municipalities": [[c, names[c]] for c in sorted(codes)][:5],
                    "municipality_count": len(codes),
                },
            )
        )
    return drafts


def _record_rain(t: WeatherWarningTelegram, had_notice: bool) -> list[Draft]:
    regional, municipal = _regional_and_municipal(t)
    regional = [i for i in regional if len(i.area.code) == 6]
    codes = {i.area.code for i in municipal if len(i.area.code) == 7}
    codes |= municipalities_in_forecast_areas(i.area.code for i in regional)
    if regional:
        details: dict[str, Any] = {"forecast_areas": _pairs(regional)[:5]}
    else:
        details = {"municipalities": _pairs(municipal)[:5], "municipality_count": len(codes)}
    return [Draft("record_rain", Hazard.WEATHER, issue_or_update(had_notice), 3, codes, details)]


def _tornado(t: WeatherWarningTelegram) -> list[Draft]:
    regional, municipal = _regional_and_municipal(t)
    codes = {i.area.code for i in municipal if len(i.area.code) == 7}
    if not codes:  # older telegrams name forecast areas only
        codes = municipalities_in_forecast_areas(i.area.code for i in regional)
    until = t.valid_datetime.astimezone(JST).isoformat() if t.valid_datetime else None
    sighted = "目撃" in t.headline_text or "目撃" in t.title
    details = {"forecast_areas": _pairs(regional)[:5], "valid_until": until, "sighted": sighted}
    latest = latest_notice(t)
    # Without an EventID a re-issue (第2号) is recognised by the earlier alert still being valid.
    extends = (
        _still_told(latest)
        and latest is not None
        and latest.expires_at is not None
        and latest.expires_at >= t.report_datetime
    )
    phase = Phase.UPDATE if extends else Phase.ISSUE
    return [Draft("tornado", Hazard.WEATHER, phase, 3 if sighted else 2, codes, details)]


def _emergency_notice(t: WeatherWarningTelegram) -> list[Draft]:
    regional, municipal = _regional_and_municipal(t)
    lifted = [i for i in regional if all(k.name == "解除" for k in i.kinds)]
    in_force = [i for i in regional if i not in lifted]
    kinds = sorted(
        {k.name for i in in_force for k in i.kinds if k.name and k.name != "解除"}, key=str
    )
    latest = latest_notice(t)
    recent = (
        _still_told(latest)
        and latest is not None
        and latest.telegram is not None
        and latest.telegram.report_at is not None
        and t.report_datetime - latest.telegram.report_at <= EMERGENCY_NOTICE_SPAN
    )
    drafts = []
    if in_force:
        # Everyone in the prefecture is told (the 報知 goes prefecture-wide); the text names
        # the municipalities where the emergency warning is in force.
        places = [i for i in municipal if len(i.area.code) == 7]
        drafts.append(
            Draft(
                "emergency_warning_notice",
                Hazard.WEATHER,
                Phase.UPDATE if recent else Phase.ISSUE,
                5,
                municipalities_in_forecast_areas(i.area.code for i in in_force)
                | {i.area.code for i in places},
                {
                    "forecast_areas": _pairs(in_force)[:5],
                    "kinds": [[name, int(WarningSeverity.EMERGENCY)] for name in kinds],
                    "places": _pairs(places)[:5],
                    "place_count": len(places),
                },
            )
        )
    if lifted and recent and latest is not None:
        drafts.append(
            Draft(
                "emergency_warning_notice",
                Hazard.WEATHER,
                Phase.LIFTING,
                0,
                municipalities_in_forecast_areas(i.area.code for i in lifted) | set(latest.codes),
                {"forecast_areas": _pairs(lifted)[:5]},
            )
        )
    return drafts


# ------------------------------------------------------------------ the words


def forecast_area_names(d: dict[str, Any], w: Words) -> list[str]:
    names = []
    for code, name in d.get("forecast_areas") or []:
        if code[2:] == "0000" and code[:2] in PREFECTURES:  # a 府県予報区 is its prefecture
            names.append(w.area("prefecture", code[:2]))
        else:
            names.append(w.area("forecast", code, name))
    return names


def municipality_names(d: dict[str, Any], w: Words) -> str:
    names = w.names("municipality", d.get("municipalities") or [])
    return w.join(names, int(d.get("municipality_count") or len(names)))


def placeholders(d: dict[str, Any], w: Words) -> dict[str, str]:
    """areas, kinds, places, valid."""
    regional = "forecast_areas" in d
    areas = w.join(forecast_area_names(d, w)) if regional else municipality_names(d, w)
    values = {"areas": areas}
    # every kind is named: "and 1 more" is said of places, not of warnings
    kinds = [_kind(str(name), int(severity), w) for name, severity in d.get("kinds") or []]
    values["kinds"] = w(m.LIST_SEPARATOR).join(k for k in kinds if k)
    places = w.names("municipality", d.get("places") or [])
    values["places"] = w.join(places, int(d.get("place_count") or len(places))) or areas
    until = d.get("valid_until")
    if until:
        end = datetime.fromisoformat(str(until)).astimezone(JST)
        time = f"{end.hour}時{end.minute:02d}分" if w.japanese else f"{end:%H:%M}"
        values["valid"] = w.fill(m.TORNADO_VALID_UNTIL, time=time)
    else:
        values["valid"] = w(m.TORNADO_VALID_HOUR)
    return values


def _kind(name: str, severity: int, w: Words) -> str:
    """A weather warning kind: JMA's own name in Japanese, else the hazard and its severity."""
    if w.japanese and not w.easy:
        return name
    found = next(((word, hazard) for word, hazard in m.WEATHER_KINDS if word in name), None)
    level = m.WEATHER_SEVERITIES.get(severity, m.WEATHER_SEVERITIES[2])
    if found is None:
        return name
    if found[0] == "土砂災害警戒":  # a product of its own, not "<hazard> warning"
        return w(found[1])
    return w.fill(m.WEATHER_KIND_FORMAT, hazard=w(found[1]), severity=w(level))
