"""Django admin writes to organisations, their JMA municipality codes and the agency
directory go through the services and the audit log, as the console's do (issue 13)."""

from django.test import Client

from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.conftest import sign_in_verified
from kyosei.counter.models import Agency
from kyosei.orgs.models import MunicipalityCode, Organisation

INLINE = "areas"


def root_client(client: Client) -> tuple[Client, User]:
    root = User.objects.create_superuser("root", "root@example.org", "a long passphrase 12345")
    return sign_in_verified(client, root), root


def org_form(**fields: str) -> dict[str, str]:
    data = {
        "slug": "kosai",
        "name": "湖西市 国際交流",
        "name_en": "",
        "kind": "municipality",
        "prefecture": "22",
        "address": "",
        "phone": "",
        "website": "",
        "languages_offered": "[]",
        "translations": "{}",
        "latitude": "",
        "longitude": "",
        "is_public": "on",
        f"{INLINE}-TOTAL_FORMS": "1",
        f"{INLINE}-INITIAL_FORMS": "0",
        f"{INLINE}-MIN_NUM_FORMS": "0",
        f"{INLINE}-MAX_NUM_FORMS": "1000",
        f"{INLINE}-0-code": "2222100",
        f"{INLINE}-0-name": "湖西市",
    }
    data.update(fields)
    return data


def test_admin_creates_and_edits_organisations_through_audited_services(
    client: Client, db: None
) -> None:
    """Catches the admin saving the model directly (no organisation.* or area events)."""
    admin, root = root_client(client)
    response = admin.post("/admin/orgs/organisation/add/", org_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    org = Organisation.objects.get(slug="kosai")
    assert AuditEvent.objects.filter(action="organisation.create", actor=root).exists()
    assert AuditEvent.objects.filter(action="organisation.area_add", data__code="2222100").exists()
    area = MunicipalityCode.objects.get(organisation=org)
    edit = org_form(
        phone="053-576-1111",
        translations='{"en": {"name": "Kosai City International Exchange"}}',
        **{
            f"{INLINE}-INITIAL_FORMS": "1",
            f"{INLINE}-0-id": str(area.pk),
            f"{INLINE}-0-organisation": str(org.pk),
            f"{INLINE}-0-DELETE": "on",
        },
    )
    response = admin.post(f"/admin/orgs/organisation/{org.pk}/change/", edit)
    assert response.status_code == 302, response.content.decode()[:3000]
    org.refresh_from_db()
    assert org.phone == "053-576-1111"
    assert org.translated("name", "en") == "Kosai City International Exchange"
    update = AuditEvent.objects.get(action="organisation.update", actor=root)
    assert set(update.data["fields"]) == {"phone", "translations"}
    assert not MunicipalityCode.objects.filter(organisation=org).exists()
    assert AuditEvent.objects.filter(action="organisation.area_remove", actor=root).exists()


def test_admin_cannot_delete_an_organisation(client: Client, org_a: Organisation) -> None:
    admin, _ = root_client(client)
    assert admin.get(f"/admin/orgs/organisation/{org_a.pk}/delete/").status_code == 403
    assert Organisation.objects.filter(pk=org_a.pk).exists()


def test_admin_agency_writes_are_audited(client: Client, db: None) -> None:
    """Catches AgencyAdmin saving without the service (no counter.agency_* event)."""
    admin, root = root_client(client)
    form = {
        "kind": Agency._meta.get_field("kind").choices[0][0],  # type: ignore[index]
        "name": "法テラス",
        "name_en": "Houterasu",
        "phone": "0570-078374",
        "website": "",
        "languages": "[]",
        "hours": "",
        "notes": "",
        "is_active": "on",
    }
    assert admin.post("/admin/counter/agency/add/", form).status_code == 302
    agency = Agency.objects.get(name="法テラス")
    assert AuditEvent.objects.filter(action="counter.agency_create", actor=root).exists()
    form["is_active"] = ""
    del form["is_active"]
    assert admin.post(f"/admin/counter/agency/{agency.pk}/change/", form).status_code == 302
    agency.refresh_from_db()
    assert not agency.is_active
    event = AuditEvent.objects.get(action="counter.agency_update", actor=root)
    assert event.data["fields"] == ["is_active"]
