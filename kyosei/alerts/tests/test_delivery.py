"""Delivery against local servers speaking the real protocols (Web Push, SMTP, webhooks)."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from kyosei.alerts import delivery, services
from kyosei.alerts.areas import area_name
from kyosei.alerts.ingest import ingest
from kyosei.alerts.models import Delivery, DeliveryAttempt, Notice, Subscription
from kyosei.alerts.tasks import fan_out
from kyosei.alerts.tests.conftest import make_push_subscription, sample_bytes
from kyosei.alerts.tests.servers import PushService
from kyosei.conftest import SmtpInbox
from kyosei.core.languages import read_language_file

pytestmark = pytest.mark.django_db

MAJOR_DRILL = "32-39_12_02_250206_VTSE41.xml"
CODE = "2213001"


def drill_notice(samples: Path) -> Notice:
    result = ingest(sample_bytes(samples, MAJOR_DRILL), source="feed")
    return next(
        n for n in result.notices if n.template == "tsunami_warning.issue" and CODE in n.codes
    )


def test_web_push_is_encrypted_vapid_signed_and_in_the_subscribers_language(
    codes: None, samples: Path, push_service: PushService
) -> None:
    nepali, _ = make_push_subscription(
        push_service, codes=[CODE], language="ne", include_drills=True
    )
    english, _ = make_push_subscription(
        push_service, codes=[CODE], language="en", include_drills=True
    )
    notice = drill_notice(samples)
    assert fan_out.call(notice.pk) == 2
    assert len(push_service.received) == 2
    for received in push_service.received:
        assert not received.error, received.error  # decrypted with the subscriber's key
        assert received.vapid is not None and received.vapid["sub"].startswith("mailto:")
        assert received.headers["Content-Encoding"] == "aes128gcm"
        assert received.headers["Topic"] == f"kyosei-n{notice.pk}"
        assert received.headers["Urgency"] == "high"
    payloads = {r.payload["lang"]: r.payload for r in push_service.received if r.payload}
    assert payloads["en"]["title"].startswith("[DRILL] Major tsunami warning for")
    assert payloads["ne"]["url"].endswith(f"/ne/alerts/{notice.pk}/")
    assert Delivery.objects.filter(notice=notice, status="sent").count() == 2
    assert DeliveryAttempt.objects.filter(ok=True).count() == 2
    notice.refresh_from_db()
    assert notice.first_sent_at is not None and notice.fanned_out_at is not None
    assert {nepali.pk, english.pk} == set(
        Delivery.objects.filter(notice=notice).values_list("subscription_id", flat=True)
    )


def test_each_copy_names_the_residents_own_area_in_their_language(
    codes: None, samples: Path, push_service: PushService, smtp: SmtpInbox
) -> None:
    notice = drill_notice(samples)
    other = next(code for code in sorted(notice.codes) if code != CODE)
    make_push_subscription(push_service, codes=[CODE], language="en", include_drills=True)
    make_push_subscription(push_service, codes=[other], language="ne", include_drills=True)
    # Following two of the places warned: the copy names one, not a list.
    make_push_subscription(push_service, codes=[CODE, other], language="ja", include_drills=True)
    make_push_subscription(push_service, codes=[CODE], language="ja-x-easy", include_drills=True)
    email = Subscription.objects.create(
        channel="email", email="r@example.org", language="pt-BR", confirmed=True,
        include_drills=True,
    )  # fmt: skip
    email.areas.create(code=other)
    assert fan_out.call(notice.pk) == 5
    first_lines = {  # after the drill line (the sample is a drill)
        r.payload["lang"]: r.payload["body"].split("\n")[1]
        for r in push_service.received
        if r.payload
    }
    here = min(CODE, other)
    assert first_lines == {
        "en": f"Your area: {area_name('municipality', CODE, 'en')}",
        "ne": f"तपाईंको क्षेत्र: {area_name('municipality', other, 'ne')}",
        "ja": f"あなたの地域：{area_name('municipality', here, 'ja')}",
        "ja-x-easy": f"あなたの ちいき：{area_name('municipality', CODE, 'ja-x-easy')}",
    }
    assert area_name("municipality", CODE, "en") != area_name("municipality", other, "en")
    assert f"Sua região: {area_name('municipality', other, 'pt-BR')}" in _text(smtp.messages[-1])
    assert "Go to high ground" not in _text(smtp.messages[-1])  # the resident's language


def test_fan_out_twice_sends_nothing_twice(
    codes: None, samples: Path, push_service: PushService
) -> None:
    make_push_subscription(push_service, codes=[CODE], include_drills=True)
    notice = drill_notice(samples)
    fan_out.call(notice.pk)
    fan_out.call(notice.pk)  # a retried task
    delivery.send_batch_now(notice.pk, 0, 10**12)
    assert len(push_service.received) == 1
    assert Delivery.objects.count() == 1


def test_drills_reach_only_subscribers_who_opted_in(
    codes: None, samples: Path, push_service: PushService
) -> None:
    make_push_subscription(push_service, codes=[CODE], include_drills=False)
    notice = drill_notice(samples)
    assert fan_out.call(notice.pk) == 0
    assert push_service.received == []


def test_targeting_by_area_hazard_and_intensity(
    codes: None, samples: Path, push_service: PushService
) -> None:
    make_push_subscription(push_service, codes=["1052400"], include_drills=True)  # inland
    make_push_subscription(push_service, codes=[CODE], include_drills=True, want_tsunami=False)
    notice = drill_notice(samples)
    assert fan_out.call(notice.pk) == 0
    quake = ingest(sample_bytes(samples, "32-35_08_07_240613_VXSE53.xml"), source="feed")
    (eq,) = quake.notices
    strong, _ = make_push_subscription(push_service, codes=["0321000"], min_intensity=4)
    make_push_subscription(push_service, codes=["0321000"], min_intensity=5)  # 5- or more
    assert fan_out.call(eq.pk) == 1
    assert Delivery.objects.get(notice=eq).subscription_id == strong.pk


def test_every_hazard_has_a_subscriber_preference() -> None:
    """A hazard added to Hazard without its Subscription flag would fail every fan-out."""
    from kyosei.alerts.models import Hazard, preference_field

    flags = {f.name for f in Subscription._meta.get_fields()}
    assert {preference_field(h) for h in Hazard.values} <= flags


def test_eew_forecast_respects_intensity_thresholds(codes: None, push_service: PushService) -> None:
    """An EEW forecast carries a forecast intensity per municipality, like an earthquake notice:
    a subscriber asking for 5- or more is not woken for a forecast 4."""
    notice = Notice.objects.create(
        hazard="eew",
        phase="issue",
        template="eew_forecast.issue",
        severity=4,
        codes=["0321000"],
        intensity_by_code={"0321000": 4},
        details={"intensity": "4", "subdivisions": [["221", "岩手県沿岸北部"]]},
        received_at=timezone.now(),
        created_at=timezone.now(),
    )
    four, _ = make_push_subscription(push_service, codes=["0321000"], min_intensity=4)
    make_push_subscription(push_service, codes=["0321000"], min_intensity=5)
    assert [s.pk for s in delivery.matching_subscriptions(notice)] == [four.pk]


def test_gone_subscriptions_are_disabled_and_errors_retried_with_backoff(
    codes: None, samples: Path, push_service: PushService
) -> None:
    gone, _ = make_push_subscription(push_service, codes=[CODE], mode="gone", include_drills=True)
    missing, _ = make_push_subscription(
        push_service, codes=[CODE], mode="missing", include_drills=True
    )
    failing, _ = make_push_subscription(
        push_service, codes=[CODE], mode="error", include_drills=True
    )
    notice = drill_notice(samples)
    fan_out.call(notice.pk)
    gone.refresh_from_db()
    missing.refresh_from_db()
    assert not gone.is_active and not missing.is_active
    assert "410" in gone.disabled_reason or "404" in gone.disabled_reason
    row = Delivery.objects.get(notice=notice, subscription=failing)
    assert row.status == "pending" and row.attempts == 1 and "500" in row.last_error
    assert row.next_attempt_at is not None and row.next_attempt_at > timezone.now()
    # not due yet: a second batch run sends nothing
    assert delivery.send_batch_now(notice.pk, row.pk, row.pk)[0] == 0
    # due: retried, fails again, backoff doubles
    Delivery.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    delivery.send_batch_now(notice.pk, row.pk, row.pk)
    row.refresh_from_db()
    assert row.attempts == 2
    assert DeliveryAttempt.objects.filter(delivery=row).count() == 2
    assert delivery.backoff(2) == 2 * delivery.backoff(1)


@override_settings(ALERTS_HTTP_TIMEOUT_SECONDS=1, ALERTS_MAX_ATTEMPTS=1)
def test_a_hanging_push_endpoint_times_out_and_is_marked_failed(codes: None, samples: Path) -> None:
    service = PushService(hang_seconds=3)
    try:
        sub, _ = make_push_subscription(service, codes=[CODE], mode="hang", include_drills=True)
        notice = drill_notice(samples)
        fan_out.call(notice.pk)
        row = Delivery.objects.get(notice=notice, subscription=sub)
        assert row.status == "failed"
        assert "Timeout" in row.last_error or "timed out" in row.last_error
    finally:
        service.close()


def test_an_expired_lease_is_sent_again_by_the_sweep(
    codes: None, samples: Path, push_service: PushService
) -> None:
    make_push_subscription(push_service, codes=[CODE], include_drills=True)
    notice = drill_notice(samples)
    delivery.create_deliveries(notice)
    row = Delivery.objects.get(notice=notice)
    # a worker claimed the row and died before sending
    Delivery.objects.filter(pk=row.pk).update(
        status="sending", lease_until=timezone.now() - timedelta(seconds=1)
    )
    stuck = list(delivery.stuck_batches())
    assert stuck == [(notice.pk, row.pk, row.pk)]
    delivery.send_batch_now(*stuck[0])
    assert len(push_service.received) == 1
    assert Delivery.objects.get(pk=row.pk).status == "sent"


# --------------------------------------------------------------------------------------------
# Email (aiosmtpd on 127.0.0.1)
# --------------------------------------------------------------------------------------------


def _text(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    return ""


def test_email_double_opt_in_then_alert_over_real_smtp(
    codes: None, samples: Path, smtp: SmtpInbox, django_capture_on_commit_callbacks: Any
) -> None:
    collector = smtp
    with django_capture_on_commit_callbacks(execute=True):
        sub = services.subscribe_email(
            email="resident@example.org",
            language="en",
            codes=[CODE],
            include_drills=True,
        )
    assert len(collector.messages) == 1
    confirmation = _text(collector.messages[0])
    assert f"/en/alerts/confirm/{sub.token}/" in confirmation
    notice = drill_notice(samples)
    assert fan_out.call(notice.pk) == 0  # not confirmed: nothing is sent
    services.confirm_email(token=sub.token)
    assert fan_out.call(notice.pk) == 1
    alert = collector.messages[-1]
    assert str(alert["Subject"]).strip().startswith("[DRILL] Major tsunami warning for")
    assert alert["Message-ID"] == f"<kyosei-{notice.pk}-{sub.pk}@localhost>"
    assert f"/en/alerts/unsubscribe/{sub.token}/" in alert["List-Unsubscribe"]
    assert "Go to high ground" in _text(alert)


def test_smtp_down_keeps_emails_pending_for_retry(codes: None, samples: Path) -> None:
    sub = Subscription.objects.create(
        channel="email", email="r@example.org", language="ja", confirmed=True, include_drills=True
    )
    sub.areas.create(code=CODE)
    notice = drill_notice(samples)
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=1,  # nothing listens there
        EMAIL_TIMEOUT=2,
    ):
        fan_out.call(notice.pk)
    row = Delivery.objects.get(notice=notice)
    assert row.status == "pending" and "SMTP unavailable" in row.last_error
    assert mail.outbox == []


# --------------------------------------------------------------------------------------------
# Webhooks
# --------------------------------------------------------------------------------------------


def test_signed_webhook_carries_all_languages(codes: None, samples: Path, org_a: Any) -> None:
    got: list[tuple[dict[str, str], bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            got.append((dict(self.headers.items()), body))
            self.send_response(204)
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        secret = "s3cret-signing-key-123"
        services.add_webhook(
            actor=None,
            organisation=org_a,
            url=f"http://127.0.0.1:{server.server_address[1]}/hook",
            secret=secret,
            include_drills=True,
        )
        notice = drill_notice(samples)
        fan_out.call(notice.pk)
    finally:
        server.shutdown()
        server.server_close()
    ((headers, body),) = got
    stamp, mac = (p.split("=", 1)[1] for p in headers["X-Kyosei-Signature"].split(","))
    expected = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(mac, expected)
    assert headers["Idempotency-Key"].startswith(f"kyosei-{notice.pk}-")
    data = json.loads(body)
    assert data["notice"]["template"] == "tsunami_warning.issue"
    assert len(data["messages"]) == len(read_language_file())


def test_a_batch_still_sending_keeps_its_lease(
    codes: None, samples: Path, push_service: PushService
) -> None:
    for _ in range(3):
        make_push_subscription(push_service, codes=[CODE], include_drills=True)
    notice = drill_notice(samples)
    delivery.create_deliveries(notice)
    rows = delivery.claim(notice.pk, 0, 10**12)
    first, second, third = (row.pk for row in rows)
    Delivery.objects.filter(pk=first).update(status="sent", lease_until=None)
    Delivery.objects.filter(pk__in=[second, third]).update(
        lease_until=timezone.now() - timedelta(seconds=1)
    )
    assert list(delivery.stuck_batches())  # expired: the sweep would send them again
    assert delivery.extend_lease([first, second, third]) == 2  # the sent row is left alone
    assert not list(delivery.stuck_batches())
    assert Delivery.objects.get(pk=first).lease_until is None


# --------------------------------------------------------------------------------------------
# Fan-out in slices, and fan-outs that did not finish
# --------------------------------------------------------------------------------------------


def _queued(task_name: str) -> list[list[Any]]:
    from django_tasks_db.models import DBTaskResult

    return [
        list(r.args_kwargs["args"])
        for r in DBTaskResult.objects.filter(task_path=f"kyosei.alerts.tasks.{task_name}")
        .order_by("enqueued_at")
    ]  # fmt: skip


def test_slices_double_and_hand_on_every_unfinished_row_once(
    codes: None, samples: Path, push_service: PushService
) -> None:
    subs = [
        make_push_subscription(push_service, codes=[CODE], include_drills=True)[0] for _ in range(7)
    ]
    notice = drill_notice(samples)
    slices = list(delivery.delivery_slices(notice, first=2, most=4))
    assert [len(s.delivery_ids) for s in slices] == [2, 4, 1]
    assert [s.last for s in slices] == [False, False, True]
    every = [i for s in slices for i in s.delivery_ids]
    assert every == sorted(every) and len(set(every)) == 7
    of_delivery = dict(Delivery.objects.filter(notice=notice).values_list("id", "subscription_id"))
    # in subscriber order: the first two subscribers, the next four, the last one
    assert [{of_delivery[i] for i in s.delivery_ids} for s in slices] == [
        {s.pk for s in subs[:2]},
        {s.pk for s in subs[2:6]},
        {subs[6].pk},
    ]
    # Again (a fan-out started anew): nothing created twice, the same unfinished rows handed on,
    # and a row already sent is not.
    Delivery.objects.filter(pk=every[0]).update(status="sent")
    again = [i for s in delivery.delivery_slices(notice, first=2, most=4) for i in s.delivery_ids]
    assert again == every[1:]
    assert Delivery.objects.filter(notice=notice).count() == 7


@override_settings(ALERTS_BATCH_SIZE=2)
def test_fan_out_queues_each_slice_and_sends_the_last_batch_itself(
    codes: None, samples: Path, push_service: PushService
) -> None:
    for _ in range(5):
        make_push_subscription(push_service, codes=[CODE], include_drills=True)
    notice = drill_notice(samples)
    assert fan_out.call(notice.pk) == 5
    assert len(push_service.received) == 1  # the last batch, sent by the fan-out
    queued = _queued("send_batch")
    assert len(queued) == 2  # slices of 2 then 3 rows: batches 2 + (2 + 1 sent here)
    for notice_id, first, last in queued:
        assert notice_id == notice.pk
        delivery.send_batch_now(notice_id, first, last)
    assert len(push_service.received) == 5
    assert len({r.path for r in push_service.received}) == 5  # each subscriber once
    assert not Delivery.objects.filter(notice=notice).exclude(status="sent").exists()
    notice.refresh_from_db()
    assert notice.fanned_out_at is not None and notice.fan_out_lease_until is not None


def test_a_fan_out_that_died_is_started_again_by_the_sweep(
    codes: None,
    samples: Path,
    push_service: PushService,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from kyosei.alerts.tasks import schedule_fan_out, sweep

    for _ in range(3):
        make_push_subscription(push_service, codes=[CODE], include_drills=True)
    notice = drill_notice(samples)
    with django_capture_on_commit_callbacks(execute=False):
        schedule_fan_out(notice)  # the commit happened; the task never reached the queue
    # ... or a worker took it, created the first slice's rows and died before queueing any.
    next(iter(delivery.delivery_slices(notice, first=1, most=1)))
    assert Delivery.objects.filter(notice=notice).count() == 1
    assert sweep.call() == 0  # within its lease: the fan-out may still be waiting in the queue
    past = timezone.now() - timedelta(seconds=1)
    Notice.objects.filter(pk=notice.pk).update(fan_out_lease_until=past, expires_at=None)
    assert sweep.call() == 1
    assert _queued("fan_out") == [[notice.pk]]
    assert sweep.call() == 0  # taken for a lease: the next sweep leaves it to that fan-out
    assert fan_out.call(notice.pk) == 3
    assert len(push_service.received) == 3
    assert Delivery.objects.filter(notice=notice, status="sent").count() == 3
    Notice.objects.filter(pk=notice.pk).update(fan_out_lease_until=past)
    assert sweep.call() == 0  # fanned out now


def test_the_sweep_starts_only_scheduled_current_fan_outs(codes: None, samples: Path) -> None:
    notice = drill_notice(samples)  # stored, never scheduled (like a replay with --no-send)
    now = timezone.now()
    Notice.objects.filter(pk=notice.pk).update(
        created_at=now - timedelta(minutes=3), expires_at=None
    )
    assert delivery.stalled_fan_outs() == []  # nobody asked for this one to be sent
    Notice.objects.filter(pk=notice.pk).update(
        fan_out_lease_until=now - timedelta(seconds=1), expires_at=now - timedelta(seconds=1)
    )
    assert delivery.stalled_fan_outs() == []  # expired: its danger has passed
    Notice.objects.filter(pk=notice.pk).update(
        created_at=now - delivery.REFAN_OUT_WITHIN - timedelta(minutes=1), expires_at=None
    )
    assert delivery.stalled_fan_outs() == []  # superseded long since
    Notice.objects.filter(pk=notice.pk).update(
        created_at=now - timedelta(minutes=3), fan_out_lease_until=now + timedelta(seconds=30)
    )
    assert delivery.stalled_fan_outs() == []  # a fan-out queued or under way holds it
    assert delivery.stalled_fan_outs(now + timedelta(seconds=31)) == [notice.pk]
