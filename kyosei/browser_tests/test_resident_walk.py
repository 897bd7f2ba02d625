"""The resident's walk on a phone (issue #13 "Done when"): home → alerts sign-up → guide →
search "visa" in the resident's own word → counters, in en, pt-BR, ne, my, ur, si and bn; no raw
`{{` placeholder and no sideways scrolling on any page."""

import re
from pathlib import Path
from typing import Any

import polib
import pytest
from django.conf import settings

from kyosei.guide import content
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.browser

VISA = {
    "en": "visa",
    "pt-BR": "visto",
    "ne": "भिसा",
    "my": "ဗီဇာ",
    "ur": "ویزا",
    "si": "වීසා",
    "bn": "ভিসা",
}
PHONE = {"width": 390, "height": 844}
LATIN_SCRIPT = {"en", "pt-BR"}


# UI sentences as written in English (the catalogs' msgids of three words or more): one of them
# on a page in another language is a string left untranslated.
UI_ENGLISH = sorted(
    {
        entry.msgid
        for entry in polib.pofile(
            str(Path(settings.BASE_DIR) / "kyosei/locale/ja/LC_MESSAGES/django.po")
        )
        if len(entry.msgid.split()) >= 3 and "%" not in entry.msgid and "{" not in entry.msgid
    }
)
# Names that stay in Latin letters in every language.
LATIN_NAMES = re.compile(r"Kyosei|JMA|CAP 1\.2|Atom|PDF|OTIT|FRESC|Hello ?Work|\.ics")


def check(page: Any, where: str, language: str = "en") -> None:
    html = page.content()
    assert "{{" not in html, where
    if language != "en":
        text = page.inner_text("body")
        leftovers = [sentence for sentence in UI_ENGLISH if sentence in text]
        assert not leftovers, (where, leftovers[:5])
        if language not in LATIN_SCRIPT:
            runs = re.findall(r"[A-Za-z]{2,}(?:[ ,'-]+[A-Za-z]{2,}){2,}", LATIN_NAMES.sub("", text))
            assert not runs, (where, runs[:5])
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, (where, overflow)


def test_the_walk_on_a_phone_in_seven_languages(live_server: Any, browser: Any) -> None:
    """Mutations caught: alerts unlinked from the emergency box, search without aliases (the
    resident's word finds nothing), a raw placeholder anywhere, a layout wider than a phone."""
    content.load_content()
    org_services.create_organisation(
        actor=None,
        slug="hamamatsu",
        name="浜松市",
        kind=Organisation.Kind.MUNICIPALITY,
        prefecture="22",
        jma_codes={"2213001": "浜松市南部", "2213002": "浜松市北部"},
        latitude=34.7108,
        longitude=137.7261,
    )
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        for lang, word in VISA.items():
            page.goto(f"{live_server.url}/{lang}/")
            check(page, f"{lang} home", lang)
            page.locator("section.emergency a[href$='/alerts/']").click()
            page.wait_for_url(f"**/{lang}/alerts/")
            check(page, f"{lang} alerts", lang)
            assert page.locator("#find-place").is_visible()
            assert page.locator("input[name=codes]").count() == 2
            page.goto(f"{live_server.url}/{lang}/guide/")
            check(page, f"{lang} guide", lang)
            page.fill("#guide-q", word)
            page.locator("form.guide-search button[type=submit]").click()
            page.wait_for_url(f"**/{lang}/guide/search/**")
            check(page, f"{lang} search", lang)
            first = page.locator("li.guide-item h3 a").first.get_attribute("href")
            assert first == f"/{lang}/guide/national-centre/residence-card-and-renewal/", lang
            page.goto(f"{live_server.url}/{lang}/guide/life/just_arrived/")
            check(page, f"{lang} just arrived", lang)
            page.goto(f"{live_server.url}/{lang}/counters/")
            check(page, f"{lang} counters", lang)
    finally:
        context.close()
