"""JSON API: languages, chapters, articles with fallback, ETag/Last-Modified, sitemap."""

import pytest
from django.conf import settings
from django.test import Client

from kyosei.core.languages import read_language_file
from kyosei.guide import content

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db: None) -> None:
    content.load_content()


def test_languages_with_fallback_chains(client: Client, loaded: None) -> None:
    data = client.get("/api/v1/guide/languages").json()
    by_code = {row["code"]: row for row in data}
    assert len(by_code) == len(read_language_file())
    assert by_code["ja-x-easy"]["fallback_chain"] == ["ja-x-easy", "ja", "en"]


def test_chapters_are_translated_labels(client: Client, loaded: None) -> None:
    data = client.get("/api/v1/guide/chapters", {"lang": "en"}).json()
    assert len(data) == 12 and data[0]["code"] == "residence"


def test_article_with_fallback_chain(client: Client, loaded: None, later_language: str) -> None:
    response = client.get(
        "/api/v1/guide/articles/national-centre/moving-in-notification", {"lang": later_language}
    )
    data = response.json()
    assert data["language"] == "en" and data["is_fallback"] is True
    assert data["fallback_chain"][:2] == [later_language, "en"]
    assert "within 14 days" in data["html"]
    assert data["sources"][0]["url"].startswith("https://")
    assert data["verified_on"] == "2026-11-20"
    assert response["Last-Modified"] and response["ETag"]
    vi = client.get("/api/v1/guide/articles/national-centre/moving-in-notification", {"lang": "vi"})
    assert vi.json()["language"] == "vi" and vi.json()["is_fallback"] is False


def test_etag_gives_304(client: Client, loaded: None) -> None:
    first = client.get("/api/v1/guide/articles", {"lang": "ja"})
    assert len(first.json()) == len(content.article_dirs())
    again = client.get("/api/v1/guide/articles", {"lang": "ja"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_filters_and_unknown_language(client: Client, loaded: None) -> None:
    data = client.get("/api/v1/guide/articles", {"lang": "en", "life_event": "lost_job"}).json()
    assert {row["slug"] for row in data} >= {"hello-work", "national-health-insurance"}
    assert client.get("/api/v1/guide/articles", {"lang": "xx"}).status_code == 404
    assert client.get("/api/v1/guide/articles/national-centre/nope").status_code == 404


def test_openapi_lists_guide_endpoints(client: Client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/v1/guide/articles/{organisation}/{slug}" in paths
    assert "/api/v1/guide/search" in paths


def test_sitemap_lists_articles_with_hreflang(client: Client, loaded: None) -> None:
    response = client.get("/sitemap.xml")
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    files = sum(len(list(d.glob("*.md"))) for d in content.article_dirs())
    assert body.count("<url>") == files
    site = settings.SITE_URL
    assert f'hreflang="ja-x-easy" href="{site}/ja-x-easy/guide/national-centre/earthquake/"' in body
    for language in read_language_file():  # all 21 variants, Urdu and Sinhala among them
        code = language["code"]
        assert f'hreflang="{code}" href="{site}/{code}/guide/national-centre/earthquake/"' in body
