"""Tests that would catch a leak, over every counter view the URL configuration has (a new
view is covered the moment it is routed).

(a) Charlie holds every role in his own organisation (B) and calls every organisation-scoped
    counter view with B's slug and organisation A's ids, GET and POST: 404, and nothing of A
    changes (not even its audit log). Catches an access function that forgets the
    organisation filter (attachment_for, task_for, erasure_for, referral_for, …).
(b) Every view that shows case data leaves an audit row whose target is the object shown.
    Catches a read that forgets to record itself (client_for, read_attachment, …).
"""

from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.console.tests.test_outsiders import staff_views
from kyosei.counter import services
from kyosei.counter.models import (
    ApiKey,
    Attachment,
    Client,
    ConsentRecord,
    ConsentText,
    Consultation,
    CounterSettings,
    ErasureRequest,
    FollowUpTask,
    InterpretationRequest,
    Referral,
    ResidenceCheck,
)
from kyosei.counter.tests.outsider_kwargs import kwargs_for
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role

pytestmark = pytest.mark.django_db

COUNTER_VIEWS = {
    name: params for name, params in staff_views() if name.startswith("counter_staff:")
}
# URL parameter -> the model whose object the view shows.
OBJECT_PARAMS = {
    "client_pk": "counter.client",
    "consultation_pk": "counter.consultation",
    "attachment_pk": "counter.attachment",
    "referral_pk": "counter.referral",
    "task_pk": "counter.followuptask",
    "erasure_pk": "counter.erasurerequest",
}
# Views that show no case data, and why.
NO_CASE_DATA = {
    "counter_staff:directory": "the shared agency directory",
    "counter_staff:settings": "retention policy, consent texts and API key names",
    "counter_staff:intake": "an empty intake form",
    "counter_staff:client-new": "an empty client form",
}


def test_the_enumeration_finds_the_counter_views() -> None:
    assert {
        "counter_staff:attachment",
        "counter_staff:task-done",
        "counter_staff:erasure-decide",
        "counter_staff:referral",
        "counter_staff:client",
        "counter_staff:client-consent",
        "counter_staff:consultation-residence",
    } <= set(COUNTER_VIEWS)
    assert all(params[0] == "org" for params in COUNTER_VIEWS.values())


def org_state(org: Organisation) -> dict[str, Any]:
    """Every row of A's case data as stored, and A's audit log."""
    models: list[tuple[Any, dict[str, Any]]] = [
        (Client, {"organisation": org}),
        (Consultation, {"organisation": org}),
        (Attachment, {"organisation": org}),
        (FollowUpTask, {"organisation": org}),
        (ResidenceCheck, {"organisation": org}),
        (Referral, {"from_organisation": org}),
        (ErasureRequest, {"organisation": org}),
        (ConsentRecord, {"client__organisation": org}),
        (ConsentText, {"organisation": org}),
        (InterpretationRequest, {"organisation": org}),
        (ApiKey, {"organisation": org}),
        (CounterSettings, {"organisation": org}),
    ]
    state: dict[str, Any] = {
        model.__name__: list(model.objects.filter(**where).order_by("pk").values())
        for model, where in models
    }
    state["audit"] = AuditEvent.objects.filter(organisation=org).count()
    return state


@pytest.fixture
def charlie_everything(charlie: User, org_b: Organisation) -> User:
    for role in Role.values:
        org_services.grant_role(actor=None, organisation=org_b, user=charlie, role=role)
    return charlie


def probe_post(available: dict[str, Any]) -> dict[str, Any]:
    """A POST that would change A's objects if any view accepted them."""
    return {
        "decision": "approve",
        "form": "adopt",
        "status": "closed",
        "description": "charlie was here",
        "due_on": "2026-12-31",
        "note": "charlie was here",
        "agrees_to_recording": "on",
        "shareable_fields": ["full_name", "contact"],
        "consultation": str(available["consultation_pk"]),
        "client_reference": available["client_reference"],
        "keep_reference": available["client_reference"],
        "key": str(available["api_key_pk"]),
        "receiver": f"org:{available['org_b_pk']}",
        "language": "ja",
        "mode": "phone",
        "minutes": "10",
        "save": "1",
        "period_of_stay": "P1Y",
        "expiry": "2027-12-31",
    }


@pytest.mark.parametrize("name", sorted(COUNTER_VIEWS))
def test_charlie_with_every_role_in_b_cannot_reach_a_through_b(
    name: str,
    org_a: Organisation,
    org_b: Organisation,
    charlie_everything: User,
    charlie_client: HttpClient,
) -> None:
    available = kwargs_for(org_a)
    client = Client.objects.get(pk=int(str(available["client_pk"])))
    key, _secret = services.create_api_key(actor=None, organisation=org_a, name="A's key")
    available.update(
        org=org_b.slug,
        client_reference=client.reference,
        api_key_pk=key.pk,
        org_b_pk=org_b.pk,
    )
    params = COUNTER_VIEWS[name]
    path = reverse(name, kwargs={p: available[p] for p in params})
    # A's ids in the query string too (?consultation=, ?client=).
    url = f"{path}?consultation={available['consultation_pk']}&client={client.reference}"
    before = org_state(org_a)
    get = charlie_client.get(url)
    post = charlie_client.post(url, probe_post(available))
    if set(params) & set(OBJECT_PARAMS):
        assert get.status_code in {404, 405}, (name, get.status_code)
        assert post.status_code in {404, 405}, (name, post.status_code)
    else:
        # His own organisation's page: served, but nothing of A's in it.
        for response in (get, post):
            assert response.status_code in {200, 302, 404, 405}, (name, response.status_code)
            # Not the reference: he sent it himself, and forms echo what was typed.
            assert client.nickname not in response.content.decode(errors="replace"), name
    assert org_state(org_a) == before, name


READ_VIEWS = sorted(name for name in COUNTER_VIEWS if name not in NO_CASE_DATA)


@pytest.mark.parametrize("name", READ_VIEWS)
def test_every_view_showing_case_data_records_the_read(
    name: str, org_a: Organisation, alice: User, alice_client: HttpClient
) -> None:
    available = kwargs_for(org_a)
    available["org"] = org_a.slug
    params = COUNTER_VIEWS[name]
    url = reverse(name, kwargs={p: available[p] for p in params})
    if name == "counter_staff:interpretation":
        url += f"?consultation={available['consultation_pk']}"
    since = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = alice_client.get(url)
    if response.status_code == 405:
        return  # a POST-only action: its service audits the write
    assert response.status_code == 200, (name, response.status_code)
    rows = AuditEvent.objects.filter(pk__gt=since, actor=alice, organisation=org_a)
    shown = [p for p in params if p in OBJECT_PARAMS]
    if name == "counter_staff:interpretation":
        shown = ["consultation_pk"]
    assert rows.exists(), f"{name} shows case data and recorded no read"
    for param in shown:
        assert rows.filter(
            object_type=OBJECT_PARAMS[param], object_id=str(available[param])
        ).exists(), f"{name} recorded no read of its {param}"


def test_the_marker_is_what_a_sees(org_a: Organisation, alice_client: HttpClient) -> None:
    """The nickname checked above is on A's own pages: its absence from B's means something."""
    kwargs_for(org_a)
    page = alice_client.get(reverse("counter_staff:clients", kwargs={"org": org_a.slug}))
    assert "A-ONLY-NICKNAME" in page.content.decode()
