"""History you can read: field-level changes in the audit log (identifying fields only as
"changed"), and the per-client access log supervisors read from it."""

import json

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.counter import services
from kyosei.counter.tests.factories import CANARY, make_client, make_consultation
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db

FORM_FIELDS = services.CLIENT_EDITABLE


def last_update(action: str) -> AuditEvent:
    event = AuditEvent.objects.filter(action=action).order_by("-pk").first()
    assert event is not None
    return event


def test_an_edit_records_only_what_it_changed_with_before_and_after(
    org_a: Organisation, bob: User
) -> None:
    """Mutation caught: recording every submitted field (the old "all ten fields changed")."""
    client = make_client(org_a)
    submitted = {name: getattr(client, name) for name in FORM_FIELDS}
    submitted["status_of_residence"] = "permanent_resident"
    services.update_client(actor=bob, client=client, expected_version=1, changes=submitted)
    event = last_update("counter.client.update")
    assert event.data["fields"] == ["status_of_residence"]
    assert event.data["changes"] == {
        "status_of_residence": {"from": "long_term_resident", "to": "permanent_resident"}
    }


def test_identifying_fields_are_recorded_as_changed_never_with_their_values(
    org_a: Organisation, bob: User
) -> None:
    """Mutation caught: a before/after for contact details, name, nickname or notes."""
    client = make_client(org_a, contact="old 090-0000-0000", full_name="Old Name")
    services.update_client(
        actor=bob,
        client=client,
        expected_version=1,
        changes={"contact": f"090-1234-5678 {CANARY}", "full_name": f"New {CANARY}"},
    )
    event = last_update("counter.client.update")
    assert event.data["changes"] == {"contact": {"changed": True}, "full_name": {"changed": True}}
    consultation = make_consultation(org_a, client)
    services.update_consultation(
        actor=bob,
        consultation=consultation,
        expected_version=1,
        changes={"narrative": f"rewritten {CANARY}", "outcome": "referred"},
    )
    event = last_update("counter.consultation.update")
    assert event.data["changes"] == {
        "narrative": {"changed": True},
        "outcome": {"from": "information", "to": "referred"},
    }
    logged = json.dumps(list(AuditEvent.objects.values()), default=str)
    assert CANARY not in logged and "090-" not in logged and "Old Name" not in logged


def test_saving_an_edit_form_unchanged_records_no_change(org_a: Organisation, bob: User) -> None:
    """The form shows times to the minute: that is no change of the consultation time."""
    consultation = make_consultation(org_a, make_client(org_a))
    unchanged = {name: getattr(consultation, name) for name in services.CONSULTATION_EDITABLE}
    unchanged["consulted_at"] = timezone.localtime(consultation.consulted_at).replace(
        second=0, microsecond=0
    )
    services.update_consultation(
        actor=bob, consultation=consultation, expected_version=1, changes=unchanged
    )
    event = last_update("counter.consultation.update")
    assert event.data["fields"] == [] and event.data["changes"] == {}


def history_url(org: Organisation, client_pk: int) -> str:
    return f"/en/staff/o/{org.slug}/counter/clients/{client_pk}/history/"


def test_a_supervisor_sees_who_read_and_changed_the_client(
    org_a: Organisation,
    alice: User,
    bob: User,
    bob_client: HttpClient,
    alice_client: HttpClient,
) -> None:
    """Mutations caught: events of the client's consultations left out; another client's
    events shown; the history read not recorded."""
    client = make_client(org_a, contact="090-5555-6666")
    other = make_client(org_a, nickname="Z.Z.")
    consultation = make_consultation(org_a, client, actor=bob)
    bob_client.get(f"/en/staff/o/{org_a.slug}/counter/clients/{client.pk}/")
    bob_client.get(f"/en/staff/o/{org_a.slug}/counter/consultations/{consultation.pk}/")
    bob_client.get(f"/en/staff/o/{org_a.slug}/counter/clients/{other.pk}/")
    services.update_client(
        actor=bob,
        client=client,
        expected_version=1,
        changes={"status_of_residence": "permanent_resident", "contact": "080-7777-8888"},
    )
    services.assign_case(actor=alice, client=client, caseworker=bob)
    since = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    page = alice_client.get(history_url(org_a, client.pk))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Long-term resident</bdi> → <bdi>Permanent resident" in html
    assert "Changed (the values are not kept in the audit log)" in html
    assert "—</bdi> → <bdi>bob" in html  # the assignment, by name
    assert str(consultation) in html  # bob's read of the consultation
    assert html.count("<td><bdi>bob</bdi></td>") >= 3  # created, viewed twice, changed
    assert other.reference not in html
    assert "080-7777-8888" not in html and "090-5555-6666" not in html
    assert AuditEvent.objects.filter(
        pk__gt=since,
        actor=alice,
        action="counter.client.history",
        object_type="counter.client",
        object_id=str(client.pk),
    ).exists()


def test_only_supervisors_see_the_history(
    org_a: Organisation, bob_client: HttpClient, alice_client: HttpClient
) -> None:
    """Mutation caught: the view allowing every counter role."""
    client = make_client(org_a)
    in_japanese = alice_client.get(history_url(org_a, client.pk).replace("/en/", "/ja/"))
    assert f"相談者 {client.reference} の履歴" in in_japanese.content.decode()
    assert "閲覧" in in_japanese.content.decode()
    assert bob_client.get(history_url(org_a, client.pk)).status_code == 404
    detail = f"/en/staff/o/{org_a.slug}/counter/clients/{client.pk}/"
    assert history_url(org_a, client.pk) not in bob_client.get(detail).content.decode()
    assert history_url(org_a, client.pk) in alice_client.get(detail).content.decode()


def test_the_history_holds_only_this_organisations_log(
    org_a: Organisation,
    org_b: Organisation,
    alice_client: HttpClient,
    charlie_client: HttpClient,
) -> None:
    """The receiver's reads of a referral are in the receiver's log, not in the sender's
    history. Mutation caught: dropping the organisation filter of client_history."""
    from kyosei.counter.tests.factories import consent

    client = make_client(org_a)
    consent(client, "nickname")
    referral = services.create_referral(actor=None, client=client, to_organisation=org_b)
    seen = charlie_client.get(f"/en/staff/o/{org_b.slug}/counter/referrals/{referral.pk}/")
    assert seen.status_code == 200
    assert AuditEvent.objects.filter(
        organisation=org_b, actor_label="charlie", object_id=str(referral.pk)
    ).exists()
    html = alice_client.get(history_url(org_a, client.pk)).content.decode()
    assert str(referral) in html  # the sender's own rows about the referral
    assert "charlie" not in html
