"""What every hazard module shares: the draft of a notice, Japan time, the notices an event
already produced, and `Words`, which says things in one language from the catalogs."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.functional import Promise

import jmaparse
from kyosei.alerts import messages as m
from kyosei.alerts.areas import area_name
from kyosei.alerts.events import covered_events
from kyosei.alerts.models import Area, Notice, Phase
from kyosei.core.languages import registry

log = logging.getLogger(__name__)

JST = ZoneInfo("Asia/Tokyo")
EASY = "ja-x-easy"


@dataclass
class Draft:
    """A notice before it is saved."""

    family: str  # template family: tsunami_warning, earthquake, ...
    hazard: str
    phase: str
    severity: int
    codes: set[str]
    details: dict[str, Any]
    intensity_by_code: dict[str, int] = field(default_factory=dict)


def jst(value: datetime | None) -> str | None:
    return value.astimezone(JST).isoformat() if value else None


def issue_or_update(had_notice: bool) -> str:
    return Phase.UPDATE if had_notice else Phase.ISSUE


# ------------------------------------------------------------------ what an event already said


def related_notices(t: jmaparse.TelegramBase, type_codes: Iterable[str]) -> list[Notice]:
    """Live notices of the events of `type_codes` that this telegram's EventID covers (each of
    a merged EventID's; a drill only ever sees drills), oldest first."""
    events = covered_events(t.event_id, status=t.status.value, type_codes=list(type_codes))
    if not events:
        return []
    return list(
        Notice.objects.filter(event__in=events, event__is_cancelled=False)
        .exclude(phase=Phase.CANCELLATION)
        .order_by("created_at", "pk")
    )


def ranks_told(notices: Iterable[Notice]) -> dict[str, int]:
    """Municipality → the strongest intensity rank it was told, over `notices`."""
    told: dict[str, int] = {}
    for notice in notices:
        by_code = notice.intensity_by_code or {}
        for code in notice.codes:
            rank = int(by_code.get(code, notice.severity))
            told[code] = max(told.get(code, -1), rank)
    return told


def rank_by_municipality(rank_by_subdivision: dict[str, int]) -> dict[str, int]:
    found: dict[str, int] = {}
    for code, sub in Area.objects.filter(
        kind=Area.Kind.MUNICIPALITY, subdivision_code__in=list(rank_by_subdivision)
    ).values_list("code", "subdivision_code"):
        found[code] = rank_by_subdivision[sub]
    return found


def subdivisions_of(codes: Iterable[str]) -> dict[str, str]:
    return dict(
        Area.objects.filter(kind=Area.Kind.MUNICIPALITY, code__in=list(codes)).values_list(
            "code", "subdivision_code"
        )
    )


def pairs(areas: Iterable[Any]) -> list[list[str]]:
    return [[a.code, a.name] for a in areas]


# ------------------------------------------------------------------ the hypocentre, said once


def epicentre(earthquake: jmaparse.Earthquake | None) -> list[str] | None:
    if earthquake is None or earthquake.hypocentre is None:
        return None
    return [earthquake.hypocentre.area.code, earthquake.hypocentre.area.name]


def magnitude(earthquake: jmaparse.Earthquake | None) -> dict[str, Any]:
    """The magnitude, and why it is missing when it is (M8 を超える巨大地震, 不明)."""
    found = earthquake.magnitude if earthquake else None
    if found is not None and found.value is not None:
        return {"magnitude": found.value}
    description = (found.description or "") if found else ""
    over8 = "８を超える" in description or "8を超える" in description
    return {"magnitude": None, "magnitude_note": "over8" if over8 else "unknown"}


def depth(earthquake: jmaparse.Earthquake | None) -> dict[str, Any] | None:
    coordinate = earthquake.hypocentre.coordinate if earthquake and earthquake.hypocentre else None
    if coordinate is None:
        return None
    if "ごく浅い" in (coordinate.description or ""):
        return {"kind": "shallow"}
    if coordinate.depth_km is None:
        return None
    return {"kind": "km", "value": coordinate.depth_km}


# ------------------------------------------------------------------ saying it in one language


def _english(promise: Promise) -> str:
    with translation.override("en"):
        return str(promise)


class Words:
    """Texts in one language, from its catalog, else along its fallback chain (a language added
    later speaks at once, in its fallback). Japanese and Plain Japanese are catalogs like any
    other; only how numbers and times are written differs for them."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.chain = registry().fallback_chain(language) or [language, "en"]
        self.easy = language.lower() == EASY
        self.japanese = language.split("-")[0].lower() == "ja"

    def translated(self, promise: Promise) -> tuple[str, str]:
        """The text and the language it is in (English last)."""
        source = _english(promise)
        for code in self.chain:
            with translation.override(code):
                text = str(promise)
            if text != source or code.split("-")[0].lower() == "en":
                return text, code
        return source, "en"

    def __call__(self, promise: Promise) -> str:
        return self.translated(promise)[0]

    def fill(self, promise: Promise, **values: str) -> str:
        """A whole translated sentence with its own placeholders (never a glued fragment)."""
        text = self(promise)
        try:
            return text % values
        except (KeyError, TypeError, ValueError) as exc:  # a broken translation: still say it
            log.error("alerts: %r does not format: %s", text, exc)
            return _english(promise) % values

    def area(self, kind: str, code: str, fallback: str = "") -> str:
        return area_name(kind, code, self.language, fallback=fallback)

    def names(self, kind: str, found: list[list[str]]) -> list[str]:
        return [self.area(kind, code, name) for code, name in found]

    def join(self, names: list[str], total: int | None = None) -> str:
        """Up to three names, and how many more there are. A name may itself contain a comma
        (Nepali, English), so names are joined with the language's own list separator."""
        names = [n for n in names if n]
        total = max(total or 0, len(names))
        separator = self(m.LIST_SEPARATOR)
        if separator.strip() and any(separator.strip() in name for name in names[:3]):
            separator = "; "  # "Nanyo, Ehime Prefecture; Western Kochi Prefecture"
        shown = separator.join(names[:3])
        if total > min(3, len(names)):
            return self.fill(m.AND_MORE, list=shown, count=str(total - min(3, len(names))))
        return shown

    def groups(self, lines: list[str]) -> str:
        return self(m.GROUP_SEPARATOR).join(lines)

    def time(self, value: str | None, *, seconds: bool = False) -> str:
        """A Japan time (JMA's times are JST; residents and staff read them as such)."""
        if not value:
            return self(m.HEIGHTS["unknown"])
        when = datetime.fromisoformat(value).astimezone(JST)
        second = f"{when.second:02d}" if seconds else ""
        if self.easy:
            return f"{when.hour}じ {when.minute}ふん" + (f" {when.second}びょう" if seconds else "")
        if self.japanese:
            shown = f"{when.day}日{when.hour}時{when.minute:02d}分"
            return shown + (f"{second}秒" if seconds else "")
        return self.fill(m.JST_TIME, time=f"{when:%H:%M}" + (f":{second}" if seconds else ""))

    def intensity(self, raw: str) -> str:
        found = m.INTENSITIES.get(raw)
        return self(found) if found is not None else raw

    def metres(self, height: dict[str, Any]) -> str:
        value = f"{float(height['value']):g}"
        if self.japanese:
            return f"{value}m" + ("超" if height.get("over") else "")
        return f"> {value} m" if height.get("over") else f"{value} m"
