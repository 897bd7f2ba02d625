import pytest
from django.test import Client

from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.conftest import sign_in_verified
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Membership, Organisation, Role

pytestmark = pytest.mark.django_db


def test_single_organisation_staff_land_on_their_organisation(
    bob_client: Client, org_a: Organisation
) -> None:
    response = bob_client.get("/en/staff/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/staff/o/{org_a.slug}/"


def test_multi_organisation_staff_get_a_switcher(
    alice: User, org_a: Organisation, org_b: Organisation
) -> None:
    org_services.grant_role(actor=None, organisation=org_b, user=alice, role=Role.EDITOR)
    client = sign_in_verified(Client(), alice)
    home = client.get("/en/staff/").content.decode()
    assert f'href="/en/staff/o/{org_a.slug}/"' in home
    assert f'href="/en/staff/o/{org_b.slug}/"' in home
    page = client.get(f"/en/staff/o/{org_b.slug}/").content.decode()
    assert "Switch organisation" in page
    assert "Members" not in page.split("<main")[1]  # editor in org B: no admin links


def test_console_is_translated(bob_client: Client, org_a: Organisation) -> None:
    body = bob_client.get(f"/ja/staff/o/{org_a.slug}/").content.decode()
    assert '<html lang="ja" dir="ltr">' in body
    assert "Your roles" not in body


def test_org_admin_grants_and_revokes_roles_with_audit(
    alice_client: Client, alice: User, bob: User, org_a: Organisation
) -> None:
    url = f"/en/staff/o/{org_a.slug}/members/"
    alice_client.post(url, {"username": "bob", "role": Role.EDITOR})
    assert Membership.objects.filter(user=bob, organisation=org_a, role=Role.EDITOR).exists()
    alice_client.post(url, {"username": "bob", "role": Role.EDITOR, "action": "revoke"})
    assert not Membership.objects.filter(user=bob, organisation=org_a, role=Role.EDITOR).exists()
    actions = set(
        AuditEvent.objects.filter(actor=alice, organisation=org_a).values_list("action", flat=True)
    )
    assert {"membership.grant", "membership.revoke"} <= actions


def test_admin_cannot_remove_their_own_admin_role(
    alice_client: Client, alice: User, org_a: Organisation
) -> None:
    alice_client.post(
        f"/en/staff/o/{org_a.slug}/members/",
        {"username": "alice", "role": Role.ORG_ADMIN, "action": "revoke"},
    )
    assert Membership.objects.filter(user=alice, organisation=org_a, role=Role.ORG_ADMIN).exists()


def test_counter_staff_cannot_manage_members(bob_client: Client, org_a: Organisation) -> None:
    assert bob_client.get(f"/en/staff/o/{org_a.slug}/members/").status_code == 404


def test_organisation_page_query_count_is_constant(
    bob_client: Client, org_a: Organisation, django_assert_max_num_queries: object
) -> None:
    url = f"/en/staff/o/{org_a.slug}/"
    bob_client.get(url)
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert bob_client.get(url).status_code == 200
