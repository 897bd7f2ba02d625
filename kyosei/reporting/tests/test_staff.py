"""Staff work on reports: triage, assignment, answers, internal notes, overdue first answers;
tenancy like the counter's (outsiders 404, reads audited)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.console.tests.test_outsiders import staff_views
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role
from kyosei.reporting import services
from kyosei.reporting.models import Message, Note, Report, ReportAttachment
from kyosei.reporting.tests.outsider_kwargs import A_ONLY_TEXT, kwargs_for

pytestmark = pytest.mark.django_db

REPORTING_VIEWS = {
    name: params for name, params in staff_views() if name.startswith("reporting_staff:")
}
NO_REPORT_DATA = {"reporting_staff:settings"}


def url(name: str, org: Organisation, **kwargs: Any) -> str:
    return reverse(f"reporting_staff:{name}", kwargs={"org": org.slug, **kwargs})


def test_the_enumeration_finds_the_reporting_views() -> None:
    assert {
        "reporting_staff:reports",
        "reporting_staff:report",
        "reporting_staff:answer",
        "reporting_staff:note",
        "reporting_staff:status",
        "reporting_staff:assign",
        "reporting_staff:attachment",
        "reporting_staff:settings",
        "reporting_staff:statistics",
        "reporting_staff:counter-case",
    } == set(REPORTING_VIEWS)


def state(org: Organisation) -> list[Any]:
    return [
        list(Report.objects.filter(organisation=org).order_by("pk").values()),
        list(Message.objects.filter(report__organisation=org).order_by("pk").values()),
        list(Note.objects.filter(report__organisation=org).order_by("pk").values()),
        list(ReportAttachment.objects.filter(report__organisation=org).values("pk")),
        AuditEvent.objects.filter(organisation=org).count(),
    ]


@pytest.fixture
def charlie_everything(charlie: User, org_b: Organisation) -> User:
    for role in Role.values:
        org_services.grant_role(actor=None, organisation=org_b, user=charlie, role=role)
    return charlie


@pytest.mark.parametrize("name", sorted(REPORTING_VIEWS))
def test_charlie_with_every_role_in_b_cannot_reach_a_through_b(
    name: str,
    org_a: Organisation,
    org_b: Organisation,
    charlie_everything: User,
    charlie_client: Client,
) -> None:
    available = {**kwargs_for(org_a), "org": org_b.slug}
    params = REPORTING_VIEWS[name]
    target = reverse(name, kwargs={p: available[p] for p in params})
    before = state(org_a)
    get = charlie_client.get(target)
    post = charlie_client.post(
        target,
        {"text": "charlie was here", "note": "charlie was here", "status": "closed",
         "close_reason": "resolved", "assigned_to": str(charlie_everything.pk),
         "retention_days": "30", "first_answer_days": "1"},
    )  # fmt: skip
    if {"report_pk", "file_pk"} & set(params):
        assert get.status_code in {404, 405}, (name, get.status_code)
        assert post.status_code in {404, 405}, (name, post.status_code)
    else:
        for response in (get, post):
            assert response.status_code in {200, 302, 405}, (name, response.status_code)
            assert A_ONLY_TEXT not in response.content.decode(errors="replace")
    assert state(org_a) == before, name


@pytest.mark.parametrize("name", ["reporting_staff:report", "reporting_staff:attachment"])
def test_every_read_of_a_report_is_audited(
    name: str, org_a: Organisation, alice: User, alice_client: Client
) -> None:
    available = {**kwargs_for(org_a), "org": org_a.slug}
    target = reverse(name, kwargs={p: available[p] for p in REPORTING_VIEWS[name]})
    since = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = alice_client.get(target)
    assert response.status_code == 200
    rows = AuditEvent.objects.filter(pk__gt=since, actor=alice, organisation=org_a)
    assert rows.filter(action__in=["reporting.report.view", "reporting.attachment.read"]).exists()


def test_triage_assignment_answer_and_internal_notes(
    org_a: Organisation, bob: User, bob_client: Client, client: Client
) -> None:
    available = kwargs_for(org_a)
    report = Report.objects.get(pk=int(str(available["report_pk"])))
    detail = url("report", org_a, report_pk=report.pk)
    page = bob_client.get(detail).content.decode()
    assert A_ONLY_TEXT in page
    response = bob_client.post(
        url("answer", org_a, report_pk=report.pk), {"text": "ご連絡ありがとうございます。"}
    )
    assert response.status_code == 302
    bob_client.post(
        url("note", org_a, report_pk=report.pk), {"note": "INTERNAL-ONLY-NOTE 社長に確認"}
    )
    bob_client.post(url("assign", org_a, report_pk=report.pk), {"assigned_to": str(bob.pk)})
    bob_client.post(url("status", org_a, report_pk=report.pk), {"status": "investigating"})
    report.refresh_from_db()
    assert report.status == "investigating" and report.assigned_to == bob
    assert report.first_answered_at is not None
    refused = bob_client.post(url("status", org_a, report_pk=report.pk), {"status": "closed"})
    assert refused.status_code == 302
    report.refresh_from_db()
    assert report.status == "investigating"  # closing needs a reason
    bob_client.post(
        url("status", org_a, report_pk=report.pk), {"status": "closed", "close_reason": "resolved"}
    )
    report.refresh_from_db()
    assert (report.status, report.close_reason) == ("closed", "resolved")
    page = bob_client.get(detail).content.decode()
    assert "INTERNAL-ONLY-NOTE" in page and "ご連絡ありがとうございます。" in page
    actions = set(
        AuditEvent.objects.filter(organisation=org_a, actor=bob).values_list("action", flat=True)
    )
    assert {
        "reporting.message.staff",
        "reporting.note.add",
        "reporting.report.assign",
        "reporting.report.status",
        "reporting.report.view",
    } <= actions
    mine = bob_client.get(url("reports", org_a) + "?mine=1").content.decode()
    assert f'data-report="{report.pk}"' in mine


def test_internal_notes_never_reach_the_reporter(
    org_a: Organisation, bob: User, client: Client
) -> None:
    services.set_route(actor=None, prefecture="22", category="", organisation=org_a)
    report, code = services.file_report(
        category="violence", text="help", prefecture="22", language="my"
    )
    services.add_note(actor=bob, report=report, text="INTERNAL-ONLY-NOTE")
    services.answer(actor=bob, report=report, text="STAFF-ANSWER")
    api = client.get("/api/v1/reports/mine", HTTP_AUTHORIZATION=f"Receipt {code}").content.decode()
    page = client.post("/my/report/mine/", {"code": code, "action": "read"}).content.decode()
    for shown in (api, page):
        assert "STAFF-ANSWER" in shown and "INTERNAL-ONLY-NOTE" not in shown


def test_the_overdue_dashboard_lists_unanswered_reports_past_their_due_date(
    org_a: Organisation, bob: User, bob_client: Client
) -> None:
    services.set_route(actor=None, prefecture="22", category="", organisation=org_a)
    late, _ = services.file_report(category="violence", text="late", prefecture="22", language="my")
    answered, _ = services.file_report(
        category="violence", text="ok", prefecture="22", language="my"
    )
    fresh, _ = services.file_report(category="violence", text="new", prefecture="22", language="my")
    past = timezone.now() - timedelta(hours=1)
    Report.objects.filter(pk__in=[late.pk, answered.pk]).update(first_answer_due=past)
    services.answer(actor=bob, report=answered, text="answered")
    page = bob_client.get(url("reports", org_a)).content.decode()
    overdue = page.split("overdue-list", 1)[1].split("</table>", 1)[0]
    assert f'data-report="{late.pk}"' in overdue
    assert f'data-report="{answered.pk}"' not in overdue
    assert f'data-report="{fresh.pk}"' not in overdue


def test_the_retention_policy_is_set_by_supervisors_and_audited(
    org_a: Organisation, alice: User, alice_client: Client, bob_client: Client
) -> None:
    assert bob_client.get(url("settings", org_a)).status_code == 404
    response = alice_client.post(
        url("settings", org_a), {"retention_days": "90", "first_answer_days": "2"}
    )
    assert response.status_code == 302
    policy = services.settings_for(org_a)
    assert (policy.retention_days, policy.first_answer_days) == (90, 2)
    assert AuditEvent.objects.filter(action="reporting.settings.update", actor=alice).exists()


def test_a_report_becomes_a_counter_case_only_with_consent_and_only_what_was_written(
    org_a: Organisation, bob: User, bob_client: Client
) -> None:
    from kyosei.counter.models import Client as CounterClient
    from kyosei.counter.models import Consultation

    services.set_route(actor=None, prefecture="22", category="", organisation=org_a)
    report, code = services.file_report(
        category="documents_held",
        text="REPORTER-WORDS 社長がパスポートを持っています",
        prefecture="22",
        language="vi",
        employer="EMPLOYER-NAME 株式会社",
        contact="CONTACT-DETAILS 090",
    )
    services.answer(actor=bob, report=report, text="STAFF-ANSWER")
    services.add_note(actor=bob, report=report, text="INTERNAL-ONLY-NOTE")
    target = url("counter-case", org_a, report_pk=report.pk)
    bob_client.post(target)
    assert not CounterClient.objects.exists()  # no consent yet
    found = services.find_report(code)
    assert found is not None
    services.add_reporter_message(report=found, text="MORE-WORDS", consent_to_counter=True)
    response = bob_client.post(target)
    client = CounterClient.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/clients/{client.pk}/")
    assert client.organisation == org_a and client.preferred_language == "vi"
    assert client.contact == ""
    narrative = Consultation.objects.get().narrative
    assert "REPORTER-WORDS" in narrative and "MORE-WORDS" in narrative
    assert "EMPLOYER-NAME" in narrative
    for kept_back in ("STAFF-ANSWER", "INTERNAL-ONLY-NOTE", "CONTACT-DETAILS"):
        assert kept_back not in narrative
    assert Consultation.objects.get().topics == ["employment", "human_rights"]
    bob_client.post(target)
    assert CounterClient.objects.count() == 1  # once
    assert AuditEvent.objects.filter(action="reporting.report.counter_case", actor=bob).exists()
