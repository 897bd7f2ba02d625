"""Sinhala, Bengali and Urdu as a resident's Chromium draws them (issue #13, "21 variants"):
each script in the font our stylesheet names for it, and Urdu laid out right to left.

The fonts are Debian's `fonts-noto-core` (CI installs it with chromium): residents' Android
phones carry the same Noto families. Screenshots of each page are written next to the test's
temporary files for a reviewer who reads the script."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kyosei.guide import content
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1100, "height": 900}

# The family our stylesheet asks for first for each script (kyosei.css), not whatever the
# system would pick by itself (Chromium falls back to Noto *Serif* Sinhala without our stack).
SCRIPT_FONT = {"si": "Noto Sans Sinhala", "bn": "Noto Sans Bengali", "ur": "Noto Nastaliq Urdu"}


@pytest.fixture(autouse=True)
def _noto_fonts_installed() -> None:
    fc_list = shutil.which("fc-list")
    listed = ""
    if fc_list:
        run = subprocess.run(  # noqa: S603 (fc-list from PATH, fixed arguments)
            [fc_list, ":", "family"], capture_output=True, text=True, check=False
        )
        listed = run.stdout
    missing = [family for family in SCRIPT_FONT.values() if family not in listed]
    if missing:
        message = f"fonts not installed: {missing} (apt-get install fonts-noto-core)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def fonts_of(page: Any, selector: str) -> dict[str, int]:
    """Font family → glyphs it drew for the first element matching `selector`."""
    session = page.context.new_cdp_session(page)
    try:
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument")["root"]["nodeId"]
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})
        assert node["nodeId"], f"nothing matches {selector}"
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    finally:
        session.detach()
    return {font["familyName"]: font["glyphCount"] for font in fonts}


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not laid out"
    return dict(found)


def no_sideways_scrolling(page: Any, where: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, (where, overflow)


@pytest.mark.parametrize("code", sorted(SCRIPT_FONT))
def test_each_script_is_drawn_in_its_own_font(
    live_server: Any, browser: Any, code: str, tmp_path: Path
) -> None:
    """Mutations caught: the script's family dropped from the font stack, Urdu's Nastaliq rule
    dropped, the page's heading left untranslated (Latin glyphs only)."""
    content.load_content()
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        for path in (f"/{code}/", f"/{code}/guide/national-centre/residence-card-and-renewal/"):
            page.goto(live_server.url + path)
            page.screenshot(path=tmp_path / f"{code}{path.replace('/', '_')}.png", full_page=True)
            drawn = fonts_of(page, "main h1")
            assert drawn.get(SCRIPT_FONT[code], 0) > 0, (path, drawn)
            no_sideways_scrolling(page, path)
        # The language's own name in the switcher, on a page in another language.
        page.goto(f"{live_server.url}/en/")
        page.locator(".lang-switch summary").click()
        drawn = fonts_of(page, f".lang-list a[lang='{code}']")
        assert set(drawn) == {SCRIPT_FONT[code]}, drawn
    finally:
        context.close()


def test_urdu_pages_are_mirrored(live_server: Any, browser: Any) -> None:
    """Mutations caught: `dir` not taken from the language row, a physical `left`/`right` in
    the stylesheet (header, language list, labels), the breadcrumb chevron not mirrored, a
    phone number that the bidi algorithm would reorder."""
    content.load_content()
    org_services.create_organisation(
        actor=None,
        slug="hamamatsu",
        name="浜松市",
        kind=Organisation.Kind.MUNICIPALITY,
        prefecture="22",
        jma_codes={"2213001": "浜松市南部"},
        phone="053-458-2170",
        languages_offered=["ja", "ur"],
    )
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/ur/")
        assert page.evaluate(
            "[document.documentElement.dir, getComputedStyle(document.body).direction]"
        ) == ["rtl", "rtl"]

        # Navigation: the brand at the right, the language switch at the left of it, and the
        # opened list of languages inside the window (anchored at its inline end, the left).
        brand, switch = box(page, ".brand"), box(page, ".lang-switch")
        assert brand["x"] > switch["x"] + switch["width"]
        assert brand["x"] + brand["width"] > DESKTOP["width"] * 0.8
        page.locator(".lang-switch summary").click()
        languages = box(page, ".lang-list")
        assert languages["x"] >= 0 and languages["x"] + languages["width"] <= DESKTOP["width"]
        assert (
            page.evaluate(
                "getComputedStyle(document.querySelector('.lang-list a[lang=en]')).direction"
            )
            == "ltr"
        )

        # Lists flow from the right: the footer's first link is right of its second.
        footer = page.locator(".site-footer a")
        first, second = footer.nth(0).bounding_box(), footer.nth(1).bounding_box()
        assert first and second and first["x"] > second["x"]

        # Forms: each label starts where its field starts, at the right edge of the content.
        page.goto(f"{live_server.url}/ur/alerts/")
        field = page.locator("#alerts-subscribe input[type=email]")
        label = page.locator(f"label[for='{field.get_attribute('id')}']")
        field_box, label_box = field.bounding_box(), label.bounding_box()
        main = box(page, "main")
        assert field_box and label_box
        assert (
            abs((field_box["x"] + field_box["width"]) - (label_box["x"] + label_box["width"])) < 2
        )
        assert abs((field_box["x"] + field_box["width"]) - (main["x"] + main["width"] - 16)) < 2

        # Numbers: a phone number keeps its digit order inside Urdu text.
        page.goto(f"{live_server.url}/ur/counters/")
        phone = page.locator("a[href^='tel:']").first
        assert phone.inner_text() == "053-458-2170"
        assert phone.evaluate("(a) => getComputedStyle(a).direction") == "ltr"

        # An article in Urdu: the breadcrumb's chevron points the way the page is read.
        page.goto(f"{live_server.url}/ur/guide/national-centre/residence-card-and-renewal/")
        assert page.evaluate("document.querySelector('article').dir") == "rtl"
        chevron = page.evaluate("getComputedStyle(document.querySelector('.crumb-sep')).transform")
        assert chevron.startswith("matrix(-1, 0, 0, 1")

        page.set_viewport_size(PHONE)
        for path in ("/ur/", "/ur/alerts/", "/ur/guide/", "/ur/counters/"):
            page.goto(live_server.url + path)
            no_sideways_scrolling(page, path)
    finally:
        context.close()
