"""Offline reading in a real browser (Debian's chromium): save the guide, go offline, read."""

from typing import Any

import pytest

from kyosei.guide import content

pytestmark = pytest.mark.browser


def test_saved_guide_is_readable_offline(live_server: Any, page: Any) -> None:
    content.load_content()
    base = live_server.url.replace("127.0.0.1", "localhost")  # a secure context for the worker
    page.goto(f"{base}/th/guide/")
    # Registration happens on load; once the worker is active, later navigations are its own.
    assert page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    button = page.locator(".guide-offline button")
    button.wait_for(state="visible", timeout=10000)
    button.click()
    # The status is in the page's language: compare with the button's own "saved" message.
    page.wait_for_function(
        "() => document.querySelector('.guide-offline-status').textContent"
        " === document.querySelector('.guide-offline button').dataset.saved",
        timeout=30000,
    )
    page.context.set_offline(True)
    page.goto(f"{base}/th/guide/national-centre/earthquake/")
    earthquake = content.parse_file(content.CONTENT_DIR / "earthquake" / "th.md").title
    assert earthquake in page.content()
    page.goto(f"{base}/th/guide/chapter/medical/")
    insurance = content.parse_file(content.CONTENT_DIR / "national-health-insurance" / "th.md")
    assert insurance.title in page.content()
