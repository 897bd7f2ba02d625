"""Finding people again (issue #12, case work): tolerant nickname search and a warning before
registering someone who looks like an existing client. Each test names the change it catches."""

import pytest
from django.test import Client as HttpClient

from kyosei.audit.models import AuditEvent
from kyosei.counter.matching import search_key
from kyosei.counter.models import Client, Consultation
from kyosei.counter.tests.factories import make_client
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def url(org: Organisation, path: str = "") -> str:
    return f"/en/staff/o/{org.slug}/counter/{path}"


def test_the_search_key_ignores_punctuation_spacing_case_and_width() -> None:
    # Catches: search_key without NFKC (full width) or without dropping punctuation.
    assert {search_key(s) for s in ("R.T.", "R.T", "RT", "r t", "Ｒ．Ｔ．", " r-t ")} == {"RT"}
    # Devanagari vowel signs are marks, not punctuation: "राम" must not become "रम".
    assert search_key("राम") == "राम"
    assert search_key("—") == "—"  # the anonymised nickname only matches itself


def test_client_search_finds_r_t_however_it_is_typed(
    org_a: Organisation, org_b: Organisation, bob_client: HttpClient
) -> None:
    client = make_client(org_a, nickname="R.T.")
    other = make_client(org_b, nickname="R.T.")
    for typed in ("R.T", "RT", "Ｒ．Ｔ．", "r.t.", client.reference.lower()):
        body = bob_client.get(url(org_a, "clients/"), {"q": typed}).content.decode()
        # Catches: access.clients_of comparing the raw upper-cased text.
        assert client.reference in body, typed
        assert other.reference not in body  # never another organisation's client


def test_registering_a_lookalike_asks_first(org_a: Organisation, bob_client: HttpClient) -> None:
    existing = make_client(org_a, nickname="R.T.", nationality="NP")
    data = {
        "form_token": "token-of-the-client-form",
        "nickname": "Ｒ．Ｔ",
        "nationality": "NP",
        "preferred_language": "ne",
        "status_of_residence": "unknown",
        "contact_preference": "visit",
    }
    response = bob_client.post(url(org_a, "clients/new/"), data)
    # Catches: client_new without the look-alike check.
    assert response.status_code == 200 and Client.objects.count() == 1
    body = response.content.decode()
    assert "already registered" in body and existing.reference in body
    assert f"intake/?client={existing.reference}" in body
    assert AuditEvent.objects.filter(
        action="counter.client.list", data__duplicate_check=[existing.pk]
    ).exists()
    confirmed = bob_client.post(url(org_a, "clients/new/"), {**data, "confirm_new": "on"})
    assert confirmed.status_code == 302 and Client.objects.count() == 2


def test_a_different_nationality_is_not_a_lookalike(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    make_client(org_a, nickname="R.T.", nationality="VN")
    response = bob_client.post(
        url(org_a, "clients/new/"),
        {
            "form_token": "token-of-the-client-form",
            "nickname": "RT",
            "nationality": "NP",
            "preferred_language": "ne",
            "status_of_residence": "unknown",
            "contact_preference": "visit",
        },
    )
    # Catches: access.lookalikes_of ignoring the nationality (a warning on every common initial).
    assert response.status_code == 302 and Client.objects.count() == 2


def test_the_quick_intake_warns_about_a_lookalike_and_keeps_the_form(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    existing = make_client(org_a, nickname="R.T.", nationality="NP")
    data = {
        "form_token": "token-of-one-rendered-form",
        "nickname": "RT",
        "nationality": "NP",
        "channel": "visit",
        "language": "ne",
        "topics": ["employment"],
        "interpreter_mode": "none",
        "interpreter_minutes": "0",
        "outcome": "information",
        "minutes_spent": "10",
        "narrative": "Typed during the call.",
    }
    response = bob_client.post(url(org_a, "intake/"), data)
    # Catches: the intake creating a second client without asking.
    assert response.status_code == 200 and not Consultation.objects.exists()
    body = response.content.decode()
    assert existing.reference in body and "Typed during the call.</textarea>" in body
    assert bob_client.post(url(org_a, "intake/"), {**data, "confirm_new": "on"}).status_code == 302
    assert Client.objects.count() == 2
