"""The article page cache in front of the middleware stack: hits, headers, gzip, 304, bypasses."""

import gzip
from typing import Any

import pytest
from django.test import Client

from kyosei.guide import content, reader

pytestmark = pytest.mark.django_db

URL = "/en/guide/national-centre/moving-in-notification/"


@pytest.fixture
def loaded(db: None) -> None:
    content.load_content()


def test_a_repeat_request_is_answered_from_the_cache(
    client: Client, loaded: None, django_assert_num_queries: Any
) -> None:
    first = client.get(URL)
    assert first.status_code == 200
    # Tests keep no content-version memo: the one query left is that version.
    with django_assert_num_queries(1):
        again = client.get(URL)
    assert again.status_code == 200
    assert again.content == first.content
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Language", "ETag"):
        assert again[header] == first[header], header
    assert again["Content-Language"] == "en"
    assert again["Vary"] == "Accept-Encoding"


def test_with_the_production_memo_a_hit_touches_no_database(
    client: Client, loaded: None, settings: Any, django_assert_num_queries: Any
) -> None:
    settings.GUIDE_VERSION_MEMO_SECONDS = 5
    reader._version_memo.clear()
    client.get(URL)
    with django_assert_num_queries(0):
        assert client.get(URL).status_code == 200
    reader._version_memo.clear()


def test_gzip_and_not_modified(client: Client, loaded: None) -> None:
    plain = client.get(URL)
    packed = client.get(URL, headers={"Accept-Encoding": "gzip, br"})
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content) / 2
    unchanged = client.get(URL, headers={"If-None-Match": plain["ETag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged["ETag"] == plain["ETag"]


def test_the_language_is_remembered_from_a_cached_page(loaded: None, settings: Any) -> None:
    page = "/vi/guide/national-centre/moving-in-notification/"
    Client().get(page)  # fills the cache
    fresh = Client()
    response = fresh.get(page)
    assert "ETag" in response  # answered by the page cache
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "vi"
    again = fresh.get(page)
    assert settings.LANGUAGE_COOKIE_NAME not in again.cookies


def test_signed_in_staff_and_other_queries_take_the_normal_path(
    client: Client, loaded: None, alice: Any, django_assert_max_num_queries: Any
) -> None:
    client.get(URL)
    client.force_login(alice)
    response = client.get(URL)
    assert response.status_code == 200 and "ETag" not in response
    anonymous = Client()
    anonymous.get(URL)
    tracked = anonymous.get(URL + "?utm_source=leaflet")
    assert tracked.status_code == 200 and "ETag" not in tracked


def test_cache_hits_are_rate_limited(loaded: None, settings: Any) -> None:
    settings.PUBLIC_RATE_LIMIT = 3
    client = Client()
    codes = [client.get(URL).status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200]
    assert codes[3:] == [429, 429]


def test_variants_are_cached_apart(client: Client, loaded: None) -> None:
    plain = client.get("/ja-x-easy/guide/national-centre/moving-in-notification/")
    ruby = client.get("/ja-x-easy/guide/national-centre/moving-in-notification/?furigana=1")
    assert b"<ruby>" in ruby.content and b"<ruby>" not in plain.content
    again = client.get("/ja-x-easy/guide/national-centre/moving-in-notification/?furigana=1")
    assert again.content == ruby.content
