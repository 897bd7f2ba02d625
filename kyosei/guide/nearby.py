"""Near me: where the resident lives, and the counters ranked for them.

Shared by the directory page and the JSON API so both rank alike. The resident's coordinates
are rounded to two decimals (about 1 km) before anything else touches them, and are never
stored or logged: they only order the answer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum

from django.utils.translation import gettext as _

from kyosei.alerts.areas import municipalities_of_prefecture
from kyosei.core import cldr
from kyosei.orgs.models import Organisation
from kyosei.orgs.prefectures import PREFECTURES

# Counters farther than this are not "near": by public transport it is most of a day's trip.
NEARBY_KM = 50.0
EARTH_RADIUS_KM = 6371.0088
JMA_CODE_RE = re.compile(r"^\d{7}$")


class Group(IntEnum):
    """Why a counter is listed, in ranking order."""

    MUNICIPALITY = 1
    NEARBY = 2
    PREFECTURE = 3
    NATIONWIDE = 4
    OTHER = 5


GROUP_KEYS = {
    Group.MUNICIPALITY: "municipality",
    Group.NEARBY: "nearby",
    Group.PREFECTURE: "prefecture",
    Group.NATIONWIDE: "nationwide",
    Group.OTHER: "other",
}


class BadLocation(ValueError):
    """The resident's location could not be understood; the message is for the resident."""


@dataclass(frozen=True)
class Place:
    """Where the resident is: any of a prefecture, a municipality and rounded coordinates."""

    prefecture: str = ""
    municipality: str = ""
    municipality_name: str = ""
    point: tuple[float, float] | None = None
    municipalities: list[tuple[str, str]] = field(default_factory=list)

    @property
    def given(self) -> bool:
        return bool(self.prefecture or self.municipality or self.point)


@dataclass
class Ranked:
    organisation: Organisation
    group: Group
    distance_km: float | None
    offers_language: bool


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _coordinate(raw: str, limit: float) -> float:
    try:
        value = float(raw.strip())
    except ValueError:
        raise BadLocation(_("Your location could not be read.")) from None
    if not math.isfinite(value) or not -limit <= value <= limit:
        raise BadLocation(_("Your location could not be read."))
    return round(value, 2)


def parse_point(lat: str, lon: str) -> tuple[float, float] | None:
    """Rounded (lat, lon), None when neither is given; BadLocation when they cannot be used."""
    if not lat and not lon:
        return None
    if not lat or not lon:
        raise BadLocation(_("Your location could not be read."))
    return (_coordinate(lat, 90.0), _coordinate(lon, 180.0))


def parse_place(
    *, prefecture: str, municipality: str, lat: str, lon: str, language: str
) -> tuple[Place, list[str]]:
    """The resident's place from request parameters, and messages about what was ignored.

    A municipality of another prefecture than the one chosen is dropped without a message: it
    is what the form sends when the resident has just switched prefecture.
    """
    problems: list[str] = []
    prefecture = prefecture.strip()
    municipality = municipality.strip()
    if prefecture and prefecture not in PREFECTURES:
        problems.append(_("We do not know this prefecture. Choose one from the list."))
        prefecture = ""
    if municipality and prefecture and municipality[:2] != prefecture:
        municipality = ""
    implied = not prefecture and bool(JMA_CODE_RE.match(municipality))
    if implied:
        prefecture = municipality[:2] if municipality[:2] in PREFECTURES else ""
    choices = municipalities_of_prefecture(prefecture, language) if prefecture else []
    name = ""
    if municipality:
        name = dict(choices).get(municipality, "")
        if not name:
            problems.append(_("We do not know this municipality. Choose one from the list."))
            municipality = ""
            if implied:
                prefecture, choices = "", []
    point = None
    try:
        point = parse_point(lat.strip(), lon.strip())
    except BadLocation as exc:
        problems.append(str(exc))
    place = Place(
        prefecture=prefecture,
        municipality=municipality,
        municipality_name=name,
        point=point,
        municipalities=choices,
    )
    return place, problems


def _serves(codes: Iterable[str], municipality: str) -> bool:
    # JMA splits some cities into areas (浜松市 2213000 → 南部 2213001, 北部 2213002): a counter
    # for the whole city serves each part, and one for a part answers a resident of the city.
    for code in codes:
        if code == municipality:
            return True
        if code[:5] == municipality[:5] and "00" in (code[5:], municipality[5:]):
            return True
    return False


def rank(
    organisations: Iterable[Organisation],
    place: Place,
    language: str,
) -> list[Ranked]:
    """Counters for the place: serving the municipality, then near (closest first), then the
    same prefecture, then nationwide services; within each group those offering `language`
    first. Without a place every counter is listed (language first); with one, counters that
    fit none of the groups are left out. Pass `public_directory()`: it prefetches the areas."""
    out = []
    for org in organisations:
        distance = (
            haversine_km(place.point, org.coordinates) if place.point and org.coordinates else None
        )
        if not place.given:
            group = Group.OTHER
        elif place.municipality and _serves([a.code for a in org.areas.all()], place.municipality):
            group = Group.MUNICIPALITY
        elif distance is not None and distance <= NEARBY_KM:
            group = Group.NEARBY
        elif (
            place.prefecture
            and org.prefecture == place.prefecture
            and org.kind != Organisation.Kind.NATIONAL_CENTRE
        ):
            group = Group.PREFECTURE
        elif org.kind == Organisation.Kind.NATIONAL_CENTRE:
            group = Group.NATIONWIDE
        else:
            continue
        offers = language in (org.languages_offered or [])
        out.append(Ranked(org, group, distance, offers))
    # Stable: ties keep the caller's order (prefecture, then name).
    out.sort(
        key=lambda r: (
            r.group,
            not r.offers_language,
            r.distance_km if r.distance_km is not None else math.inf,
        )
    )
    return out


def distance_label(km: float) -> str:
    """ "About 2.3 km away" in the reader's language and number format."""
    places = 1 if km < 10 else 0
    shown = cldr.number(round(km, places))
    return _("About %(distance)s km away") % {"distance": shown}


def reasons(item: Ranked) -> list[str]:
    """Why this counter is listed, for the resident; each entry is a whole phrase."""
    out = []
    if item.group == Group.MUNICIPALITY:
        out.append(_("Serves your municipality"))
    elif item.group == Group.PREFECTURE:
        out.append(_("In your prefecture"))
    elif item.group == Group.NATIONWIDE:
        out.append(_("Phone and online, nationwide"))
    if item.distance_km is not None:
        out.append(distance_label(item.distance_km))
    return out


def municipalities_near(point: tuple[float, float]) -> list[str]:
    """The JMA codes served by the nearest counter within NEARBY_KM of `point`, for pickers
    that need a municipality (the alerts sign-up): Kyosei knows where counters are, not the
    outline of every municipality, so this proposes; the resident confirms."""
    from kyosei.orgs.access import public_directory

    near = [
        item
        for item in rank(public_directory(), Place(point=point), "")
        if item.group == Group.NEARBY and item.organisation.areas.all()
    ]
    if not near:
        return []
    return [area.code for area in near[0].organisation.areas.all()]


def matching_names(
    query: str, choices: list[tuple[str, str]], japanese: dict[str, str]
) -> list[str]:
    """Codes whose name (in the reader's script or in Japanese) contains `query`, ignoring
    case, width and spaces: residents type "hamamatsu", "浜松" or "Hamamatsu-shi"."""
    from kyosei.guide.search import normalise

    wanted = normalise(query).replace(" ", "").replace("-", "")
    if not wanted:
        return []
    out = []
    for code, label in choices:
        names = f"{label} {japanese.get(code, '')}"
        if wanted in normalise(names).replace(" ", "").replace("-", "") or wanted == code:
            out.append(code)
    return out


@dataclass(frozen=True)
class Finder:
    """Municipalities a resident looked for, to tick on a form for them to confirm."""

    query: str
    located: bool
    codes: list[str]
    names: list[str]
    problems: list[str]


def find_municipalities(params: Mapping[str, str], choices: list[tuple[str, str]]) -> Finder:
    """By name (?place=, any script or Japanese) or location (?lat=&lon=, rounded, never
    stored), among `choices` (code, name in the reader's language)."""
    from kyosei.orgs.models import MunicipalityCode

    query = params.get("place", "").strip()[:50]
    problems: list[str] = []
    codes: list[str] = []
    located = False
    try:
        point = parse_point(params.get("lat", "").strip(), params.get("lon", "").strip())
    except BadLocation as exc:
        point, problems = None, [str(exc)]
    if point is not None:
        located = True
        codes = municipalities_near(point)
    elif query:
        japanese = dict(MunicipalityCode.objects.values_list("code", "name"))
        codes = matching_names(query, choices, japanese)
    known = dict(choices)
    codes = list(dict.fromkeys(c for c in codes if c in known))
    if (query or located) and not codes and not problems:
        problems.append(_("No municipality was found. Choose yours from the list below."))
    return Finder(query, located, codes, [known[c] for c in codes], problems)
