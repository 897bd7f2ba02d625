import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client, RequestFactory

from kyosei.audit.models import AppendOnlyError, AuditEvent
from kyosei.audit.services import record
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def test_record_captures_actor_organisation_object_ip_and_agent(
    alice: object, org_a: Organisation
) -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Mozilla/5.0 test"
    )
    event = record(
        actor=alice, action="case.read", organisation=org_a, target=org_a, request=request
    )
    event.refresh_from_db()
    assert event.actor_label == "alice"
    assert event.organisation == org_a
    assert event.object_type == "orgs.organisation"
    assert event.object_id == str(org_a.pk)
    assert event.source_ip == "203.0.113.9"
    assert event.user_agent == "Mozilla/5.0 test"
    assert event.at is not None and event.at.tzinfo is not None


def test_orm_refuses_to_change_or_delete_audit_events(org_a: Organisation) -> None:
    event = record(actor=None, action="x.test", organisation=org_a)
    event.action = "x.tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x.tampered")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "x.test"


def test_database_refuses_raw_updates(org_a: Organisation) -> None:
    event = record(actor=None, action="x.test", organisation=org_a)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET action = %s WHERE id = %s", ["x.tampered", event.pk]
        )
    assert AuditEvent.objects.get(pk=event.pk).action == "x.test"


def test_postgresql_refuses_raw_deletes(org_a: Organisation) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("DELETE is refused by trigger on PostgreSQL only (see the migration)")
    event = record(actor=None, action="x.test", organisation=org_a)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_deleting_a_user_keeps_their_audit_trail(alice: object, org_a: Organisation) -> None:
    event = record(actor=alice, action="x.test", organisation=org_a)
    alice.delete()  # type: ignore[attr-defined]
    kept = AuditEvent.objects.get(pk=event.pk)
    assert kept.actor_label == "alice"


def test_auditor_viewer_filters(alice_client: Client, alice: object, org_a: Organisation) -> None:
    record(actor=alice, action="case.read", organisation=org_a, data={"n": 1})
    record(actor=None, action="case.export", organisation=org_a)
    url = f"/en/staff/o/{org_a.slug}/audit/"
    everything = alice_client.get(url).content.decode()
    assert "case.read" in everything and "case.export" in everything
    only_reads = alice_client.get(url, {"action": "case.read"}).content.decode()
    assert "<code>case.read</code>" in only_reads and "<code>case.export</code>" not in only_reads
    by_actor = alice_client.get(url, {"actor": "system"}).content.decode()
    assert "<code>case.export</code>" in by_actor and "<code>case.read</code>" not in by_actor
    future = alice_client.get(url, {"since": "2999-01-01"}).content.decode()
    assert "No events match." in future
    assert alice_client.get(url, {"since": "not-a-date"}).status_code == 200


def test_viewing_an_event_is_itself_audited(
    alice_client: Client, alice: object, org_a: Organisation
) -> None:
    event = record(actor=alice, action="case.read", organisation=org_a)
    response = alice_client.get(f"/en/staff/o/{org_a.slug}/audit/{event.pk}/")
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="audit.view_event", data__event=event.pk).exists()


def test_counter_staff_without_auditor_role_cannot_read_the_log(
    bob_client: Client, org_a: Organisation
) -> None:
    assert bob_client.get(f"/en/staff/o/{org_a.slug}/audit/").status_code == 404


def test_events_of_another_organisation_are_not_found(
    alice_client: Client, org_a: Organisation, org_b: Organisation
) -> None:
    foreign = record(actor=None, action="x.test", organisation=org_b)
    assert alice_client.get(f"/en/staff/o/{org_a.slug}/audit/{foreign.pk}/").status_code == 404
