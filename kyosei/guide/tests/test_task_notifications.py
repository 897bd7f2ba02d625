"""Translation tasks: due dates in the staff editor, assignment emails in the assignee's
language, the daily `kyosei guide remind-translators` (idempotent per day) and audit events."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.conftest import SmtpInbox, make_user
from kyosei.guide import services
from kyosei.guide.models import Article, TranslationTask, TranslatorReminder
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role

pytestmark = pytest.mark.django_db


def url(org: Organisation) -> str:
    return f"/en/staff/o/{org.slug}/guide/tasks/"


@pytest.fixture
def gomi(org_a: Organisation) -> Article:
    article = services.create_article(
        actor=None, organisation=org_a, slug="gomi", chapter="daily_life", source_language="ja"
    )
    services.save_revision(
        actor=None, article=article, language="ja", title="ごみの出し方", publish=True
    )
    return article


@pytest.fixture
def dana(org_a: Organisation) -> User:
    """A translator at org A who reads Kyosei in Vietnamese."""
    user = make_user("dana")
    user.preferred_language = "vi"
    user.first_name = "Dana"
    user.save(update_fields=["preferred_language", "first_name"])
    org_services.grant_role(actor=None, organisation=org_a, user=user, role=Role.TRANSLATOR)
    return user


@pytest.fixture
def alice_edits(alice: User, org_a: Organisation) -> User:
    org_services.grant_role(actor=None, organisation=org_a, user=alice, role=Role.EDITOR)
    return alice


def task_for(article: Article, language: str, **fields: Any) -> TranslationTask:
    return TranslationTask.objects.create(
        organisation=article.organisation, article=article, language=language, **fields
    )


# --- the staff editor -------------------------------------------------------------------------


def test_create_with_due_date_emails_the_assignee_in_her_language(
    alice_client: Client,
    alice_edits: User,
    gomi: Article,
    dana: User,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(
            url(gomi.organisation),
            {"action": "create", "language": "en", "assignee": "dana", "due_on": "2026-12-24"},
        )
    task = TranslationTask.objects.get()
    assert task.assignee == dana and task.due_on == date(2026, 12, 24)
    assert len(mailoutbox) == 1
    sent = mailoutbox[0]
    assert sent.to == ["dana@example.org"]
    # Rendered in Vietnamese (her preferred language): the link opens the Vietnamese console.
    edit = f"{settings.SITE_URL}/vi/staff/o/org-a/guide/a/{gomi.pk}/en/"
    assert edit in sent.body and "ごみの出し方" in sent.body and "2026-12-24" in sent.body
    assert "Dana" in sent.body and "Tiếng Việt" not in sent.body  # the task is for English
    created = AuditEvent.objects.get(action="guide.tasks_created")
    assert created.data["due_on"] == "2026-12-24" and created.data["assignee"] == "dana"


def test_english_without_a_preferred_language(
    gomi: Article, org_a: Organisation, alice: User, mailoutbox: list[Any]
) -> None:
    erin = make_user("erin")  # no preferred language: the site default
    task = task_for(gomi, "en")
    assert services.notify_assignee(assignee=erin, task_ids=[task.pk]) is True
    assert mailoutbox[0].subject == "Kyosei: a translation task was assigned to you"
    assert "Hello erin," in mailoutbox[0].body and "No due date" in mailoutbox[0].body
    assert f"{settings.SITE_URL}/en/staff/o/org-a/guide/a/{gomi.pk}/en/" in mailoutbox[0].body


def test_reassign_and_reschedule_are_audited_and_notify_only_the_new_assignee(
    alice_client: Client,
    alice_edits: User,
    gomi: Article,
    dana: User,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    task = task_for(gomi, "en", assignee=alice_edits, due_on=date(2026, 12, 1))
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(
            url(gomi.organisation),
            {"action": "assign", "task": task.pk, "assignee": "dana", "due_on": "2026-12-20"},
        )
    task.refresh_from_db()
    assert task.assignee == dana and task.due_on == date(2026, 12, 20)
    assigned = AuditEvent.objects.get(action="guide.task_assigned")
    assert assigned.data == {"language": "en", "from": "alice", "to": "dana"}
    assert assigned.actor_label == "alice" and assigned.object_id == str(task.pk)
    due = AuditEvent.objects.get(action="guide.task_due_changed")
    assert due.data == {"language": "en", "from": "2026-12-01", "to": "2026-12-20"}
    assert [m.to for m in mailoutbox] == [["dana@example.org"]]
    # Same assignee, date cleared: one audit event, no email.
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(
            url(gomi.organisation),
            {"action": "assign", "task": task.pk, "assignee": "dana", "due_on": ""},
        )
    task.refresh_from_db()
    assert task.due_on is None and len(mailoutbox) == 1
    assert AuditEvent.objects.filter(action="guide.task_due_changed").count() == 2
    assert AuditEvent.objects.filter(action="guide.task_assigned").count() == 1
    # Closing keeps the date that the row's form also sent.
    alice_client.post(url(gomi.organisation), {"action": "close", "task": task.pk, "due_on": ""})
    assert AuditEvent.objects.filter(action="guide.task_closed").count() == 1


def test_assigning_yourself_sends_nothing(
    gomi: Article, alice_edits: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    task = task_for(gomi, "en")
    with django_capture_on_commit_callbacks(execute=True):
        services.update_task(actor=alice_edits, task=task, assignee=alice_edits)
    assert mailoutbox == []


def test_bad_due_date_is_refused(
    alice_client: Client, alice_edits: User, gomi: Article, dana: User
) -> None:
    response = alice_client.post(
        url(gomi.organisation),
        {"action": "create", "language": "en", "assignee": "dana", "due_on": "24/12/2026"},
        follow=True,
    )
    assert "Give the due date as a date" in response.content.decode()
    assert not TranslationTask.objects.exists()


def test_task_list_shows_due_dates_and_overdue_badge(
    alice_client: Client, alice_edits: User, gomi: Article, dana: User
) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    task_for(gomi, "en", assignee=dana, due_on=yesterday)
    task_for(gomi, "vi", assignee=dana, due_on=timezone.localdate() + timedelta(days=5))
    page = alice_client.get(url(gomi.organisation)).content.decode()
    assert yesterday.isoformat() in page
    assert page.count('class="task-overdue') == 1 and "Overdue" in page
    # Once the translation is up to date the task is done, and no longer overdue.
    services.save_revision(actor=None, article=gomi, language="en", title="Garbage", publish=True)
    assert 'class="task-overdue' not in alice_client.get(url(gomi.organisation)).content.decode()


def test_translator_sees_tasks_but_cannot_change_them(
    client: Client, gomi: Article, dana: User
) -> None:
    from kyosei.conftest import sign_in_verified

    task = task_for(gomi, "en", due_on=date(2026, 12, 1))
    dana_client = sign_in_verified(client, dana)
    assert dana_client.get(url(gomi.organisation)).status_code == 200
    refused = dana_client.post(
        url(gomi.organisation), {"action": "assign", "task": task.pk, "due_on": "2027-01-01"}
    )
    assert refused.status_code == 404
    task.refresh_from_db()
    assert task.due_on == date(2026, 12, 1)


def test_charlie_gets_404_on_the_tasks_page(
    charlie_client: Client, gomi: Article, dana: User
) -> None:
    task = task_for(gomi, "en", assignee=dana)
    assert charlie_client.get(url(gomi.organisation)).status_code == 404
    response = charlie_client.post(
        url(gomi.organisation), {"action": "assign", "task": task.pk, "due_on": "2027-01-01"}
    )
    assert response.status_code == 404
    task.refresh_from_db()
    assert task.due_on is None


# --- the daily reminder -----------------------------------------------------------------------


def test_reminder_lists_due_soon_and_overdue_once_a_day(
    gomi: Article, org_a: Organisation, dana: User, mailoutbox: list[Any]
) -> None:
    today = timezone.localdate()
    second = services.create_article(
        actor=None, organisation=org_a, slug="tax", chapter="tax", source_language="ja"
    )
    services.save_revision(actor=None, article=second, language="ja", title="税金", publish=True)
    task_for(gomi, "en", assignee=dana, due_on=today - timedelta(days=3))  # overdue
    task_for(second, "en", assignee=dana, due_on=today + timedelta(days=2))  # due soon
    task_for(gomi, "vi", assignee=dana, due_on=today + timedelta(days=3))  # not yet
    task_for(second, "vi", assignee=dana)  # no due date
    task_for(second, "ko", assignee=dana, due_on=today, closed_at=timezone.now())  # closed
    task_for(gomi, "ko", due_on=today)  # nobody assigned
    out = StringIO()
    call_command("guide", "remind-translators", stdout=out)
    assert "translators: 1/1 (100%)" in out.getvalue() and "sent 1 reminders" in out.getvalue()
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert mailoutbox[0].to == ["dana@example.org"]
    assert "ごみの出し方" in body and "税金" in body
    assert (today - timedelta(days=3)).isoformat() in body
    assert f"/vi/staff/o/org-a/guide/a/{gomi.pk}/en/" in body
    assert f"/guide/a/{gomi.pk}/vi/" not in body and f"/guide/a/{second.pk}/vi/" not in body
    reminder = TranslatorReminder.objects.get()
    assert reminder.user == dana and reminder.sent_on == today and reminder.tasks == 2
    event = AuditEvent.objects.get(action="guide.translator_reminded")
    assert event.organisation == org_a and event.data["user"] == "dana"
    # Twice the same day: nothing more.
    again = StringIO()
    call_command("guide", "remind-translators", stdout=again)
    assert "sent 0 reminders" in again.getvalue() and len(mailoutbox) == 1
    # The next day the reminder comes again.
    outcome = services.send_translator_reminders(today=today + timedelta(days=1))
    assert outcome.sent == 1 and len(mailoutbox) == 2


def test_finished_work_is_not_reminded(gomi: Article, dana: User, mailoutbox: list[Any]) -> None:
    task_for(gomi, "en", assignee=dana, due_on=timezone.localdate())
    services.save_revision(actor=None, article=gomi, language="en", title="Garbage", publish=True)
    assert services.send_translator_reminders().sent == 0
    assert mailoutbox == [] and not TranslatorReminder.objects.exists()


def test_refused_mail_is_retried_by_the_next_run(gomi: Article, dana: User) -> None:
    task_for(gomi, "en", assignee=dana, due_on=timezone.localdate())
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=1,  # nothing listens there
        EMAIL_TIMEOUT=2,
    ):
        outcome = services.send_translator_reminders()
    assert outcome.failed == 1 and outcome.sent == 0
    assert not TranslatorReminder.objects.exists()
    assert services.send_translator_reminders().sent == 1
    assert len(mail.outbox) == 1


# --- through a real SMTP server on loopback -----------------------------------------------------


def test_reminder_reaches_a_real_smtp_server(gomi: Article, smtp: SmtpInbox) -> None:
    erin = make_user("erin")
    org_services.grant_role(
        actor=None, organisation=gomi.organisation, user=erin, role=Role.TRANSLATOR
    )
    task_for(gomi, "en", assignee=erin, due_on=timezone.localdate() - timedelta(days=1))
    out = StringIO()
    call_command("guide", "remind-translators", stdout=out)
    assert "sent 1 reminders" in out.getvalue()
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert message["To"] == "erin@example.org" and message["From"] == "kyosei@city.example.jp"
    assert str(message["Subject"]) == "Kyosei: 1 translation task is due soon"
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "ごみの出し方" in text and "Overdue: it was due on" in text
    assert f"{settings.SITE_URL}/en/staff/o/org-a/guide/a/{gomi.pk}/en/" in text
    call_command("guide", "remind-translators", stdout=StringIO())
    assert len(smtp.messages) == 1  # once a day, even over SMTP
