"""The first visit in a real browser (Debian's chromium): a link shared in a chat is the first
page a resident opens; it must still be readable offline, and the visit must not fetch what the
resident's pages never use (issue 13, items 4 and 9)."""

from typing import Any

import pytest

from kyosei.guide import content

pytestmark = pytest.mark.browser

# The worker has stored what it keeps of the first visit once it controls the page: activation
# stores the open pages before it claims them.
CONTROLLED = "() => navigator.serviceWorker.controller !== null"
CACHED_URLS = (
    "() => caches.keys().then((keys) => Promise.all(keys.map((k) => caches.open(k)"
    ".then((c) => c.keys())))).then((lists) => lists.flat().map((r) => new URL(r.url).pathname))"
)


def test_article_opened_first_from_a_shared_link_reads_offline(live_server: Any, page: Any) -> None:
    content.load_content()
    base = live_server.url.replace("127.0.0.1", "localhost")  # a secure context for the worker
    article = f"{base}/pt-BR/guide/national-centre/residence-card-and-renewal/"
    page.goto(article)  # the very first page of this browser profile
    page.wait_for_function(CONTROLLED, timeout=30000)
    page.context.set_offline(True)
    page.reload()
    title = content.parse_file(
        content.CONTENT_DIR / "residence-card-and-renewal" / "pt-BR.md"
    ).title
    assert title in page.content()
    # A page never opened answers with the offline page in the resident's language, whose
    # promise ("pages you have opened before can still be read") the reload above just kept.
    page.goto(f"{base}/pt-BR/guide/national-centre/earthquake/")
    assert 'lang="pt-BR"' in page.content()
    assert "/pt-BR/offline/" in page.evaluate(CACHED_URLS)


def test_first_visit_fetches_no_unused_script_and_one_offline_page(
    live_server: Any, page: Any
) -> None:
    base = live_server.url.replace("127.0.0.1", "localhost")
    fetched: list[str] = []
    page.context.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{base}/ne/")
    page.wait_for_function(CONTROLLED, timeout=30000)
    cached = page.evaluate(CACHED_URLS)
    assert not [u for u in fetched if "htmx" in u], fetched
    assert not [u for u in cached if "htmx" in u], cached
    # The worker stores the offline page of the language being read, not all sixteen.
    assert [u for u in cached if u.endswith("/offline/")] == ["/ne/offline/"]
    assert "/ne/" in cached


def test_a_page_about_where_the_resident_is_is_not_kept(live_server: Any, page: Any) -> None:
    """The directory near the resident's location is answered no-store: the worker keeps it out
    of its cache too (catches the worker storing every page it sees)."""
    base = live_server.url.replace("127.0.0.1", "localhost")
    page.goto(f"{base}/en/counters/?lat=34.70&lon=137.73")
    page.wait_for_function(CONTROLLED, timeout=30000)
    page.goto(f"{base}/en/counters/?lat=35.69&lon=139.73")
    cached = page.evaluate(CACHED_URLS)
    assert "/en/counters/" not in cached and "/en/offline/" in cached
