import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client

from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.conftest import sign_in_verified
from kyosei.orgs import services
from kyosei.orgs.access import organisation_for, organisations_of
from kyosei.orgs.models import Membership, Organisation, Role

pytestmark = pytest.mark.django_db


def test_a_municipality_knows_its_prefecture_and_jma_codes(org_a: Organisation) -> None:
    assert org_a.prefecture_names == ("静岡県", "Shizuoka")
    assert list(org_a.areas.values_list("code", flat=True)) == ["2213001"]
    created = AuditEvent.objects.get(action="organisation.create", organisation=org_a)
    assert created.data["jma_codes"] == ["2213001"]


def test_a_municipality_without_prefecture_or_with_bad_codes_is_refused() -> None:
    with pytest.raises(ValidationError):
        services.create_organisation(
            actor=None, slug="x", name="X", kind=Organisation.Kind.MUNICIPALITY
        )
    with pytest.raises(ValidationError):
        services.create_organisation(
            actor=None,
            slug="y",
            name="Y",
            kind=Organisation.Kind.MUNICIPALITY,
            prefecture="22",
            jma_codes={"221300": "six digits"},
        )
    assert not Organisation.objects.exists()


def test_access_is_404_for_outsiders_and_role_filtered(
    alice: User, bob: User, charlie: User, org_a: Organisation
) -> None:
    organisation, roles = organisation_for(alice, org_a.slug)
    assert organisation == org_a and Role.ORG_ADMIN in roles
    with pytest.raises(Http404):
        organisation_for(charlie, org_a.slug)
    with pytest.raises(Http404):
        organisation_for(bob, org_a.slug, roles={Role.AUDITOR})
    with pytest.raises(Http404):
        organisation_for(alice, "no-such-org")
    assert org_a not in organisations_of(charlie)


def test_staff_can_belong_to_several_organisations_with_several_roles(
    bob: User, org_a: Organisation, org_b: Organisation
) -> None:
    services.grant_role(actor=None, organisation=org_b, user=bob, role=Role.TRANSLATOR)
    services.grant_role(actor=None, organisation=org_b, user=bob, role=Role.TRANSLATOR)
    assert set(organisations_of(bob)) == {org_a, org_b}
    assert Membership.objects.filter(user=bob, organisation=org_b).count() == 1


def test_admin_membership_changes_go_through_audited_services(
    client: Client, bob: User, org_a: Organisation
) -> None:
    root = User.objects.create_superuser("root", "root@example.org", "a long passphrase 12345")
    sign_in_verified(client, root)
    response = client.post(
        "/admin/orgs/membership/add/",
        {"user": bob.pk, "organisation": org_a.pk, "role": Role.EDITOR},
    )
    assert response.status_code == 302
    grant = AuditEvent.objects.get(action="membership.grant", data__role=Role.EDITOR)
    assert grant.actor == root
    membership = Membership.objects.get(user=bob, organisation=org_a, role=Role.EDITOR)
    client.post(f"/admin/orgs/membership/{membership.pk}/delete/", {"post": "yes"})
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(action="membership.revoke", actor=root).exists()
