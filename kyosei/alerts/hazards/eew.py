"""Earthquake early warnings: the warning (VXSE43) and the forecasts (VXSE44, VXSE45).

Each area is told its own forecast intensity range, and whether the main shaking is already
arriving (既に主要動到達と推測) or when it is expected; the epicentre and magnitude are named."""

from __future__ import annotations

from typing import Any

import jmaparse
from jmaparse import EewTelegram, EventKind, Intensity
from kyosei.alerts import messages as m
from kyosei.alerts.areas import municipalities_in_subdivisions
from kyosei.alerts.hazards.common import (
    Draft,
    Words,
    depth,
    epicentre,
    issue_or_update,
    jst,
    magnitude,
    rank_by_municipality,
    ranks_told,
    related_notices,
    subdivisions_of,
)
from kyosei.alerts.hazards.quake import hypocentre_sentence, hypocentre_words
from kyosei.alerts.models import Hazard, Phase

KINDS = {EventKind.EEW_WARNING, EventKind.EEW_FORECAST, EventKind.EEW_GROUND_MOTION_FORECAST}
FAMILIES = ("eew", "eew_forecast")
EEW_FORECAST_FROM = Intensity.FOUR  # a forecast (予報) below this tells nobody
MAX_AREAS = 12  # forecast areas named in a body (the strongest and soonest first)


def derive(t: jmaparse.TelegramBase, had_notice: bool) -> list[Draft]:
    if not isinstance(t, EewTelegram):
        return []
    if t.kind is EventKind.EEW_WARNING:
        return _warning(t, had_notice)
    return _forecast(t, had_notice)


# ------------------------------------------------------------------ derivation


def _arriving(area: jmaparse.EewArea, t: EewTelegram) -> bool:
    """JMA says the main shaking has reached the area (既に主要動到達と推測, Category code x1),
    or the arrival time it gives is already past when the telegram was issued (code x9, PLUM
    forecasts, give the time the shaking reached it)."""
    if "到達" in (area.condition or "") or (area.category_code or "")[1:2] == "1":
        return True
    return area.arrival_time is not None and area.arrival_time <= t.report_datetime


def _forecast_of(area: jmaparse.EewArea, t: EewTelegram) -> dict[str, Any]:
    arriving = _arriving(area, t)
    return {
        "area": [area.code, area.name],
        "from": area.intensity_from.value if area.intensity_from else None,
        "to": area.intensity_to.value if area.intensity_to else None,
        "over": area.to_over,
        "arriving": arriving,
        "time": None if arriving else jst(area.arrival_time),
    }


def _hypocentre(t: EewTelegram) -> dict[str, Any]:
    return {
        "epicentre": epicentre(t.earthquake),
        **magnitude(t.earthquake),
        "depth": depth(t.earthquake),
    }


def _warning(t: EewTelegram, had_notice: bool) -> list[Draft]:
    warned = {a.code: a for a in t.warning_areas}
    if not warned:
        return []
    codes = municipalities_in_subdivisions(set(warned))
    top = max(
        (a.intensity_to or a.intensity_from for a in warned.values() if a.intensity_from),
        key=lambda i: i.rank,
        default=t.intensity_from,
    )
    intensity = top.value if top else "5-"
    # JMA lists the areas already reached first, then by expected arrival: keep its order.
    details = {
        "intensity": intensity,
        "subdivisions": [[a.code, a.name] for a in list(warned.values())[:3]],
        "forecasts": [_forecast_of(a, t) for a in warned.values()],
        **_hypocentre(t),
    }
    by_code = rank_by_municipality(
        {
            c: (a.intensity_to or a.intensity_from).rank
            for c, a in warned.items()
            if a.intensity_from
        }
    )
    phase = Phase.LIFTING if t.is_final and had_notice else issue_or_update(had_notice)
    rank = Intensity(intensity).rank if intensity in {i.value for i in Intensity} else 5
    return [
        Draft(
            "eew",
            Hazard.EEW,
            phase,
            rank,
            codes,
            details,
            {c: by_code[c] for c in codes if c in by_code},
        )
    ]


def _forecast(t: EewTelegram, had_notice: bool) -> list[Draft]:
    own = related_notices(t, [t.type_code])
    if t.is_final and had_notice:
        if not own:
            return []
        told = ranks_told(own)
        return [
            Draft(
                "eew_forecast",
                Hazard.EEW,
                Phase.LIFTING,
                0,
                set(told),
                dict(own[-1].details),
                told,
            )
        ]
    strong = {
        a.code: a
        for a in t.areas
        if a.intensity_from is not None and a.intensity_from >= EEW_FORECAST_FROM
    }
    by_code = rank_by_municipality(
        {code: a.intensity_from.rank for code, a in strong.items() if a.intensity_from}
    )
    # Whoever the warning (VXSE43) of this earthquake reached already knows; VXSE44 and VXSE45
    # are two products of one forecast, so a municipality hears a forecast again only when
    # its forecast intensity rises (a correction repeats everything).
    warned = set(ranks_told(related_notices(t, ["VXSE43"])))
    told = {} if t.is_correction else ranks_told(related_notices(t, ["VXSE44", "VXSE45"]))
    codes = {c for c, rank in by_code.items() if c not in warned and rank > told.get(c, -1)}
    if not codes:
        return []
    reached = set(subdivisions_of(codes).values())
    # The areas of the municipalities told, each with its own forecast, in JMA's order (those
    # already reached first, then by expected arrival).
    areas = [a for code, a in strong.items() if code in reached]
    top = max(by_code[c] for c in codes)
    strongest = [a for a in areas if a.intensity_from and a.intensity_from.rank == top]
    details = {
        "intensity": strongest[0].intensity_from.value if strongest[0].intensity_from else "4",
        "subdivisions": [[a.code, a.name] for a in strongest],
        "forecasts": [_forecast_of(a, t) for a in areas],
        **_hypocentre(t),
    }
    phase = issue_or_update(had_notice or bool(told))
    return [
        Draft(
            "eew_forecast",
            Hazard.EEW,
            phase,
            top,
            codes,
            details,
            {c: by_code[c] for c in codes},
        )
    ]


# ------------------------------------------------------------------ the words


def placeholders(d: dict[str, Any], w: Words) -> dict[str, str]:
    """areas, intensity, epicentre, hypocentre, forecasts."""
    values = {
        "areas": w.join(w.names("subdivision", d.get("subdivisions") or [])),
        "intensity": w.intensity(str(d.get("intensity") or "")),
        "epicentre": hypocentre_words(d, w)["epicentre"],
        "hypocentre": hypocentre_sentence(d, w),
    }
    # A notice stored before per-area forecasts were kept: its areas with its intensity.
    forecasts = d.get("forecasts") or [
        {"area": area, "from": d.get("intensity"), "to": None, "over": False}
        for area in d.get("subdivisions") or []
    ]
    lines = [_forecast_line(f, w) for f in forecasts[:MAX_AREAS]]
    rest = [f["area"] for f in forecasts[MAX_AREAS:]]
    if rest:  # the others by name only, so the body stays readable on a lock screen
        lines.append(w.join(w.names("subdivision", rest)))
    values["forecasts"] = w.groups(lines)
    return values


def intensity_range(forecast: dict[str, Any], w: Words) -> str:
    lower = w.intensity(str(forecast.get("from") or ""))
    upper = forecast.get("to")
    if forecast.get("over") and not upper:
        return w.fill(m.INTENSITY_OR_MORE, lower=lower)
    if upper and upper != forecast.get("from"):
        return w.fill(m.INTENSITY_RANGE, lower=lower, upper=w.intensity(str(upper)))
    return lower


def _forecast_line(forecast: dict[str, Any], w: Words) -> str:
    code, name = forecast["area"]
    area = w.area("subdivision", code, name)
    shown = intensity_range(forecast, w)
    if forecast.get("arriving"):
        return w.fill(m.EEW_AREA_ARRIVED, area=area, range=shown)
    if forecast.get("time"):
        time = w.time(forecast["time"], seconds=True)
        return w.fill(m.EEW_AREA_AT, area=area, range=shown, time=time)
    return w.fill(m.EEW_AREA, area=area, range=shown)
