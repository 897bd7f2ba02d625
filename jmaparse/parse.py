"""Parse JMA disaster-information XML (防災情報XML) telegrams into typed events."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element  # noqa: S405 - used as a type only; parsing is defused

from ._xml import load_root
from .errors import InvalidTelegram, JmaParseError, OutOfRange, UnsupportedTelegram
from .model import (
    Area,
    AreaIntensity,
    CityIntensity,
    Comment,
    Coordinate,
    Earthquake,
    EarthquakeTelegram,
    EewArea,
    EewTelegram,
    EventKind,
    HeadlineInformation,
    HeadlineItem,
    Hypocentre,
    IgnoredTelegram,
    InfoType,
    Intensity,
    IntensityStation,
    KindRef,
    Magnitude,
    PrefectureIntensity,
    SeismicAdvisoryTelegram,
    Significancy,
    Status,
    Telegram,
    TextTelegram,
    TimelineEntry,
    TimelineItem,
    TimelineSlot,
    TsunamiCategory,
    TsunamiEstimationArea,
    TsunamiForecastArea,
    TsunamiHeight,
    TsunamiObservationArea,
    TsunamiStation,
    TsunamiTelegram,
    VolcanoBlock,
    VolcanoItem,
    VolcanoTelegram,
    WarningBlock,
    WarningItem,
    WarningKind,
    WarningSeverity,
    WarningStatus,
    WarningTimelineTelegram,
    WeatherWarningTelegram,
    level_from_text,
)

__all__ = [
    "IGNORED_TYPES",
    "MAX_SERIAL",
    "SUPPORTED_TYPES",
    "YEARS",
    "parse",
    "parse_file",
    "sort_telegrams",
]

#: Largest Head/Serial accepted (a signed 32-bit integer, what databases store it in). JMA's
#: serials count the reports of one event and stay in the hundreds.
MAX_SERIAL = 2**31 - 1
#: Years (in UTC) a telegram's datetimes may fall in; JMA's oldest official samples are from
#: 2011. Outside them a datetime cannot be converted or compared safely.
YEARS = range(1900, 3000)

NS_REPORT = "http://xml.kishou.go.jp/jmaxml1/"
NS_HEAD = "http://xml.kishou.go.jp/jmaxml1/informationBasis1/"
NS_BODY_PREFIX = "http://xml.kishou.go.jp/jmaxml1/body/"

# --------------------------------------------------------------------------------------------
# Small element helpers (namespace-agnostic on the local name; all direct-child lookups)
# --------------------------------------------------------------------------------------------


def _ns(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(el: Element | None, name: str) -> Element | None:
    if el is None:
        return None
    return el.find("{*}" + name)


def _children(el: Element | None, name: str) -> list[Element]:
    if el is None:
        return []
    return el.findall("{*}" + name)


def _path(el: Element | None, *names: str) -> Element | None:
    for n in names:
        el = _child(el, n)
        if el is None:
            return None
    return el


def _strip(text: str | None) -> str | None:
    if text is None:
        return None
    t = text.strip()
    return t or None


def _text(el: Element | None, name: str | None = None) -> str | None:
    node = el if name is None else _child(el, name)
    if node is None:
        return None
    return _strip(node.text)


def _dt(text: str | None, what: str) -> datetime | None:
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidTelegram(f"{what}: not an ISO 8601 datetime: {text!r}") from None
    if value.tzinfo is None:
        raise InvalidTelegram(f"{what}: datetime without UTC offset: {text!r}")
    try:
        year = value.astimezone(UTC).year
    except OverflowError:
        year = value.year
    if year not in YEARS or value.year not in YEARS:
        raise OutOfRange(f"{what}: outside the years {YEARS.start}-{YEARS.stop - 1}: {text!r}")
    return value


def _req_dt(el: Element | None, name: str, what: str) -> datetime:
    value = _dt(_text(el, name), what)
    if value is None:
        raise InvalidTelegram(f"missing required element {what}")
    return value


def _area(el: Element | None) -> Area:
    return Area(code=_text(el, "Code") or "", name=_text(el, "Name") or "")


def _float(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    if math.isnan(value):
        return None
    if math.isinf(value):
        raise OutOfRange(f"not a finite number: {text[:40]!r}")
    return value


# --------------------------------------------------------------------------------------------
# Header
# --------------------------------------------------------------------------------------------


def _headline_information(headline: Element | None) -> tuple[HeadlineInformation, ...]:
    infos = []
    for info in _children(headline, "Information"):
        items = []
        for item in _children(info, "Item"):
            kinds = tuple(
                KindRef(
                    name=_text(k, "Name") or "",
                    code=_text(k, "Code"),
                    condition=_text(k, "Condition"),
                )
                for k in _children(item, "Kind")
            )
            areas_el = _child(item, "Areas")
            areas = tuple(_area(a) for a in _children(areas_el, "Area"))
            code_type = areas_el.get("codeType") if areas_el is not None else None
            items.append(HeadlineItem(kinds=kinds, areas=areas, areas_code_type=code_type))
        infos.append(HeadlineInformation(type=info.get("type", ""), items=tuple(items)))
    return tuple(infos)


def _enum_status(text: str | None) -> Status:
    try:
        return Status(text)
    except ValueError:
        raise InvalidTelegram(f"unknown Control/Status: {text!r}") from None


def _enum_info_type(text: str | None) -> InfoType:
    try:
        return InfoType(text)
    except ValueError:
        raise InvalidTelegram(f"unknown Head/InfoType: {text!r}") from None


def _serial(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        value = int(text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    except ValueError:
        raise InvalidTelegram(f"Head/Serial is not an integer: {text[:40]!r}") from None
    if not 0 <= value <= MAX_SERIAL:
        raise OutOfRange(f"Head/Serial outside 0-{MAX_SERIAL}: {text[:40]!r}")
    return value


def _header(control: Element, head: Element, body: Element) -> dict[str, Any]:
    """Keyword arguments shared by every telegram class."""
    control_dt = _req_dt(control, "DateTime", "Control/DateTime").astimezone(UTC)
    headline = _child(head, "Headline")
    return {
        "control_title": _text(control, "Title") or "",
        "control_datetime": control_dt,
        "status": _enum_status(_text(control, "Status")),
        "editorial_office": _text(control, "EditorialOffice") or "",
        "publishing_office": _text(control, "PublishingOffice") or "",
        "title": _text(head, "Title") or "",
        "report_datetime": _req_dt(head, "ReportDateTime", "Head/ReportDateTime"),
        "target_datetime": _dt(_text(head, "TargetDateTime"), "Head/TargetDateTime"),
        "valid_datetime": _dt(_text(head, "ValidDateTime"), "Head/ValidDateTime"),
        "event_id": _text(head, "EventID"),
        "info_type": _enum_info_type(_text(head, "InfoType")),
        "serial": _serial(_text(head, "Serial")),
        "info_kind": _text(head, "InfoKind") or "",
        "info_kind_version": _text(head, "InfoKindVersion"),
        "headline_text": _text(headline, "Text") or "",
        "headline_information": _headline_information(headline),
        "body_text": _text(body, "Text"),
    }


# --------------------------------------------------------------------------------------------
# Seismology
# --------------------------------------------------------------------------------------------

_ISO6709 = re.compile(r"^([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)?/?$")


def _angle(text: str, degree_digits: int) -> float:
    sign = -1.0 if text[0] == "-" else 1.0
    body = text[1:]
    int_part, _, frac = body.partition(".")
    n = len(int_part)
    frac_v = float("0." + frac) if frac else 0.0
    if n <= degree_digits:  # degrees
        return sign * (int(int_part) + frac_v)
    if n == degree_digits + 2:  # degrees + minutes
        return sign * (int(int_part[:-2]) + (int(int_part[-2:]) + frac_v) / 60)
    # degrees + minutes + seconds
    return sign * (
        int(int_part[:-4]) + int(int_part[-4:-2]) / 60 + (int(int_part[-2:]) + frac_v) / 3600
    )


def _coordinate(el: Element | None) -> Coordinate | None:
    if el is None:
        return None
    raw = (el.text or "").strip()
    m = _ISO6709.match(raw)
    lat = lon = depth = height = None
    if m is not None:
        try:
            lat = _angle(m.group(1), 2)
            lon = _angle(m.group(2), 3)
        except (ValueError, OverflowError):  # an unusual digit count: keep raw/description
            lat = lon = None
        if lat is None or lon is None or abs(lat) > 90 or abs(lon) > 180:
            lat = lon = None
        if m.group(3) is not None:
            z = _float(m.group(3)) or 0.0
            if z <= 0:
                depth = -z / 1000.0
            else:
                height = z
    return Coordinate(
        latitude=lat,
        longitude=lon,
        depth_km=depth,
        height_m=height,
        description=el.get("description"),
        raw=raw,
    )


def _magnitude(el: Element | None) -> Magnitude | None:
    if el is None:
        return None
    condition = el.get("condition")
    value = _float(_strip(el.text))
    if condition and "不明" in condition:
        value = None
    return Magnitude(
        value=value, type=el.get("type"), description=el.get("description"), condition=condition
    )


def _earthquake(el: Element | None) -> Earthquake | None:
    if el is None:
        return None
    hyp_el = _child(el, "Hypocenter")
    hypocentre = None
    area_el = _child(hyp_el, "Area")
    if area_el is not None:
        coords = _children(area_el, "Coordinate")
        primary = next((c for c in coords if c.get("type") is None), coords[0] if coords else None)
        detailed = (
            Area(_text(area_el, "DetailedCode") or "", _text(area_el, "DetailedName") or "")
            if _child(area_el, "DetailedName") is not None
            else None
        )
        reduced = (
            Area(_text(area_el, "ReduceCode") or "", _text(area_el, "ReduceName") or "")
            if _child(area_el, "ReduceName") is not None
            else None
        )
        hypocentre = Hypocentre(
            area=_area(area_el),
            coordinate=_coordinate(primary),
            detailed=detailed,
            source=_text(hyp_el, "Source"),
            reduced=reduced,
            land_or_sea=_text(area_el, "LandOrSea"),
            name_from_mark=_text(area_el, "NameFromMark"),
        )
    return Earthquake(
        origin_time=_dt(_text(el, "OriginTime"), "Earthquake/OriginTime"),
        arrival_time=_dt(_text(el, "ArrivalTime"), "Earthquake/ArrivalTime"),
        hypocentre=hypocentre,
        magnitude=_magnitude(_child(el, "Magnitude")),
    )


def _comments(body: Element) -> tuple[Comment, ...]:
    out: list[Comment] = []
    comments = _child(body, "Comments")
    if comments is None:
        return ()
    for c in comments:
        name = _local(c.tag)
        if name == "URI":
            continue
        if len(c) == 0:
            text = _strip(c.text) or ""
            codes: tuple[str, ...] = ()
        else:
            text = _text(c, "Text") or ""
            codes = tuple((_text(c, "Code") or "").split())
        out.append(Comment(kind=name, text=text, codes=codes))
    return tuple(out)


def _lg(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        return None
    return value if 0 <= value <= 4 else None  # long-period ground motion classes 0-4


def _intensity_observation(obs: Element | None) -> tuple[PrefectureIntensity, ...]:
    prefs = []
    for p in _children(obs, "Pref"):
        areas = []
        for a in _children(p, "Area"):
            cities = []
            for c in _children(a, "City"):
                stations = tuple(
                    IntensityStation(
                        code=_text(s, "Code") or "",
                        name=_text(s, "Name") or "",
                        intensity=Intensity.from_jma(_text(s, "Int")),
                        condition=(
                            _text(s, "Int") if Intensity.from_jma(_text(s, "Int")) is None else None
                        ),
                        lg_intensity=_lg(_text(s, "LgInt")),
                    )
                    for s in _children(c, "IntensityStation")
                )
                cities.append(
                    CityIntensity(
                        code=_text(c, "Code") or "",
                        name=_text(c, "Name") or "",
                        max_intensity=Intensity.from_jma(_text(c, "MaxInt")),
                        condition=_text(c, "Condition"),
                        stations=stations,
                    )
                )
            areas.append(
                AreaIntensity(
                    code=_text(a, "Code") or "",
                    name=_text(a, "Name") or "",
                    max_intensity=Intensity.from_jma(_text(a, "MaxInt")),
                    max_lg_intensity=_lg(_text(a, "MaxLgInt")),
                    cities=tuple(cities),
                )
            )
        prefs.append(
            PrefectureIntensity(
                code=_text(p, "Code") or "",
                name=_text(p, "Name") or "",
                max_intensity=Intensity.from_jma(_text(p, "MaxInt")),
                max_lg_intensity=_lg(_text(p, "MaxLgInt")),
                areas=tuple(areas),
            )
        )
    return tuple(prefs)


def _parse_earthquake(kind: EventKind, hdr: dict[str, Any], body: Element) -> Telegram:
    obs = _path(body, "Intensity", "Observation")
    return EarthquakeTelegram(
        **hdr,
        kind=kind,
        earthquake=_earthquake(_child(body, "Earthquake")),
        max_intensity=Intensity.from_jma(_text(obs, "MaxInt")),
        max_lg_intensity=_lg(_text(obs, "MaxLgInt")),
        prefectures=_intensity_observation(obs),
        comments=_comments(body),
    )


def _forecast_range(el: Element | None) -> tuple[Intensity | None, Intensity | None, bool]:
    to_text = _text(el, "To")
    return (
        Intensity.from_jma(_text(el, "From")),
        Intensity.from_jma(to_text),
        to_text == "over",
    )


def _parse_eew(kind: EventKind, hdr: dict[str, Any], body: Element) -> Telegram:
    forecast = _path(body, "Intensity", "Forecast")
    lo, hi, over = _forecast_range(_child(forecast, "ForecastInt"))
    areas = []
    for pref in _children(forecast, "Pref"):
        for a in _children(pref, "Area"):
            cat = _path(a, "Category", "Kind")
            code = _text(cat, "Code")
            a_lo, a_hi, a_over = _forecast_range(_child(a, "ForecastInt"))
            lg = _child(a, "ForecastLgInt")
            areas.append(
                EewArea(
                    code=_text(a, "Code") or "",
                    name=_text(a, "Name") or "",
                    pref_code=_text(pref, "Code") or "",
                    pref_name=_text(pref, "Name") or "",
                    is_warning=code is not None and code.startswith("1"),
                    category_code=code,
                    category_name=_text(cat, "Name"),
                    intensity_from=a_lo,
                    intensity_to=a_hi,
                    to_over=a_over,
                    lg_from=_text(lg, "From"),
                    lg_to=_text(lg, "To"),
                    arrival_time=_dt(_text(a, "ArrivalTime"), "Area/ArrivalTime"),
                    condition=_text(a, "Condition"),
                )
            )
    return EewTelegram(
        **hdr,
        kind=kind,
        earthquake=_earthquake(_child(body, "Earthquake")),
        intensity_from=lo,
        intensity_to=hi,
        to_over=over,
        areas=tuple(areas),
        is_final="最終報" in (_text(body, "NextAdvisory") or ""),
        comments=_comments(body),
    )


# --------------------------------------------------------------------------------------------
# Tsunami
# --------------------------------------------------------------------------------------------


def _tsunami_height(parent: Element | None) -> TsunamiHeight | None:
    el = _child(parent, "TsunamiHeight")
    if el is None:
        return None
    description = el.get("description")
    return TsunamiHeight(
        value=_float(_strip(el.text)),
        description=description,
        condition=el.get("condition"),
        over="超" in (description or "") or el.get("condition") == "以上",
    )


def _tsunami_category(code: str | None, what: str) -> TsunamiCategory:
    try:
        return TsunamiCategory(code)
    except ValueError:
        raise InvalidTelegram(f"unknown tsunami category code in {what}: {code!r}") from None


def _tsunami_station(s: Element) -> TsunamiStation:
    first = _child(s, "FirstHeight")
    max_el = _child(s, "MaxHeight")
    return TsunamiStation(
        code=_text(s, "Code") or "",
        name=_text(s, "Name") or "",
        high_tide_time=_dt(_text(s, "HighTideDateTime"), "Station/HighTideDateTime"),
        first_arrival_time=_dt(_text(first, "ArrivalTime"), "Station/FirstHeight/ArrivalTime"),
        first_arrival_condition=_text(first, "Condition"),
        initial=_text(first, "Initial"),
        max_height=_tsunami_height(max_el),
        max_height_time=_dt(_text(max_el, "DateTime"), "Station/MaxHeight/DateTime"),
        max_height_condition=_text(max_el, "Condition"),
    )


def _parse_tsunami(kind: EventKind, hdr: dict[str, Any], body: Element) -> Telegram:
    tsunami = _child(body, "Tsunami")
    forecasts = []
    for item in _children(_child(tsunami, "Forecast"), "Item"):
        kind_el = _path(item, "Category", "Kind")
        last_el = _path(item, "Category", "LastKind")
        first = _child(item, "FirstHeight")
        max_el = _child(item, "MaxHeight")
        forecasts.append(
            TsunamiForecastArea(
                area=_area(_child(item, "Area")),
                category=_tsunami_category(_text(kind_el, "Code"), "Category/Kind"),
                category_name=_text(kind_el, "Name") or "",
                last_category=(
                    _tsunami_category(_text(last_el, "Code"), "Category/LastKind")
                    if last_el is not None
                    else None
                ),
                first_arrival_time=_dt(_text(first, "ArrivalTime"), "FirstHeight/ArrivalTime"),
                first_arrival_condition=_text(first, "Condition"),
                max_height=_tsunami_height(max_el),
                max_height_condition=_text(max_el, "Condition"),
                stations=tuple(_tsunami_station(s) for s in _children(item, "Station")),
            )
        )
    observations = tuple(
        TsunamiObservationArea(
            area=_area(_child(item, "Area")),
            stations=tuple(_tsunami_station(s) for s in _children(item, "Station")),
        )
        for item in _children(_child(tsunami, "Observation"), "Item")
    )
    estimations = []
    for item in _children(_child(tsunami, "Estimation"), "Item"):
        first = _child(item, "FirstHeight")
        max_el = _child(item, "MaxHeight")
        estimations.append(
            TsunamiEstimationArea(
                area=_area(_child(item, "Area")),
                first_arrival_time=_dt(_text(first, "ArrivalTime"), "FirstHeight/ArrivalTime"),
                first_arrival_condition=_text(first, "Condition"),
                max_height=_tsunami_height(max_el),
                max_height_time=_dt(_text(max_el, "DateTime"), "MaxHeight/DateTime"),
                max_height_condition=_text(max_el, "Condition"),
            )
        )
    earthquakes = tuple(
        eq for eq in (_earthquake(e) for e in _children(body, "Earthquake")) if eq is not None
    )
    return TsunamiTelegram(
        **hdr,
        kind=kind,
        forecasts=tuple(forecasts),
        observations=observations,
        estimations=tuple(estimations),
        earthquakes=earthquakes,
        comments=_comments(body),
    )


# --------------------------------------------------------------------------------------------
# Meteorology: warnings and alerts
# --------------------------------------------------------------------------------------------

# Warning codes (WeatherWarning table) that are level-coded in the R06 system.
_LEVEL_BY_WARNING_CODE = {
    "3": 3,  # (レベル３)大雨警報
    "8": 3,  # (レベル３)高潮警報
    "9": 3,  # レベル３土砂災害警報
    "10": 2,  # (レベル２)大雨注意報
    "19": 2,  # (レベル２)高潮注意報
    "29": 2,  # レベル２土砂災害注意報
    "33": 5,  # (レベル５)大雨特別警報
    "38": 5,  # (レベル５)高潮特別警報
    "39": 5,  # レベル５土砂災害特別警報
    "43": 4,  # レベル４大雨危険警報
    "48": 4,  # レベル４高潮危険警報
    "49": 4,  # レベル４土砂災害危険警報
}


def _significancies(kind_el: Element) -> tuple[Significancy, ...]:
    out = []
    for prop in _children(kind_el, "Property"):
        for s in _children(_path(prop, "SignificancyPart", "Base"), "Significancy"):
            name = _text(s, "Name") or ""
            out.append(
                Significancy(
                    type=s.get("type", ""),
                    name=name,
                    code=_text(s, "Code"),
                    level=level_from_text(name),
                )
            )
    return tuple(out)


def _warning_kind(k: Element, event_kind: EventKind) -> WarningKind:
    name = _text(k, "Name")
    code = _text(k, "Code")
    status_raw = _text(k, "Status") or ""
    level = level_from_text(name)
    if level is None and code is not None and event_kind in _LEVEL_CODED:
        level = _LEVEL_BY_WARNING_CODE.get(code.lstrip("0") or "0")
    if event_kind is EventKind.LANDSLIDE_ALERT and code == "3":
        level = 4  # 土砂災害警戒情報 is 警戒レベル４相当
    notes: list[str] = []
    for container in ("Attention", "Addition", "WarningNotice"):
        for c in _children(k, container):
            notes.extend(t for t in (_text(n) for n in _children(c, "Note")) if t)
    last = _child(k, "LastKind")
    return WarningKind(
        name=name,
        code=code,
        status=WarningStatus.from_jma(status_raw),
        status_raw=status_raw,
        severity=WarningSeverity.from_name(name),
        level=level,
        last_kind_name=_text(last, "Name"),
        last_kind_code=_text(last, "Code"),
        condition=_text(k, "Condition"),
        notes=tuple(notes),
        significancies=_significancies(k),
    )


# Only the R06 (level) format defines levels by kind; the older VPWW53/54 kinds map to 警戒レベル
# only approximately (e.g. 高潮警報 was 警戒レベル４相当), so no level is invented for them.
_LEVEL_CODED = {EventKind.WEATHER_WARNING_LEVEL}


def _parse_warning(kind: EventKind, hdr: dict[str, Any], body: Element) -> Telegram:
    blocks = []
    for w in _children(body, "Warning"):
        items = tuple(
            WarningItem(
                area=_area(_child(item, "Area")),
                kinds=tuple(_warning_kind(k, kind) for k in _children(item, "Kind")),
                change_status=_text(item, "ChangeStatus"),
                full_status=_text(item, "FullStatus"),
            )
            for item in _children(w, "Item")
        )
        blocks.append(WarningBlock(type=w.get("type", ""), items=items))
    target = _child(body, "TargetArea")
    return WeatherWarningTelegram(
        **hdr,
        kind=kind,
        blocks=tuple(blocks),
        target_area=_area(target) if target is not None else None,
    )


def _parse_notice(kind: EventKind, hdr: dict[str, Any], body: Element) -> Telegram:
    """VPNO50: the body is empty; the content is in Head/Headline/Information."""
    infos: tuple[HeadlineInformation, ...] = hdr["headline_information"]
    blocks = []
    for info in infos:
        items: list[WarningItem] = []
        for item in info.items:
            kinds = tuple(
                WarningKind(
                    name=k.name,
                    code=k.code,
                    status=WarningStatus.ISSUED,
                    status_raw="",
                    severity=WarningSeverity.from_name(k.name),
                    level=level_from_text(k.name),
                    condition=k.condition,
                )
                for k in item.kinds
            )
            items.extend(WarningItem(area=a, kinds=kinds) for a in item.areas)
        blocks.append(WarningBlock(type=info.type, items=tuple(items)))
    return WeatherWarningTelegram(**hdr, kind=kind, blocks=tuple(blocks))


_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$")


def _duration(text: str | None) -> timedelta | None:
    if not text:
        return None
    m = _DURATION.match(text)
    if m is None:
        return None
    d, h, mi = (int(g) if g else 0 for g in m.groups())
    try:
        return timedelta(days=d, hours=h, minutes=mi)
    except OverflowError:
        return None


def _parse_timeline(kind: EventKind, hdr: dict[str, Any], body: Element) -> Telegram:
    items = []
    info_types = []
    for infos in _children(body, "MeteorologicalInfos"):
        info_types.append(infos.get("type", ""))
        for ts in _children(infos, "TimeSeriesInfo"):
            slot_list: list[TimelineSlot] = []
            for td in _children(_child(ts, "TimeDefines"), "TimeDefine"):
                start = _dt(_text(td, "DateTime"), "TimeDefine/DateTime")
                if start is None:
                    raise InvalidTelegram("TimeDefine without DateTime")
                slot_list.append(
                    TimelineSlot(
                        time_id=td.get("timeId", ""),
                        start=start,
                        duration=_duration(_text(td, "Duration")),
                        name=_text(td, "Name") or "",
                    )
                )
            slots = {s.time_id: s for s in slot_list}
            # Some producers (even an official sample) repeat a timeId; then refIDs are
            # ambiguous and we fall back to document order, which is what they intend.
            by_position = len(slots) != len(slot_list)
            for item in _children(ts, "Item"):
                area = _area(_child(item, "Area"))
                for k in _children(item, "Kind"):
                    for prop in _children(k, "Property"):
                        base = _path(prop, "SignificancyPart", "Base")
                        if base is None:
                            continue
                        groups = [(None, base)] + [
                            (_text(local, "AreaName"), local) for local in _children(base, "Local")
                        ]
                        for sub_area, container in groups:
                            entries = []
                            for pos, s in enumerate(_children(container, "Significancy")):
                                if by_position:
                                    slot = slot_list[pos] if pos < len(slot_list) else None
                                else:
                                    slot = slots.get(s.get("refID", ""))
                                if slot is None:
                                    raise InvalidTelegram("Significancy refers to unknown timeId")
                                name = _text(s, "Name") or ""
                                entries.append(
                                    TimelineEntry(
                                        slot=slot,
                                        significancy=Significancy(
                                            type=s.get("type", ""),
                                            name=name,
                                            code=_text(s, "Code"),
                                            level=level_from_text(name),
                                        ),
                                    )
                                )
                            if entries:
                                items.append(
                                    TimelineItem(
                                        area=area,
                                        property_type=_text(prop, "Type") or "",
                                        status=_text(k, "Status"),
                                        entries=tuple(entries),
                                        sub_area=sub_area,
                                    )
                                )
    return WarningTimelineTelegram(
        **hdr, kind=kind, info_types=tuple(info_types), items=tuple(items)
    )


# --------------------------------------------------------------------------------------------
# Volcano
# --------------------------------------------------------------------------------------------


def _parse_volcano(kind: EventKind, hdr: dict[str, Any], body: Element) -> Telegram:
    blocks = []
    for vi in _children(body, "VolcanoInfo"):
        items = []
        for item in _children(vi, "Item"):
            k = _child(item, "Kind")
            last = _child(item, "LastKind")
            areas_el = _child(item, "Areas")
            area_els = _children(areas_el, "Area")
            items.append(
                VolcanoItem(
                    kind_name=_text(k, "Name") or "",
                    kind_code=_text(k, "Code"),
                    condition=_text(k, "Condition"),
                    last_kind_name=_text(last, "Name"),
                    last_kind_code=_text(last, "Code"),
                    areas=tuple(_area(a) for a in area_els),
                    areas_code_type=areas_el.get("codeType") if areas_el is not None else None,
                    event_time=_dt(
                        _text(_child(item, "EventTime"), "EventDateTime"), "EventDateTime"
                    ),
                    crater_name=next(
                        (t for t in (_text(a, "CraterName") for a in area_els) if t), None
                    ),
                )
            )
        blocks.append(VolcanoBlock(type=vi.get("type", ""), items=tuple(items)))
    volcano_item = next(
        (it for b in blocks for it in b.items if it.areas_code_type == "火山名" and it.areas),
        None,
    )
    content = _child(body, "VolcanoInfoContent")
    event_time = next((it.event_time for b in blocks for it in b.items if it.event_time), None)
    if event_time is None:
        event_time = _dt(
            _text(_path(body, "VolcanoObservation", "EventTime"), "EventDateTime"),
            "VolcanoObservation/EventTime",
        )
    return VolcanoTelegram(
        **hdr,
        kind=kind,
        volcano=volcano_item.areas[0] if volcano_item else None,
        alert_level=level_from_text(volcano_item.kind_name) if volcano_item else None,
        alert_kind_name=volcano_item.kind_name if volcano_item else None,
        alert_condition=volcano_item.condition if volcano_item else None,
        blocks=tuple(blocks),
        event_time=event_time,
        volcano_headline=_text(content, "VolcanoHeadline"),
        activity=_text(content, "VolcanoActivity"),
        prevention=_text(content, "VolcanoPrevention"),
    )


# --------------------------------------------------------------------------------------------
# Text information
# --------------------------------------------------------------------------------------------


def _parse_seismic_advisory(kind: EventKind, hdr: dict[str, Any], body: Element) -> Telegram:
    info = _child(body, "EarthquakeInfo")
    serial = _child(info, "InfoSerial")
    return SeismicAdvisoryTelegram(
        **hdr,
        kind=kind,
        info_name=_text(info, "InfoKind"),
        serial_name=_text(serial, "Name"),
        serial_code=_text(serial, "Code"),
        text=_text(info, "Text") or hdr["body_text"] or "",
        appendix=_text(info, "Appendix"),
        next_advisory=_text(body, "NextAdvisory"),
    )


def _parse_text(kind: EventKind, hdr: dict[str, Any], body: Element) -> Telegram:
    texts = [t for t in (_text(c) for c in _children(_child(body, "Comment"), "Text")) if t]
    return TextTelegram(**hdr, kind=kind, text="\n".join(texts) or hdr["body_text"] or "")


# --------------------------------------------------------------------------------------------
# Registry (Control/Title -> type code, kind, handler)
# --------------------------------------------------------------------------------------------

Handler = Callable[[EventKind, dict[str, Any], Element], Telegram]

_K = EventKind
_R06 = "気象警報・注意報（Ｒ０６）"
_R06_SUFFIX = {
    "（大雨）": "VPWW55",
    "（土砂）": "VPWW56",
    "（土砂災害）": "VPWW56",
    "（高潮）": "VPWW57",
    "（暴風）": "VPWW58",
    "（波浪）": "VPWW59",
    "（大雪）": "VPWW60",
    "（その他注意報）": "VPWW61",
}

_HANDLERS: dict[str, tuple[str, EventKind, Handler]] = {
    "震度速報": ("VXSE51", _K.EARTHQUAKE_INTENSITY_FLASH, _parse_earthquake),
    "震源に関する情報": ("VXSE52", _K.EARTHQUAKE_HYPOCENTRE, _parse_earthquake),
    "震源・震度に関する情報": ("VXSE53", _K.EARTHQUAKE_INFORMATION, _parse_earthquake),
    "顕著な地震の震源要素更新のお知らせ": (
        "VXSE61",
        _K.EARTHQUAKE_HYPOCENTRE_UPDATE,
        _parse_earthquake,
    ),
    "長周期地震動に関する観測情報": ("VXSE62", _K.LONG_PERIOD_GROUND_MOTION, _parse_earthquake),
    "緊急地震速報（警報）": ("VXSE43", _K.EEW_WARNING, _parse_eew),
    "緊急地震速報（予報）": ("VXSE44", _K.EEW_FORECAST, _parse_eew),
    "緊急地震速報（地震動予報）": ("VXSE45", _K.EEW_GROUND_MOTION_FORECAST, _parse_eew),
    "津波警報・注意報・予報a": ("VTSE41", _K.TSUNAMI_WARNING, _parse_tsunami),
    "津波警報・注意報・予報": ("VTSE41", _K.TSUNAMI_WARNING, _parse_tsunami),
    "津波情報a": ("VTSE51", _K.TSUNAMI_INFORMATION, _parse_tsunami),
    "津波情報": ("VTSE51", _K.TSUNAMI_INFORMATION, _parse_tsunami),
    "沖合の津波観測に関する情報": ("VTSE52", _K.TSUNAMI_OFFSHORE_OBSERVATION, _parse_tsunami),
    "南海トラフ地震臨時情報": ("VYSE50", _K.NANKAI_TROUGH_EXTRA, _parse_seismic_advisory),
    "南海トラフ地震関連解説情報": (
        "VYSE51/VYSE52",
        _K.NANKAI_TROUGH_COMMENTARY,
        _parse_seismic_advisory,
    ),
    "北海道・三陸沖後発地震注意情報": (
        "VYSE60",
        _K.HOKKAIDO_SANRIKU_ADVISORY,
        _parse_seismic_advisory,
    ),
    "気象特別警報・警報・注意報": ("VPWW53", _K.WEATHER_WARNING, _parse_warning),
    "気象警報・注意報（Ｈ２７）": ("VPWW54", _K.WEATHER_WARNING, _parse_warning),
    "気象警報・注意報時系列情報（Ｒ０６）": ("VPWP50", _K.WARNING_TIMELINE, _parse_timeline),
    "土砂災害警戒情報": ("VXWW50", _K.LANDSLIDE_ALERT, _parse_warning),
    "記録的短時間大雨情報": ("VPOA50", _K.RECORD_SHORT_HEAVY_RAIN, _parse_warning),
    "竜巻注意情報": ("VPHW50", _K.TORNADO_ALERT, _parse_warning),
    "気象特別警報報知": ("VPNO50", _K.EMERGENCY_WARNING_NOTICE, _parse_notice),
    "熱中症警戒アラート": ("VPFT50", _K.HEAT_STROKE_ALERT, _parse_text),
    "噴火警報・予報": ("VFVO50", _K.VOLCANO_WARNING, _parse_volcano),
    "噴火に関する火山観測報": ("VFVO52", _K.VOLCANO_ERUPTION_OBSERVATION, _parse_volcano),
    "噴火速報": ("VFVO56", _K.VOLCANO_ERUPTION_FLASH, _parse_volcano),
}
for _suffix, _code in _R06_SUFFIX.items():
    _HANDLERS[_R06 + _suffix] = (_code, _K.WEATHER_WARNING_LEVEL, _parse_warning)

#: Known types deliberately not modelled: Control/Title -> (type code, reason).
IGNORED_TYPES: dict[str, tuple[str, str]] = {
    "緊急地震速報配信テスト": (
        "VXSE42",
        "EEW distribution test (Status 試験): carries no earthquake",
    ),
    "地震の活動状況等に関する情報": (
        "VXSE56",
        "free-text commentary on seismic activity; no structured areas. Alerting relies on "
        "VXSE51/52/53 and the text is available as body_text",
    ),
    "地震回数に関する情報": (
        "VXSE60",
        "earthquake counts per time window: statistics, not an alert",
    ),
    "火山の状況に関する解説情報": (
        "VFVO51",
        "free-text volcanic commentary; the alert-level state is carried by VFVO50",
    ),
    "降灰予報（定時）": (
        "VFVO53",
        "ash-fall forecast as polygons/grids; needs geometry handling, out of scope",
    ),
    "降灰予報（速報）": (
        "VFVO54",
        "ash-fall forecast as polygons/grids; needs geometry handling, out of scope",
    ),
    "降灰予報（詳細）": (
        "VFVO55",
        "ash-fall forecast as polygons/grids; needs geometry handling, out of scope",
    ),
}

#: Control/Title -> type code, for every type parsed into an event.
SUPPORTED_TYPES: dict[str, str] = {title: v[0] for title, v in _HANDLERS.items()}


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def _split(root: Element) -> tuple[Element, Element, Element]:
    if root.tag != f"{{{NS_REPORT}}}Report":
        raise InvalidTelegram(
            f"not a JMA telegram: root element is {root.tag!r}, expected {{{NS_REPORT}}}Report"
        )
    control = root.find(f"{{{NS_REPORT}}}Control")
    if control is None:
        raise InvalidTelegram("missing Control element in the jmaxml1 namespace")
    head = root.find(f"{{{NS_HEAD}}}Head")
    if head is None:
        raise InvalidTelegram("missing Head element in the informationBasis1 namespace")
    body = next(
        (c for c in root if _local(c.tag) == "Body" and _ns(c.tag).startswith(NS_BODY_PREFIX)),
        None,
    )
    if body is None:
        raise InvalidTelegram("missing Body element in a jmaxml1/body/ namespace")
    return control, head, body


def parse(data: bytes | str) -> Telegram:
    """Parse one telegram.

    Returns a typed event (see :data:`jmaparse.Telegram`) or an :class:`IgnoredTelegram` for
    known types deliberately not modelled. Raises :class:`UnsupportedTelegram` for an unknown
    Control/Title and other :class:`JmaParseError` subclasses for bad input.
    """
    if not isinstance(data, bytes | bytearray | memoryview | str):
        raise TypeError(f"parse() expects bytes or str, not {type(data).__name__}")
    root = load_root(data)
    control, head, body = _split(root)
    title = _text(control, "Title")
    if title is None:
        raise InvalidTelegram("missing Control/Title")
    try:
        return _dispatch(title, control, head, body)
    except JmaParseError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as exc:
        # Defensive: the contract is that bad input only ever raises JmaParseError.
        raise InvalidTelegram(f"unexpected content in {title!r} telegram: {exc!r}") from exc


def _dispatch(title: str, control: Element, head: Element, body: Element) -> Telegram:
    hdr = _header(control, head, body)
    handler = _HANDLERS.get(title)
    if handler is not None:
        type_code, kind, fn = handler
        return fn(kind, {**hdr, "type_code": type_code}, body)
    if title.startswith(_R06):  # a future R06 sub-type
        return _parse_warning(EventKind.WEATHER_WARNING_LEVEL, {**hdr, "type_code": "VPWW5x"}, body)
    ignored = IGNORED_TYPES.get(title)
    if ignored is not None:
        return IgnoredTelegram(
            **hdr, kind=EventKind.IGNORED, type_code=ignored[0], reason=ignored[1]
        )
    raise UnsupportedTelegram(title)


def parse_file(path: str | os.PathLike[str]) -> Telegram:
    """Read and parse a telegram file (bytes are read as-is; the XML prolog decides encoding)."""
    return parse(Path(path).read_bytes())


def sort_telegrams(telegrams: Iterable[Telegram]) -> list[Telegram]:
    """Order telegrams by EventID, Serial, ReportDateTime."""
    return sorted(telegrams, key=lambda t: t.ordering_key)
