"""Furigana as a reader's lasting choice over all Japanese text (issue 13, item 6)."""

import pytest
from django.test import Client

from kyosei.guide import services
from kyosei.guide.models import Article
from kyosei.guide.reading_aids import COOKIE, add_readings

TITLE = "住所を 変えたとき"
SUMMARY = "大泉町に 引っ越したら 14日以内に 出します。"
BODY = "市役所に 行きます。"
PAGE = "/ja-x-easy/guide/national-centre/moving-in/"


@pytest.fixture
def plain_article(article: Article) -> Article:
    services.save_revision(
        actor=None,
        article=article,
        language="ja",
        title="住所変更",
        summary="転入届",
        body="市役所で手続きします。",
        publish=True,
    )
    services.save_revision(
        actor=None,
        article=article,
        language="ja-x-easy",
        title=TITLE,
        summary=SUMMARY,
        body=BODY,
        publish=True,
    )
    return article


def switch_on(client: Client, back_to: str = PAGE) -> None:
    response = client.get("/ja-x-easy/furigana/", {"show": "1", "next": back_to})
    assert response.status_code == 302 and response["Location"] == back_to
    assert client.cookies[COOKIE].value == "1"


def test_choice_is_remembered_on_the_next_pages(client: Client, plain_article: Article) -> None:
    """Catches a choice that lives only in one URL's ?furigana=1 (lost on the next link)."""
    assert "<ruby>" not in client.get(PAGE).content.decode()
    switch_on(client)
    article = client.get(PAGE).content.decode()
    # Title and summary too, not only the body.
    assert "<h1><ruby>住所<rt>じゅうしょ</rt></ruby>を" in article
    assert '<p class="guide-summary"><ruby>大泉町' in article
    assert "<ruby>市役所<rt>" in article
    # Another page, reached by a plain link without any query string: listings too.
    listing = client.get("/ja-x-easy/guide/chapter/municipal/").content.decode()
    assert "<ruby>住所<rt>じゅうしょ</rt></ruby>を" in listing and "<ruby>引<rt>" in listing
    assert "<ruby>" in client.get("/ja-x-easy/guide/life/just_arrived/").content.decode()
    home = client.get("/ja-x-easy/guide/").content.decode()
    assert "<ruby>住所" in home


def test_switching_off_and_per_page_override(client: Client, plain_article: Article) -> None:
    switch_on(client)
    assert "<ruby>" not in client.get(PAGE + "?furigana=0").content.decode()
    client.get("/ja-x-easy/furigana/", {"show": "0", "next": PAGE})
    assert "<ruby>" not in client.get(PAGE).content.decode()


def test_the_page_cache_keeps_readers_apart(plain_article: Article) -> None:
    """Catches a cached furigana page served to a reader who did not ask for it (or the
    reverse): the remembered choice is part of the page cache's key."""
    with_readings, without = Client(), Client()
    switch_on(with_readings)
    for _ in range(2):  # the second round is answered from the page cache
        assert "<ruby>" in with_readings.get(PAGE).content.decode()
        assert "<ruby>" not in without.get(PAGE).content.decode()


def test_other_languages_and_controls_get_no_readings(client: Client, db: None) -> None:
    switch_on(client, "/ja/counters/")
    page = client.get("/ja/counters/").content.decode()
    # The language chooser of the directory form lists names in their own scripts.
    options = page.split('<select id="c-lang"')[1].split("</select>")[0]
    assert "<ruby>" not in options and "中文" in options
    assert "<ruby>" in page.split("<main")[1]
    assert "<ruby>" not in client.get("/en/counters/").content.decode()


def test_readings_skip_text_marked_as_another_language() -> None:
    html = (
        '<html lang="ja"><body><main><p>市役所</p><p lang="zh-Hans">市役所</p>'
        "<textarea>市役所</textarea><p>出します</p></main></body></html>"
    )
    out = add_readings(html)
    assert out.count("<ruby>市役所") == 1 and '<p lang="zh-Hans">市役所</p>' in out
    assert "<textarea>市役所</textarea>" in out and "<ruby>出<rt>だ</rt></ruby>します" in out


def test_redirect_stays_on_this_site(client: Client, db: None) -> None:
    response = client.get("/ja/furigana/", {"show": "1", "next": "https://evil.example/"})
    assert response["Location"] == "/ja/"


def test_staff_pages_are_left_as_written(alice_client: Client, db: None) -> None:
    """Catches readings injected into the staff tools (an editor must see the text as written)."""
    alice_client.cookies[COOKIE] = "1"
    response = alice_client.get("/ja/staff/", follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and "監査" in page  # Japanese text a reader could get
    assert "<ruby>" not in page


def test_japanese_pages_vary_on_the_cookie_even_from_the_page_cache(
    client: Client, plain_article: Article
) -> None:
    """Catches a browser cache reusing a page across the switch (Vary without Cookie)."""
    for _ in range(2):  # rendered, then answered from the page cache
        assert "Cookie" in client.get(PAGE)["Vary"]
    assert "Cookie" not in client.get("/en/guide/national-centre/moving-in/")["Vary"]
