"""Two organisations on one notice: each sees only its own deliveries.

The real VXSE53 of 2011-03-11 (32-39_11_05) names 浜松市南部 (org A, intensity 3) and 大泉町
(org B, intensity 5+). Before, B's notice page listed A's webhook and A's resident's failed
deliveries (`failures_for` took no organisation; `last_error` can hold a resident's address)
and both organisations' counts included the other's deliveries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from kyosei.alerts import services
from kyosei.alerts.models import Notice, Subscription
from kyosei.alerts.tasks import fan_out
from kyosei.alerts.tests.conftest import make_push_subscription, sample_bytes
from kyosei.alerts.tests.servers import PushService

pytestmark = pytest.mark.django_db

QUAKE = "32-39_11_05_240613_VXSE53.xml"
HAMAMATSU, OIZUMI = "2213001", "1052400"


def _hook(organisation: Any) -> Subscription:
    return services.add_webhook(
        actor=None,
        organisation=organisation,
        url="http://127.0.0.1:1/hook",  # nothing listens: the delivery fails and is retried
        secret="s3cret-signing-key-123",
        include_drills=False,
    )


@pytest.fixture
def notice(codes: None, samples: Path, org_a: Any, org_b: Any, push_service: PushService) -> Any:
    result = services.receive_telegram(
        raw=sample_bytes(samples, QUAKE), source="feed", dispatch=False
    )
    (found,) = result.notices
    assert {HAMAMATSU, OIZUMI} <= set(found.codes)
    subs = {
        "a_hook": _hook(org_a),
        "b_hook": _hook(org_b),
        "a_resident": make_push_subscription(
            push_service, codes=[HAMAMATSU], min_intensity=3, mode="error"
        )[0],
        "b_resident": make_push_subscription(push_service, codes=[OIZUMI], min_intensity=3)[0],
    }
    assert fan_out.call(found.pk) == 4
    return found, subs


def _page(client: Client, org: Any, notice: Notice) -> tuple[int, str, Any]:
    response = client.get(f"/en/staff/o/{org.slug}/alerts/notices/{notice.pk}/")
    body = response.content.decode() if response.status_code == 200 else ""
    return response.status_code, body, response.context


def _listed(body: str, sub: Subscription) -> bool:
    return f" #{sub.pk}: " in body


def test_each_organisation_sees_only_its_own_failures_and_counts(
    notice: Any, org_a: Any, org_b: Any, alice_client: Client, charlie_client: Client
) -> None:
    found, subs = notice
    status, body, context = _page(charlie_client, org_b, found)
    assert status == 200
    assert _listed(body, subs["b_hook"])
    assert not _listed(body, subs["a_hook"]) and not _listed(body, subs["a_resident"])
    seen = context["notice"]
    assert (seen.sent, seen.pending, seen.failed) == (1, 1, 0)  # B's resident, B's webhook

    status, body, context = _page(alice_client, org_a, found)
    assert status == 200
    assert _listed(body, subs["a_hook"]) and _listed(body, subs["a_resident"])
    assert not _listed(body, subs["b_hook"])
    assert (context["notice"].sent, context["notice"].pending) == (0, 2)

    dashboard = alice_client.get(f"/en/staff/o/{org_a.slug}/alerts/")
    ((row, _latency),) = [r for r in dashboard.context["rows"] if r[0].pk == found.pk]
    assert (row.sent, row.pending) == (0, 2)


def test_outsiders_get_404_and_counter_staff_see_their_own(
    notice: Any, org_a: Any, org_b: Any, bob_client: Client, charlie_client: Client
) -> None:
    found, subs = notice
    assert _page(charlie_client, org_a, found)[0] == 404  # charlie is not in org A
    status, body, _context = _page(bob_client, org_a, found)
    assert status == 200 and not _listed(body, subs["b_hook"])
    assert _page(bob_client, org_b, found)[0] == 404


def test_a_drill_notice_is_not_public_by_id(client: Client, codes: None, samples: Path) -> None:
    """Issue 13: the API and CAP hid drills, /<lang>/alerts/<pk>/ showed them."""
    drill = services.receive_telegram(
        raw=sample_bytes(samples, "32-39_12_02_250206_VTSE41.xml"), source="feed", dispatch=False
    ).notices[0]
    real = services.receive_telegram(
        raw=sample_bytes(samples, QUAKE), source="feed", dispatch=False
    ).notices[0]
    assert drill.is_drill and not real.is_drill
    assert client.get(f"/en/alerts/{drill.pk}/").status_code == 404
    assert client.get(f"/api/v1/alerts/notices/{drill.pk}?lang=en").status_code == 404
    assert client.get(f"/en/alerts/{real.pk}/").status_code == 200
