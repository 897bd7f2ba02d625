"""The org admin keeps the counter's public details and location in the console."""

import pytest
from django.test import Client

from kyosei.audit.models import AuditEvent
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def test_org_admin_sets_the_location_and_residents_find_the_counter_near_them(
    alice_client: Client, org_a: Organisation
) -> None:
    url = f"/en/staff/o/{org_a.slug}/details/"
    assert (
        "Contact details and location"
        in alice_client.get(f"/en/staff/o/{org_a.slug}/").content.decode()
    )
    response = alice_client.post(
        url,
        {"address": "静岡県浜松市中央区元城町103-2", "phone": "053-457-2111", "website": "",
         "latitude": "34.7108", "longitude": "137.7261"},
    )  # fmt: skip
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.coordinates == (34.7108, 137.7261)
    assert org_a.phone == "053-457-2111"
    event = AuditEvent.objects.get(action="organisation.update", organisation=org_a)
    assert sorted(event.data["fields"]) == ["address", "latitude", "longitude", "phone"]
    page = Client().get("/en/counters/", {"lat": "34.71", "lon": "137.73"}).content.decode()
    assert "near-me-results" in page
    assert org_a.name in page and "About 0.4 km away" in page


@pytest.mark.parametrize(
    ("lat", "lon"), [("95", "137.7"), ("34.7", "200"), ("34.7", ""), ("north", "137.7")]
)
def test_bad_coordinates_are_refused_with_a_message(
    alice_client: Client, org_a: Organisation, lat: str, lon: str
) -> None:
    response = alice_client.post(
        f"/en/staff/o/{org_a.slug}/details/",
        {"address": "", "phone": "", "website": "", "latitude": lat, "longitude": lon},
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    org_a.refresh_from_db()
    assert org_a.coordinates is None
    assert not AuditEvent.objects.filter(action="organisation.update").exists()


def test_counter_staff_cannot_edit_the_details(bob_client: Client, org_a: Organisation) -> None:
    url = f"/en/staff/o/{org_a.slug}/details/"
    assert bob_client.get(url).status_code == 404
    bob_client.post(url, {"latitude": "34.7", "longitude": "137.7"})
    org_a.refresh_from_db()
    assert org_a.coordinates is None
