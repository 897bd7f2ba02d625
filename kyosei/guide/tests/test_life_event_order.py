"""Life-event pages: legal deadlines first (shortest first), then importance."""

import re
from datetime import date

import pytest
from django.test import Client

from kyosei.guide import content, services

pytestmark = pytest.mark.django_db

LINK_RE = re.compile(r'<h3><a href="/en/guide/national-centre/([a-z0-9-]+)/"')


def order(client: Client, event: str) -> list[str]:
    return LINK_RE.findall(client.get(f"/en/guide/life/{event}/").content.decode())


def test_i_just_arrived_lists_the_14_day_notifications_first(client: Client) -> None:
    """Mutation caught: dropping `reader.by_deadline` in the life-event view (garbage sorting
    first, the moving-in notification sixth, as the resident saw it)."""
    content.load_content()
    slugs = order(client, "just_arrived")
    deadlines = {
        "moving-in-notification",
        "national-health-insurance",
        "residence-card-and-renewal",
    }
    assert set(slugs[:3]) == deadlines
    assert slugs[0] == "moving-in-notification"  # same deadline: importance, then address
    assert slugs[3] == "bicycles-and-driving"  # 1 year
    assert slugs.index("garbage-sorting") > 3
    api = client.get("/api/v1/guide/articles?lang=en&life_event=just_arrived").json()
    assert [a["slug"] for a in api] == slugs


def test_the_order_follows_the_fact_in_force(client: Client) -> None:
    """A deadline is data: a changed fact reorders the page (mutation caught: ordering by a
    number written into code or the article instead of the fact's current value)."""
    content.load_content()
    services.set_fact(
        actor=None,
        key="residence-notification-deadline",
        kind="days",
        effective_from=date(2026, 1, 1),
        number=7,
    )
    assert order(client, "just_arrived")[0] == "residence-card-and-renewal"
