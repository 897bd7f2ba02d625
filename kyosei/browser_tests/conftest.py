import os
import shutil
import time
from collections.abc import Iterator

import pytest
from django.db import OperationalError

CHROMIUM = os.environ.get("KYOSEI_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM):
        message = f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API refuses to run inside a running event loop; Django's async-unsafe
    # guard would otherwise trip over the one Playwright starts for the live server thread.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(locale="en-US")  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def languages_survive_the_flush(transactional_db: None) -> Iterator[None]:
    """Live-server tests flush tables, including the languages a migration loaded."""
    from kyosei.core.languages import forget_languages, sync_languages_from_file
    from kyosei.core.models import Language

    sync_languages_from_file(Language)
    forget_languages()
    yield
    # The live server may still be answering the closed page's last request (the service
    # worker fetches pages for offline reading), holding SQLite's table lock for a moment.
    for attempt in range(50):
        try:
            sync_languages_from_file(Language)
            break
        except OperationalError:
            if attempt == 49:
                raise
            time.sleep(0.1)
    forget_languages()
