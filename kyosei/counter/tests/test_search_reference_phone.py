"""Finding people again by a part of their reference or by phone number: tenancy-filtered,
audited, and without the database ever holding a phone number in clear."""

import importlib
import json

import pytest
from django.apps import apps
from django.test import Client as HttpClient
from django.test import override_settings

from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.counter import access, services
from kyosei.counter.matching import normalise_phone, phone_numbers, phone_query
from kyosei.counter.models import Client, ClientPhone
from kyosei.counter.tests.factories import make_client
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db

SAME_NUMBER = [
    "090-1234-5678",
    "09012345678",
    "(090) 1234 5678",
    "090 1234 5678",
    "+81 90 1234 5678",
    "+81-90-1234-5678",
    "+81 (0)90 1234 5678",
    "0081 90 1234 5678",
    "010 81 90 1234 5678",
    "０９０－１２３４－５６７８",
    "090.1234.5678",
]


def test_every_common_way_of_writing_a_number_is_one_number() -> None:
    assert {normalise_phone(text) for text in SAME_NUMBER} == {"09012345678"}
    assert normalise_phone("+55 (11) 98765-4321") == "+5511987654321"
    assert phone_query("R.T.") == "" and phone_query("123") == ""
    assert phone_numbers("mobile 090-1234-5678, maria@example.com; +55 11 98765-4321") == [
        "+5511987654321",
        "09012345678",
    ]


def search(http: HttpClient, org: Organisation, text: str) -> str:
    response = http.get(f"/en/staff/o/{org.slug}/counter/clients/", {"q": text})
    assert response.status_code == 200
    return response.content.decode()


def test_staff_find_a_client_by_phone_in_any_format(
    org_a: Organisation, org_b: Organisation, bob: User, bob_client: HttpClient
) -> None:
    """Mutations caught: the phone term dropped; the blind index not updated on edit or
    erasure; the look-up not filtered by organisation."""
    client = make_client(org_a, nickname="P.H.", contact="Tel 090-1234-5678 (mobile)")
    theirs = make_client(org_b, nickname="B.B.", contact="090-1234-5678")
    for text in SAME_NUMBER:
        page = search(bob_client, org_a, text)
        assert client.reference in page, text
        assert theirs.reference not in page, text
    assert client.reference not in search(bob_client, org_a, "090-1234-5679")
    services.update_client(
        actor=bob, client=client, expected_version=1, changes={"contact": "080 2222 3333"}
    )
    assert client.reference not in search(bob_client, org_a, "090-1234-5678")
    assert client.reference in search(bob_client, org_a, "+81 80-2222-3333")
    services._strip_identifying_data(Client.objects.get(pk=client.pk))
    assert client.reference not in search(bob_client, org_a, "080-2222-3333")
    assert not ClientPhone.objects.filter(client=client).exists()


def test_the_database_and_the_audit_log_hold_no_phone_number(
    org_a: Organisation, org_b: Organisation, bob: User
) -> None:
    """Mutations caught: storing the normalised number, an unkeyed hash, one digest for
    every organisation, or the searched number in the audit row."""
    import hashlib

    mine = make_client(org_a, contact="090-1234-5678")
    theirs = make_client(org_b, contact="090-1234-5678")
    digest_a = ClientPhone.objects.get(client=mine).digest
    digest_b = ClientPhone.objects.get(client=theirs).digest
    assert digest_a != digest_b
    assert digest_a != hashlib.sha256(b"09012345678").hexdigest()
    stored = json.dumps(list(ClientPhone.objects.values()))
    assert "09012345678" not in stored and "1234-5678" not in stored
    list(access.clients_of(org_a, reader=access.Reader(actor=bob), search="090-1234-5678"))
    event = AuditEvent.objects.filter(action="counter.client.list").order_by("-pk").first()
    assert event is not None and event.data["phone"] is True
    assert "5678" not in json.dumps(event.data)


def test_the_first_or_last_four_characters_of_a_reference_find_the_client(
    org_a: Organisation, org_b: Organisation, bob_client: HttpClient
) -> None:
    """Mutations caught: no prefix or suffix term; the range not bounded by organisation;
    three characters accepted (a third of the clients would match)."""
    client = make_client(org_a, nickname="R.F.")
    Client.objects.filter(pk=client.pk).update(reference="K7QM4XBA", reference_reversed="ABX4MQ7K")
    theirs = make_client(org_b, nickname="B.B.")
    Client.objects.filter(pk=theirs.pk).update(reference="K7QM9ZZA", reference_reversed="AZZ9MQ7K")
    other = make_client(org_a, nickname="O.T.")
    Client.objects.filter(pk=other.pk).update(reference="K7QN4XBA", reference_reversed="ABX4NQ7K")
    for text in ("K7QM", "k7qm", "K7-QM", "Ｋ７ＱＭ", "4XBA", "m4xba", "K7QM4XBA"):
        page = search(bob_client, org_a, text)
        assert "K7QM4XBA" in page, text
        assert "K7QM9ZZA" not in page, text
    assert "K7QN4XBA" not in search(bob_client, org_a, "K7QM")
    assert "K7QN4XBA" in search(bob_client, org_a, "4XBA")
    assert "K7QM4XBA" not in search(bob_client, org_a, "K7Q")
    assert "K7QM4XBA" not in search(bob_client, org_a, "QM4X")  # the middle: not supported


def test_the_migration_and_a_key_change_index_what_the_app_searches(
    org_a: Organisation, bob: User
) -> None:
    """The migration's frozen copy and rotate-keys' reindex give the digests the search
    computes. Mutations caught: a drift between the copy and matching/crypto; rotate-keys
    not reindexing."""
    client = make_client(org_a, contact="+81 90 1234 5678")
    ClientPhone.objects.all().delete()
    Client.objects.update(reference_reversed="")
    migration = importlib.import_module("kyosei.counter.migrations.0008_counter_search_phone")
    migration.fill(apps, None)
    found = access.clients_of(org_a, reader=access.Reader(actor=bob), search="090-1234-5678")
    assert list(found) == [client]
    part = client.reference[-4:]
    assert list(access.clients_of(org_a, reader=access.Reader(actor=bob), search=part)) == [client]
    with override_settings(COUNTER_SEARCH_KEY="a new search key"):
        reader = access.Reader(actor=bob)
        assert not list(access.clients_of(org_a, reader=reader, search="09012345678"))
        services.rotate_keys()
        assert list(access.clients_of(org_a, reader=reader, search="09012345678")) == [client]
