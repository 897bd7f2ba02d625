"""Charlie (staff of org B, with every role there) is refused on every staff URL of org A.

Staff views are found by the marker `staff_required` puts on them, so a new view is covered
the moment it exists. Apps teach this test how to fill URL parameters with org A's objects in
`kyosei/<app>/tests/outsider_kwargs.py` (a function `kwargs_for(org) -> dict`).
"""

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

import kyosei
from kyosei.audit.services import record
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def staff_views() -> Iterator[tuple[str, list[str]]]:
    def own_params(entry: URLPattern | URLResolver) -> list[str]:
        # Only ordinary route/regex patterns: the language prefix resolves from the database.
        if not isinstance(entry.pattern, RoutePattern | RegexPattern):
            return []
        return list(entry.pattern.regex.groupindex)

    def walk(
        patterns: list[URLPattern | URLResolver], namespace: str, outer: list[str]
    ) -> Iterator[tuple[str, list[str]]]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = ":".join(p for p in (namespace, entry.namespace or "") if p)
                # Parameters of an include's prefix (e.g. staff/o/<org>/counter/) count too.
                yield from walk(entry.url_patterns, inner, [*outer, *own_params(entry)])
            elif getattr(entry.callback, "kyosei_staff_view", False):
                assert entry.name, f"staff view {entry.callback} needs a URL name"
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                yield name, [*outer, *own_params(entry)]

    yield from walk(get_resolver().url_patterns, "", [])


def kwarg_fillers() -> list[Callable[[Organisation], dict[str, Any]]]:
    fillers = []
    for app in pkgutil.iter_modules(kyosei.__path__):
        if not app.ispkg:
            continue
        try:
            module = importlib.import_module(f"kyosei.{app.name}.tests.outsider_kwargs")
        except ModuleNotFoundError:
            continue
        fillers.append(module.kwargs_for)
    return fillers


def org_a_kwargs(org_a: Organisation) -> dict[str, Any]:
    event = record(actor=None, action="x.test", organisation=org_a)
    available: dict[str, Any] = {"org": org_a.slug, "pk": event.pk}
    for filler in kwarg_fillers():
        available.update(filler(org_a))
    return available


STAFF_VIEWS = dict(staff_views())
ORG_SCOPED = sorted(name for name, params in STAFF_VIEWS.items() if params)


def test_the_enumeration_finds_the_staff_views() -> None:
    assert {"console:home", "console:organisation", "console:members", "console:audit"} <= set(
        STAFF_VIEWS
    )
    assert "console:audit-event" in ORG_SCOPED
    assert "accounts:password" in STAFF_VIEWS


@pytest.mark.parametrize("name", ORG_SCOPED)
def test_charlie_is_refused_and_alice_is_served(
    name: str,
    org_a: Organisation,
    alice_client: Client,
    charlie_client: Client,
) -> None:
    available = org_a_kwargs(org_a)
    params = STAFF_VIEWS[name]
    missing = [p for p in params if p not in available]
    assert not missing, f"teach the outsider test to fill {missing} for {name}"
    url = reverse(name, kwargs={p: available[p] for p in params})
    assert alice_client.get(url).status_code in {200, 405}, url
    assert charlie_client.get(url).status_code in {404, 405}, url
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
    for name, params in STAFF_VIEWS.items():
        url = reverse(name, kwargs={p: available[p] for p in params})
        response = client.get(url)
        assert response.status_code in {302, 405}, url
        if response.status_code == 302:
            assert "/account/login/" in response["Location"]


def test_charlie_is_refused_by_the_admin(charlie_client: Client) -> None:
    response = charlie_client.get("/admin/orgs/organisation/")
    assert response.status_code == 302
    assert "login" in response["Location"]
