"""Fan-out and delivery: notice → Delivery rows → Web Push / email / webhook requests.

Guarantees:
* one Delivery row per (notice, subscription), created with INSERT … SELECT … ON CONFLICT DO
  NOTHING, so running the fan-out twice (a retried task) creates nothing twice;
* a batch *claims* its pending rows (status SENDING with a lease) before sending; a worker
  killed mid-batch leaves rows whose lease expires, and `sweep()` hands them to a new batch
  (at-least-once). The only requests that can be repeated are those in flight at the moment of
  the kill; they carry the same Web Push `Topic` / webhook `Idempotency-Key` / email
  Message-ID, so the push service, the bridge and mail clients collapse them;
* every attempt is a DeliveryAttempt row; failures are retried with exponential backoff;
  push endpoints answering 404/410 disable their subscription.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import smtplib
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.db.models import F, Lookup, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from kyosei.alerts import sender, webpush
from kyosei.alerts.events import covered_events
from kyosei.alerts.hazards.common import EASY

# Re-exported: the drill tests read the labels where the batch applies them.
from kyosei.alerts.messages import DRILL_LINE, DRILL_TITLE
from kyosei.alerts.models import (
    Delivery,
    DeliveryAttempt,
    Event,
    Hazard,
    Notice,
    Phase,
    Subscription,
    SubscriptionArea,
    preference_field,
)
from kyosei.alerts.render import Rendered, furigana_html, render, your_area

log = logging.getLogger(__name__)

PAYLOAD_LIMIT = 3800  # Web Push payloads must stay under 4096 bytes after encryption


# --------------------------------------------------------------------------------------------
# Targeting
# --------------------------------------------------------------------------------------------


def matching_subscriptions(notice: Notice) -> QuerySet[Subscription]:
    """Active subscriptions that want this notice: area, hazard, intensity, drills."""
    qs = Subscription.objects.filter(is_active=True).filter(
        Q(channel__in=[Subscription.Channel.WEBPUSH, Subscription.Channel.WEBHOOK])
        | Q(channel=Subscription.Channel.EMAIL, confirmed=True)
    )
    qs = qs.filter(**{preference_field(notice.hazard): True})
    if notice.is_drill:
        qs = qs.filter(include_drills=True)
    if notice.phase == Phase.CANCELLATION and notice.event_id is not None:
        # A 取消 reaches exactly those who were told what it withdraws: not a subscriber whose
        # threshold kept the original from them, nor one who subscribed since.
        qs = qs.filter(id__in=cancelled_recipients(notice))
    codes = list(notice.codes)
    # Earthquake notices and EEW forecasts carry an intensity per municipality; subscribers'
    # thresholds apply to those (a cancellation reaches everyone who was told).
    if (
        notice.hazard in {"earthquake", "eew"}
        and notice.intensity_by_code
        and notice.phase
        not in {
            "cancellation",
        }
    ):
        by_rank: dict[int, list[str]] = {}
        for code in codes:
            by_rank.setdefault(int(notice.intensity_by_code.get(code, 0)), []).append(code)
        area_filter = Q()
        for rank, rank_codes in by_rank.items():
            area_filter |= Q(
                min_intensity__lte=rank,
                id__in=SubscriptionArea.objects.filter(code__in=rank_codes).values(
                    "subscription_id"
                ),
            )
        return qs.filter(area_filter)
    return qs.filter(
        id__in=SubscriptionArea.objects.filter(code__in=codes).values("subscription_id")
    )


def cancelled_recipients(notice: Notice) -> QuerySet[Delivery, int]:
    """Subscriptions that got (or are being sent) a notice this cancellation withdraws: the
    event's earlier notices; for an event without an EventID (one per office for ever), only
    its latest telegram's, as ingest withdraws only those."""
    events: list[Event | None] = [notice.event]
    if notice.event is not None:
        # A 取消 under a merged EventID withdraws the notices of every event it names.
        events += covered_events(
            notice.event.event_id, status=notice.event.status, type_codes=[notice.event.type_code]
        )
    earlier = Notice.objects.filter(event__in=events, pk__lt=notice.pk).exclude(
        phase=Phase.CANCELLATION
    )
    if notice.event is not None and not notice.event.event_id:
        latest = earlier.order_by("-telegram_id").values_list("telegram_id", flat=True)[:1]
        earlier = earlier.filter(telegram_id__in=latest)
    told = [Delivery.Status.SENT, Delivery.Status.PENDING, Delivery.Status.SENDING]
    return Delivery.objects.filter(notice__in=earlier, status__in=told).values_list(
        "subscription_id", flat=True
    )


# The largest slice of a fan-out, in batches: the first slice is one batch (sending starts
# soon), each next one twice the last, up to this (six slices for 100 000 subscribers).
SLICE_BATCHES = 16


@dataclass(slots=True, frozen=True)
class Slice:
    """One slice of a notice's subscribers, its Delivery rows created."""

    delivery_ids: list[int]  # the slice's unfinished rows, in id order
    last: bool


def delivery_slices(notice: Notice, *, first: int, most: int) -> Iterator[Slice]:
    """Create a notice's Delivery rows a slice of subscribers at a time, in subscription id
    order, handing each slice on as soon as its rows exist: sending starts after the first
    slice, not after the last (100 000 rows take ~1.7 s to insert on PostgreSQL, measured).
    Slices double from `first` rows to `most`.

    Idempotent: INSERT … SELECT … ON CONFLICT DO NOTHING creates nothing twice, and a slice
    hands on every unfinished row of its subscribers, also those a fan-out that died before
    it had created and never queued."""
    table = Delivery._meta.db_table
    unfinished = [Delivery.Status.PENDING, Delivery.Status.SENDING]
    matching = matching_subscriptions(notice)
    after, limit = 0, first
    while True:
        # The slice's upper bound: its limit-th subscriber (none: this is the last slice).
        edge = list(
            matching.filter(id__gt=after)
            .order_by("id")
            .values_list("id", flat=True)[limit - 1 : limit]
        )
        chosen = matching.filter(id__gt=after, **({"id__lte": edge[0]} if edge else {}))
        sql, params = chosen.values("id").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (notice_id, subscription_id, status, attempts, last_error) "  # noqa: S608  # table name is ours, values are parameters
                f"SELECT %s, sub.id, %s, 0, '' FROM ({sql}) sub WHERE 1=1 "
                "ON CONFLICT (notice_id, subscription_id) DO NOTHING",
                [notice.pk, Delivery.Status.PENDING, *params],
            )
        rows = Delivery.objects.filter(
            notice=notice, subscription_id__gt=after, status__in=unfinished
        )
        if edge:
            rows = rows.filter(subscription_id__lte=edge[0])
        yield Slice(list(rows.order_by("id").values_list("id", flat=True)), last=not edge)
        if not edge:
            return
        after, limit = edge[0], min(limit * 2, most)


def create_deliveries(notice: Notice) -> int:
    """Create every Delivery row of a notice without queueing any; idempotent. Returns how many
    are unfinished."""
    size = settings.ALERTS_BATCH_SIZE
    slices = delivery_slices(notice, first=size, most=SLICE_BATCHES * size)
    return sum(len(part.delivery_ids) for part in slices)


def ranges(ids: list[int], size: int) -> list[tuple[int, int]]:
    """Batches as (first id, last id) of `size` rows each."""
    return [(ids[i], ids[min(i + size, len(ids)) - 1]) for i in range(0, len(ids), size)]


def hold_fan_out(notice_id: int) -> None:
    """Hold a notice for its fan-out, queued or under way, for one lease: until then the sweep
    leaves it alone; after it, while the notice is not fanned out, the sweep starts it again."""
    Notice.objects.filter(pk=notice_id).update(
        fan_out_lease_until=timezone.now() + timedelta(seconds=settings.ALERTS_LEASE_SECONDS)
    )


# A notice older than this whose fan-out never finished is not sent late: a newer telegram
# has superseded it by then, and a resident acting on stale orders would be in danger.
REFAN_OUT_WITHIN = timedelta(hours=6)


def stalled_fan_outs(now: datetime | None = None) -> list[int]:
    """Current notices whose fan-out was scheduled but did not finish within its lease (its
    worker died, its task was lost), taken for one more lease each so that the next sweep does
    not take them too."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            Notice.objects.select_for_update(skip_locked=True)
            .filter(
                fanned_out_at__isnull=True,
                fan_out_lease_until__lt=now,
                created_at__gte=now - REFAN_OUT_WITHIN,
            )
            .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
            .values_list("id", flat=True)
        )
        if ids:
            Notice.objects.filter(id__in=ids).update(
                fan_out_lease_until=now + timedelta(seconds=settings.ALERTS_LEASE_SECONDS)
            )
    return ids


# --------------------------------------------------------------------------------------------
# Claiming and recording
# --------------------------------------------------------------------------------------------


class AnyOf(Lookup[Any]):
    """`column IN (ids)` written as `column = ANY(%s)` with one array parameter on PostgreSQL.

    Why: a batch filters on up to 1000 ids; with 1000 placeholders psycopg spends more time
    converting the query text than PostgreSQL spends running it (measured in the fan-out
    profile), and the query text differs per batch size so nothing is cached."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self) -> list[int]:
        return [int(v) for v in self.rhs]

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", (*lhs_params, values)
        if not values:
            return "1 = 0", tuple(lhs_params)
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", (*lhs_params, *values)


@dataclass(slots=True, frozen=True)
class Target:
    """What sending needs of a subscription."""

    id: int
    channel: str
    language: str
    endpoint: str
    p256dh: str
    auth: str
    email: str
    secret: str
    token: str
    is_active: bool


TARGET_FIELDS = tuple(f.name for f in fields(Target))[1:]


@dataclass(slots=True)
class Claimed:
    """A claimed Delivery row as plain values: building a batch's model instances (each with
    its subscription) cost ~20 µs a row, a tenth of a push's CPU (measured)."""

    pk: int
    notice_id: int
    subscription_id: int
    attempts: int
    subscription: Target
    status: str = Delivery.Status.SENDING
    next_attempt_at: datetime | None = None
    last_error: str = ""

    @property
    def idempotency_key(self) -> str:
        return Delivery.key_for(self.notice_id, self.subscription_id)


def claim(notice_id: int, first_id: int, last_id: int) -> list[Claimed]:
    """Take the sendable rows of a batch: pending and due, or sending with an expired lease.

    Each row comes with its subscription in the same query: a join from the batch's id range
    keeps PostgreSQL on the primary keys, where `subscription.id = ANY(1000 ids)` on its own
    was planned as a sequential scan of every subscriber when statistics lagged behind a bulk
    import (measured: 60 ms per batch at 20 000 subscribers)."""
    now = timezone.now()
    lease = now + timedelta(seconds=settings.ALERTS_LEASE_SECONDS)
    with transaction.atomic():
        due = Q(status=Delivery.Status.PENDING) & (
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
        )
        expired = Q(status=Delivery.Status.SENDING, lease_until__lt=now)
        rows = list(
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(notice_id=notice_id, id__gte=first_id, id__lte=last_id)
            .filter(due | expired)
            .order_by("id")
            .values_list(
                "id",
                "subscription_id",
                "attempts",
                *(f"subscription__{name}" for name in TARGET_FIELDS),
            )
        )
        if not rows:
            return []
        Delivery.objects.filter(AnyOf(F("id"), [r[0] for r in rows])).update(
            status=Delivery.Status.SENDING, lease_until=lease, attempts=F("attempts") + 1
        )
    return [
        Claimed(pk, notice_id, subscription_id, attempts + 1, Target(subscription_id, *rest))
        for pk, subscription_id, attempts, *rest in rows
    ]


@dataclass(slots=True)
class Outcome:
    delivery: Claimed
    ok: bool
    status_code: int | None = None
    error: str = ""
    gone: bool = False
    duration_ms: int = 0


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(settings.ALERTS_RETRY_BASE_SECONDS * 2 ** (attempts - 1), 3600))


def record_outcomes(outcomes: list[Outcome]) -> datetime | None:
    """Write results and attempt rows; returns when the earliest retry is due (if any)."""
    if not outcomes:
        return None
    now = timezone.now()
    if connection.vendor == "postgresql" and all(o.ok for o in outcomes):
        _record_sent(outcomes, now)  # the common case: one statement
        _note_first_sent(outcomes, now)
        return None
    retry_at: datetime | None = None
    gone_subs: list[int] = []
    for o in outcomes:
        d = o.delivery
        d.last_error = o.error[:300]
        if o.ok:
            d.status, d.next_attempt_at = Delivery.Status.SENT, None
        elif o.gone:
            d.status = Delivery.Status.GONE
            gone_subs.append(d.subscription_id)
        elif d.attempts >= settings.ALERTS_MAX_ATTEMPTS:
            d.status = Delivery.Status.FAILED
            log.error("alerts: delivery %s failed for good: %s", d.pk, o.error)
        else:
            d.status, d.next_attempt_at = Delivery.Status.PENDING, now + backoff(d.attempts)
            retry_at = min(retry_at or d.next_attempt_at, d.next_attempt_at)
    with transaction.atomic():
        # One UPDATE for all successes (the common case); failures are few, row by row.
        sent = [o.delivery.pk for o in outcomes if o.ok]
        if sent:
            Delivery.objects.filter(AnyOf(F("id"), sent)).update(
                status=Delivery.Status.SENT,
                sent_at=now,
                lease_until=None,
                next_attempt_at=None,
                last_error="",
            )
        for o in outcomes:
            if not o.ok:
                d = o.delivery
                Delivery.objects.filter(pk=d.pk).update(
                    status=d.status,
                    lease_until=None,
                    next_attempt_at=d.next_attempt_at,
                    last_error=d.last_error,
                )
        _insert_attempts(outcomes, now)
        if gone_subs:
            Subscription.objects.filter(id__in=gone_subs).update(
                is_active=False, disabled_reason="push service answered 404/410"
            )
    _note_first_sent(outcomes, now)
    return retry_at


_first_sent_known: set[int] = set()


def _note_first_sent(outcomes: list[Outcome], now: datetime) -> None:
    notice_id = outcomes[0].delivery.notice_id
    if notice_id not in _first_sent_known and any(o.ok for o in outcomes):
        Notice.objects.filter(pk=notice_id, first_sent_at__isnull=True).update(first_sent_at=now)
        _first_sent_known.add(notice_id)  # one query per notice and process, not per chunk


def _record_sent(outcomes: list[Outcome], now: datetime) -> None:
    """All succeeded (the common case): the UPDATE and the attempt rows in one statement, one
    round trip per chunk. A single statement is atomic without a transaction around it."""
    insert, insert_params = _attempts_insert_pg(outcomes, now)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH sent AS (UPDATE {Delivery._meta.db_table} SET status = %s, sent_at = %s, "  # noqa: S608  # our table name; values are parameters
            "lease_until = NULL, next_attempt_at = NULL, last_error = '' WHERE id = ANY(%s)) "
            + insert,
            [Delivery.Status.SENT, now, insert_params[1], *insert_params],
        )


def _attempts_insert_pg(outcomes: list[Outcome], now: datetime) -> tuple[str, list[Any]]:
    """The attempt rows as one INSERT with array parameters: constant query text, no
    per-row placeholders for psycopg to convert."""
    return (
        f"INSERT INTO {DeliveryAttempt._meta.db_table} "  # noqa: S608  # our table name; values are parameters
        "(delivery_id, at, ok, status_code, error, duration_ms) "
        "SELECT d, %s, ok, code, err, ms FROM unnest("
        "%s::bigint[], %s::boolean[], %s::integer[], %s::text[], %s::integer[]"
        ") AS t(d, ok, code, err, ms)",
        [
            now,
            [o.delivery.pk for o in outcomes],
            [o.ok for o in outcomes],
            [o.status_code for o in outcomes],
            [o.error[:300] for o in outcomes],
            [o.duration_ms for o in outcomes],
        ],
    )


def _insert_attempts(outcomes: list[Outcome], now: datetime) -> None:
    """One multi-row INSERT: the ORM's bulk_create costs more CPU than the sending itself."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(*_attempts_insert_pg(outcomes, now))
        return
    table = DeliveryAttempt._meta.db_table
    values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(outcomes))
    params: list[Any] = []
    for o in outcomes:
        params += [o.delivery.pk, now, o.ok, o.status_code, o.error[:300], o.duration_ms]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (delivery_id, at, ok, status_code, error, duration_ms) "  # noqa: S608  # our table name; values are parameters
            f"VALUES {values}",
            params,
        )


# --------------------------------------------------------------------------------------------
# Sending
# --------------------------------------------------------------------------------------------


class Renderer:
    """Renders each language once per batch, as it is sent (a drill labelled)."""

    def __init__(self, notice: Notice) -> None:
        self.notice = notice
        self._cache: dict[str, Rendered] = {}
        self._lock = threading.Lock()

    def __call__(self, language: str) -> Rendered:
        with self._lock:
            if language not in self._cache:
                self._cache[language] = as_sent(self.notice, render(self.notice, language))
            return self._cache[language]


def as_sent(notice: Notice, message: Rendered) -> Rendered:
    """The message as every channel (push, email, webhook) sends it."""
    if not notice.is_drill:
        return message
    with translation.override(message.lang):
        title = str(DRILL_TITLE) % {"title": message.title}
        line = str(DRILL_LINE)
    line_html = furigana_html(line) if message.lang.lower() == EASY else escape(line)
    return replace(
        message,
        title=title,
        body=f"{line}\n{message.body}",
        html_body=f"{line_html}<br>{message.html_body}",
    )


def notice_url(notice: Notice, language: str) -> str:
    with translation.override(language):
        path = reverse("alerts:notice", kwargs={"pk": notice.pk})
    return settings.SITE_URL + path


def followed_areas(notice: Notice, subscription_ids: list[int]) -> dict[int, str]:
    """For each subscription, the first municipality it follows among the notice's codes: the
    place its copy of the alert names as "your area"."""
    targeted = set(notice.codes)
    found: dict[int, str] = {}
    rows = (
        SubscriptionArea.objects.filter(AnyOf(F("subscription_id"), subscription_ids))
        .order_by("code")
        .values_list("subscription_id", "code")
    )
    for subscription_id, code in rows:
        if code in targeted:
            found.setdefault(subscription_id, code)
    return found


_payloads: dict[tuple[int, str, str, str], bytes] = {}
_payloads_lock = threading.Lock()


def cached_push_payload(notice: Notice, renderer: Renderer, language: str, area: str) -> bytes:
    """A notice never changes once saved, so each process renders its payload once per
    language and area, not once per batch."""
    # created_at too: a rolled-back test transaction on SQLite hands out the same pk again.
    key = (notice.pk, notice.created_at.isoformat(), language, area)
    with _payloads_lock:
        found = _payloads.get(key)
    if found is None:
        found = push_payload(
            notice, renderer(language), your_area(area, language, notice) if area else ""
        )
        with _payloads_lock:
            if len(_payloads) > 20000:
                _payloads.clear()
            _payloads[key] = found
    return found


def push_payload(notice: Notice, message: Rendered, area_line: str = "") -> bytes:
    lead, text = "", message.body
    if notice.is_drill:  # the drill line stays first, before "your area" (as_sent)
        label, _, text = message.body.partition("\n")
        lead = label + "\n"
    body = f"{text}\n{message.action}"
    data: dict[str, Any] = {
        "id": notice.pk,
        "title": message.title,
        "body": lead + (f"{area_line}\n{body}" if area_line else body),
        "url": notice_url(notice, message.lang),
        "lang": message.lang,
        # The service worker shows one notification per tag: a repeated request replaces it.
        "tag": f"kyosei-{notice.event_id or 'n' + str(notice.pk)}",
    }
    if notice.is_drill:
        data["drill"] = True  # the label itself is in the title and body (as_sent)
    raw = json.dumps(data, ensure_ascii=False).encode()
    while len(raw) > PAYLOAD_LIMIT and len(data["body"]) > 20:
        data["body"] = data["body"][: len(data["body"]) * 3 // 4] + "…"
        raw = json.dumps(data, ensure_ascii=False).encode()
    return raw


_vapid_cache: dict[str, tuple[float, str]] = {}
_vapid_lock = threading.Lock()


def vapid_header(endpoint: str) -> str:
    """The VAPID Authorization header for the push service's origin, cached for 1 hour."""
    from py_vapid import Vapid02

    parts = urlsplit(endpoint)
    audience = f"{parts.scheme}://{parts.netloc}"
    with _vapid_lock:
        cached = _vapid_cache.get(audience)
        if cached and cached[0] > time.time() + 600:
            return cached[1]
        expires = int(time.time()) + 12 * 3600
        signer = Vapid02.from_string(settings.VAPID_PRIVATE_KEY)
        header = signer.sign({"aud": audience, "exp": expires, "sub": settings.VAPID_SUBJECT})
        value = str(header["Authorization"])
        _vapid_cache[audience] = (time.time() + 3600, value)
        return value


def encrypt_push(subscription: Target, payload: bytes) -> bytes:
    return webpush.encrypt(payload, subscription.p256dh, subscription.auth)


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def webhook_body(notice: Notice, renderer: Renderer) -> bytes:
    from kyosei.core.languages import registry

    data = {
        "notice": notice_json(notice),
        "messages": [renderer(lang.code).as_dict() for lang in registry().languages],
    }
    return json.dumps(data, ensure_ascii=False).encode()


def sign_webhook(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def alert_email(
    notice: Notice,
    subscription: Target,
    message: Rendered,
    delivery: Claimed,
    area: str = "",
) -> mail.EmailMultiAlternatives:
    from django.template.loader import render_to_string

    with translation.override(message.lang):
        unsubscribe = settings.SITE_URL + reverse(
            "alerts:unsubscribe", kwargs={"token": subscription.token}
        )
        context = {
            "message": message,
            "your_area": your_area(area, message.lang, notice) if area else "",
            "notice_url": notice_url(notice, message.lang),
            "unsubscribe": unsubscribe,
        }
        text = render_to_string("alerts/email/alert.txt", context)
        html_body = render_to_string("alerts/email/alert.html", context)
    host = urlsplit(settings.SITE_URL).hostname or "kyosei"
    email = mail.EmailMultiAlternatives(
        subject=message.title,
        body=text,
        to=[subscription.email],
        headers={
            "Message-ID": f"<{delivery.idempotency_key}@{host}>",
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": message.lang,
        },
    )
    email.attach_alternative(html_body, "text/html")
    return email


def send_emails(
    notice: Notice,
    pairs: list[tuple[Claimed, Target]],
    renderer: Renderer,
    areas: dict[int, str],
) -> list[Outcome]:
    if not pairs:
        return []
    outcomes: list[Outcome] = []
    try:
        connection_ = mail.get_connection(fail_silently=False)
        connection_.open()
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("alerts: SMTP unavailable, %d emails will be retried: %s", len(pairs), exc)
        return [Outcome(d, False, None, f"SMTP unavailable: {exc}"[:300]) for d, _ in pairs]
    try:
        for delivery, subscription in pairs:
            started = time.monotonic()
            try:
                message = alert_email(
                    notice,
                    subscription,
                    renderer(subscription.language),
                    delivery,
                    areas.get(subscription.id, ""),
                )
                connection_.send_messages([message])
                outcomes.append(Outcome(delivery, True, 250, "", False, _ms(started)))
            except (OSError, smtplib.SMTPException) as exc:
                outcomes.append(
                    Outcome(delivery, False, None, f"{type(exc).__name__}: {exc}"[:300])
                )
    finally:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            connection_.close()
    return outcomes


def send_batch_now(notice_id: int, first_id: int, last_id: int) -> tuple[int, datetime | None]:
    """Claim and send one batch. Returns (number handled, earliest retry time)."""
    notice = Notice.objects.select_related("event").get(pk=notice_id)
    rows = claim(notice_id, first_id, last_id)
    if not rows:
        return 0, None
    ttl = push_ttl(notice, timezone.now())
    if ttl is None:
        expire(notice, rows)
        return len(rows), None
    renderer = Renderer(notice)
    pushes, emails, hooks, outcomes = [], [], [], []
    for row in rows:
        sub = row.subscription
        if not sub.is_active:
            outcomes.append(Outcome(row, False, None, "subscription no longer active", gone=True))
        elif sub.channel == Subscription.Channel.WEBPUSH:
            pushes.append((row, sub))
        elif sub.channel == Subscription.Channel.EMAIL:
            emails.append((row, sub))
        else:
            hooks.append((row, sub))
    retry_at = record_outcomes(outcomes)
    areas = followed_areas(notice, [s.id for _, s in pushes + emails]) if pushes or emails else {}
    if pushes:
        payloads = {
            (lang, area): cached_push_payload(notice, renderer, lang, area)
            for lang, area in {(s.language, areas.get(s.id, "")) for _, s in pushes}
        }
        headers = PushHeaders(notice.pk, ttl)
        retry_at = _merge(
            retry_at,
            _post_deliveries(
                pushes,
                lambda d, s: push_request(s, payloads[s.language, areas.get(s.id, "")], headers),
                gone_codes={404, 410},
            ),
        )
    if hooks:
        body = webhook_body(notice, renderer)
        retry_at = _merge(
            retry_at,
            _post_deliveries(hooks, lambda d, s: webhook_request(d, s, body), gone_codes=set()),
        )
    if emails:
        retry_at = _merge(retry_at, record_outcomes(send_emails(notice, emails, renderer, areas)))
    return len(rows), retry_at


# An earthquake early warning is about shaking seconds away. Shown later (a phone that was
# off, a retry after a push service's 5xx, a resident reading email in the evening) it sends
# people under tables for nothing and teaches them to ignore the next one.
EEW_LIFETIME = timedelta(minutes=2)
EXPIRED = "not sent: an earthquake early warning older than its lifetime"


def push_ttl(notice: Notice, now: datetime) -> int | None:
    """Seconds a push service may keep the message for an offline device; None when the
    notice must not be sent at all any more (an expired early warning)."""
    if notice.hazard == Hazard.EEW:
        left = (notice.received_at + EEW_LIFETIME - now).total_seconds()
        return int(left) if left >= 1 else None
    if notice.expires_at:
        return max(60, int((notice.expires_at - now).total_seconds()))
    return 24 * 3600


def expire(notice: Notice, rows: list[Claimed]) -> None:
    """Close claimed rows of a notice too old to send, on every channel, for good."""
    log.warning("alerts: %d deliveries of notice %s not sent: expired", len(rows), notice.pk)
    now = timezone.now()
    with transaction.atomic():
        Delivery.objects.filter(AnyOf(F("id"), [r.pk for r in rows])).update(
            status=Delivery.Status.FAILED,
            lease_until=None,
            next_attempt_at=None,
            last_error=EXPIRED,
        )
        _insert_attempts([Outcome(r, False, None, EXPIRED) for r in rows], now)


def _merge(a: datetime | None, b: datetime | None) -> datetime | None:
    return min(x for x in (a, b) if x) if (a or b) else None


RECORD_CHUNK = 100  # results written per chunk: bounds what a killed worker can repeat


class PushHeaders:
    """The header lines of one batch's push requests. They are the same for every request to
    one push service (the VAPID token is per origin), so they are built once per origin and
    batch, not once per message."""

    def __init__(self, notice_id: int, ttl: int) -> None:
        self.common = {
            "Content-Encoding": "aes128gcm",
            "Content-Type": "application/octet-stream",
            "TTL": str(ttl),
            "Urgency": "high",
            # Same topic for the same notice: a repeated request replaces, never adds.
            "Topic": f"kyosei-n{notice_id}"[:32],
        }
        self._by_origin: dict[str, bytes] = {}

    def __call__(self, endpoint: str) -> bytes:
        origin = "/".join(endpoint.split("/", 3)[:3])  # scheme://host[:port], no urlsplit
        lines = self._by_origin.get(origin)
        if lines is None:
            lines = sender.header_lines({**self.common, "Authorization": vapid_header(endpoint)})
            self._by_origin[origin] = lines
        return lines


def push_request(
    subscription: Target, payload: bytes, headers: PushHeaders
) -> tuple[str, bytes, bytes]:
    return (
        subscription.endpoint,
        headers(subscription.endpoint),
        encrypt_push(subscription, payload),
    )


def webhook_request(
    delivery: Claimed, subscription: Target, body: bytes
) -> tuple[str, dict[str, str], bytes]:
    return (
        subscription.endpoint,
        {
            "Content-Type": "application/json; charset=utf-8",
            "X-Kyosei-Signature": sign_webhook(subscription.secret, int(time.time()), body),
            "Idempotency-Key": delivery.idempotency_key,
        },
        body,
    )


def extend_lease(delivery_ids: list[int]) -> int:
    """Push the lease of a batch's rows still being sent forward. A batch to a slow push
    service can outlast the lease (2500 requests answered after 10 s each over 32 lanes take
    13 minutes); a lease that expired mid-batch would let the sweep send those rows again."""
    return Delivery.objects.filter(
        AnyOf(F("id"), delivery_ids), status=Delivery.Status.SENDING
    ).update(lease_until=timezone.now() + timedelta(seconds=settings.ALERTS_LEASE_SECONDS))


def _post_deliveries(
    pairs: list[tuple[Claimed, Target]], build: Any, *, gone_codes: set[int]
) -> datetime | None:
    retry_at: datetime | None = None

    def record(chunk: list[sender.Result[tuple[Claimed, Target]]]) -> None:
        nonlocal retry_at
        outcomes = []
        for result in chunk:
            delivery = result.item[0]
            if result.error is not None:
                error = f"{type(result.error).__name__}: {result.error}"[:300]
                outcomes.append(Outcome(delivery, False, None, error, False, result.duration_ms))
            elif result.status is not None and 200 <= result.status < 300:
                outcomes.append(
                    Outcome(delivery, True, result.status, "", False, result.duration_ms)
                )
            else:
                detail = result.body[:200].decode("utf-8", "replace")
                outcomes.append(
                    Outcome(
                        delivery,
                        False,
                        result.status,
                        f"HTTP {result.status} {detail}".strip(),
                        result.status in gone_codes,
                        result.duration_ms,
                    )
                )
        retry_at = _merge(retry_at, record_outcomes(outcomes))

    sender.post_all(
        pairs,
        lambda pair: build(*pair),
        record,
        lanes=max(1, settings.ALERTS_PUSH_CONCURRENCY),
        timeout=float(settings.ALERTS_HTTP_TIMEOUT_SECONDS),
        chunk=RECORD_CHUNK,
        heartbeat=lambda: extend_lease([d.pk for d, _ in pairs]),
        heartbeat_every=settings.ALERTS_LEASE_SECONDS / 3,
    )
    return retry_at


def notice_json(notice: Notice) -> dict[str, Any]:
    return {
        "id": notice.pk,
        "hazard": notice.hazard,
        "phase": notice.phase,
        "template": notice.template,
        "severity": notice.severity,
        "is_drill": notice.is_drill,
        "codes": notice.codes,
        "event_id": notice.event.event_id if notice.event else None,
        "type_code": notice.event.type_code if notice.event else None,
        "organisation": notice.organisation.slug if notice.organisation else None,
        "received_at": notice.received_at.isoformat(),
        "created_at": notice.created_at.isoformat(),
        "expires_at": notice.expires_at.isoformat() if notice.expires_at else None,
        "details": notice.details,
    }


def stuck_batches(now: datetime | None = None) -> Iterable[tuple[int, int, int]]:
    """(notice, first, last) ranges with expired leases or overdue retries (for sweep())."""
    now = now or timezone.now()
    rows = (
        Delivery.objects.filter(
            Q(status=Delivery.Status.SENDING, lease_until__lt=now)
            | Q(status=Delivery.Status.PENDING, next_attempt_at__lte=now - timedelta(seconds=60))
            | Q(
                status=Delivery.Status.PENDING,
                next_attempt_at__isnull=True,
                notice__fanned_out_at__lt=now - timedelta(seconds=settings.ALERTS_LEASE_SECONDS),
            )
        )
        .order_by("notice_id", "id")
        .values_list("notice_id", "id")
    )
    current: list[int] = []
    notice_id = None
    size = settings.ALERTS_BATCH_SIZE
    for nid, did in rows.iterator():
        if nid != notice_id or len(current) >= size:
            if current and notice_id is not None:
                yield notice_id, current[0], current[-1]
            notice_id, current = nid, []
        current.append(did)
    if current and notice_id is not None:
        yield notice_id, current[0], current[-1]
