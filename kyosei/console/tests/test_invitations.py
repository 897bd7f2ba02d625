"""An org admin cannot enrol another organisation's staff without that person's acceptance,
and the form never tells whether a user name exists (issue 13, platform loose ends)."""

import re

from django.test import Client

from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.conftest import make_user, sign_in_verified
from kyosei.orgs.models import Invitation, Membership, Organisation, Role


def enrol(alice_client: Client, org: Organisation, username: str) -> tuple[int, list[str]]:
    """The status and the messages shown on the page the form leads back to."""
    response = alice_client.post(
        f"/en/staff/o/{org.slug}/members/",
        {"username": username, "role": Role.EDITOR},
        follow=True,
    )
    shown = re.findall(r'<p class="message [^"]*">(.*?)</p>', response.content.decode())
    return response.redirect_chain[0][1], shown


def test_another_organisations_staff_is_invited_not_enrolled(
    alice_client: Client, org_a: Organisation, charlie: User
) -> None:
    """Catches the console granting the role at once to someone outside the organisation."""
    status, _ = enrol(alice_client, org_a, "charlie")
    assert status == 302
    assert not Membership.objects.filter(user=charlie, organisation=org_a).exists()
    invitation = Invitation.objects.get(user=charlie, organisation=org_a, role=Role.EDITOR)
    assert invitation.status == Invitation.Status.PENDING
    assert AuditEvent.objects.filter(action="membership.invite", organisation=org_a).exists()


def test_the_answer_does_not_reveal_whether_a_user_name_exists(
    alice_client: Client, org_a: Organisation, charlie: User
) -> None:
    """Catches an error such as "no such user" (an enumeration oracle)."""
    inactive = make_user("dormant")
    inactive.is_active = False
    inactive.save()
    answers = {name: enrol(alice_client, org_a, name) for name in ("charlie", "dormant", "nobody")}
    assert answers["charlie"] == answers["dormant"] == answers["nobody"]
    assert answers["nobody"][0] == 302 and len(answers["nobody"][1]) == 1


def test_a_colleague_gets_the_role_at_once(
    alice_client: Client, org_a: Organisation, bob: User
) -> None:
    enrol(alice_client, org_a, "bob")
    assert Membership.objects.filter(user=bob, organisation=org_a, role=Role.EDITOR).exists()
    assert not Invitation.objects.exists()


def test_the_invited_person_accepts_and_only_then_holds_the_role(
    alice_client: Client, org_a: Organisation, charlie: User, charlie_client: Client
) -> None:
    enrol(alice_client, org_a, "charlie")
    invitation = Invitation.objects.get(user=charlie)
    home = charlie_client.get("/en/staff/")
    assert home.status_code == 200 and org_a.name in home.content.decode()
    assert charlie_client.get(f"/en/staff/o/{org_a.slug}/").status_code == 404
    response = charlie_client.post(f"/en/staff/invitations/{invitation.pk}/accept/")
    assert response.status_code == 302
    assert Membership.objects.filter(user=charlie, organisation=org_a, role=Role.EDITOR).exists()
    assert charlie_client.get(f"/en/staff/o/{org_a.slug}/").status_code == 200
    actions = set(AuditEvent.objects.filter(organisation=org_a).values_list("action", flat=True))
    assert {"membership.invite", "membership.invitation_accept", "membership.grant"} <= actions
    # Answered once: a second accept finds nothing.
    assert charlie_client.post(f"/en/staff/invitations/{invitation.pk}/accept/").status_code == 404


def test_declining_grants_nothing(
    alice_client: Client, org_a: Organisation, charlie: User, charlie_client: Client
) -> None:
    enrol(alice_client, org_a, "charlie")
    invitation = Invitation.objects.get(user=charlie)
    charlie_client.post(f"/en/staff/invitations/{invitation.pk}/decline/")
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DECLINED
    assert not Membership.objects.filter(user=charlie, organisation=org_a).exists()


def test_nobody_else_can_answer_an_invitation(
    alice_client: Client, org_a: Organisation, charlie: User, client: Client
) -> None:
    """Catches an accept URL that does not check whose invitation it is (a 404, no grant)."""
    enrol(alice_client, org_a, "charlie")
    invitation = Invitation.objects.get(user=charlie)
    mallory = sign_in_verified(client, make_user("mallory"))
    assert mallory.post(f"/en/staff/invitations/{invitation.pk}/accept/").status_code == 404
    assert alice_client.post(f"/en/staff/invitations/{invitation.pk}/accept/").status_code == 404
    assert not Membership.objects.filter(user=charlie, organisation=org_a).exists()
    assert not Membership.objects.filter(user__username="mallory").exists()
