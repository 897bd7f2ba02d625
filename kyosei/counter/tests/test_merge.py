"""Merging a person registered twice: everything moves to the kept record, audited; never
across organisations, never an erased client, never past a pending erasure request."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client as HttpClient

from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.counter import access, services
from kyosei.counter.models import (
    Agency,
    Client,
    ConsentRecord,
    Consultation,
    FollowUpTask,
    Referral,
)
from kyosei.counter.tests.factories import consent, make_client, make_consultation
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def twice(org: Organisation, actor: Any = None) -> tuple[Client, Client]:
    """One person registered twice; the duplicate holds a consultation, a consent, a
    referral and a phone number the kept record lacks."""
    keep = make_client(org, nickname="R.T.", actor=actor)
    make_consultation(org, keep, actor=actor)
    duplicate = make_client(org, nickname="RT", contact="090-1234-5678", full_name="Rita T.")
    consent(duplicate, "nickname", "topics")
    consultation = make_consultation(org, duplicate, actor=actor)
    services.add_task(
        actor=actor, consultation=consultation, description="call back", due_on=_today()
    )
    services.create_referral(
        actor=actor,
        client=duplicate,
        consultation=consultation,
        to_agency=Agency.objects.filter(kind="legal").first(),
    )
    return keep, duplicate


def _today() -> Any:
    from django.utils import timezone

    return timezone.localdate()


def state(*clients: Client) -> list[Any]:
    ids = [c.pk for c in clients]
    return [
        list(Client.objects.filter(pk__in=ids).order_by("pk").values()),
        list(Consultation.objects.filter(client__in=ids).order_by("pk").values("pk", "client")),
        list(ConsentRecord.objects.filter(client__in=ids).order_by("pk").values()),
        list(Referral.objects.filter(client__in=ids).order_by("pk").values("pk", "client")),
    ]


def test_merging_moves_everything_to_the_kept_client(org_a: Organisation, alice: User) -> None:
    """Mutations caught: consents or referrals left behind; the duplicate keeps identifying
    data or can still be written to; the merge not audited; blanks not filled."""
    keep, duplicate = twice(org_a)
    moved_consultation = Consultation.objects.get(client=duplicate)
    kept = services.merge_clients(actor=alice, organisation=org_a, keep=keep, duplicate=duplicate)
    assert Consultation.objects.filter(client=kept).count() == 2
    assert FollowUpTask.objects.get().consultation.client_id == kept.pk
    assert ConsentRecord.objects.get().client_id == kept.pk
    assert services.active_consent(kept) is not None
    assert Referral.objects.get().client_id == kept.pk
    assert (kept.contact, kept.full_name, kept.nickname) == ("090-1234-5678", "Rita T.", "R.T.")
    found = access.clients_of(org_a, reader=access.Reader(actor=alice), search="09012345678")
    assert list(found) == [kept]
    gone = Client.objects.get(pk=duplicate.pk)
    assert gone.merged_into_id == kept.pk
    assert (gone.nickname, gone.full_name, gone.contact) == ("—", "", "")
    with pytest.raises(ValidationError):
        make_consultation(org_a, gone)
    # An old handoff card with the duplicate's reference still finds the person.
    reader = access.Reader(actor=alice)
    assert access.returning_client(org_a, duplicate.reference, reader=reader) == kept
    merge = AuditEvent.objects.get(action="counter.client.merge")
    assert merge.object_id == str(kept.pk) and merge.data["merged"] == duplicate.pk
    assert merge.data["moved"] == {"consultations": 1, "consents": 1, "referrals": 1}
    assert AuditEvent.objects.filter(
        action="counter.client.merged_into", object_id=str(duplicate.pk)
    ).exists()
    _client, events = access.client_history(org_a, kept.pk, reader=reader)
    about = {(e.object_type, e.object_id) for e in events}
    assert ("counter.client", str(duplicate.pk)) in about
    assert ("counter.consultation", str(moved_consultation.pk)) in about


def test_a_merge_cannot_cross_organisations(
    org_a: Organisation, org_b: Organisation, alice: User
) -> None:
    """Mutation caught: dropping the organisation check of merge_clients."""
    keep = make_client(org_a)
    theirs = make_client(org_b, contact="080-0000-1111")
    make_consultation(org_b, theirs, language="pt-BR")
    before = state(keep, theirs)
    for organisation in (org_a, org_b):
        with pytest.raises(PermissionDenied):
            services.merge_clients(
                actor=alice, organisation=organisation, keep=keep, duplicate=theirs
            )
    assert state(keep, theirs) == before


def test_a_client_is_not_merged_into_itself(org_a: Organisation, alice: User) -> None:
    client = make_client(org_a)
    with pytest.raises(ValidationError):
        services.merge_clients(actor=alice, organisation=org_a, keep=client, duplicate=client)


@pytest.mark.parametrize("erased", ["keep", "duplicate"])
def test_an_erased_client_is_never_merged(org_a: Organisation, alice: User, erased: str) -> None:
    """Mutation caught: dropping the anonymised check (an erased person's consultations
    would be joined to a live record again)."""
    keep, duplicate = twice(org_a)
    services._strip_identifying_data(keep if erased == "keep" else duplicate)
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    before = state(keep, duplicate)
    with pytest.raises(ValidationError, match="erased"):
        services.merge_clients(actor=alice, organisation=org_a, keep=keep, duplicate=duplicate)
    assert state(keep, duplicate) == before


def test_a_pending_erasure_is_decided_before_a_merge(
    org_a: Organisation, alice: User, bob: User
) -> None:
    """Mutation caught: merging a client whose erasure is waiting (the merge would move the
    data out of the erasure's reach)."""
    keep, duplicate = twice(org_a)
    services.request_erasure(actor=bob, client=duplicate)
    before = state(keep, duplicate)
    with pytest.raises(ValidationError, match="erasure"):
        services.merge_clients(actor=alice, organisation=org_a, keep=keep, duplicate=duplicate)
    assert state(keep, duplicate) == before


def test_a_merged_record_is_not_merged_again(org_a: Organisation, alice: User) -> None:
    keep, duplicate = twice(org_a)
    services.merge_clients(actor=alice, organisation=org_a, keep=keep, duplicate=duplicate)
    third = make_client(org_a)
    with pytest.raises(ValidationError, match="already merged"):
        services.merge_clients(
            actor=alice,
            organisation=org_a,
            keep=third,
            duplicate=Client.objects.get(pk=duplicate.pk),
        )


def merge_url(org: Organisation, client_pk: int) -> str:
    return f"/en/staff/o/{org.slug}/counter/clients/{client_pk}/merge/"


def test_a_supervisor_merges_from_the_client_page(
    org_a: Organisation, alice_client: HttpClient, bob_client: HttpClient
) -> None:
    """The client page lists the look-alikes and the merge form for supervisors only.
    Mutation caught: the merge view open to every counter role."""
    keep, duplicate = twice(org_a)
    page = alice_client.get(f"/en/staff/o/{org_a.slug}/counter/clients/{duplicate.pk}/")
    html = page.content.decode()
    assert merge_url(org_a, duplicate.pk) in html and keep.reference in html
    staff_page = bob_client.get(f"/en/staff/o/{org_a.slug}/counter/clients/{duplicate.pk}/")
    assert merge_url(org_a, duplicate.pk) not in staff_page.content.decode()
    refused = bob_client.post(
        merge_url(org_a, duplicate.pk), {"keep_reference": keep.reference.lower()}
    )
    assert refused.status_code == 404
    response = alice_client.post(
        merge_url(org_a, duplicate.pk), {"keep_reference": keep.reference.lower()}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/clients/{keep.pk}/")
    assert Client.objects.get(pk=duplicate.pk).merged_into_id == keep.pk
    tombstone = alice_client.get(f"/en/staff/o/{org_a.slug}/counter/clients/{duplicate.pk}/")
    assert "This record was merged into client" in tombstone.content.decode()
    in_japanese = alice_client.get(f"/ja/staff/o/{org_a.slug}/counter/clients/{duplicate.pk}/")
    assert f">{keep.reference}</a> に統合されました" in in_japanese.content.decode()


def test_charlie_cannot_merge_his_client_into_one_of_a(
    org_a: Organisation,
    org_b: Organisation,
    charlie: User,
    charlie_client: HttpClient,
) -> None:
    """His own organisation's page, with A's reference as the record to keep: A's client is
    not found and nothing moves."""
    from kyosei.orgs import services as org_services
    from kyosei.orgs.models import Role

    org_services.grant_role(actor=None, organisation=org_b, user=charlie, role=Role.SUPERVISOR)
    theirs = make_client(org_a)
    mine = make_client(org_b)
    make_consultation(org_b, mine)
    before = state(theirs, mine)
    response = charlie_client.post(merge_url(org_b, mine.pk), {"keep_reference": theirs.reference})
    assert response.status_code == 302
    assert state(theirs, mine) == before
    assert not AuditEvent.objects.filter(action="counter.client.merge").exists()
