"""No resident ever sees a raw `{{ fact:… }}`: crawl every resident page in every language and
the guide API, and fail on an unrendered `{{` in any response.

Mutations caught: printing a revision's raw title or summary in any template or API field
(e.g. `_item.html` showing the unrendered summary, the API's `_summary` skipping
`render_inline`), or a new resident page doing the same: the crawl follows every link.
"""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client, override_settings

from kyosei.core.languages import registry
from kyosei.guide import content
from kyosei.guide.models import Article
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db

HREF_RE = re.compile(r'href="([^"]+)"')
# Not resident pages: staff, sign-in and the admin answer with forms or redirects.
SKIP = ("/staff/", "/account/", "/admin/")


def resident_links(page: str, lang: str) -> set[str]:
    out = set()
    for href in HREF_RE.findall(page):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith(f"/{lang}/"):
            continue
        if any(s in href for s in SKIP) or href.endswith((".json", ".webmanifest")):
            continue
        out.add(href)
    return out


def crawl(client: Client, lang: str) -> dict[str, str]:
    seen: dict[str, str] = {}
    todo = [f"/{lang}/", f"/{lang}/guide/search/?q=14", f"/{lang}/guide/search/?q=visa"]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code in {200, 301, 302}, (url, response.status_code)
        body = response.content.decode()
        seen[url] = body
        todo.extend(resident_links(body, lang) - set(seen))
    return seen


# One crawler asks for far more pages than a resident would: lift the public rate limit.
@override_settings(PUBLIC_RATE_LIMIT=100_000)
def test_no_resident_page_in_any_language_shows_a_raw_placeholder(client: Client) -> None:
    content.load_content()
    crawled = 0
    for language in registry().languages:
        pages = crawl(client, language.code)
        crawled += len(pages)
        # The crawl reached the listings where summaries are shown, not just the home page.
        assert f"/{language.code}/guide/chapter/municipal/" in pages, language.code
        assert f"/{language.code}/guide/life/just_arrived/" in pages, language.code
        leaks = [url for url, body in pages.items() if "{{" in body]
        assert leaks == [], (language.code, leaks[:5])
    assert crawled > 16 * 30


@override_settings(PUBLIC_RATE_LIMIT=100_000)
def test_no_api_answer_shows_a_raw_placeholder(client: Client) -> None:
    content.load_content()
    articles = list(Article.objects.select_related("organisation"))
    for language in registry().languages:
        code = language.code
        urls = [
            f"/api/v1/guide/articles?lang={code}&limit=100",
            f"/api/v1/guide/search?lang={code}&q=14",
            f"/api/v1/guide/chapters?lang={code}",
            f"/api/v1/guide/counters?lang={code}",
        ]
        urls += [
            f"/api/v1/guide/articles/{a.organisation.slug}/{a.slug}?lang={code}" for a in articles
        ]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert "{{" not in response.content.decode(), url


def test_task_emails_show_titles_with_facts_filled_in(
    org_a: Organisation, mailoutbox: list[object]
) -> None:
    """Mutation caught: `_task_lines` using the revision's raw title (the email said
    "Register within {{ fact:address-change-deadline }} days")."""
    from kyosei.conftest import make_user
    from kyosei.guide import services
    from kyosei.guide.models import TranslationTask
    from kyosei.orgs import services as org_services
    from kyosei.orgs.models import Role

    content.load_facts()
    article = services.create_article(
        actor=None, organisation=org_a, slug="tenyu", chapter="municipal", source_language="en"
    )
    services.save_revision(
        actor=None,
        article=article,
        language="en",
        title="Register within {{ fact:address-change-deadline }} days",
        publish=True,
    )
    translator = make_user("dana")
    org_services.grant_role(actor=None, organisation=org_a, user=translator, role=Role.TRANSLATOR)
    task = TranslationTask.objects.create(
        organisation=org_a, article=article, language="vi", assignee=translator
    )
    assert services.notify_assignee(assignee=translator, task_ids=[task.pk])
    body = mailoutbox[0].body  # type: ignore[attr-defined]
    assert "Register within 14 days" in body
    assert "{{" not in body
