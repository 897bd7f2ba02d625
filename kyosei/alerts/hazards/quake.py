"""Earthquakes: seismic intensity (VXSE51 震度速報, VXSE53 震源・震度情報), hypocentre (VXSE52)
and its revision (VXSE61), long-period ground motion (VXSE62).

Every area named next to an intensity has exactly that intensity in the telegram: the body
groups the areas by intensity ("intensity 3: A, B / intensity 2: C"), the title names only the
areas of the strongest, and each resident's own line gives their municipality's intensity.
Every message says when (origin time, or for 震度速報 the time the shaking was observed), where
and how deep when JMA knows it (in words when it does not yet), and the tsunami comment."""

from __future__ import annotations

from typing import Any

import jmaparse
from jmaparse import EarthquakeTelegram, EventKind, Intensity
from kyosei.alerts import messages as m
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
)
from kyosei.alerts.models import Area, Hazard

KINDS = {
    EventKind.EARTHQUAKE_INTENSITY_FLASH,
    EventKind.EARTHQUAKE_INFORMATION,
    EventKind.EARTHQUAKE_HYPOCENTRE,
    EventKind.EARTHQUAKE_HYPOCENTRE_UPDATE,
    EventKind.LONG_PERIOD_GROUND_MOTION,
}
FAMILIES = ("earthquake", "earthquake_hypocentre", "earthquake_revised", "long_period")
EARTHQUAKE_NOTICE_FROM = Intensity.THREE  # below this nobody is told (subscribers filter more)
LONG_PERIOD_FROM = 2  # class 1 (やや大きな揺れ) is felt but harmless: nobody is told
MAX_GROUPS = 4  # intensity groups named in a body (the strongest first)
# ForecastComment codes (AdditionalCommentEarthquake) → the tsunami term shown to residents.
TSUNAMI_COMMENTS = {
    "0211": "warning_in_force",
    "0212": "slight",
    "0213": "continuing",
    "0214": "continuing",
    "0215": "none",
    "0216": "possible",
    "0221": "possible",
    "0222": "possible",
    "0223": "possible",
    "0224": "possible",
    "0225": "possible",
    "0226": "possible",
    "0227": "slight",
    "0228": "possible",
    "0229": "investigating",
    "0230": "none",
}


def derive(t: jmaparse.TelegramBase, had_notice: bool) -> list[Draft]:
    if not isinstance(t, EarthquakeTelegram):
        return []
    if t.kind is EventKind.LONG_PERIOD_GROUND_MOTION:
        return _long_period(t, had_notice)
    if t.kind in {EventKind.EARTHQUAKE_HYPOCENTRE, EventKind.EARTHQUAKE_HYPOCENTRE_UPDATE}:
        return _hypocentre(t, had_notice)
    return _intensity(t, had_notice)


# ------------------------------------------------------------------ derivation


def _expand_city(code: str, known: dict[str, list[str]]) -> list[str]:
    """A seismic city code (浜松市 2213000) also means its split areas and wards."""
    return known.get(code[:6], [code])


def tsunami_comment(t: EarthquakeTelegram) -> str | None:
    for comment in t.comments:
        for code in comment.codes:
            if code in TSUNAMI_COMMENTS:
                return TSUNAMI_COMMENTS[code]
    return None


def _by_intensity(t: EarthquakeTelegram) -> list[list[Any]]:
    """[[intensity, [[code, name], ...]], ...], strongest first, areas in the telegram's order."""
    groups: dict[Intensity, list[list[str]]] = {}
    for area in t.areas:
        if area.max_intensity is not None:
            groups.setdefault(area.max_intensity, []).append([area.code, area.name])
    ordered = sorted(groups.items(), key=lambda item: item[0].rank, reverse=True)
    return [[intensity.value, areas] for intensity, areas in ordered]


def _intensity(t: EarthquakeTelegram, had_notice: bool) -> list[Draft]:
    if t.max_intensity is None or t.max_intensity < EARTHQUAKE_NOTICE_FROM:
        return []
    by_code: dict[str, int] = {}
    subdivisions = {a.code: a.max_intensity for a in t.areas if a.max_intensity is not None}
    for municipality, sub in Area.objects.filter(
        kind=Area.Kind.MUNICIPALITY, subdivision_code__in=list(subdivisions)
    ).values_list("code", "subdivision_code"):
        by_code[municipality] = subdivisions[sub].rank
    prefixes = {c.code[:6] for c in t.cities}
    family: dict[str, list[str]] = {}
    for code in Area.objects.filter(kind=Area.Kind.MUNICIPALITY).values_list("code", flat=True):
        if code[:6] in prefixes:
            family.setdefault(code[:6], []).append(code)
    for city in t.cities:
        if city.max_intensity is None:
            continue
        for code in _expand_city(city.code, family):
            by_code[code] = city.max_intensity.rank
    groups = _by_intensity(t)
    flash = t.kind is EventKind.EARTHQUAKE_INTENSITY_FLASH
    origin = t.earthquake.origin_time if t.earthquake else None
    details: dict[str, Any] = {
        "intensity": t.max_intensity.value,
        "subdivisions": groups[0][1] if groups else [],
        "by_intensity": groups,
        # 震度速報 has no origin time: it says when the shaking was observed (TargetDateTime).
        "time": jst(t.target_datetime if flash else origin),
        "time_kind": "felt" if flash else "origin",
        "epicentre": epicentre(t.earthquake),
        **magnitude(t.earthquake),
        "depth": depth(t.earthquake),
        "tsunami": tsunami_comment(t) or "unknown",
    }
    codes = {code for code, rank in by_code.items() if rank >= EARTHQUAKE_NOTICE_FROM.rank}
    return [
        Draft(
            "earthquake",
            Hazard.EARTHQUAKE,
            issue_or_update(had_notice),
            t.max_intensity.rank,
            codes,
            details,
            {c: by_code[c] for c in codes},
        )
    ]


def _hypocentre(t: EarthquakeTelegram, had_notice: bool) -> list[Draft]:
    """VXSE52 / VXSE61: to the municipalities that were told of this earthquake's shaking."""
    shaken = related_notices(t, ["VXSE51", "VXSE53"])
    told = ranks_told(shaken)
    if not told:
        return []
    revised = t.kind is EventKind.EARTHQUAKE_HYPOCENTRE_UPDATE
    tsunami = tsunami_comment(t)
    if tsunami is None:
        # The update (VXSE61) has no tsunami comment: keep what the hypocentre information said.
        earlier = related_notices(t, ["VXSE52", "VXSE61"])
        tsunami = next(
            (str(n.details["tsunami"]) for n in reversed(earlier) if n.details.get("tsunami")),
            "unknown",
        )
    details = {
        "epicentre": epicentre(t.earthquake),
        **magnitude(t.earthquake),
        "depth": depth(t.earthquake),
        "tsunami": tsunami,
    }
    return [
        Draft(
            "earthquake_revised" if revised else "earthquake_hypocentre",
            Hazard.EARTHQUAKE,
            issue_or_update(had_notice),
            max(told.values()),
            set(told),
            details,
            told,
        )
    ]


def _long_period(t: EarthquakeTelegram, had_notice: bool) -> list[Draft]:
    classes = {
        a.code: a.max_lg_intensity
        for a in t.areas
        if a.max_lg_intensity is not None and a.max_lg_intensity >= LONG_PERIOD_FROM
    }
    if not classes:
        return []
    by_code = rank_by_municipality({code: int(c) for code, c in classes.items() if c})
    if not by_code:
        return []
    top = max(by_code.values())
    strongest = [a for a in t.areas if a.code in classes and a.max_lg_intensity == top]
    details = {
        "lg_class": top,
        "subdivisions": [[a.code, a.name] for a in strongest],
        "epicentre": epicentre(t.earthquake),
        **magnitude(t.earthquake),
    }
    # Long-period shaking hurts people in tall buildings even where the seismic intensity was
    # low, so the intensity thresholds of subscriptions do not apply (no intensity_by_code).
    phase = issue_or_update(had_notice)
    return [Draft("long_period", Hazard.EARTHQUAKE, phase, top, set(by_code), details)]


# ------------------------------------------------------------------ the words


def placeholders(d: dict[str, Any], w: Words) -> dict[str, str]:
    """areas, intensity, intensities, occurred, hypocentre, epicentre, magnitude, depth,
    tsunami, lg_class."""
    values = {
        "areas": w.join(w.names("subdivision", d.get("subdivisions") or [])),
        "intensity": w.intensity(str(d.get("intensity") or "")),
        **hypocentre_words(d, w),
        "hypocentre": hypocentre_sentence(d, w),
        "tsunami": w(m.TSUNAMI_COMMENTS.get(str(d.get("tsunami")), m.TSUNAMI_COMMENTS["unknown"])),
        "intensities": w.groups(
            [
                w.fill(
                    m.INTENSITY_GROUP,
                    intensity=w.intensity(str(intensity)),
                    areas=w.join(w.names("subdivision", areas)),
                )
                for intensity, areas in _groups(d)[:MAX_GROUPS]
            ]
        ),
    }
    felt = d.get("time_kind") == "felt"
    sentence = m.QUAKE_FELT if felt else m.QUAKE_OCCURRED
    # Notices stored before times were kept have none: say nothing rather than a blank time.
    values["occurred"] = w.fill(sentence, time=w.time(d["time"])) if d.get("time") else ""
    if d.get("lg_class") in m.LONG_PERIOD_CLASSES:
        values["lg_class"] = w(m.LONG_PERIOD_CLASSES[d["lg_class"]])
    return values


def _groups(d: dict[str, Any]) -> list[list[Any]]:
    """Areas by intensity; a notice stored before they were kept has its strongest areas."""
    if d.get("by_intensity"):
        return list(d["by_intensity"])
    return (
        [[d["intensity"], d["subdivisions"]]]
        if d.get("subdivisions") and d.get("intensity")
        else []
    )


def hypocentre_words(d: dict[str, Any], w: Words) -> dict[str, str]:
    """The epicentre (JMA's name for it), magnitude and depth, each in words when unknown."""
    if d.get("epicentre"):
        code, name = d["epicentre"]
        where = w.area("epicentre", code, name)
    else:
        where = w(m.EPICENTRE_UNKNOWN)
    value = d.get("magnitude")
    if isinstance(value, int | float):
        size = f"{value:.1f}"
    else:
        size = w(m.MAGNITUDE_NOTES.get(str(d.get("magnitude_note")), m.MAGNITUDE_NOTES["unknown"]))
    return {"epicentre": where, "magnitude": size, "depth": _depth(d.get("depth"), w)}


def hypocentre_sentence(d: dict[str, Any], w: Words) -> str:
    if not d.get("epicentre"):
        return w(m.QUAKE_HYPOCENTRE_UNKNOWN)
    return w.fill(m.QUAKE_HYPOCENTRE, **hypocentre_words(d, w))


def _depth(found: dict[str, Any] | None, w: Words) -> str:
    if not found or found.get("kind") not in {"km", "shallow"}:
        return w(m.DEPTHS["unknown"])
    if found["kind"] == "shallow":
        return w(m.DEPTHS["shallow"])
    km = f"{float(found['value']):g}"
    if w.japanese:
        return f"{km}km" if not w.easy else f"{km} キロメートル"
    return w.fill(m.DEPTH_KM, km=km)
