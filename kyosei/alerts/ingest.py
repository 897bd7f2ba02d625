"""Ingest: raw JMA XML → Telegram row → Event → Notices (what to send, to which municipalities).

Idempotent: a telegram is stored once per byte digest and once per identity (type, status,
EventID, serial, report time, InfoType, office), so the same telegram from the feed, the push
endpoint and a replay is one telegram. Ordering: a telegram older than the newest one applied to
its event is stored as STALE and sends nothing. A 取消 cancels the event: a cancellation notice
goes to everyone who got a notice for it, and telegrams for the event that arrive afterwards
are VOID.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

import jmaparse
from kyosei.alerts.events import covered_events, merging_event
from kyosei.alerts.hazards import BY_KIND, derive
from kyosei.alerts.hazards.common import Draft
from kyosei.alerts.models import Event, Notice, Phase, Telegram

__all__ = ["Draft", "IngestResult", "derive", "event_key", "ingest"]

log = logging.getLogger(__name__)


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


def event_key(t: jmaparse.TelegramBase) -> str:
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
    if t.kind not in BY_KIND:
        telegram.outcome = Telegram.Outcome.IGNORED
        telegram.save()
        return IngestResult(telegram, True, [])
    # A telegram under one EventID that arrives after JMA merged it with another ("A" after
    # "A B") belongs to the merged event: one event, ordered against everything it applied.
    merged = merging_event(t.event_id, status=t.status.value, type_code=t.type_code)
    if merged is not None:
        event = Event.objects.select_for_update().get(pk=merged.pk)
        t = dataclasses.replace(t, event_id=event.event_id)
    else:
        event, _ = Event.objects.select_for_update().get_or_create(
            key=event_key(t),
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
    # A merged EventID ("A B") continues the events it names: their notices are its earlier
    # ones, and it is older than them only by report time (serials are per event).
    others = [
        e
        for e in covered_events(t.event_id, status=t.status.value, type_codes=[t.type_code])
        if e.pk != event.pk
    ]
    serial = -1 if t.serial is None else t.serial
    if event.latest_report_at is None:
        newer = True
    elif merged is None:
        newer = (serial, t.report_datetime) > (event.latest_serial, event.latest_report_at)
    else:  # serials count per EventID: a late single-EventID telegram has only its time
        newer = t.report_datetime > event.latest_report_at
    newer = newer and all(
        e.latest_report_at is None or t.report_datetime >= e.latest_report_at for e in others
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
    previous = list(Notice.objects.filter(event__in=[event, *others]).order_by("created_at", "pk"))
    if reopens:
        event.is_cancelled = False
    if t.is_cancellation:
        if not t.event_id and previous:
            # ... and a 取消 there withdraws the latest telegram, not every alert ever sent.
            latest = previous[-1].telegram_id
            previous = [n for n in previous if n.telegram_id == latest]
        drafts = _cancellation_drafts(previous)
        event.is_cancelled = True
        Event.objects.filter(pk__in=[e.pk for e in others]).update(is_cancelled=True)
    else:
        drafts = derive(t, had_notice=bool(previous))
        if t.is_correction:
            for draft in drafts:
                draft.phase = Phase.CORRECTION
    if newer:
        event.latest_report_at = t.report_datetime
        event.latest_serial = serial if merged is None else max(serial, event.latest_serial)
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
