"""Sending due reminders: claimed once, sent through the alerts' email and Web Push code.

A reminder is due REMIND_DAYS_BEFORE days before its deadline. Claiming sets `sent_at` under
row locks that other workers skip, so a reminder goes out once however many workers (on
however many machines) run the same batch. A send that fails clears `sent_at` again: the next
daily run tries once more while the deadline is still ahead."""

from __future__ import annotations

import contextlib
import json
import logging
import smtplib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kyosei.alerts import delivery, sender, webpush
from kyosei.core import cldr
from kyosei.residence.models import Reminder
from kyosei.residence.services import REMIND_DAYS_BEFORE
from kyosei.residence.timeline import what_language
from zairyu.data import what_texts

log = logging.getLogger(__name__)
BATCH = 1000
FIELDS = (
    "id",
    "due",
    "kind",
    "language",
    "channel",
    "email",
    "endpoint",
    "p256dh",
    "auth",
    "token",
)


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    due: date
    kind: str
    language: str
    channel: str
    email: str
    endpoint: str
    p256dh: str
    auth: str
    token: str


def last_due(today: date) -> date:
    """Deadlines up to this day are reminded today."""
    return today + timedelta(days=REMIND_DAYS_BEFORE)


def forget_past(today: date) -> int:
    """A reminder is kept only until its deadline has passed."""
    return Reminder.objects.filter(due__lt=today).delete()[0]


def due_ranges(today: date, size: int = BATCH) -> list[tuple[int, int]]:
    ids = list(
        Reminder.objects.filter(sent_at__isnull=True, due__lte=last_due(today), due__gte=today)
        .order_by("id")
        .values_list("id", flat=True)
    )
    return [(part[0], part[-1]) for part in (ids[i : i + size] for i in range(0, len(ids), size))]


def claim(first_id: int, last_id: int, today: date) -> list[Claimed]:
    with transaction.atomic():
        rows = list(
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(
                id__gte=first_id,
                id__lte=last_id,
                sent_at__isnull=True,
                due__lte=last_due(today),
                due__gte=today,
            )
            .order_by("id")
        )
        if rows:
            Reminder.objects.filter(id__in=[r.pk for r in rows], sent_at__isnull=True).update(
                sent_at=timezone.now()
            )
    return [Claimed(**{name: getattr(r, name) for name in FIELDS}) for r in rows]


def delete_url(reminder: Claimed) -> str:
    with translation.override(reminder.language):
        return settings.SITE_URL + reverse("residence:delete", kwargs={"token": reminder.token})


def content(reminder: Claimed) -> tuple[str, str, str]:
    """(subject, the deadline's text, its language) in the reminder's language."""
    text_language = what_language(reminder.language)
    with translation.override(reminder.language):
        subject = _("Deadline on %(day)s") % {"day": cldr.day(reminder.due, reminder.language)}
    return subject, _texts(text_language)[reminder.kind], text_language


@lru_cache(maxsize=32)
def _texts(language: str) -> dict[str, str]:
    return what_texts(language)


def reminder_email(reminder: Claimed) -> mail.EmailMessage:
    subject, what, _language = content(reminder)
    unsubscribe = delete_url(reminder)
    with translation.override(reminder.language):
        body = render_to_string(
            "residence/email/reminder.txt", {"what": what, "delete_url": unsubscribe}
        )
    host = urlsplit(settings.SITE_URL).hostname or "kyosei"
    return mail.EmailMessage(
        subject=subject,
        body=body,
        to=[reminder.email],
        headers={
            "Message-ID": f"<kyosei-reminder-{reminder.id}@{host}>",
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": reminder.language,
        },
    )


def push_payload(reminder: Claimed) -> bytes:
    subject, what, language = content(reminder)
    data = {
        "title": subject,
        "body": what[:1500],
        "url": delete_url(reminder),
        "lang": language,
        "tag": f"kyosei-reminder-{reminder.id}",
    }
    return json.dumps(data, ensure_ascii=False).encode()


def send_emails(rows: list[Claimed]) -> list[int]:
    """The ids that could not be sent."""
    if not rows:
        return []
    try:
        connection = mail.get_connection(fail_silently=False)
        connection.open()
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("residence: SMTP unavailable, %d reminders wait: %s", len(rows), exc)
        return [r.id for r in rows]
    failed = []
    try:
        for row in rows:
            try:
                connection.send_messages([reminder_email(row)])
            except (OSError, smtplib.SMTPException) as exc:
                log.warning("residence: reminder %s not sent: %s", row.id, type(exc).__name__)
                failed.append(row.id)
    finally:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            connection.close()
    return failed


def send_pushes(rows: list[Claimed]) -> tuple[list[int], list[int]]:
    """(ids that failed and may be retried, ids whose subscription is gone)."""
    failed: list[int] = []
    gone: list[int] = []

    # Built here, not in the sender's event loop: the texts need the language registry (a query).
    requests = {
        row.id: (
            row.endpoint,
            {
                "Content-Encoding": "aes128gcm",
                "Content-Type": "application/octet-stream",
                "TTL": str(24 * 3600),
                "Authorization": delivery.vapid_header(row.endpoint),
            },
            webpush.encrypt(push_payload(row), row.p256dh, row.auth),
        )
        for row in rows
    }

    def record(chunk: list[sender.Result[Claimed]]) -> None:
        for result in chunk:
            if result.status in (404, 410):
                gone.append(result.item.id)
            elif result.error is not None or not (200 <= (result.status or 0) < 300):
                failed.append(result.item.id)

    sender.post_all(
        rows,
        lambda row: requests[row.id],
        record,
        lanes=max(1, settings.ALERTS_PUSH_CONCURRENCY),
        timeout=float(settings.ALERTS_HTTP_TIMEOUT_SECONDS),
        chunk=delivery.RECORD_CHUNK,
    )
    return failed, gone


def send_now(first_id: int, last_id: int, today: date | None = None) -> int:
    """Claim and send one batch of due reminders. Returns how many were sent."""
    rows = claim(first_id, last_id, today or timezone.localdate())
    failed = send_emails([r for r in rows if r.channel == Reminder.Channel.EMAIL])
    push_failed, gone = send_pushes([r for r in rows if r.channel == Reminder.Channel.PUSH])
    failed += push_failed
    if failed:
        Reminder.objects.filter(id__in=failed).update(sent_at=None)
    if gone:
        Reminder.objects.filter(id__in=gone).delete()
    return len(rows) - len(failed) - len(gone)
