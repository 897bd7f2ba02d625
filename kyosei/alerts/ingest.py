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
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

import jmaparse
from jmaparse import (
    EarthquakeTelegram,
    EewTelegram,
    EventKind,
    Intensity,
    SeismicAdvisoryTelegram,
    TsunamiCategory,
    TsunamiTelegram,
    VolcanoTelegram,
    WarningSeverity,
    WarningStatus,
    WeatherWarningTelegram,
)
from kyosei.alerts.areas import municipalities_in_subdivisions, municipalities_in_tsunami_areas
from kyosei.alerts.models import Area, Event, Hazard, Notice, Phase, Telegram

log = logging.getLogger(__name__)

NOTICE_KINDS = {
    EventKind.TSUNAMI_WARNING,
    EventKind.EARTHQUAKE_INTENSITY_FLASH,
    EventKind.EARTHQUAKE_INFORMATION,
    EventKind.EEW_WARNING,
    EventKind.WEATHER_WARNING,
    EventKind.WEATHER_WARNING_LEVEL,
    EventKind.LANDSLIDE_ALERT,
    EventKind.VOLCANO_WARNING,
    EventKind.VOLCANO_ERUPTION_FLASH,
    EventKind.NANKAI_TROUGH_EXTRA,
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


def ingest(raw: bytes, *, source: str, received_at: datetime | None = None) -> IngestResult:
    """Store and apply one telegram. Never raises for bad input: it is stored as REJECTED."""
    received_at = received_at or timezone.now()
    digest = hashlib.sha256(raw).hexdigest()
    existing = Telegram.objects.filter(digest=digest).first()
    if existing is not None:
        return IngestResult(existing, False, [])
    text = raw.decode("utf-8", errors="replace")
    try:
        parsed = jmaparse.parse(raw)
    except jmaparse.JmaParseError as exc:
        log.warning("alerts: rejected telegram %s from %s: %s", digest[:12], source, exc)
        return _store_rejected(digest, source, received_at, text, exc)
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
            "error": f"{type(exc).__name__}: {exc}"[:2000],
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
    if event.is_cancelled and not t.is_cancellation:
        telegram.outcome = Telegram.Outcome.VOID
    elif not newer and not (t.is_cancellation or t.is_correction):
        telegram.outcome = Telegram.Outcome.STALE
    telegram.save()
    if telegram.outcome != Telegram.Outcome.APPLIED:
        log.info("alerts: telegram %s is %s", telegram, telegram.outcome)
        return IngestResult(telegram, True, [])
    previous = list(event.notices.order_by("created_at"))
    if t.is_cancellation:
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
    notices = [_save_notice(d, event, telegram, t, received_at) for d in drafts if d.codes]
    return IngestResult(telegram, True, notices)


def _save_notice(
    draft: Draft,
    event: Event,
    telegram: Telegram,
    t: jmaparse.TelegramBase,
    received_at: datetime,
) -> Notice:
    return Notice.objects.create(
        event=event,
        telegram=telegram,
        hazard=draft.hazard,
        phase=draft.phase,
        template=f"{draft.family}.{draft.phase}",
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
    if isinstance(t, TsunamiTelegram):
        return _tsunami(t, had_notice)
    if isinstance(t, EarthquakeTelegram):
        return _earthquake(t, had_notice)
    if isinstance(t, EewTelegram):
        return _eew(t, had_notice)
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
