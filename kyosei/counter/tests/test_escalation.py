"""Escalation to the national centre, end to end: a counter refers, the centre's counter staff
receive it, accept, answer and return it, and the counter's caseworker takes the case up again
with the answer."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.utils import translation

from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.conftest import make_user, sign_in_verified
from kyosei.counter import services
from kyosei.counter.models import Client, Referral
from kyosei.counter.tests.factories import consent, make_client
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(db: None) -> Organisation:
    return org_services.create_organisation(
        actor=None,
        slug="centre",
        name="外国人在留支援センター",
        kind=Organisation.Kind.NATIONAL_CENTRE,
    )


@pytest.fixture
def dana(centre: Organisation) -> User:
    user = make_user("dana")
    org_services.grant_role(actor=None, organisation=centre, user=user, role=Role.COUNTER_STAFF)
    return user


def escalated(org: Organisation, centre: Organisation, bob: User) -> Referral:
    client = make_client(org, nickname="N.K.", preferred_language="ne", nationality="NP")
    consent(client, "nickname", "topics", "summary")
    services.set_case_status(actor=bob, client=client, status="in_progress")
    return services.create_referral(
        actor=bob, client=client, to_organisation=centre, summary="unpaid wages, visa renewal"
    )


def test_the_centre_receives_answers_and_returns_a_referral(
    org_a: Organisation,
    centre: Organisation,
    bob: User,
    dana: User,
    bob_client: HttpClient,
) -> None:
    """Mutations caught: the answer not reaching the sender; the sender's case left as
    referred; the return not audited in both organisations."""
    referral = escalated(org_a, centre, bob)
    assert Client.objects.get(pk=referral.client_id).case_status == "referred"
    centre_staff = sign_in_verified(HttpClient(), dana)
    page = f"/en/staff/o/{centre.slug}/counter/referrals/{referral.pk}/"
    assert "unpaid wages, visa renewal" in centre_staff.get(page).content.decode()
    accepted = centre_staff.post(page, {"decision": "accept", "note": ""})
    assert accepted.status_code == 302
    form = centre_staff.get(page).content.decode()
    assert 'value="return"' in form
    answer = "Labour standards office first; the visa can be renewed while the claim runs."
    returned = centre_staff.post(page, {"form": "return", "answer": answer})
    assert returned.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.answer) == ("returned", answer)
    sender_page = bob_client.get(f"/en/staff/o/{org_a.slug}/counter/referrals/{referral.pk}/")
    html = sender_page.content.decode()
    assert answer in html and "Answered and returned" in html
    assert Client.objects.get(pk=referral.client_id).case_status == "in_progress"
    for organisation in (org_a, centre):
        assert AuditEvent.objects.filter(
            action="counter.referral.return",
            organisation=organisation,
            object_id=str(referral.pk),
        ).exists()
    assert HttpClient().get(f"/ne/referral/{referral.code}/").status_code == 404
    export = bob_client.get(
        f"/en/staff/o/{org_a.slug}/counter/clients/{referral.client_id}/export/"
    ).content.decode()
    assert "Labour standards office first" in export  # subject access includes the answer


def test_an_answer_needs_an_accepted_referral_text_and_a_living_client(
    org_a: Organisation, centre: Organisation, bob: User, dana: User
) -> None:
    """Mutations caught: answering a pending referral; an empty answer; an answer about an
    erased client kept."""
    translation.activate("en")  # an earlier test's request may leave another one active
    referral = escalated(org_a, centre, bob)
    with pytest.raises(ValidationError, match="Accept"):
        services.return_referral(actor=dana, referral=referral, receiver=centre, answer="x")
    services.respond_to_referral(actor=dana, referral=referral, receiver=centre, accept=True)
    with pytest.raises(ValidationError):
        services.return_referral(actor=dana, referral=referral, receiver=centre, answer="  ")
    services._strip_identifying_data(Client.objects.get(pk=referral.client_id))
    with pytest.raises(ValidationError, match="erased"):
        services.return_referral(actor=dana, referral=referral, receiver=centre, answer="ok")
    assert Referral.objects.get(pk=referral.pk).answer == ""


def test_only_the_receiver_returns_a_referral(
    org_a: Organisation,
    centre: Organisation,
    bob: User,
    dana: User,
    bob_client: HttpClient,
    charlie_client: HttpClient,
    org_b: Organisation,
) -> None:
    """The sender cannot answer its own referral; another counter cannot reach it."""
    referral = escalated(org_a, centre, bob)
    services.respond_to_referral(actor=dana, referral=referral, receiver=centre, accept=True)
    own = bob_client.post(
        f"/en/staff/o/{org_a.slug}/counter/referrals/{referral.pk}/",
        {"form": "return", "answer": "bob answers himself"},
    )
    assert own.status_code == 403
    other = charlie_client.post(
        f"/en/staff/o/{org_b.slug}/counter/referrals/{referral.pk}/",
        {"form": "return", "answer": "charlie was here"},
    )
    assert other.status_code == 404
    assert Referral.objects.get(pk=referral.pk).status == "accepted"


def test_the_answer_is_encrypted_and_erased_with_the_client(
    org_a: Organisation, centre: Organisation, bob: User, dana: User
) -> None:
    from django.db import connection

    referral = escalated(org_a, centre, bob)
    services.respond_to_referral(actor=dana, referral=referral, receiver=centre, accept=True)
    services.return_referral(
        actor=dana, referral=referral, receiver=centre, answer="ANSWER-CANARY labour office"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT answer FROM counter_referral WHERE id = %s", [referral.pk])
        stored = cursor.fetchone()[0]
    assert "ANSWER-CANARY" not in stored and stored
    services._strip_identifying_data(Client.objects.get(pk=referral.client_id))
    assert Referral.objects.get(pk=referral.pk).answer == ""


def test_the_demo_centre_has_counter_staff_to_receive_escalations(settings: Any, db: None) -> None:
    """The demo walk: bob (Hamamatsu) refers to the national centre, alice answers there."""
    from kyosei.core import demo
    from kyosei.counter import access

    settings.DEBUG = True
    demo.load_demo()
    alice = User.objects.get(username="alice")
    organisation, roles = access.counter_for(alice, "national-centre")
    assert Role.COUNTER_STAFF in roles
    hamamatsu = Organisation.objects.get(slug="hamamatsu")
    assert organisation in access.receiving_organisations(hamamatsu)
