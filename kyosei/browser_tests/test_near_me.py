"""'Use my location' in a real browser (Debian's chromium) with emulated geolocation."""

import re
from collections.abc import Iterator
from typing import Any

import pytest

from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.browser


def _counters() -> None:
    for slug, name, lat, lon in [
        ("hamamatsu", "浜松市 多文化共生センター", 34.7036, 137.7327),
        ("iwata", "磐田市 国際交流協会", 34.7179, 137.8515),
        ("kakegawa", "掛川市 国際交流センター", 34.7687, 137.9983),
    ]:
        org_services.create_organisation(
            actor=None,
            slug=slug,
            name=name,
            kind=Organisation.Kind.MUNICIPALITY,
            prefecture="22",
            latitude=lat,
            longitude=lon,
            languages_offered=["pt-BR"],
        )
    org_services.create_organisation(
        actor=None,
        slug="national",
        name="外国人在留支援センター",
        kind=Organisation.Kind.NATIONAL_CENTRE,
        prefecture="13",
    )


@pytest.fixture
def located(browser: Any) -> Iterator[Any]:
    """A page whose browser says it stands by Iwata station (precise, as a phone would)."""
    context = browser.new_context(
        locale="en-US",
        geolocation={"latitude": 34.718234, "longitude": 137.851871, "accuracy": 20},
        permissions=["geolocation"],
    )
    page = context.new_page()
    yield page
    context.close()


def test_use_my_location_lists_the_nearest_counter_first(live_server: Any, located: Any) -> None:
    _counters()
    base = live_server.url.replace("127.0.0.1", "localhost")  # geolocation needs a secure context
    located.goto(f"{base}/en/counters/?language=pt-BR")
    # Without a location the directory is alphabetical by prefecture and name: Iwata is not first.
    first = located.locator("ul.cards li.card h3").first.inner_text()
    assert not first.startswith("磐田市")
    button = located.get_by_role("button", name="Use my location")
    button.click()
    located.wait_for_url(re.compile(r"\?language=pt-BR&lat=34\.72&lon=137\.85$"))
    titles = located.locator("ol.near-me-results li.card h3").all_inner_texts()
    assert [t.split(" ")[0] for t in titles] == [
        "磐田市",
        "浜松市",
        "掛川市",
        "外国人在留支援センター",
    ]
    reason = located.locator("ol.near-me-results li.card .near-me-reason").first.inner_text()
    assert reason == "About 0.3 km away"


def test_without_permission_the_resident_is_told_to_choose(live_server: Any, browser: Any) -> None:
    _counters()
    context = browser.new_context(locale="en-US")  # geolocation permission not granted
    page = context.new_page()
    try:
        page.goto(f"{live_server.url.replace('127.0.0.1', 'localhost')}/en/counters/")
        page.get_by_role("button", name="Use my location").click()
        page.wait_for_function(
            "() => document.querySelector('.near-me-status').textContent.includes('municipality')",
            timeout=20000,
        )
        assert "lat=" not in page.url
    finally:
        context.close()
