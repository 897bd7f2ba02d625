import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_openapi_document_is_served() -> None:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Kyosei API"


@override_settings(PUBLIC_RATE_LIMIT=3, PUBLIC_RATE_WINDOW=60)
def test_the_public_api_is_rate_limited_per_address() -> None:
    client = Client()
    statuses = [client.get("/api/v1/health").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get("/api/v1/health")["Retry-After"] == "60"
    assert Client(REMOTE_ADDR="198.51.100.9").get("/api/v1/health").status_code == 200
