"""Case work: assignment and transfer, status with a close reason, tasks for any caseworker,
"my cases" and the workload per caseworker on the dashboard."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.utils import timezone

from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.counter import access, services
from kyosei.counter.models import Agency, Client, FollowUpTask
from kyosei.counter.tests.factories import consent, make_client, make_consultation
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def url(org: Organisation, path: str = "") -> str:
    return f"/en/staff/o/{org.slug}/counter/{path}"


def test_a_case_is_assigned_and_transferred_only_within_the_counter(
    org_a: Organisation, alice: User, bob: User, charlie: User
) -> None:
    """Mutation caught: dropping _require_case_worker from assign_case."""
    client = make_client(org_a)
    assigned = services.assign_case(actor=alice, client=client, caseworker=bob)
    assert assigned.caseworker == bob and assigned.version == client.version
    moved = services.assign_case(actor=bob, client=assigned, caseworker=alice)
    assert moved.caseworker == alice
    event = AuditEvent.objects.filter(action="counter.case.assign").order_by("-pk").first()
    assert event is not None and event.data == {"from": bob.pk, "to": alice.pk}
    with pytest.raises(ValidationError):  # charlie is staff of org B only
        services.assign_case(actor=alice, client=moved, caseworker=charlie)
    assert Client.objects.get(pk=client.pk).caseworker == alice


def test_status_moves_forward_and_closing_needs_a_reason(org_a: Organisation, bob: User) -> None:
    """Mutations caught: no transition check; closing without a reason."""
    client = make_client(org_a)
    assert client.case_status == "open"
    client = services.set_case_status(actor=bob, client=client, status="in_progress")
    with pytest.raises(ValidationError):
        services.set_case_status(actor=bob, client=client, status="open")
    with pytest.raises(ValidationError):
        services.set_case_status(actor=bob, client=client, status="closed")
    closed = services.set_case_status(
        actor=bob, client=client, status="closed", close_reason="resolved"
    )
    assert (closed.case_status, closed.close_reason) == ("closed", "resolved")
    reopened = services.set_case_status(actor=bob, client=closed, status="open")
    assert (reopened.case_status, reopened.close_reason) == ("open", "")


def test_a_referral_marks_the_case_referred(org_a: Organisation, bob: User) -> None:
    client = make_client(org_a)
    consent(client, "nickname")
    services.create_referral(
        actor=bob, client=client, to_agency=Agency.objects.filter(kind="legal").first()
    )
    assert Client.objects.get(pk=client.pk).case_status == "referred"


def test_tasks_go_to_any_caseworker_of_the_counter(
    org_a: Organisation, alice: User, bob: User, charlie: User
) -> None:
    consultation = make_consultation(org_a, make_client(org_a))
    due = timezone.localdate() + timedelta(days=2)
    task = services.add_task(
        actor=alice, consultation=consultation, description="call", due_on=due, assigned_to=bob
    )
    assert task.assigned_to == bob
    with pytest.raises(ValidationError):
        services.add_task(
            actor=alice,
            consultation=consultation,
            description="call",
            due_on=due,
            assigned_to=charlie,
        )


def test_the_pages_assign_change_status_and_list_my_cases(
    org_a: Organisation, alice: User, bob: User, bob_client: HttpClient
) -> None:
    mine = make_client(org_a, nickname="MINE-1")
    other = make_client(org_a, nickname="OTHER-1")
    consultation = make_consultation(org_a, mine)
    response = bob_client.post(url(org_a, f"clients/{mine.pk}/assign/"), {"caseworker": bob.pk})
    assert response.status_code == 302
    services.assign_case(actor=alice, client=other, caseworker=alice)
    listed = bob_client.get(url(org_a, "clients/?mine=1")).content.decode()
    assert "MINE-1" in listed and "OTHER-1" not in listed
    bob_client.post(url(org_a, f"clients/{mine.pk}/status/"), {"status": "closed"})
    assert Client.objects.get(pk=mine.pk).case_status == "open"  # no reason: refused
    bob_client.post(
        url(org_a, f"clients/{mine.pk}/status/"), {"status": "closed", "close_reason": "other"}
    )
    assert Client.objects.get(pk=mine.pk).case_status == "closed"
    assert "MINE-1" not in bob_client.get(url(org_a, "clients/?mine=1")).content.decode()
    bob_client.post(
        url(org_a, f"consultations/{consultation.pk}/tasks/"),
        {"description": "send the form", "due_on": "2026-01-05", "assigned_to": alice.pk},
    )
    assert FollowUpTask.objects.get(consultation=consultation).assigned_to == alice
    page = bob_client.get(url(org_a, f"clients/{mine.pk}/")).content.decode()
    assert 'id="case-status"' in page and "bob" in page


def test_the_dashboard_counts_open_cases_and_overdue_tasks_per_caseworker(
    org_a: Organisation, alice: User, bob: User, bob_client: HttpClient
) -> None:
    """Mutation caught: counting closed cases, or tasks not yet due, as workload."""
    first, second, closed = (make_client(org_a) for _ in range(3))
    for client in (first, second, closed):
        services.assign_case(actor=alice, client=client, caseworker=bob)
    services.set_case_status(actor=bob, client=closed, status="closed", close_reason="resolved")
    make_client(org_a)  # nobody holds it: not in anyone's workload
    consultation = make_consultation(org_a, first)
    today = timezone.localdate()
    for due, who in ((today - timedelta(days=1), bob), (today, bob), (today - timedelta(3), alice)):
        services.add_task(
            actor=alice, consultation=consultation, description="x", due_on=due, assigned_to=who
        )
    counts = access.overview(org_a, reader=access.Reader(actor=None))
    by_worker = {w.caseworker.username: (w.open_cases, w.overdue_tasks) for w in counts.workload}
    assert by_worker == {"bob": (2, 1), "alice": (0, 1)}  # the unassigned one is not counted
    page = bob_client.get(url(org_a)).content.decode()
    assert "Open cases and overdue tasks by caseworker" in page
