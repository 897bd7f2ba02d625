"""Ingest: raw JMA XML → Telegram row → Event → Notices (what to send, to which municipalities).

Idempotent: a telegram is stored once per byte digest and once per identity (type, status,
EventID, serial, report time, InfoType, office), so the same telegram from the feed, the push
endpoint and a replay is one telegram. Ordering: a telegram older than the newest one applied to
its event is stored as STALE and sends nothing. A 取消 cancels the event: a cancellation notice
goes to everyone who got a notice for it, and telegrams for the event that arrive afterwards
are VOID.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

import jmaparse
from jmaparse import (
    EarthquakeTelegram,
    EewTelegram,
    EventKind,
    Intensity,
    SeismicAdvisoryTelegram,
    TextTelegram,
    TsunamiCategory,
    TsunamiTelegram,
    VolcanoTelegram,
    WarningSeverity,
    WarningStatus,
    WeatherWarningTelegram,
)
from kyosei.alerts.areas import (
    municipalities_in_subdivisions,
    municipalities_in_tsunami_areas,
    tsunami_areas_by_municipality,
    tsunami_areas_of_municipalities,
)
from kyosei.alerts.models import Area, Event, Hazard, Notice, Phase, Telegram
from kyosei.orgs.prefectures import PREFECTURES

log = logging.getLogger(__name__)

# Information telegrams that follow an earthquake, tsunami or eruption (derived by _quake_info).
QUAKE_KINDS = (
    EventKind.EEW_FORECAST,
    EventKind.EEW_GROUND_MOTION_FORECAST,
    EventKind.EARTHQUAKE_HYPOCENTRE,
    EventKind.EARTHQUAKE_HYPOCENTRE_UPDATE,
    EventKind.LONG_PERIOD_GROUND_MOTION,
    EventKind.TSUNAMI_INFORMATION,
    EventKind.TSUNAMI_OFFSHORE_OBSERVATION,
    EventKind.VOLCANO_ERUPTION_OBSERVATION,
)
NOTICE_KINDS = {
    EventKind.TSUNAMI_WARNING,
    EventKind.EARTHQUAKE_INTENSITY_FLASH,
    EventKind.EARTHQUAKE_INFORMATION,
    EventKind.EEW_WARNING,
    *QUAKE_KINDS,
    EventKind.WEATHER_WARNING,
    EventKind.WEATHER_WARNING_LEVEL,
    EventKind.LANDSLIDE_ALERT,
    EventKind.VOLCANO_WARNING,
    EventKind.VOLCANO_ERUPTION_FLASH,
    EventKind.NANKAI_TROUGH_EXTRA,
    EventKind.RECORD_SHORT_HEAVY_RAIN,
    EventKind.TORNADO_ALERT,
    EventKind.EMERGENCY_WARNING_NOTICE,
    EventKind.HEAT_STROKE_ALERT,
}
# Prefectures of the Nankai Trough earthquake disaster-prevention promotion area (南海トラフ地震
# 防災対策推進地域, 1 metropolis, 2 urban and 26 other prefectures). The area is defined per
# municipality; targeting whole prefectures reaches some municipalities outside it.
NANKAI_PREFECTURES = [
    "08",
    "12",
    "13",
    "14",
    "19",
    "20",
    "21",
    "22",
    "23",
    "24",
    "25",
    "26",
    "27",
    "28",
    "29",
    "30",
    "33",
    "34",
    "35",
    "36",
    "37",
    "38",
    "39",
    "40",
    "43",
    "44",
    "45",
    "46",
    "47",
]
NANKAI_STATUS = {
    "調査中": "investigating",
    "巨大地震警戒": "warning",
    "巨大地震注意": "advisory",
    "調査終了": "ended",
}
NANKAI_SEVERITY = {"investigating": 2, "warning": 4, "advisory": 3, "ended": 0}
LANDSLIDE_NAME = "土砂災害警戒情報"
EARTHQUAKE_NOTICE_FROM = Intensity.THREE  # below this nobody is told (subscribers filter more)


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


@dataclass
class IngestResult:
    telegram: Telegram
    created: bool
    notices: list[Notice]


def _identity(t: jmaparse.TelegramBase) -> str:
    parts = (
        t.type_code,
        t.status.value,
        t.event_id or "",
        str(t.serial),
        t.report_datetime.isoformat(),
        t.info_type.value,
        t.publishing_office,
        t.info_kind,
        t.headline_text[:200],
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _event_key(t: jmaparse.TelegramBase) -> str:
    ident = t.event_id or f"{t.info_kind}@{t.publishing_office}"
    return f"{t.status.value}:{t.type_code}:{ident}"[:200]


def read(raw: bytes) -> jmaparse.TelegramBase | jmaparse.JmaParseError:
    """Parse outside any transaction: jmaparse bounds it in size and time, and a slow read
    must never hold the database's write lock (SQLite has one for the whole database)."""
    try:
        return jmaparse.parse(raw)
    except jmaparse.JmaParseError as exc:
        return exc


def ingest(
    raw: bytes,
    *,
    source: str,
    received_at: datetime | None = None,
    parsed: jmaparse.TelegramBase | jmaparse.JmaParseError | None = None,
) -> IngestResult:
    """Store and apply one telegram. Never raises for bad input: it is stored as REJECTED."""
    received_at = received_at or timezone.now()
    digest = hashlib.sha256(raw).hexdigest()
    existing = Telegram.objects.filter(digest=digest).first()
    if existing is not None:
        return IngestResult(existing, False, [])
    text = _storable(raw)
    parsed = read(raw) if parsed is None else parsed
    if isinstance(parsed, jmaparse.JmaParseError):
        log.warning("alerts: rejected telegram %s from %s: %s", digest[:12], source, parsed)
        return _store_rejected(digest, source, received_at, text, parsed)
    identity = _identity(parsed)
    try:
        with transaction.atomic():
            return _apply(parsed, digest, identity, source, received_at, text)
    except IntegrityError:
        # Another process stored the same telegram at the same moment: that one wins.
        found = (
            Telegram.objects.filter(digest=digest).first()
            or Telegram.objects.filter(identity=identity).first()
        )
        if found is None:
            raise
        return IngestResult(found, False, [])


def _storable(raw: bytes) -> str:
    # PostgreSQL text cannot hold NUL; a rejected telegram is kept to be looked at, not replayed.
    return raw.decode("utf-8", errors="replace").replace("\x00", "\ufffd")


def store_rejected(
    raw: bytes, *, source: str, received_at: datetime | None, exc: Exception
) -> IngestResult:
    """Keep a telegram that could not be applied (see services.receive_telegram)."""
    digest = hashlib.sha256(raw).hexdigest()
    received_at = received_at or timezone.now()
    return _store_rejected(digest, source, received_at, _storable(raw), exc)


def _store_rejected(
    digest: str, source: str, received_at: datetime, text: str, exc: Exception
) -> IngestResult:
    telegram, created = Telegram.objects.get_or_create(
        digest=digest,
        defaults={
            "source": source,
            "received_at": received_at,
            "raw": text[:2_000_000],
            "outcome": Telegram.Outcome.REJECTED,
            "error": f"{type(exc).__name__}: {exc}"[:2000].replace("\x00", "\ufffd"),
            "title": getattr(exc, "title", "") or "",
        },
    )
    return IngestResult(telegram, created, [])


def _apply(
    t: jmaparse.TelegramBase,
    digest: str,
    identity: str,
    source: str,
    received_at: datetime,
    text: str,
) -> IngestResult:
    if Telegram.objects.filter(identity=identity).exists():
        duplicate = Telegram.objects.get(identity=identity)
        return IngestResult(duplicate, False, [])
    telegram = Telegram(
        digest=digest,
        identity=identity,
        source=source,
        received_at=received_at,
        raw=text,
        type_code=t.type_code,
        jma_event_id=(t.event_id or "")[:100],
        serial=t.serial,
        info_type=t.info_type.value,
        status=t.status.value,
        report_at=t.report_datetime,
        title=t.title[:300],
        outcome=Telegram.Outcome.APPLIED,
    )
    if t.kind not in NOTICE_KINDS:
        telegram.outcome = Telegram.Outcome.IGNORED
        telegram.save()
        return IngestResult(telegram, True, [])
    event, _ = Event.objects.select_for_update().get_or_create(
        key=_event_key(t),
        defaults={
            "kind": t.kind.name,
            "type_code": t.type_code,
            "event_id": (t.event_id or "")[:100],
            "status": t.status.value,
            "title": t.title[:300],
            "first_received_at": received_at,
            "updated_at": received_at,
        },
    )
    telegram.event = event
    serial = -1 if t.serial is None else t.serial
    newer = event.latest_report_at is None or (serial, t.report_datetime) > (
        event.latest_serial,
        event.latest_report_at,
    )
    # Without an EventID (竜巻注意情報, 気象特別警報報知, weather warnings) an office's telegrams of
    # one type share one event for ever: serials restart with each episode, so only the report
    # time orders them, and a 取消 must not silence that office's later alerts.
    if not t.event_id and event.latest_report_at is not None:
        newer = t.report_datetime > event.latest_report_at
    reopens = event.is_cancelled and not t.event_id and newer and not t.is_cancellation
    if event.is_cancelled and not t.is_cancellation and not reopens:
        telegram.outcome = Telegram.Outcome.VOID
    elif not newer and not (t.is_cancellation or t.is_correction):
        telegram.outcome = Telegram.Outcome.STALE
    telegram.save()
    if telegram.outcome != Telegram.Outcome.APPLIED:
        log.info("alerts: telegram %s is %s", telegram, telegram.outcome)
        return IngestResult(telegram, True, [])
    previous = list(event.notices.order_by("created_at"))
    if reopens:
        event.is_cancelled = False
    if t.is_cancellation:
        if not t.event_id and previous:
            # ... and a 取消 there withdraws the latest telegram, not every alert ever sent.
            latest = previous[-1].telegram_id
            previous = [n for n in previous if n.telegram_id == latest]
        drafts = _cancellation_drafts(previous)
        event.is_cancelled = True
    else:
        drafts = derive(t, had_notice=bool(previous))
        if t.is_correction:
            for draft in drafts:
                draft.phase = Phase.CORRECTION
    if newer:
        event.latest_serial, event.latest_report_at = serial, t.report_datetime
    event.updated_at = received_at
    event.title = t.title[:300]
    event.save(
        update_fields=["is_cancelled", "latest_serial", "latest_report_at", "updated_at", "title"]
    )
    parts: dict[str, int] = {}
    notices = []
    for draft in drafts:
        if draft.codes:
            template = f"{draft.family}.{draft.phase}"
            parts[template] = parts.get(template, -1) + 1
            notices.append(_save_notice(draft, event, telegram, t, received_at, parts[template]))
    return IngestResult(telegram, True, notices)


def _save_notice(
    draft: Draft,
    event: Event,
    telegram: Telegram,
    t: jmaparse.TelegramBase,
    received_at: datetime,
    part: int = 0,
) -> Notice:
    return Notice.objects.create(
        event=event,
        telegram=telegram,
        hazard=draft.hazard,
        phase=draft.phase,
        template=f"{draft.family}.{draft.phase}",
        part=part,
        severity=draft.severity,
        is_drill=not t.is_real,
        codes=sorted(draft.codes),
        intensity_by_code=draft.intensity_by_code,
        details=draft.details,
        received_at=received_at,
        created_at=timezone.now(),
        expires_at=t.valid_datetime,
    )


def _cancellation_drafts(previous: list[Notice]) -> list[Draft]:
    if not previous:
        return []
    codes: set[str] = set()
    for notice in previous:
        codes.update(notice.codes)
    last = previous[-1]
    family = last.template.rsplit(".", 1)[0]
    # A cancellation reaches everyone who was told, whatever their intensity threshold.
    return [
        Draft(family, last.hazard, Phase.CANCELLATION, last.severity, codes, dict(last.details))
    ]


# --------------------------------------------------------------------------------------------
# Derivation per telegram type
# --------------------------------------------------------------------------------------------


def derive(t: jmaparse.TelegramBase, *, had_notice: bool) -> list[Draft]:
    if t.kind in QUAKE_KINDS:
        return _quake_info(t, had_notice)
    if isinstance(t, TsunamiTelegram):
        return _tsunami(t, had_notice)
    if isinstance(t, EarthquakeTelegram):
        return _earthquake(t, had_notice)
    if isinstance(t, EewTelegram):
        return _eew(t, had_notice)
    if isinstance(t, WeatherWarningTelegram) and t.kind is EventKind.RECORD_SHORT_HEAVY_RAIN:
        return _record_rain(t, had_notice)
    if isinstance(t, WeatherWarningTelegram) and t.kind is EventKind.TORNADO_ALERT:
        return _tornado(t)
    if isinstance(t, WeatherWarningTelegram) and t.kind is EventKind.EMERGENCY_WARNING_NOTICE:
        return _emergency_notice(t)
    if isinstance(t, TextTelegram) and t.kind is EventKind.HEAT_STROKE_ALERT:
        return _heat(t, had_notice)
    if isinstance(t, WeatherWarningTelegram):
        return _weather(t)
    if isinstance(t, VolcanoTelegram):
        return _volcano(t, had_notice)
    if isinstance(t, SeismicAdvisoryTelegram) and t.kind is EventKind.NANKAI_TROUGH_EXTRA:
        return _nankai(t, had_notice)
    return []


def _nankai(t: SeismicAdvisoryTelegram, had_notice: bool) -> list[Draft]:
    status = NANKAI_STATUS.get((t.serial_name or "").strip())
    if status is None:
        return []
    codes = set(
        Area.objects.filter(kind=Area.Kind.MUNICIPALITY)
        .filter(code__regex=r"^(" + "|".join(NANKAI_PREFECTURES) + r")")
        .values_list("code", flat=True)
    )
    phase = Phase.LIFTING if status == "ended" else Phase.UPDATE if had_notice else Phase.ISSUE
    details = {"status": status, "prefectures": ["22", "23", "39"]}
    return [Draft("nankai", Hazard.EARTHQUAKE, phase, NANKAI_SEVERITY[status], codes, details)]


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


def _tsunami(t: TsunamiTelegram, had_notice: bool) -> list[Draft]:
    in_force = [f for f in t.forecasts if f.category.severity >= 2]
    lifted = [
        f
        for f in t.forecasts
        if f.category.is_lifted
        or (f.last_category is not None and f.last_category.severity >= 2 > f.category.severity)
    ]
    drafts: list[Draft] = []
    phase = Phase.UPDATE if had_notice else Phase.ISSUE
    for family, chosen in (
        ("tsunami_warning", [f for f in in_force if f.category.severity >= 3]),
        ("tsunami_advisory", [f for f in in_force if f.category.severity == 2]),
    ):
        if not chosen:
            continue
        top = max(chosen, key=lambda f: f.category.severity)
        drafts.append(
            Draft(
                family,
                Hazard.TSUNAMI,
                phase,
                top.category.severity,
                municipalities_in_tsunami_areas({f.area.code for f in chosen}),
                {
                    "tsunami_areas": [[f.area.code, f.area.name] for f in chosen],
                    "category": _category_key(top.category),
                    "height": _height(top),
                },
            )
        )
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


def _expand_city(code: str, known: dict[str, list[str]]) -> list[str]:
    """A seismic city code (浜松市 2213000) also means its split areas and wards."""
    return known.get(code[:6], [code])


def _earthquake(t: EarthquakeTelegram, had_notice: bool) -> list[Draft]:
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
    strongest = sorted(
        (a for a in t.areas if a.max_intensity is not None),
        key=lambda a: a.max_intensity.rank if a.max_intensity else 0,
        reverse=True,
    )
    hypocentre = t.earthquake.hypocentre if t.earthquake else None
    magnitude = t.earthquake.magnitude if t.earthquake else None
    details = {
        "intensity": t.max_intensity.value,
        "subdivisions": [[a.code, a.name] for a in strongest[:3]],
        "epicentre": [hypocentre.area.code, hypocentre.area.name] if hypocentre else None,
        "magnitude": None if magnitude is None or magnitude.value is None else magnitude.value,
    }
    codes = {code for code, rank in by_code.items() if rank >= EARTHQUAKE_NOTICE_FROM.rank}
    return [
        Draft(
            "earthquake",
            Hazard.EARTHQUAKE,
            Phase.UPDATE if had_notice else Phase.ISSUE,
            t.max_intensity.rank,
            codes,
            details,
            {c: by_code[c] for c in codes},
        )
    ]


def _eew(t: EewTelegram, had_notice: bool) -> list[Draft]:
    warned = {a.code: a for a in t.warning_areas}
    if not warned:
        return []
    codes = municipalities_in_subdivisions(set(warned))
    intensity = t.intensity_from.value if t.intensity_from else "5-"
    details = {
        "intensity": intensity,
        "subdivisions": [[a.code, a.name] for a in list(warned.values())[:3]],
    }
    phase = Phase.LIFTING if t.is_final and had_notice else Phase.UPDATE if had_notice else None
    return [
        Draft(
            "eew",
            Hazard.EEW,
            phase or Phase.ISSUE,
            Intensity(intensity).rank if intensity in {i.value for i in Intensity} else 5,
            codes,
            details,
        )
    ]


def _weather(t: WeatherWarningTelegram) -> list[Draft]:
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


# ---------------------------------------------------------------- weather information
# (VPOA50 record rain, VPHW50 tornado, VPNO50 emergency-warning notice, VPFT50 heat)

JST = ZoneInfo("Asia/Tokyo")
# A 府県予報区 or 一次細分 code contains its 二次細分 (the forecast area of a municipality) by
# prefix: 220000 → 22xxxx, 016010 → 01601x, 011000 → 011xxx. 鹿児島県（奄美地方除く） is the one
# exception (tests check the rule against AreaForecastLocalM_WarningTable).
FORECAST_AREA_EXCEPTIONS = {"460100": ("46", "46004")}
EMERGENCY_NOTICE_SPAN = timedelta(days=7)  # a 特別警報 lasts days, not weeks
HEAT_TITLE = re.compile(r"^(?P<area>.+?)熱中症(?P<special>特別)?警戒アラート")
HEAT_DAY = re.compile(r"(今日|明日)（([０-９0-9]+)日）")


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


def _latest_notice(t: jmaparse.TelegramBase) -> Notice | None:
    """The newest notice already sent for this telegram's event (None in a dry run)."""
    return (
        Notice.objects.filter(event__key=_event_key(t))
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


def _record_rain(t: WeatherWarningTelegram, had_notice: bool) -> list[Draft]:
    regional, municipal = _regional_and_municipal(t)
    regional = [i for i in regional if len(i.area.code) == 6]
    codes = {i.area.code for i in municipal if len(i.area.code) == 7}
    codes |= municipalities_in_forecast_areas(i.area.code for i in regional)
    if regional:
        details: dict[str, Any] = {"forecast_areas": _pairs(regional)[:5]}
    else:
        details = {"municipalities": _pairs(municipal)[:5], "municipality_count": len(codes)}
    phase = Phase.UPDATE if had_notice else Phase.ISSUE
    return [Draft("record_rain", Hazard.WEATHER, phase, 3, codes, details)]


def _tornado(t: WeatherWarningTelegram) -> list[Draft]:
    regional, municipal = _regional_and_municipal(t)
    codes = {i.area.code for i in municipal if len(i.area.code) == 7}
    if not codes:  # older telegrams name forecast areas only
        codes = municipalities_in_forecast_areas(i.area.code for i in regional)
    until = t.valid_datetime.astimezone(JST).isoformat() if t.valid_datetime else None
    sighted = "目撃" in t.headline_text or "目撃" in t.title
    details = {"forecast_areas": _pairs(regional)[:5], "valid_until": until, "sighted": sighted}
    latest = _latest_notice(t)
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
    latest = _latest_notice(t)
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


def _heat_area(name: str) -> tuple[str, str] | None:
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


def _heat(t: TextTelegram, had_notice: bool) -> list[Draft]:
    match = HEAT_TITLE.match(t.title)
    area = _heat_area(match["area"]) if match else None
    if match is None or area is None:
        log.warning("alerts: heat-stroke alert for an unknown area: %s", t.title)
        return []
    reported = (t.target_datetime or t.report_datetime).astimezone(JST).date()
    said = HEAT_DAY.search(t.text)
    day = "tomorrow" if said and said[1] == "明日" else "today"
    date = reported + timedelta(days=1 if day == "tomorrow" else 0)
    if said:
        number = int(said[2].translate(str.maketrans("０１２３４５６７８９", "0123456789")))
        # trust the day of the month JMA wrote over the clock (an alert sent just after midnight)
        for offset in (0, 1, -1, 2):
            if (date + timedelta(days=offset)).day == number:
                date += timedelta(days=offset)
                break
    special = bool(match["special"])
    details = {
        "forecast_areas": [list(area)],
        "day": day,
        "date": date.isoformat(),
        "special": special,
    }
    codes = municipalities_in_forecast_areas([area[0]])
    phase = Phase.UPDATE if had_notice else Phase.ISSUE
    return [Draft("heat", Hazard.WEATHER, phase, 3 if special else 2, codes, details)]


def _volcano(t: VolcanoTelegram, had_notice: bool) -> list[Draft]:
    if t.volcano is None:
        return []
    codes = {a.code for a in t.municipalities if len(a.code) == 7}
    lowered = (t.alert_condition or "").startswith("引下げ") or "解除" in (t.alert_condition or "")
    phase = Phase.LIFTING if lowered else Phase.UPDATE if had_notice else Phase.ISSUE
    details = {
        "volcano": [t.volcano.code, t.volcano.name],
        "level": t.alert_level,
        "kind_name": t.alert_kind_name or t.title,
        "municipalities": [[a.code, a.name] for a in t.municipalities if len(a.code) == 7][:5],
        "municipality_count": len(codes),
    }
    return [Draft("volcano", Hazard.VOLCANO, phase, t.alert_level or 3, codes, details)]


# --------------------------------------------------------------------------------------------
# Information that follows an earthquake, a tsunami or an eruption
# --------------------------------------------------------------------------------------------

EEW_FORECAST_FROM = Intensity.FOUR  # a forecast (予報) below this tells nobody
LONG_PERIOD_FROM = 2  # class 1 (やや大きな揺れ) is felt but harmless: nobody is told
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
ERUPTION_PHENOMENA = {
    "爆発": "explosion",
    "噴火開始": "eruption_started",
    "連続噴火継続": "continuous",
    "連続噴火停止": "continuous_stopped",
    "噴火多発": "frequent",
    "噴火": "eruption",
}
JST = ZoneInfo("Asia/Tokyo")


def _quake_info(t: jmaparse.TelegramBase, had_notice: bool) -> list[Draft]:
    if isinstance(t, EewTelegram):
        return _eew_forecast(t, had_notice)
    if isinstance(t, EarthquakeTelegram):
        if t.kind is EventKind.LONG_PERIOD_GROUND_MOTION:
            return _long_period(t, had_notice)
        return _hypocentre(t, had_notice)
    if isinstance(t, TsunamiTelegram):
        return _tsunami_info(t, had_notice)
    if isinstance(t, VolcanoTelegram):
        return _volcano_observation(t, had_notice)
    return []


def _related_notices(t: jmaparse.TelegramBase, type_codes: Iterable[str]) -> list[Notice]:
    """Live notices of the events of `type_codes` that share this telegram's EventID (a drill
    only ever sees drills), oldest first."""
    if not t.event_id:
        return []
    return list(
        Notice.objects.filter(
            event__event_id=t.event_id[:100],
            event__status=t.status.value,
            event__type_code__in=list(type_codes),
            event__is_cancelled=False,
        )
        .exclude(phase=Phase.CANCELLATION)
        .order_by("created_at", "pk")
    )


def _ranks_told(notices: Iterable[Notice]) -> dict[str, int]:
    """Municipality → the strongest intensity rank it was told, over `notices`."""
    told: dict[str, int] = {}
    for notice in notices:
        by_code = notice.intensity_by_code or {}
        for code in notice.codes:
            rank = int(by_code.get(code, notice.severity))
            told[code] = max(told.get(code, -1), rank)
    return told


def _rank_by_municipality(rank_by_subdivision: dict[str, int]) -> dict[str, int]:
    found: dict[str, int] = {}
    for code, sub in Area.objects.filter(
        kind=Area.Kind.MUNICIPALITY, subdivision_code__in=list(rank_by_subdivision)
    ).values_list("code", "subdivision_code"):
        found[code] = rank_by_subdivision[sub]
    return found


def _epicentre(earthquake: jmaparse.Earthquake | None) -> list[str] | None:
    if earthquake is None or earthquake.hypocentre is None:
        return None
    return [earthquake.hypocentre.area.code, earthquake.hypocentre.area.name]


def _magnitude(earthquake: jmaparse.Earthquake | None) -> dict[str, Any]:
    """The magnitude, and why it is missing when it is (M8 を超える巨大地震, 不明)."""
    magnitude = earthquake.magnitude if earthquake else None
    if magnitude is not None and magnitude.value is not None:
        return {"magnitude": magnitude.value}
    description = (magnitude.description or "") if magnitude else ""
    over8 = "８を超える" in description or "8を超える" in description
    return {"magnitude": None, "magnitude_note": "over8" if over8 else "unknown"}


def _depth(earthquake: jmaparse.Earthquake | None) -> dict[str, Any] | None:
    coordinate = earthquake.hypocentre.coordinate if earthquake and earthquake.hypocentre else None
    if coordinate is None:
        return None
    if "ごく浅い" in (coordinate.description or ""):
        return {"kind": "shallow"}
    if coordinate.depth_km is None:
        return None
    return {"kind": "km", "value": coordinate.depth_km}


def _jst(value: datetime | None) -> str | None:
    return value.astimezone(JST).isoformat() if value else None


def _eew_forecast(t: EewTelegram, had_notice: bool) -> list[Draft]:
    own = _related_notices(t, [t.type_code])
    if t.is_final and had_notice:
        if not own:
            return []
        told = _ranks_told(own)
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
    by_code = _rank_by_municipality(
        {code: a.intensity_from.rank for code, a in strong.items() if a.intensity_from}
    )
    # Whoever the warning (VXSE43) of this earthquake reached already knows; VXSE44 and VXSE45
    # are two products of one forecast, so a municipality hears a forecast again only when
    # its forecast intensity rises (a correction repeats everything).
    warned = set(_ranks_told(_related_notices(t, ["VXSE43"])))
    told = {} if t.is_correction else _ranks_told(_related_notices(t, ["VXSE44", "VXSE45"]))
    codes = {c for c, rank in by_code.items() if c not in warned and rank > told.get(c, -1)}
    if not codes:
        return []
    reached = set(_subdivisions_of(codes).values())
    areas = sorted(
        (a for code, a in strong.items() if code in reached),
        key=lambda a: a.intensity_from.rank if a.intensity_from else 0,
        reverse=True,
    )
    top = max(by_code[c] for c in codes)
    details = {
        "intensity": next(
            a.intensity_from.value
            for a in areas
            if a.intensity_from and a.intensity_from.rank == top
        ),
        "subdivisions": [[a.code, a.name] for a in areas[:3]],
        "epicentre": _epicentre(t.earthquake),
    }
    phase = Phase.UPDATE if had_notice or told else Phase.ISSUE
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


def _subdivisions_of(codes: set[str]) -> dict[str, str]:
    return dict(
        Area.objects.filter(kind=Area.Kind.MUNICIPALITY, code__in=list(codes)).values_list(
            "code", "subdivision_code"
        )
    )


def _tsunami_comment(t: EarthquakeTelegram) -> str | None:
    for comment in t.comments:
        for code in comment.codes:
            if code in TSUNAMI_COMMENTS:
                return TSUNAMI_COMMENTS[code]
    return None


def _hypocentre(t: EarthquakeTelegram, had_notice: bool) -> list[Draft]:
    """VXSE52 / VXSE61: to the municipalities that were told of this earthquake's shaking."""
    shaken = _related_notices(t, ["VXSE51", "VXSE53"])
    told = _ranks_told(shaken)
    if not told:
        return []
    revised = t.kind is EventKind.EARTHQUAKE_HYPOCENTRE_UPDATE
    tsunami = _tsunami_comment(t)
    if tsunami is None:
        # The update (VXSE61) has no tsunami comment: keep what the hypocentre information said.
        earlier = _related_notices(t, ["VXSE52", "VXSE61"])
        tsunami = next(
            (str(n.details["tsunami"]) for n in reversed(earlier) if n.details.get("tsunami")),
            "unknown",
        )
    details = {
        "epicentre": _epicentre(t.earthquake),
        **_magnitude(t.earthquake),
        "depth": _depth(t.earthquake),
        "tsunami": tsunami,
    }
    return [
        Draft(
            "earthquake_revised" if revised else "earthquake_hypocentre",
            Hazard.EARTHQUAKE,
            Phase.UPDATE if had_notice else Phase.ISSUE,
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
    by_code = _rank_by_municipality({code: int(c) for code, c in classes.items() if c})
    if not by_code:
        return []
    strongest = sorted(
        (a for a in t.areas if a.code in classes),
        key=lambda a: a.max_lg_intensity or 0,
        reverse=True,
    )
    top = max(by_code.values())
    details = {
        "lg_class": top,
        "subdivisions": [[a.code, a.name] for a in strongest[:3]],
        "epicentre": _epicentre(t.earthquake),
        **_magnitude(t.earthquake),
    }
    # Long-period shaking hurts people in tall buildings even where the seismic intensity was
    # low, so the intensity thresholds of subscriptions do not apply (no intensity_by_code).
    phase = Phase.UPDATE if had_notice else Phase.ISSUE
    return [Draft("long_period", Hazard.EARTHQUAKE, phase, top, set(by_code), details)]


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
        value, station, area = max(measured, key=lambda m: m[0])
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


def _arrival(
    entries: Iterable[tuple[datetime | None, str | None]],
) -> dict[str, str | None] | None:
    listed = list(entries)
    conditions = [c or "" for _, c in listed]
    times = [time for time, _ in listed if time is not None]
    if any("確認" in c for c in conditions):
        return {"kind": "arrived", "time": None}
    if any("到達" in c for c in conditions):
        return {"kind": "arriving", "time": None}
    if times:
        return {"kind": "time", "time": _jst(min(times))}
    return None


def _unchanged(
    t: jmaparse.TelegramBase, family: str, codes: set[str], details: dict[str, Any]
) -> bool:
    """A later telegram saying nothing new to the same places is not worth a notice."""
    last = next(
        (
            n
            for n in reversed(_related_notices(t, [t.type_code]))
            if n.template.startswith(family + ".") and set(n.codes) == codes
        ),
        None,
    )
    return last is not None and last.details == details


def _tsunami_info(t: TsunamiTelegram, had_notice: bool) -> list[Draft]:
    if t.kind is EventKind.TSUNAMI_OFFSHORE_OBSERVATION:
        return _tsunami_offshore(t, had_notice)
    in_force = {f.area.code: f for f in t.forecasts if f.category.severity >= 2}
    if not in_force:
        return []
    codes = municipalities_in_tsunami_areas(set(in_force))
    observed = _observed(
        (station, [o.area.code, o.area.name]) for o in t.observations for station in o.stations
    )
    # Each coast hears its own first-wave time: residents are grouped by what their areas say
    # (where a municipality faces several areas, the earliest word counts), one notice a group.
    groups: dict[str, tuple[list[jmaparse.TsunamiForecastArea], set[str]]] = {}
    for code, areas in tsunami_areas_by_municipality(codes).items():
        mine = sorted((in_force[a] for a in areas if a in in_force), key=lambda f: f.area.code)
        key = json.dumps(
            [_arrival([(f.first_arrival_time, f.first_arrival_condition)]) for f in mine]
            + [f.area.code for f in mine],
            sort_keys=True,
        )
        groups.setdefault(key, (mine, set()))[1].add(code)
    family = "tsunami_info"
    phase = Phase.UPDATE if had_notice else Phase.ISSUE
    drafts = []
    for mine, group in groups.values():
        top = max(mine, key=lambda f: f.category.severity)
        details = {
            "tsunami_areas": [[f.area.code, f.area.name] for f in mine],
            "category": _category_key(top.category),
            "observed": observed,
            "arrival": _arrival((f.first_arrival_time, f.first_arrival_condition) for f in mine),
        }
        if not t.is_correction and _unchanged(t, family, group, details):
            continue
        drafts.append(Draft(family, Hazard.TSUNAMI, phase, top.category.severity, group, details))
    return drafts


def _tsunami_offshore(t: TsunamiTelegram, had_notice: bool) -> list[Draft]:
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
    if not codes or (not t.is_correction and _unchanged(t, family, codes, details)):
        return []
    phase = Phase.UPDATE if had_notice else Phase.ISSUE
    return [Draft(family, Hazard.TSUNAMI, phase, 3, codes, details)]


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


def _volcano_observation(t: VolcanoTelegram, had_notice: bool) -> list[Draft]:
    if t.volcano is None:
        return []
    named = {a.code: a.name for a in t.municipalities if len(a.code) == 7}
    if not named:
        # 噴火に関する火山観測報 names only the volcano: reach whoever its latest warning reached.
        for notice in Notice.objects.filter(
            hazard=Hazard.VOLCANO, is_drill=not t.is_real, event__is_cancelled=False
        ).order_by("-created_at", "-pk")[:200]:
            volcano = notice.details.get("volcano") or [None]
            if volcano[0] == t.volcano.code and notice.phase != Phase.CANCELLATION:
                named = dict(notice.details.get("municipalities") or [])
                named.update({c: named.get(c, "") for c in notice.codes})
                break
    if not named:
        return []
    kind_name = next((i.kind_name for b in t.blocks for i in b.items if i.kind_name), "")
    phenomenon = next((key for word, key in ERUPTION_PHENOMENA.items() if word in kind_name), None)
    details = {
        "volcano": [t.volcano.code, t.volcano.name],
        "phenomenon": phenomenon or "eruption",
        "time": _jst(t.event_time),
        "municipalities": [[c, n] for c, n in sorted(named.items()) if n][:5],
        "municipality_count": len(named),
    }
    phase = Phase.UPDATE if had_notice else Phase.ISSUE
    return [Draft("volcano_observation", Hazard.VOLCANO, phase, 3, set(named), details)]
