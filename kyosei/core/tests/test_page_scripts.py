"""Resident pages load no JavaScript they do not use (issue 13, item 9): htmx only on the
staff page whose live Plain Japanese check uses it."""

import pytest
from django.test import Client

from kyosei.guide import content, services
from kyosei.orgs.models import Organisation

HTMX = "/static/kyosei/htmx.min.js"

RESIDENT_PAGES = [
    "/en/",
    "/pt-BR/counters/",
    "/my/guide/",
    "/ne/guide/search/?q=visa",
    "/th/guide/national-centre/earthquake/",
    "/ja-x-easy/offline/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", RESIDENT_PAGES)
def test_resident_pages_load_no_htmx(client: Client, path: str) -> None:
    """Catches htmx (or its config) put back into base.html."""
    if "national-centre" in path:
        content.load_content()
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert HTMX not in body and "htmx-config" not in body
    assert "/static/kyosei/kyosei.js" in body


def test_the_plain_japanese_editor_still_loads_htmx(
    alice_client: Client, org_a: Organisation
) -> None:
    """Catches the live check losing its script when htmx left the base template."""
    article = services.create_article(
        actor=None, organisation=org_a, slug="gomi", chapter="daily_life", source_language="ja"
    )
    page = alice_client.get(f"/en/staff/o/{org_a.slug}/guide/a/{article.pk}/ja-x-easy/")
    body = page.content.decode()
    assert page.status_code == 200 and "hx-post" in body
    assert HTMX in body and "htmx-config" in body


def test_offline_page_is_sent_compressed(client: Client, db: None) -> None:
    """Catches the offline page (stored by the worker on a first visit) sent uncompressed."""
    response = client.get("/km/offline/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
