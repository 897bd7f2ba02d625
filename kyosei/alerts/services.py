"""Writes that span models: ingest + dispatch, subscriptions, organisations' own alerts."""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import send_mail
from django.db import OperationalError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import jmaparse
from kyosei.alerts.ingest import IngestResult, ingest, store_rejected
from kyosei.alerts.ingest import read as read_telegram
from kyosei.alerts.messages import LOCAL_TEMPLATES
from kyosei.alerts.models import (
    Hazard,
    Notice,
    Subscription,
    SubscriptionArea,
    Telegram,
    preference_field,
)
from kyosei.alerts.tasks import schedule_fan_out
from kyosei.audit.services import record
from kyosei.orgs.models import JMA_CODE_RE, Organisation

log = logging.getLogger(__name__)


def receive_telegram(
    *, raw: bytes, source: str, received_at: datetime | None = None, dispatch: bool = True
) -> IngestResult:
    """Ingest one telegram and queue the fan-out of every notice it produced.

    Parsing happens before the transaction (bounded in size and time by jmaparse). A telegram
    that parses but cannot be applied (a value the database refuses, a derivation bug) is
    stored as REJECTED with the error instead of failing the caller, so the push endpoint
    answers 422 and the poller goes on. Only a database that is unavailable (OperationalError:
    down, locked) propagates: then nothing was stored and the sender or the poll retries."""
    parsed = read_telegram(raw)
    try:
        return _receive(raw, source, received_at, dispatch, parsed)
    except OperationalError:
        raise
    except Exception as exc:  # any other failure is this telegram's: keep it, never lose it
        log.exception("alerts: telegram from %s could not be applied", source)
        return _receive_rejected(raw, source, received_at, exc)


def _receive(
    raw: bytes,
    source: str,
    received_at: datetime | None,
    dispatch: bool,
    parsed: jmaparse.TelegramBase | jmaparse.JmaParseError,
) -> IngestResult:
    with transaction.atomic():
        result = ingest(raw, source=source, received_at=received_at, parsed=parsed)
        if result.created:
            record(
                actor=None,
                action="alerts.telegram.receive",
                target=result.telegram,
                data={
                    "source": source,
                    "outcome": result.telegram.outcome,
                    "notices": [n.pk for n in result.notices],
                },
            )
        if dispatch:
            for notice in result.notices:
                schedule_fan_out(notice)
    return result


@transaction.atomic
def _receive_rejected(
    raw: bytes, source: str, received_at: datetime | None, exc: Exception
) -> IngestResult:
    result = store_rejected(raw, source=source, received_at=received_at, exc=exc)
    if result.created:
        record(
            actor=None,
            action="alerts.telegram.receive",
            target=result.telegram,
            data={"source": source, "outcome": result.telegram.outcome, "notices": []},
        )
    return result


def _clean_codes(codes: Iterable[str]) -> list[str]:
    found = sorted({c.strip() for c in codes if JMA_CODE_RE.match(c.strip())})
    if not found:
        raise ValueError(_("Choose at least one municipality."))
    return found


def _public_address(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, 443, proto=socket.IPPROTO_TCP)
    except OSError:
        return False
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            return False
    return True


def check_outbound_url(url: str, *, kind: str) -> None:
    """Refuse URLs that would make Kyosei POST into its own network (SSRF): push endpoints
    must be https on a known push service, webhooks https on a public address. The check is
    made when the URL is stored; see docs/alerts.md for the DNS caveat."""
    if not settings.ALERTS_CHECK_OUTBOUND_URLS:
        return
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not host:
        raise ValueError(_("Only https addresses are accepted."))
    if kind == "push" and not any(
        host == allowed or host.endswith("." + allowed) for allowed in settings.ALERTS_PUSH_HOSTS
    ):
        raise ValueError(_("This push service is not supported."))
    if not _public_address(host):
        raise ValueError(_("This address is not reachable from the internet."))


def _apply_preferences(sub: Subscription, hazards: Iterable[str] | None) -> None:
    if hazards is not None:
        chosen = set(hazards)
        for hazard in Hazard.values:
            setattr(sub, preference_field(hazard), hazard in chosen)


@transaction.atomic
def subscribe_email(
    *,
    email: str,
    language: str,
    codes: Iterable[str],
    hazards: Iterable[str] | None = None,
    min_intensity: int = 4,
    include_drills: bool = False,
    request: HttpRequest | None = None,
) -> Subscription:
    """Create an unconfirmed email subscription and send the confirmation (double opt-in)."""
    sub = Subscription(
        channel=Subscription.Channel.EMAIL,
        email=email.strip(),
        language=language,
        min_intensity=min_intensity,
        include_drills=include_drills,
    )
    _apply_preferences(sub, hazards)
    sub.full_clean()
    sub.save()
    SubscriptionArea.objects.bulk_create(
        [SubscriptionArea(subscription=sub, code=c) for c in _clean_codes(codes)]
    )
    record(
        actor=None,
        action="alerts.subscription.create",
        target=sub,
        request=request,
        data={"channel": "email", "language": language},
    )
    transaction.on_commit(lambda: send_confirmation(sub))
    return sub


def send_confirmation(sub: Subscription) -> None:
    with translation.override(sub.language):
        confirm = settings.SITE_URL + reverse("alerts:confirm", kwargs={"token": sub.token})
        body = render_to_string("alerts/email/confirm.txt", {"confirm_url": confirm})
        subject = _("Confirm your disaster alert subscription")
    try:
        send_mail(subject, body, None, [sub.email])
    except OSError as exc:  # SMTP down: the resident can ask again; we log it clearly
        log.warning("alerts: could not send confirmation to subscription %s: %s", sub.pk, exc)


@transaction.atomic
def confirm_email(*, token: str, request: HttpRequest | None = None) -> Subscription | None:
    sub = Subscription.objects.filter(token=token, channel=Subscription.Channel.EMAIL).first()
    if sub is None or not sub.is_active:
        return None
    if not sub.confirmed:
        sub.confirmed = True
        sub.save(update_fields=["confirmed"])
        record(actor=None, action="alerts.subscription.confirm", target=sub, request=request)
    return sub


@transaction.atomic
def subscribe_push(
    *,
    endpoint: str,
    p256dh: str,
    auth: str,
    language: str,
    codes: Iterable[str],
    hazards: Iterable[str] | None = None,
    min_intensity: int = 4,
    include_drills: bool = False,
    request: HttpRequest | None = None,
) -> Subscription:
    """Create or replace the Web Push subscription of one browser (keyed by its endpoint)."""
    check_outbound_url(endpoint, kind="push")
    sub = Subscription.objects.filter(
        channel=Subscription.Channel.WEBPUSH, endpoint=endpoint
    ).first() or Subscription(channel=Subscription.Channel.WEBPUSH, endpoint=endpoint)
    sub.p256dh, sub.auth, sub.language = p256dh, auth, language
    sub.min_intensity, sub.include_drills = min_intensity, include_drills
    sub.is_active, sub.confirmed, sub.disabled_reason = True, True, ""
    _apply_preferences(sub, hazards)
    sub.full_clean()
    sub.save()
    SubscriptionArea.objects.filter(subscription=sub).delete()
    SubscriptionArea.objects.bulk_create(
        [SubscriptionArea(subscription=sub, code=c) for c in _clean_codes(codes)]
    )
    record(
        actor=None,
        action="alerts.subscription.create",
        target=sub,
        request=request,
        data={"channel": "webpush", "language": language},
    )
    return sub


@transaction.atomic
def unsubscribe(*, token: str, request: HttpRequest | None = None) -> bool:
    sub = Subscription.objects.filter(token=token, is_active=True).first()
    if sub is None:
        return False
    sub.is_active, sub.disabled_reason = False, "unsubscribed"
    sub.save(update_fields=["is_active", "disabled_reason"])
    record(actor=None, action="alerts.subscription.unsubscribe", target=sub, request=request)
    return True


@transaction.atomic
def add_webhook(
    *,
    actor: Any,
    organisation: Organisation,
    url: str,
    secret: str,
    language: str = "en",
    include_drills: bool = False,
    request: HttpRequest | None = None,
) -> Subscription:
    """An organisation's signed outbound webhook for its municipalities (LINE/Slack bridges)."""
    check_outbound_url(url, kind="webhook")
    sub = Subscription(
        channel=Subscription.Channel.WEBHOOK,
        endpoint=url,
        secret=secret,
        language=language,
        organisation=organisation,
        confirmed=True,
        include_drills=include_drills,
        min_intensity=3,
    )
    sub.full_clean()
    sub.save()
    codes = list(organisation.areas.values_list("code", flat=True))
    SubscriptionArea.objects.bulk_create(
        [SubscriptionArea(subscription=sub, code=c) for c in codes]
    )
    record(
        actor=actor,
        action="alerts.webhook.create",
        organisation=organisation,
        target=sub,
        request=request,
        data={"url": url},
    )
    return sub


@transaction.atomic
def issue_org_alert(
    *,
    actor: Any,
    organisation: Organisation,
    template: str,
    codes: Iterable[str],
    district: dict[str, str],
    shelter: dict[str, str],
    is_drill: bool = False,
    request: HttpRequest | None = None,
) -> Notice:
    """An organisation's own alert (e.g. an evacuation order), sent like a JMA notice.

    `district` and `shelter` are place names per language code (at least "ja"); missing
    languages fall back to English, then Japanese, when rendered."""
    if template not in LOCAL_TEMPLATES:
        raise ValueError(f"unknown template {template}")
    allowed = set(organisation.areas.values_list("code", flat=True))
    chosen = [c for c in _clean_codes(codes) if c in allowed]
    if not chosen:
        raise ValueError(_("Choose at least one of your organisation's municipalities."))
    now = timezone.now()
    notice = Notice.objects.create(
        organisation=organisation,
        hazard="local",
        phase=template.rsplit(".", 1)[1],
        template=template,
        severity=3,
        is_drill=is_drill,
        codes=chosen,
        details={
            "district": district,
            "shelter": shelter,
            "organisation": {
                "ja": organisation.name,
                "en": organisation.name_en or organisation.name,
            },
        },
        received_at=now,
        created_at=now,
    )
    record(
        actor=actor,
        action="alerts.notice.issue",
        organisation=organisation,
        target=notice,
        request=request,
        data={"template": template, "codes": chosen, "drill": is_drill},
    )
    schedule_fan_out(notice)
    return notice


def preview_org_alert(
    *, organisation: Organisation, template: str, district: dict[str, str], shelter: dict[str, str]
) -> Notice:
    """An unsaved notice for the preview in every language."""
    now = timezone.now()
    return Notice(
        organisation=organisation,
        hazard="local",
        phase=template.rsplit(".", 1)[1],
        template=template,
        codes=[],
        details={
            "district": district,
            "shelter": shelter,
            "organisation": {
                "ja": organisation.name,
                "en": organisation.name_en or organisation.name,
            },
        },
        received_at=now,
        created_at=now,
    )


def telegram_outcomes() -> dict[str, int]:
    return {o: Telegram.objects.filter(outcome=o).count() for o in Telegram.Outcome.values}


def record_test_send(
    *, actor: Any, organisation: Organisation, template: str, request: HttpRequest | None = None
) -> None:
    record(
        actor=actor,
        action="alerts.template.test_send",
        organisation=organisation,
        request=request,
        data={"template": template},
    )
