"""My residence's reminders (#15 part 2): only the allowed fields kept, double opt-in,
one-click delete, sent once through the task queue in the resident's language."""

from __future__ import annotations

import json
import re
import threading
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from kyosei.core import cldr
from kyosei.residence import reminders, services
from kyosei.residence.models import Reminder
from kyosei.residence.tasks import enqueue_due_reminders
from zairyu.data import what_texts

pytestmark = pytest.mark.django_db

FORM = {
    "status": "技術・人文知識・国際業務",
    "period_of_stay": "P3Y",
    "expiry": "2028-02-29",
    "birth_date": "1990-05-01",
    "card_expiry": "2028-02-29",
    "moved_on": "2026-12-01",
}
TODAY = date(2026, 12, 7)


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings: Any) -> None:
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "alerts"],
        }
    }


def link(body: str, name: str) -> str:
    found = re.search(rf"https?://\S+/residence/remind/{name}/[^/\s]+/", body)
    assert found, body
    return found.group(0).split("://", 1)[1].split("/", 1)[1]


def make(due: date, *, language: str = "vi", email: str = "an@example.org") -> list[Reminder]:
    return services.create_reminders(
        deadlines=[("address_notification_due", due)],
        language=language,
        channel=Reminder.Channel.EMAIL,
        address=email,
    )


def test_the_model_stores_only_the_allowed_fields() -> None:
    names = {f.name for f in Reminder._meta.get_fields()}
    assert names == {
        "id", "due", "kind", "language", "channel",
        "email", "endpoint", "p256dh", "auth", "token", "sent_at",
    }  # fmt: skip


def test_the_email_is_encrypted_at_rest() -> None:
    make(TODAY)
    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM residence_reminder")
        (stored,) = cursor.fetchone()
    assert "an@example.org" not in stored
    assert Reminder.objects.get().email == "an@example.org"


def test_asking_stores_nothing_until_the_link_is_opened_then_only_the_deadlines(
    client: Client,
) -> None:
    response = client.post("/vi/residence/remind/", {**FORM, "email": "an@example.org"})
    assert response.status_code == 200
    assert Reminder.objects.count() == 0
    (confirmation,) = mail.outbox
    assert confirmation.to == ["an@example.org"]
    path = "/" + link(str(confirmation.body), "confirm")
    assert client.get(path).status_code == 200
    assert client.get(path).status_code == 200  # opened twice: no second set
    rows = list(Reminder.objects.all())
    assert rows
    assert {r.language for r in rows} == {"vi"}
    assert len({r.token for r in rows}) == 1
    kinds = {r.kind for r in rows}
    assert "address_notification_due" in kinds
    assert "period_of_stay_expires" in kinds
    assert len(rows) == len({(r.kind, r.due) for r in rows})


def test_an_altered_confirmation_link_stores_nothing(client: Client) -> None:
    client.post("/en/residence/remind/", {**FORM, "email": "an@example.org"})
    path = "/" + link(str(mail.outbox[0].body), "confirm")
    assert client.get(path[:-6] + "AAAAA/").status_code == 404
    assert Reminder.objects.count() == 0


def test_the_result_page_says_what_is_stored(client: Client) -> None:
    body = client.post("/en/residence/", FORM).content.decode()
    assert "your email address (encrypted)" in body
    assert 'name="email"' in body
    assert 'formaction="/en/residence/remind/"' in body


def test_a_bad_email_is_refused_and_nothing_sent(client: Client) -> None:
    response = client.post("/en/residence/remind/", {**FORM, "email": "not an address"})
    assert response.status_code == 400
    assert mail.outbox == []


def test_one_click_delete_removes_every_reminder_of_the_request(client: Client) -> None:
    mine = services.create_reminders(
        deadlines=[("card_expires", TODAY + timedelta(days=40)), ("period_of_stay_expires", TODAY)],
        language="en",
        channel=Reminder.Channel.EMAIL,
        address="an@example.org",
    )
    other = make(TODAY)
    url = f"/en/residence/remind/delete/{mine[0].token}/"
    assert client.get(url).status_code == 200
    assert Reminder.objects.count() == 3  # a GET (a link scanner) deletes nothing
    # RFC 8058: the mail client POSTs without a CSRF token
    csrf_client = Client(enforce_csrf_checks=True)
    assert csrf_client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert list(Reminder.objects.values_list("pk", flat=True)) == [other[0].pk]
    assert client.get(url).status_code == 404


def test_nothing_is_sent_before_the_reminder_day() -> None:
    make(TODAY + timedelta(days=services.REMIND_DAYS_BEFORE + 1))
    enqueue_due_reminders.call(TODAY.isoformat())
    assert mail.outbox == []
    assert Reminder.objects.get().sent_at is None
    enqueue_due_reminders.call((TODAY + timedelta(days=1)).isoformat())
    assert len(mail.outbox) == 1


def test_due_reminders_go_out_once_when_the_job_runs_twice() -> None:
    for n in range(3):
        make(TODAY + timedelta(days=n), email=f"r{n}@example.org")
    enqueue_due_reminders.call(TODAY.isoformat())
    enqueue_due_reminders.call(TODAY.isoformat())
    assert sorted(m.to[0] for m in mail.outbox) == [f"r{n}@example.org" for n in range(3)]
    assert Reminder.objects.filter(sent_at__isnull=True).count() == 0


def test_past_deadlines_are_forgotten_and_never_sent() -> None:
    make(TODAY - timedelta(days=1))
    enqueue_due_reminders.call(TODAY.isoformat())
    assert mail.outbox == []
    assert Reminder.objects.count() == 0


def test_the_email_is_in_the_residents_language_with_the_delete_link(smtp: Any) -> None:
    (row,) = make(TODAY + timedelta(days=3), language="vi")
    assert reminders.send_now(row.pk, row.pk, TODAY) == 1
    (message,) = smtp.messages
    body = message.get_content()
    assert what_texts("vi")["address_notification_due"] in body
    assert cldr.day(TODAY + timedelta(days=3), "vi") in str(message["Subject"])
    assert "Xóa lời nhắc của tôi" in body
    assert f"/vi/residence/remind/delete/{row.token}/" in body
    assert str(message["List-Unsubscribe"]).strip() == f"<{services_delete_url(row)}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Content-Language"] == "vi"


def services_delete_url(row: Reminder) -> str:
    from django.conf import settings

    return f"{settings.SITE_URL}/vi/residence/remind/delete/{row.token}/"


def test_a_failed_send_is_tried_again_at_the_next_run(settings: Any) -> None:
    (row,) = make(TODAY)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens
    assert reminders.send_now(row.pk, row.pk, TODAY) == 0
    assert Reminder.objects.get().sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reminders.send_now(row.pk, row.pk, TODAY) == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_workers_running_the_same_batch_at_once_send_each_reminder_once(smtp: Any) -> None:
    rows = [make(TODAY, email=f"w{n}@example.org")[0] for n in range(40)]
    first, last = rows[0].pk, rows[-1].pk
    start = threading.Barrier(4)
    sent: list[int] = []

    def worker() -> None:
        start.wait()
        try:
            sent.append(reminders.send_now(first, last, TODAY))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(sent) == 40
    assert sorted(str(m["To"]) for m in smtp.messages) == sorted(
        f"w{n}@example.org" for n in range(40)
    )


def test_a_push_reminder_goes_through_the_alerts_push_code_once() -> None:
    from kyosei.alerts.tests.servers import PushService, SubscriberKeys

    service = PushService()
    try:
        keys, gone_keys = SubscriberKeys(), SubscriberKeys()
        rows = [
            services.create_reminders(
                deadlines=[("card_expires", TODAY + timedelta(days=2))],
                language="pt-BR",
                channel=Reminder.Channel.PUSH,
                address=services.PushAddress(service.endpoint(k, mode), k.p256dh, k.auth),
            )[0]
            for k, mode in ((keys, "ok"), (gone_keys, "gone"))
        ]
        assert reminders.send_now(rows[0].pk, rows[1].pk, TODAY) == 1
        assert reminders.send_now(rows[0].pk, rows[1].pk, TODAY) == 0
        (received,) = service.received
        assert received.error == "" and received.vapid is not None
        assert received.payload is not None
        assert received.payload["body"] == what_texts("pt-br")["card_expires"]
        assert cldr.day(TODAY + timedelta(days=2), "pt-BR") in received.payload["title"]
        assert received.payload["url"].endswith(f"/pt-BR/residence/remind/delete/{rows[0].token}/")
        # the push service said the subscription is gone: its reminder is deleted
        assert list(Reminder.objects.values_list("pk", flat=True)) == [rows[0].pk]
    finally:
        service.close()


def test_the_push_button_stores_the_browsers_subscription_and_no_email(client: Client) -> None:
    subscription = {
        "endpoint": "https://push.example.net/send/abc",
        "keys": {"p256dh": "BPk", "auth": "xyz"},
    }
    page = client.post("/ko/residence/", FORM).content.decode()
    assert 'data-push-url="/ko/residence/remind/push/"' in page
    response = client.post(
        "/ko/residence/remind/push/", {**FORM, "subscription": json.dumps(subscription)}
    )
    assert response.status_code == 200
    rows = list(Reminder.objects.all())
    assert rows and response.json()["count"] == len(rows)
    assert {(r.channel, r.endpoint, r.email, r.language) for r in rows} == {
        ("push", "https://push.example.net/send/abc", "", "ko")
    }
    assert response.json()["delete"] == f"/ko/residence/remind/delete/{rows[0].token}/"
    assert mail.outbox == []
    bad = client.post("/ko/residence/remind/push/", {**FORM, "subscription": "{}"})
    assert bad.status_code == 400


def test_a_confirmation_without_any_deadline_ahead_stores_nothing_and_answers(
    client: Client,
) -> None:
    token = services.confirmation_token(deadlines=[], language="en", email="an@example.org")
    response = client.get(f"/en/residence/remind/confirm/{token}/")
    assert response.status_code == 200
    assert Reminder.objects.count() == 0
