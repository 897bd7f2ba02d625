"""Charlie (staff of org B, with every role there) is refused on every staff URL of org A."""

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kyosei.audit.services import record
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db

STAFF_NAMESPACES = {"console"}


def staff_url_names() -> Iterator[tuple[str, list[str]]]:
    def walk(
        patterns: list[URLPattern | URLResolver], namespace: str
    ) -> Iterator[tuple[str, list[str]]]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = (
                    f"{namespace}:{entry.namespace}"
                    if namespace and entry.namespace
                    else (entry.namespace or namespace)
                )
                yield from walk(entry.url_patterns, inner or "")
            elif namespace.split(":")[-1] in STAFF_NAMESPACES and entry.name:
                yield f"{namespace}:{entry.name}", list(entry.pattern.regex.groupindex)

    yield from walk(get_resolver().url_patterns, "")


def org_a_kwargs(org_a: Organisation) -> dict[str, object]:
    event = record(actor=None, action="x.test", organisation=org_a)
    return {"org": org_a.slug, "pk": event.pk}


ORG_SCOPED = [name for name, params in staff_url_names() if "org" in params]


def test_the_enumeration_finds_the_staff_views() -> None:
    names = {name for name, _ in staff_url_names()}
    assert {"console:home", "console:organisation", "console:members", "console:audit"} <= names
    assert "console:audit-event" in ORG_SCOPED


@pytest.mark.parametrize("name", ORG_SCOPED)
def test_charlie_is_refused_and_alice_is_served(
    name: str,
    org_a: Organisation,
    alice_client: Client,
    charlie_client: Client,
) -> None:
    available = org_a_kwargs(org_a)
    params = dict(staff_url_names())[name]
    missing = [p for p in params if p not in available]
    assert not missing, f"teach this test how to fill {missing} for {name}"
    url = reverse(name, kwargs={p: available[p] for p in params})
    assert alice_client.get(url).status_code == 200, url
    assert charlie_client.get(url).status_code == 404, url
    refused = charlie_client.post(url, {"username": "charlie", "role": "org_admin"})
    assert refused.status_code in {404, 405}, url


def test_charlie_cannot_grant_himself_a_role_in_org_a(
    org_a: Organisation, charlie_client: Client
) -> None:
    charlie_client.post(
        f"/en/staff/o/{org_a.slug}/members/", {"username": "charlie", "role": "org_admin"}
    )
    assert not org_a.memberships.filter(user__username="charlie").exists()


def test_anonymous_visitors_are_sent_to_sign_in_on_every_staff_url(
    org_a: Organisation, client: Client
) -> None:
    available = org_a_kwargs(org_a)
    for name, params in staff_url_names():
        url = reverse(name, kwargs={p: available[p] for p in params})
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/account/login/" in response["Location"]


def test_charlie_is_refused_by_the_admin(charlie_client: Client) -> None:
    response = charlie_client.get("/admin/orgs/organisation/")
    assert response.status_code == 302
    assert "login" in response["Location"]
