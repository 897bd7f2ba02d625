"""Resident portal pages: rendering, fallback, facts, sources, furigana, feedback, queries."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kyosei.guide import content, services
from kyosei.guide.models import Article, Feedback
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db: None) -> None:
    content.load_content()


def url(lang: str, slug: str = "moving-in-notification") -> str:
    return f"/{lang}/guide/national-centre/{slug}/"


def test_guide_home_lists_chapters_and_life_events(client: Client, loaded: None) -> None:
    page = client.get("/en/guide/").content.decode()
    assert "Residence procedures" in page
    assert "I just arrived" in page
    assert "After you move in" in page


def test_chapter_and_life_event_pages(client: Client, loaded: None) -> None:
    assert (
        "Joining National Health Insurance"
        in client.get("/en/guide/chapter/medical/").content.decode()
    )
    page = client.get("/en/guide/life/having_baby/").content.decode()
    assert "Pregnancy, childbirth and the child allowance" in page
    assert client.get("/en/guide/chapter/nope/").status_code == 404
    assert client.get("/en/guide/life/nope/").status_code == 404


def test_article_renders_facts_sources_and_verified_date(client: Client, loaded: None) -> None:
    response = client.get(url("en"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "within 14 days" in page
    assert "{{" not in page
    assert "https://www.moj.go.jp/isa/guidebook_all.html" in page
    assert "Checked against these sources on" in page
    assert 'hreflang="ja-x-easy"' in page  # alternates from core
    assert response["Last-Modified"]


def test_japanese_and_yen_formatting(client: Client, loaded: None) -> None:
    page = client.get(url("ja", "childbirth-and-child-allowance")).content.decode()
    assert "500,000円" in page
    assert "2023年4月1日" in page
    english = client.get(url("en", "childbirth-and-child-allowance")).content.decode()
    assert "¥500,000" in english


def test_fact_change_updates_every_language(client: Client, loaded: None) -> None:
    services.set_fact(
        actor=None,
        key="address-change-deadline",
        kind="days",
        effective_from=date(2026, 1, 1),
        number=21,
    )
    for lang, expected in (
        ("en", "within 21 days"),
        ("ja", "21日以内"),
        ("ja-x-easy", "21日 いないに"),
    ):
        assert expected in client.get(url(lang)).content.decode(), lang


def test_future_fact_values_are_not_shown_yet(client: Client, loaded: None) -> None:
    services.set_fact(
        actor=None, key="renewal-fee", kind="yen", effective_from=date(2099, 4, 1), number=30000
    )
    page = client.get(url("en", "residence-card-and-renewal")).content.decode()
    assert "¥6,000" in page and "30,000" not in page


def test_missing_language_falls_back_with_a_notice(
    client: Client, loaded: None, later_language: str
) -> None:
    response = client.get(url(later_language))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'lang="en"' in page and "After you move in" in page
    assert "not yet available in your language" in page


def test_withdrawn_translation_falls_back(client: Client, loaded: None) -> None:
    article = Article.objects.get(slug="moving-in-notification")
    services.withdraw_language(actor=None, article=article, language="th")
    page = client.get(url("th")).content.decode()
    # The notice is in the reader's language (Thai), the article in the fallback (English).
    assert "After you move in" in page and 'class="notice guide-fallback" lang="th"' in page


def test_plain_japanese_falls_back_to_japanese_only_when_missing(
    client: Client, loaded: None
) -> None:
    page = client.get(url("ja-x-easy")).content.decode()
    assert "ひっこして きたら" in page


def test_furigana_toggle(client: Client, loaded: None) -> None:
    plain_page = client.get(url("ja")).content.decode()
    assert "<ruby>" not in plain_page and "/ja/furigana/?show=1" in plain_page
    ruby = client.get(url("ja") + "?furigana=1").content.decode()
    assert "<ruby>" in ruby and "<rt>" in ruby
    english = client.get(url("en") + "?furigana=1").content.decode()
    assert "<ruby>" not in english and "furigana" not in english.lower().split("<main")[1]


def test_unknown_language_is_404(client: Client, loaded: None) -> None:
    assert client.get(url("xx")).status_code == 404


def test_unknown_or_deleted_article_is_404(client: Client, loaded: None) -> None:
    assert client.get(url("en", "nothing-here")).status_code == 404
    article = Article.objects.get(slug="moving-in-notification")
    services.delete_article(actor=None, article=article)
    assert client.get(url("en")).status_code == 404
    assert "After you move in" not in client.get("/en/guide/").content.decode()


def test_feedback_reaches_editors(client: Client, loaded: None, alice_client: Client) -> None:
    response = client.post(
        url("en") + "feedback/", {"helpful": "no", "comment": "Where is the form?"}
    )
    assert response.status_code == 302
    assert Feedback.objects.get().comment == "Where is the form?"


def test_hostile_html_is_sanitised(client: Client, national: Organisation) -> None:
    article = services.create_article(
        actor=None, organisation=national, slug="evil", chapter="daily_life", source_language="en"
    )
    services.save_revision(
        actor=None,
        article=article,
        language="en",
        title="<script>alert(1)</script>Title",
        body="Hi <script>alert(1)</script><img src=x onerror=alert(1)> "
        '<a href="javascript:alert(1)">x</a>'
        ' <a href="https://example.org" onclick="x()">ok</a> <iframe src="https://evil"></iframe>',
        publish=True,
    )
    page = client.get("/en/guide/national-centre/evil/").content.decode()
    main = page.split("<main", 1)[1]
    assert "<script>alert" not in main
    assert "onerror" not in main and "onclick" not in main
    assert "javascript:" not in main and "<iframe" not in main
    assert 'href="https://example.org"' in main


def test_article_page_query_count_is_constant(client: Client, loaded: None) -> None:
    client.get("/en/")  # warm the language registry and the session machinery
    counts = []
    for slug in ("moving-in-notification", "earthquake", "childbirth-and-child-allowance"):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("en", slug)).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert len(set(counts)) == 1, counts
    assert counts[0] <= 8, counts


def test_listing_query_count_does_not_grow_with_articles(client: Client, loaded: None) -> None:
    client.get("/en/")  # warm the language registry and the session machinery
    with CaptureQueriesContext(connection) as before:
        client.get("/en/guide/")
    national = Organisation.objects.get(slug="national-centre")
    for i in range(5):
        a = services.create_article(
            actor=None,
            organisation=national,
            slug=f"extra-{i}",
            chapter="tax",
            source_language="en",
        )
        services.save_revision(
            actor=None, article=a, language="en", title=f"Extra {i}", publish=True
        )
    with CaptureQueriesContext(connection) as after:
        page = client.get("/en/guide/").content.decode()
    assert "Extra 4" in page
    assert len(after.captured_queries) == len(before.captured_queries), (
        [q["sql"][:400] for q in after.captured_queries]
        + ["---"]
        + [q["sql"][:60] for q in before.captured_queries]
    )


def test_counters_in_my_language(
    client: Client, national: Organisation, org_a: Organisation
) -> None:
    org_a.languages_offered = ["pt-BR", "es"]
    org_a.address = "静岡県浜松市中央区元城町103-2"
    org_a.save(update_fields=["languages_offered", "address"])
    page = client.get("/pt-BR/counters/").content.decode()
    assert (
        org_a.name in page.split("Other counters")[0]
        if "Other counters" in page
        else org_a.name in page
    )
    assert "openstreetmap.org/search" in page


def test_home_has_guide_entry_points(client: Client) -> None:
    page = client.get("/en/").content.decode()
    assert "/en/guide/" in page and "/en/guide/life/having_baby/" in page


def test_offline_manifest_lists_the_guide_in_the_language(client: Client, loaded: None) -> None:
    data = client.get("/th/guide/offline.json").json()
    assert data["language"] == "th"
    assert "/th/guide/" in data["urls"]
    assert "/th/guide/national-centre/earthquake/" in data["urls"]
    assert all(u.startswith("/th/") for u in data["urls"])


def test_service_worker_accepts_the_guide_pages(client: Client) -> None:
    body = client.get("/sw.js").content.decode()
    assert "kyosei-cache-urls" in body


def test_article_page_weight_is_small(client: Client, loaded: None) -> None:
    """HTML of an article page stays far below the 50 KB first-view budget (before gzip)."""
    page = client.get(url("en", "childbirth-and-child-allowance")).content
    assert len(page) < 30_000, len(page)


def test_cached_page_follows_every_change(client: Client, loaded: None) -> None:
    assert "After you move in" in client.get(url("en")).content.decode()
    article = Article.objects.get(slug="moving-in-notification")
    services.save_revision(
        actor=None,
        article=article,
        language="en",
        title="Moved in? Register",
        body="New text.",
        publish=True,
    )
    assert "Moved in? Register" in client.get(url("en")).content.decode()
    assert "14日以内" in client.get(url("ja")).content.decode()
    services.set_fact(
        actor=None,
        key="address-change-deadline",
        kind="days",
        effective_from=date(2026, 1, 1),
        number=15,
    )
    assert "15日以内" in client.get(url("ja")).content.decode()
    services.delete_article(actor=None, article=article)
    assert client.get(url("en")).status_code == 404
    assert "After you move in" not in client.get("/en/guide/").content.decode()


def test_feedback_works_without_a_csrf_token_and_thanks(loaded: None) -> None:
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url("en") + "feedback/", {"helpful": "yes"})
    assert response.status_code == 302 and response["Location"].endswith("?thanks=1")
    page = strict.get(response["Location"]).content.decode()
    assert "Thank you. Your answer reaches the editors" in page
    assert "csrfmiddlewaretoken" not in page


def test_furigana_replaces_bracketed_readings(client: Client, loaded: None) -> None:
    page = client.get(url("ja-x-easy") + "?furigana=1").content.decode()
    body = page.split('class="guide-body"', 1)[1].split("</div>", 1)[0]
    assert "<ruby>転入届<rt>てんにゅうとどけ</rt></ruby>" in body
    assert "（てんにゅうとどけ）" not in body


def test_the_old_guide_counters_address_redirects_to_the_one_directory(client: Client) -> None:
    response = client.get("/pt-BR/guide/counters/?language=es")
    assert response.status_code == 301
    assert response["Location"] == "/pt-BR/counters/?language=es"
