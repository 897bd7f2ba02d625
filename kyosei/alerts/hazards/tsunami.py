"""Tsunami: warnings and advisories (VTSE41), tsunami information (VTSE51) and offshore
observation (VTSE52). Each coast hears its own category, height and first-wave time: the
municipalities told are grouped by what their own forecast areas say, one notice a group."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

import jmaparse
from jmaparse import EventKind, TsunamiCategory, TsunamiTelegram
from kyosei.alerts import messages as m
from kyosei.alerts.areas import (
    OWN_SCRIPT,
    municipalities_in_tsunami_areas,
    municipality_readings,
    tsunami_areas_by_municipality,
    tsunami_areas_of_municipalities,
)
from kyosei.alerts.hazards.common import Draft, Words, issue_or_update, jst, related_notices
from kyosei.alerts.models import Hazard, Notice, Phase
from kyosei.alerts.transliterate import hangul, romaji, romanised_place

KINDS = {
    EventKind.TSUNAMI_WARNING,
    EventKind.TSUNAMI_INFORMATION,
    EventKind.TSUNAMI_OFFSHORE_OBSERVATION,
}
FAMILIES = ("tsunami_warning", "tsunami_advisory", "tsunami_info", "tsunami_offshore")


def derive(t: jmaparse.TelegramBase, had_notice: bool) -> list[Draft]:
    if not isinstance(t, TsunamiTelegram):
        return []
    if t.kind is EventKind.TSUNAMI_OFFSHORE_OBSERVATION:
        return _offshore(t, had_notice)
    if t.kind is EventKind.TSUNAMI_INFORMATION:
        return _information(t, had_notice)
    return _warnings(t, had_notice)


# ------------------------------------------------------------------ derivation


def _height(area: jmaparse.TsunamiForecastArea) -> dict[str, Any]:
    height = area.max_height
    if height is None:
        return {"kind": "unknown"}
    if height.value is not None:
        return {"kind": "metres", "value": height.value, "over": height.over}
    description = height.description or ""
    if "巨大" in description:
        return {"kind": "huge"}
    if "高い" in description:
        return {"kind": "high"}
    return {"kind": "unknown"}


def _category_key(category: TsunamiCategory) -> str:
    if category.severity >= 4:
        return "major_warning"
    return "warning" if category.severity == 3 else "advisory"


def _arrival(
    entries: Iterable[tuple[datetime | None, str | None]],
) -> dict[str, str | None] | None:
    """What JMA says of the first wave, the most urgent of `entries` first: arrival confirmed
    (第１波の到達を確認), presumed arriving (津波到達中と推測, 既に津波到達と推測), arriving at
    once (ただちに津波来襲と予測), else the earliest expected time."""
    listed = list(entries)
    conditions = [c or "" for _, c in listed]
    times = [time for time, _ in listed if time is not None]
    if any("確認" in c for c in conditions):
        return {"kind": "arrived", "time": None}
    if any("到達" in c for c in conditions):
        return {"kind": "arriving", "time": None}
    if any("ただちに" in c for c in conditions):
        return {"kind": "immediate", "time": None}
    if times:
        return {"kind": "time", "time": jst(min(times))}
    return None


def _by_coast(
    forecasts: dict[str, jmaparse.TsunamiForecastArea],
    codes: set[str],
    says: Callable[[jmaparse.TsunamiForecastArea], Any],
) -> list[tuple[list[jmaparse.TsunamiForecastArea], set[str]]]:
    """Municipalities grouped by what their own areas (of `forecasts`) say: one notice a group,
    naming only that group's coasts. A municipality facing several areas hears them all."""
    groups: dict[str, tuple[list[jmaparse.TsunamiForecastArea], set[str]]] = {}
    for code, areas in tsunami_areas_by_municipality(codes).items():
        mine = sorted((forecasts[a] for a in areas if a in forecasts), key=lambda f: f.area.code)
        if not mine:
            continue
        key = json.dumps([[f.area.code, says(f)] for f in mine], sort_keys=True, default=str)
        groups.setdefault(key, (mine, set()))[1].add(code)
    return list(groups.values())


def _highest(heights: list[dict[str, Any]]) -> dict[str, Any]:
    for kind in ("huge", "metres", "high"):
        found = [h for h in heights if h["kind"] == kind]
        if found:
            return max(found, key=lambda h: (h.get("value", 0), h.get("over", False)))
    return {"kind": "unknown"}


def _warnings(t: TsunamiTelegram, had_notice: bool) -> list[Draft]:
    in_force = {f.area.code: f for f in t.forecasts if f.category.severity >= 2}
    lifted = [
        f
        for f in t.forecasts
        if f.category.is_lifted
        or (f.last_category is not None and f.last_category.severity >= 2 > f.category.severity)
    ]
    drafts: list[Draft] = []
    phase = issue_or_update(had_notice)
    codes = municipalities_in_tsunami_areas(set(in_force))

    def says(f: jmaparse.TsunamiForecastArea) -> Any:
        arrival = _arrival([(f.first_arrival_time, f.first_arrival_condition)])
        return [f.category.severity, _height(f), arrival]

    merged: dict[str, Draft] = {}
    for mine, group in _by_coast(in_force, codes, says):
        # A municipality facing several coasts hears the most urgent; only the coasts under
        # that category are named next to it (never an advisory coast beside "warning").
        severity = max(f.category.severity for f in mine)
        top = [f for f in mine if f.category.severity == severity]
        family = "tsunami_warning" if severity >= 3 else "tsunami_advisory"
        details = {
            "tsunami_areas": [[f.area.code, f.area.name] for f in top],
            "category": _category_key(top[0].category),
            "height": _highest([_height(f) for f in top]),
            "arrival": _arrival((f.first_arrival_time, f.first_arrival_condition) for f in top),
        }
        key = json.dumps([family, details], sort_keys=True)
        if key in merged:
            merged[key].codes |= group
        else:
            merged[key] = Draft(family, Hazard.TSUNAMI, phase, severity, set(group), details)
    drafts.extend(merged.values())
    drafts.sort(key=lambda d: (-d.severity, sorted(d.codes)))
    if lifted and had_notice:
        was_warning = any(
            (f.last_category is not None and f.last_category.severity >= 3)
            or f.category in {TsunamiCategory.WARNING_LIFTED, TsunamiCategory.FORECAST_FROM_WARNING}
            for f in lifted
        )
        drafts.append(
            Draft(
                "tsunami_warning" if was_warning else "tsunami_advisory",
                Hazard.TSUNAMI,
                Phase.LIFTING,
                0,
                municipalities_in_tsunami_areas({f.area.code for f in lifted}),
                {"tsunami_areas": [[f.area.code, f.area.name] for f in lifted]},
            )
        )
    return drafts


def _observed(
    stations: Iterable[tuple[jmaparse.TsunamiStation, list[str]]],
) -> dict[str, Any] | None:
    """The highest wave observed, else a station still observing; None when nothing yet."""
    measured: list[tuple[float, jmaparse.TsunamiStation, list[str]]] = []
    observing: list[tuple[str, jmaparse.TsunamiStation, list[str]]] = []
    for station, area in stations:
        height = station.max_height
        if height is not None and height.value is not None:
            measured.append((height.value, station, area))
        elif height is not None and "微弱" in (height.description or ""):
            observing.append(("weak", station, area))
        elif station.first_arrival_time or station.max_height_condition:
            observing.append(("observing", station, area))
    if measured:
        value, station, area = max(measured, key=lambda found: found[0])
        height = station.max_height
        return {
            "kind": "metres",
            "station": [station.code, station.name],
            "area": area,
            "value": value,
            "over": bool(height and height.over),
            "rising": "上昇中" in ((height and height.condition) or ""),
        }
    if observing:
        weak = [o for o in observing if o[0] == "weak"]
        kind, station, area = (weak or observing)[0]
        return {"kind": kind, "station": [station.code, station.name], "area": area}
    return None


def _unchanged(
    earlier: list[Notice], family: str, codes: set[str], details: dict[str, Any]
) -> bool:
    """A later telegram saying nothing new to the same places is not worth a notice."""
    last = next(
        (
            n
            for n in reversed(earlier)
            if n.template.startswith(family + ".") and set(n.codes) == codes
        ),
        None,
    )
    return last is not None and last.details == details


def _information(t: TsunamiTelegram, had_notice: bool) -> list[Draft]:
    in_force = {f.area.code: f for f in t.forecasts if f.category.severity >= 2}
    if not in_force:
        return []
    codes = municipalities_in_tsunami_areas(set(in_force))
    observed = _observed(
        (station, [o.area.code, o.area.name]) for o in t.observations for station in o.stations
    )

    def says(f: jmaparse.TsunamiForecastArea) -> Any:
        return _arrival([(f.first_arrival_time, f.first_arrival_condition)])

    family = "tsunami_info"
    phase = issue_or_update(had_notice)
    merged: dict[str, Draft] = {}
    for mine, group in _by_coast(in_force, codes, says):
        severity = max(f.category.severity for f in mine)
        top = [f for f in mine if f.category.severity == severity]
        details = {
            "tsunami_areas": [[f.area.code, f.area.name] for f in top],
            "category": _category_key(top[0].category),
            "observed": observed,
            "arrival": _arrival((f.first_arrival_time, f.first_arrival_condition) for f in top),
        }
        key = json.dumps(details, sort_keys=True)
        if key in merged:
            merged[key].codes |= group
        else:
            merged[key] = Draft(family, Hazard.TSUNAMI, phase, severity, set(group), details)
    earlier = [] if t.is_correction else related_notices(t, [t.type_code])  # loaded once
    return [d for d in merged.values() if not _unchanged(earlier, family, d.codes, d.details)]


def _offshore(t: TsunamiTelegram, had_notice: bool) -> list[Draft]:
    # VTSE52 names the forecast areas (with estimated coastal arrival and height) for which the
    # offshore waves matter: those under a warning or advisory.
    areas: list[jmaparse.TsunamiEstimationArea | jmaparse.TsunamiForecastArea] = list(
        t.estimations
    ) or [f for f in t.forecasts if f.category.severity >= 2]
    if not areas:
        return []
    codes = municipalities_in_tsunami_areas({a.area.code for a in areas})
    observed = _observed(
        (station, [o.area.code, o.area.name]) for o in t.observations for station in o.stations
    )
    # Only the coasts told matter for the arrival, not a distant one in the same telegram.
    covered = tsunami_areas_of_municipalities(codes)
    heights = [a for a in t.estimations if a.max_height is not None and a.area.code in covered]
    details = {
        "tsunami_areas": [[a.area.code, a.area.name] for a in areas],
        "observed": observed,
        "arrival": _arrival(
            (a.first_arrival_time, a.first_arrival_condition)
            for a in areas
            if a.area.code in covered
        ),
        "height": _estimated_height(heights),
    }
    family = "tsunami_offshore"
    earlier = [] if t.is_correction else related_notices(t, [t.type_code])
    if not codes or _unchanged(earlier, family, codes, details):
        return []
    return [Draft(family, Hazard.TSUNAMI, issue_or_update(had_notice), 3, codes, details)]


def _estimated_height(areas: list[jmaparse.TsunamiEstimationArea]) -> dict[str, Any]:
    kinds = []
    for area in areas:
        height = area.max_height
        if height is None:
            continue
        if "巨大" in (height.description or ""):
            return {"kind": "huge"}
        if height.value is not None:
            kinds.append({"kind": "metres", "value": height.value, "over": height.over})
        elif "高い" in (height.description or ""):
            kinds.append({"kind": "high"})
    metres = [k for k in kinds if k["kind"] == "metres"]
    if metres:
        return max(metres, key=lambda k: (k["value"], k["over"]))
    return kinds[0] if kinds else {"kind": "unknown"}


# ------------------------------------------------------------------ the words


def placeholders(d: dict[str, Any], w: Words) -> dict[str, str]:
    """areas, category, height, arrival, observation."""
    values = {"areas": w.join(w.names("tsunami", d.get("tsunami_areas") or []))}
    values["category"] = w(m.TSUNAMI_CATEGORIES[str(d.get("category") or "advisory")])
    found = d.get("height")
    height: dict[str, Any] = found if isinstance(found, dict) else {"kind": "unknown"}
    if height.get("kind") == "metres":
        values["height"] = w.metres(height)
    else:
        values["height"] = w(m.HEIGHTS.get(str(height.get("kind")), m.HEIGHTS["unknown"]))
    arrival = d.get("arrival") or {"kind": "unknown"}
    sentence = m.TSUNAMI_ARRIVALS.get(str(arrival.get("kind")), m.TSUNAMI_ARRIVALS["unknown"])
    values["arrival"] = w.fill(sentence, time=w.time(arrival.get("time")))
    values["observation"] = _observation(d.get("observed"), w)
    return values


def _observation(observed: dict[str, Any] | None, w: Words) -> str:
    if not observed:
        return w(m.TSUNAMI_OBSERVATIONS["none"])
    _code, name = observed.get("station") or ["", ""]
    station = station_name(name, w.language)
    area_code, area = observed.get("area") or ["", ""]
    if area_code:
        where = w.area("tsunami", area_code, area)
        station = f"{station}（{where}）" if w.japanese else f"{station} ({where})"
    kind = str(observed.get("kind"))
    if kind == "metres":
        key = "rising" if observed.get("rising") else "metres"
        return w.fill(m.TSUNAMI_OBSERVATIONS[key], station=station, height=w.metres(observed))
    key = kind if kind in m.TSUNAMI_OBSERVATIONS else "observing"
    return w.fill(m.TSUNAMI_OBSERVATIONS[key], station=station)


_KANA = re.compile(r"^[\u3041-\u309f\u30a0-\u30ffー]+$")
_MUNICIPALITY_SUFFIXES = ("市", "町", "村")


def station_name(name: str, language: str) -> str:
    """A tide station's name from the telegram; for readers of other scripts, a transliteration
    through the kana reading of the municipality it is named after (釜石 → Kamaishi), because
    JMA publishes no readings for stations; Plain Japanese gets the kana reading. Names whose
    reading is unknown stay as in the telegram."""
    base = language.split("-")[0].lower()
    easy = language.lower() == "ja-x-easy"
    if (base in {"ja", "zh"} and not easy) or not name:
        return name
    script = OWN_SCRIPT.get(base)
    convert: Callable[[str], str] = (
        _as_is if easy else hangul if base == "ko" else _capitalised_romaji
    )
    if script is not None and not easy:
        convert = _in_script(script)
    if _KANA.match(name):
        return convert(name)
    for suffix in _MUNICIPALITY_SUFFIXES:
        reading = _municipality_kana(name + suffix)
        if reading:
            return convert(_strip_suffix_reading(reading, suffix))
    for end in range(len(name) - 1, 1, -1):
        prefix = name[:end]
        if prefix.endswith(_MUNICIPALITY_SUFFIXES):
            reading = _municipality_kana(prefix)
            if reading:
                if easy:
                    return name
                shown = hangul(reading) if base == "ko" else romanised_place(prefix, reading)
                if script is not None:
                    shown = script(shown.replace("-", "").replace(" ", ""))
                return f"{shown} ({name})"
    return name


def _in_script(script: Callable[[str], str]) -> Callable[[str], str]:
    return lambda kana: script(romaji(kana))


def _as_is(kana: str) -> str:
    return kana


def _capitalised_romaji(kana: str) -> str:
    roman = romaji(kana)
    return roman[:1].upper() + roman[1:]


def _strip_suffix_reading(reading: str, suffix: str) -> str:
    for kana in {"市": ("し",), "町": ("ちょう", "まち"), "村": ("むら", "そん")}[suffix]:
        if reading.endswith(kana) and len(reading) > len(kana):
            return reading[: -len(kana)]
    return reading


def _municipality_kana(name: str) -> str:
    return municipality_readings().get(name, "")
