"""Reminders of a resident's deadlines: asked for, confirmed, sent once, deleted in one click.

An email address is confirmed before anything is stored (double opt-in): the confirmation
link carries the request itself, encrypted with the field keys, so an address nobody confirms
is never written to the database."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kyosei.alerts.services import check_outbound_url
from kyosei.audit.services import record
from kyosei.counter.crypto import fernet
from kyosei.residence.models import Reminder, new_token
from kyosei.residence.timeline import Result

log = logging.getLogger(__name__)
# A reminder goes out this many days before its deadline (or at once when it is nearer).
REMIND_DAYS_BEFORE = 7
CONFIRM_WITHIN = timedelta(days=7)


@dataclass(frozen=True)
class PushAddress:
    endpoint: str
    p256dh: str
    auth: str


def deadlines_of(result: Result) -> list[tuple[str, date]]:
    """The deadlines worth a reminder: those still ahead."""
    return [(step.kind, step.day) for step in result.steps if not step.overdue]


@transaction.atomic
def create_reminders(
    *,
    deadlines: Sequence[tuple[str, date]],
    language: str,
    channel: str,
    address: str | PushAddress,
    token: str | None = None,
    request: HttpRequest | None = None,
) -> list[Reminder]:
    """One row per deadline, all under one delete token. Creating again with the same token
    (a confirmation link opened twice) adds nothing."""
    token = token or new_token()
    if Reminder.objects.filter(token=token).exists():
        return list(Reminder.objects.filter(token=token))
    common: dict[str, str] = {"language": language, "channel": channel, "token": token}
    if channel == Reminder.Channel.EMAIL:
        assert isinstance(address, str)  # noqa: S101
        common["email"] = address.strip()
    else:
        assert isinstance(address, PushAddress)  # noqa: S101
        check_outbound_url(address.endpoint, kind="push")
        common |= {"endpoint": address.endpoint, "p256dh": address.p256dh, "auth": address.auth}
    rows = [Reminder(due=day, kind=kind, **common) for kind, day in deadlines]
    for row in rows:
        row.full_clean(exclude=["token"])
    Reminder.objects.bulk_create(rows)
    record(
        actor=None,
        action="residence.reminders.create",
        request=request,
        data={"channel": channel, "language": language, "count": len(rows)},
    )
    return rows


@transaction.atomic
def delete_reminders(*, token: str, request: HttpRequest | None = None) -> int:
    deleted, _rows = Reminder.objects.filter(token=token).delete()
    if deleted:
        record(
            actor=None,
            action="residence.reminders.delete",
            request=request,
            data={"count": deleted},
        )
    return deleted


def confirmation_token(*, deadlines: Iterable[tuple[str, date]], language: str, email: str) -> str:
    payload = {
        "email": email.strip(),
        "language": language,
        "token": new_token(),
        "deadlines": [[kind, day.isoformat()] for kind, day in deadlines],
    }
    return fernet().encrypt(json.dumps(payload).encode()).decode("ascii")


def request_email_reminders(
    *, deadlines: Sequence[tuple[str, date]], language: str, email: str
) -> None:
    """Send the confirmation link; nothing is stored until it is opened."""
    token = confirmation_token(deadlines=deadlines, language=language, email=email)
    with translation.override(language):
        url = settings.SITE_URL + reverse("residence:confirm", kwargs={"token": token})
        body = render_to_string("residence/email/confirm.txt", {"confirm_url": url})
        subject = _("Confirm your reminders")
    try:
        send_mail(subject, body, None, [email.strip()])
    except OSError as exc:  # SMTP down: the resident can ask again
        log.warning("residence: could not send a reminder confirmation: %s", exc)


def confirm_email_reminders(
    *, token: str, request: HttpRequest | None = None
) -> list[Reminder] | None:
    """None for a link that is not ours, altered or older than CONFIRM_WITHIN."""
    try:
        raw = fernet().decrypt(token.encode("ascii"), ttl=int(CONFIRM_WITHIN.total_seconds()))
    except (InvalidToken, UnicodeEncodeError):
        return None
    payload = json.loads(raw)
    deadlines = [(kind, date.fromisoformat(day)) for kind, day in payload["deadlines"]]
    return create_reminders(
        deadlines=deadlines,
        language=payload["language"],
        channel=Reminder.Channel.EMAIL,
        address=payload["email"],
        token=payload["token"],
        request=request,
    )
