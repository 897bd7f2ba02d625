"""Plain Japanese in a real browser (Debian's chromium) on a phone-sized screen: lines break
between words, never inside one, and furigana, once chosen, stays on (issue 13, item 6)."""

from typing import Any

import pytest

from kyosei.guide import content

pytestmark = pytest.mark.browser

# Two letters next to each other (no space or punctuation between them) drawn on different
# lines: a word broken across lines ("がっこ/う"). A break at punctuation ("転入届/（てんにゅう…）")
# is a break between words.
BROKEN_WORDS = """() => {
  const broken = [];
  const letter = /\\p{L}|\\p{M}/u;
  for (const root of document.querySelectorAll('.guide-article h1, .guide-summary, .guide-body')) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      if (node.parentElement.closest('rt')) continue;
      const text = node.textContent;
      let previousTop = null;
      for (let i = 0; i < text.length; i++) {
        if (!letter.test(text[i])) { previousTop = null; continue; }
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) { previousTop = null; continue; }
        const top = Math.round(rect.top);
        if (previousTop !== null && Math.abs(top - previousTop) > 4) {
          broken.push(text.slice(Math.max(0, i - 4), i) + "/" + text.slice(i, i + 4));
        }
        previousTop = top;
      }
    }
  }
  return broken;
}"""


@pytest.fixture
def phone(browser: Any) -> Any:
    context = browser.new_context(locale="ja-JP", viewport={"width": 320, "height": 640})
    page = context.new_page()
    yield page
    context.close()


def test_plain_japanese_lines_break_only_between_words(live_server: Any, phone: Any) -> None:
    """Catches the keep-all rule removed from kyosei.css (Chromium then breaks kana anywhere)."""
    content.load_content()
    phone.goto(f"{live_server.url}/ja-x-easy/guide/national-centre/moving-in-notification/")
    lines = phone.evaluate("() => document.querySelector('.guide-body').getClientRects()[0].height")
    assert lines > 200  # the body wraps over many lines on this screen
    assert phone.evaluate(BROKEN_WORDS) == []
    assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_furigana_chosen_once_stays_on_the_next_pages(live_server: Any, phone: Any) -> None:
    content.load_content()
    phone.goto(f"{live_server.url}/ja-x-easy/guide/")
    assert phone.locator("main ruby").count() == 0
    phone.locator(".site-header .furigana-toggle").click()
    phone.wait_for_url("**/ja-x-easy/guide/")
    assert phone.locator("main ruby").count() > 0
    phone.locator("main a[href*='/national-centre/']").first.click()
    phone.wait_for_load_state()
    assert phone.locator(".guide-article h1 ruby").count() > 0
    assert phone.evaluate(BROKEN_WORDS) == []
