"""Alerts one tap away: linked from home, the emergency box, the footer and the earthquake
article; the sign-up names municipalities in the reader's script, with a search and "use my
location" (the counter directory's near-me code)."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client

from kyosei.alerts.areas import forget_names, import_code_tables
from kyosei.guide import content
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db

CODES = Path(__file__).resolve().parents[3].parent / "shared" / "jma" / "codes"


def test_alerts_are_linked_from_home_emergency_box_footer_and_earthquake(client: Client) -> None:
    """Mutation caught: removing any of the four links (the walk found none)."""
    content.load_content()
    home = client.get("/pt-BR/").content.decode()
    emergency = home[home.index('class="emergency"') :]
    assert 'href="/pt-BR/alerts/"' in emergency.split("</section>")[0]
    assert home.count('href="/pt-BR/alerts/"') >= 3  # card, emergency box, footer
    guide = client.get("/ne/guide/").content.decode()
    footer = guide[guide.index('class="site-footer"') :]
    assert 'href="/ne/alerts/"' in footer
    article = client.get("/my/guide/national-centre/earthquake/").content.decode()
    body = article[article.index('class="guide-article"') :]
    assert 'href="/my/alerts/"' in body


@pytest.fixture
def hamamatsu(db: None) -> Iterator[Organisation]:
    if not CODES.is_dir():
        pytest.skip(f"JMA code tables not found at {CODES}")
    forget_names()
    import_code_tables(CODES)
    org = org_services.create_organisation(
        actor=None,
        slug="hamamatsu",
        name="浜松市",
        kind=Organisation.Kind.MUNICIPALITY,
        prefecture="22",
        jma_codes={"2213001": "浜松市南部", "2213002": "浜松市北部"},
        latitude=34.7108,
        longitude=137.7261,
    )
    yield org
    forget_names()


def ticked(page: str) -> set[str]:
    return set(
        re.findall(r'<input type="checkbox" name="codes" value="(\d{7})"[^>]* checked', page)
    )


def test_signup_names_municipalities_in_the_readers_script_without_codes(
    client: Client, hamamatsu: Organisation
) -> None:
    """Mutation caught: the old label "浜松市南部 (2213001)" in every language."""
    english = client.get("/en/alerts/").content.decode()
    assert "(2213001)" not in english and "浜松市南部" not in english
    assert re.search(r"Hamamatsu[^<]*</label>", english)
    korean = client.get("/ko/alerts/").content.decode()
    assert "하마마쓰" in korean or "하마마츠" in korean
    assert "浜松市南部" in client.get("/ja/alerts/").content.decode()


def test_signup_search_finds_a_municipality_in_any_script(
    client: Client, hamamatsu: Organisation
) -> None:
    """Mutation caught: `matching_names` matching only the displayed label (浜松 typed by an
    English reader finds nothing) or not ticking what it found."""
    for lang, typed in (("en", "hamamatsu"), ("en", "浜松"), ("pt-BR", "HAMAMATSU")):
        page = client.get(f"/{lang}/alerts/", {"place": typed}).content.decode()
        assert ticked(page) == {"2213001", "2213002"}, (lang, typed)
    nothing = client.get("/en/alerts/", {"place": "Sapporo"}).content.decode()
    assert ticked(nothing) == set()
    assert "No municipality was found" in nothing


def test_use_my_location_ticks_the_municipalities_near_the_resident(
    client: Client, hamamatsu: Organisation
) -> None:
    """Mutation caught: ignoring ?lat=&lon= (what near-me.js sends) or ticking a counter's
    areas farther than NEARBY_KM away."""
    page = client.get("/en/alerts/", {"lat": "34.75", "lon": "137.70"}).content.decode()
    assert ticked(page) == {"2213001", "2213002"}
    assert "near-me.js" in page and "near-me-locate" in page
    far = client.get("/en/alerts/", {"lat": "43.06", "lon": "141.35"}).content.decode()
    assert ticked(far) == set()
    bad = client.get("/en/alerts/", {"lat": "north", "lon": "1"})
    assert bad.status_code == 200
    assert "Your location could not be read." in bad.content.decode()
