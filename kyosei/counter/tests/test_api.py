import json

import pytest
from django.test import Client as HttpClient

from kyosei.audit.models import AuditEvent
from kyosei.counter import services
from kyosei.counter.tests.factories import CANARY, consent, make_client, make_consultation
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db
BASE = "/api/v1/counter"


def bearer(organisation: Organisation) -> dict[str, str]:
    _key, secret = services.create_api_key(actor=None, organisation=organisation, name="test")
    return {"Authorization": f"Bearer {secret}"}


def test_every_endpoint_needs_a_key(client: HttpClient, org_a: Organisation) -> None:
    for path in (
        "/consultations",
        "/consultations/1",
        "/clients/1",
        "/statistics/2026",
        "/referrals/received",
    ):
        assert client.get(BASE + path).status_code == 401, path
    assert (
        client.post(BASE + "/consultations", "{}", content_type="application/json").status_code
        == 401
    )
    assert (
        client.get(
            BASE + "/consultations", headers={"Authorization": "Bearer ky_nope_nope"}
        ).status_code
        == 401
    )


def test_a_key_sees_only_its_organisation(
    client: HttpClient, org_a: Organisation, org_b: Organisation
) -> None:
    mine = make_consultation(org_a, make_client(org_a))
    theirs = make_consultation(org_b, make_client(org_b))
    headers = bearer(org_a)
    listed = client.get(BASE + "/consultations", headers=headers).json()
    assert [row["id"] for row in listed] == [mine.pk]
    assert "narrative" not in listed[0]
    assert client.get(f"{BASE}/consultations/{theirs.pk}", headers=headers).status_code == 404
    assert client.get(f"{BASE}/clients/{theirs.client_id}", headers=headers).status_code == 404
    detail = client.get(f"{BASE}/consultations/{mine.pk}", headers=headers).json()
    assert CANARY in detail["narrative"]
    event = AuditEvent.objects.filter(action="counter.consultation.view").get()
    assert event.data["api_key"] and event.organisation_id == org_a.pk


def test_create_a_consultation_over_the_api(client: HttpClient, org_a: Organisation) -> None:
    response = client.post(
        BASE + "/consultations",
        json.dumps(
            {
                "nickname": "R.K.",
                "nationality": "NP",
                "channel": "chat",
                "topics": ["education"],
                "language": "ne",
            }
        ),
        content_type="application/json",
        headers=bearer(org_a),
    )
    assert response.status_code == 201, response.content
    assert response.json()["client_reference"]
    invalid = client.post(
        BASE + "/consultations",
        json.dumps({"nickname": "R.K.", "channel": "fax", "topics": ["x"], "language": "ne"}),
        content_type="application/json",
        headers=bearer(org_a),
    )
    assert invalid.status_code == 422


def test_statistics_and_referrals_over_the_api(
    client: HttpClient, org_a: Organisation, org_b: Organisation
) -> None:
    client_record = make_client(org_a)
    consultation = make_consultation(org_a, client_record)
    consent(client_record, "nickname")
    referral = services.create_referral(
        actor=None, client=client_record, consultation=consultation, to_organisation=org_b
    )
    year = (
        consultation.consulted_at.year
        if consultation.consulted_at.month >= 4
        else consultation.consulted_at.year - 1
    )
    stats = client.get(f"{BASE}/statistics/{year}?shared=true", headers=bearer(org_a)).json()
    assert stats["suppressed"] is True
    totals = next(t for t in stats["tables"] if t["key"] == "total")
    assert totals["rows"][0]["total"] == "x"
    # The receiver sees the consented snapshot and answers; the sender's key cannot answer.
    received = client.get(BASE + "/referrals/received", headers=bearer(org_b)).json()
    assert received[0]["shared"] == {"nickname": "M.S."}
    assert client.get(BASE + "/referrals/received", headers=bearer(org_a)).json() == []
    assert (
        client.post(
            f"{BASE}/referrals/{referral.pk}/answer",
            json.dumps({"accept": True}),
            content_type="application/json",
            headers=bearer(org_a),
        ).status_code
        == 404
    )
    answered = client.post(
        f"{BASE}/referrals/{referral.pk}/answer",
        json.dumps({"accept": False, "note": "Not our area"}),
        content_type="application/json",
        headers=bearer(org_b),
    )
    assert answered.json()["status"] == "declined"


def test_the_openapi_document_lists_the_counter(client: HttpClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/v1/counter/consultations" in paths
