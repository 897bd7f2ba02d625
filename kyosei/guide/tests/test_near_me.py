"""Near me: the counter directory and the counters API ranked for where the resident lives."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.utils import translation

from kyosei.alerts.areas import forget_names, municipalities_of_prefecture
from kyosei.alerts.models import Area
from kyosei.guide import nearby
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation

# A resident just by Iwata city hall (rounded as the browser sends it).
NEAR_IWATA = {"lat": "34.72", "lon": "137.85"}


@pytest.fixture
def areas(db: None) -> Iterator[None]:
    """A few rows of JMA's municipality table (the real codes, names and readings)."""
    Area.objects.bulk_create(
        [
            Area(kind=Area.Kind.MUNICIPALITY, code=code, name=name, kana=kana)
            for code, name, kana in [
                ("2210000", "静岡市", "しずおかし"),
                ("2213000", "浜松市", "はままつし"),
                ("2213001", "浜松市南部", "はままつしなんぶ"),
                ("2213002", "浜松市北部", "はままつしほくぶ"),
                ("2221100", "磐田市", "いわたし"),
                ("1052400", "大泉町", "おおいずみまち"),
            ]
        ]
    )
    forget_names()
    yield
    forget_names()


def _org(slug: str, **fields: Any) -> Organisation:
    fields.setdefault("name", slug)
    fields.setdefault("kind", Organisation.Kind.MUNICIPALITY)
    return org_services.create_organisation(actor=None, slug=slug, **fields)


@pytest.fixture
def world(areas: None) -> dict[str, Organisation]:
    return {
        "hamamatsu": _org(
            "hamamatsu",
            name="浜松市 多文化共生センター",
            prefecture="22",
            latitude=34.7036,
            longitude=137.7327,
            languages_offered=["ja", "pt-BR", "es"],
            jma_codes={"2213001": "浜松市南部", "2213002": "浜松市北部"},
        ),
        "iwata": _org(
            "iwata",
            name="磐田市 国際交流協会",
            prefecture="22",
            latitude=34.7179,
            longitude=137.8515,
            languages_offered=["ja", "en"],
            jma_codes={"2221100": "磐田市"},
        ),
        "shizuoka": _org(
            "shizuoka",
            name="静岡県 多文化共生総合相談センター",
            kind=Organisation.Kind.ASSOCIATION,
            prefecture="22",
            languages_offered=["pt-BR", "vi"],
        ),
        "oizumi": _org(
            "oizumi",
            name="大泉町 外国人相談窓口",
            prefecture="10",
            latitude=36.2479,
            longitude=139.4049,
            languages_offered=["pt-BR"],
            jma_codes={"1052400": "大泉町"},
        ),
        "national": _org(
            "national",
            name="外国人在留支援センター",
            kind=Organisation.Kind.NATIONAL_CENTRE,
            prefecture="13",
            latitude=35.6863,
            longitude=139.7294,
            languages_offered=["ja", "en", "vi"],
        ),
    }


def _order(page: str, names: list[str]) -> list[str]:
    """The counters (by the start of their name) in the order they are listed on the page."""
    present = [n for n in names if f"<h3>{n}" in page]
    return sorted(present, key=lambda n: page.index(f"<h3>{n}"))


def _results(page: str) -> str:
    return page.split('class="cards near-me-results"', 1)[1].split("</ol>", 1)[0]


def _card(page: str, name: str) -> str:
    return page.split(f"<h3>{name}", 1)[1].split("</li>", 1)[0]


ALL = ["浜松市", "磐田市", "静岡県", "大泉町", "外国人在留支援センター"]


# --- distances and parsing ---------------------------------------------------------------


def test_haversine_matches_known_distances() -> None:
    tokyo_station, osaka_station = (35.6812, 139.7671), (34.7025, 135.4959)
    assert nearby.haversine_km(tokyo_station, osaka_station) == pytest.approx(403, abs=3)
    assert nearby.haversine_km(tokyo_station, tokyo_station) == 0
    hamamatsu, iwata = (34.7036, 137.7327), (34.7179, 137.8515)
    assert nearby.haversine_km(hamamatsu, iwata) == pytest.approx(10.95, abs=0.1)


def test_coordinates_are_rounded_to_two_decimals() -> None:
    assert nearby.parse_point("34.71789", "137.85149") == (34.72, 137.85)
    assert nearby.parse_point(" -33.8688 ", "151.2093") == (-33.87, 151.21)
    assert nearby.parse_point("", "") is None


@pytest.mark.parametrize(
    ("lat", "lon"),
    [("abc", "137"), ("34", "east"), ("91", "137"), ("34", "181"), ("nan", "137"),
     ("34", "inf"), ("34.7", ""), ("", "137.8"), ("1e400", "0")],
)  # fmt: skip
def test_unusable_coordinates_are_refused(lat: str, lon: str) -> None:
    with pytest.raises(nearby.BadLocation):
        nearby.parse_point(lat, lon)


def test_distance_label_uses_the_readers_number_format() -> None:
    with translation.override("en"):
        assert nearby.distance_label(2.34) == "About 2.3 km away"
        assert nearby.distance_label(10.95) == "About 11 km away"
    with translation.override("pt-BR"):
        assert "2,3" in nearby.distance_label(2.34)


# --- organisation coordinates --------------------------------------------------------------


@pytest.mark.parametrize(
    ("lat", "lon"), [(90.5, 137.0), (-91.0, 137.0), (34.7, 180.5), (34.7, -181.0), (34.7, None)]
)
def test_organisation_coordinates_are_validated(db: None, lat: float, lon: float | None) -> None:
    org = Organisation(slug="x", name="X", kind=Organisation.Kind.ASSOCIATION)
    org.latitude, org.longitude = lat, lon
    with pytest.raises(ValidationError):
        org.full_clean()


@override_settings(DEBUG=True)
def test_demo_organisations_have_coordinates_in_japan(db: None) -> None:
    from kyosei.core.demo import load_demo

    load_demo()
    # A demo database made before coordinates existed gets them on the next load.
    Organisation.objects.filter(slug="oizumi").update(latitude=None, longitude=None)
    load_demo()
    demo = {o.slug: o.coordinates for o in Organisation.objects.all()}
    assert set(demo) == {"hamamatsu", "oizumi", "national-centre"}
    points = []
    for slug, point in demo.items():
        assert point is not None, slug
        assert 24 < point[0] < 46 and 122 < point[1] < 154, slug
        points.append(point)
    # Hamamatsu to Oizumi is about 230 km as the crow flies.
    assert 200 < nearby.haversine_km(points[0], points[1]) < 260


# --- municipality choice -------------------------------------------------------------------


def test_municipalities_of_a_prefecture_in_the_readers_language(areas: None) -> None:
    assert municipalities_of_prefecture("22", "ja") == [
        ("2210000", "静岡市"),
        ("2213000", "浜松市"),
        ("2213001", "浜松市南部"),
        ("2213002", "浜松市北部"),
        ("2221100", "磐田市"),
    ]
    english = dict(municipalities_of_prefecture("22", "en"))
    assert english["2221100"].lower().startswith("iwata")
    assert dict(municipalities_of_prefecture("22", "ko"))["2221100"] != "磐田市"
    assert municipalities_of_prefecture("99", "en") == []


def test_the_municipality_list_appears_once_a_prefecture_is_chosen(
    client: Client, world: dict[str, Organisation]
) -> None:
    page = client.get("/ja/counters/").content.decode()
    assert 'name="prefecture"' in page and 'name="municipality"' not in page
    page = client.get("/ja/counters/", {"prefecture": "22"}).content.decode()
    assert '<option value="2221100">磐田市</option>' in page
    assert "1052400" not in page.split('name="municipality"')[1].split("</select>")[0]
    assert '<option value="22" selected>' in page


def test_serving_the_municipality_ranks_first_then_prefecture_then_nationwide(
    client: Client, world: dict[str, Organisation]
) -> None:
    response = client.get(
        "/en/counters/", {"language": "pt-BR", "prefecture": "22", "municipality": "2213001"}
    )
    assert response.status_code == 200
    results = _results(response.content.decode())
    # Same prefecture: the one offering Portuguese before the one that does not.
    assert _order(results, ALL) == ["浜松市", "静岡県", "磐田市", "外国人在留支援センター"]
    assert "Serves your municipality" in _card(results, "浜松市")
    assert "In your prefecture" in _card(results, "静岡県")
    assert "In your prefecture" in _card(results, "磐田市")
    assert "Phone and online, nationwide" in _card(results, "外国人在留支援センター")
    assert "大泉町" not in results  # another prefecture, and no location to measure from


def test_a_counter_for_the_whole_city_serves_each_of_its_parts(
    client: Client, world: dict[str, Organisation]
) -> None:
    _org("hamamatsu-city", name="浜松市役所", prefecture="22", jma_codes={"2213000": "浜松市"})
    results = _results(
        client.get(
            "/en/counters/", {"prefecture": "22", "municipality": "2213002"}
        ).content.decode()
    )
    assert _order(results, ["浜松市 多文化", "浜松市役所", "磐田市"])[-1] == "磐田市"
    assert results.count("Serves your municipality") == 2


def test_switching_prefecture_drops_the_old_municipality_quietly(
    client: Client, world: dict[str, Organisation]
) -> None:
    page = client.get(
        "/en/counters/", {"prefecture": "10", "municipality": "2213001"}
    ).content.decode()
    assert 'role="alert"' not in page
    assert _order(_results(page), ALL) == ["大泉町", "外国人在留支援センター"]


# --- location -------------------------------------------------------------------------------


def test_my_location_ranks_the_nearest_first_with_distances(
    client: Client, world: dict[str, Organisation]
) -> None:
    response = client.get("/en/counters/", {"language": "en", **NEAR_IWATA})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    results = _results(response.content.decode())
    assert _order(results, ALL) == ["磐田市", "浜松市", "外国人在留支援センター"]
    assert "About 0.3 km away" in _card(results, "磐田市")
    hamamatsu_km = nearby.haversine_km((34.72, 137.85), (34.7036, 137.7327))
    assert hamamatsu_km == pytest.approx(10.9, abs=0.1)
    assert "About 11 km away" in _card(results, "浜松市")
    # The national centre is listed for everyone, with how it helps and how far it is.
    national = _card(results, "外国人在留支援センター")
    national_km = nearby.haversine_km((34.72, 137.85), (35.6863, 139.7294))
    assert 190 < national_km < 210
    assert "Phone and online, nationwide" in national
    assert f"About {round(national_km)} km away" in national


def test_the_wanted_language_comes_first_among_nearby_counters(
    client: Client, world: dict[str, Organisation]
) -> None:
    results = _results(
        client.get("/pt-BR/counters/", {"language": "pt-BR", **NEAR_IWATA}).content.decode()
    )
    assert _order(results, ALL) == ["浜松市", "磐田市", "外国人在留支援センター"]
    assert "0,3 km" in _card(results, "磐田市")  # the reader's decimal comma


def test_location_and_municipality_together(client: Client, world: dict[str, Organisation]) -> None:
    results = _results(
        client.get(
            "/en/counters/", {"prefecture": "22", "municipality": "2213001", **NEAR_IWATA}
        ).content.decode()
    )
    assert _order(results, ALL) == ["浜松市", "磐田市", "静岡県", "外国人在留支援センター"]
    hamamatsu = _card(results, "浜松市")
    assert "Serves your municipality" in hamamatsu and "About 11 km away" in hamamatsu


def test_the_location_script_is_a_static_file(
    client: Client, world: dict[str, Organisation]
) -> None:
    page = client.get("/en/counters/").content.decode()
    assert "guide/near-me.js" in page
    assert 'class="near-me-locate" hidden' in page  # shown by the script only
    assert "<script>" not in page  # the CSP forbids inline scripts


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"lat": "abc", "lon": "137.7"}, "Your location could not be read."),
        ({"lat": "95", "lon": "137.7"}, "Your location could not be read."),
        ({"lat": "34.7"}, "Your location could not be read."),
        ({"municipality": "2299999"}, "We do not know this municipality."),
        ({"municipality": "<script>"}, "We do not know this municipality."),
        ({"prefecture": "99"}, "We do not know this prefecture."),
    ],
)
def test_bad_input_shows_a_message_and_the_plain_directory(
    client: Client, world: dict[str, Organisation], params: dict[str, str], message: str
) -> None:
    response = client.get("/en/counters/", {"language": "pt-BR", **params})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page.split('role="alert"')[1]
    assert "near-me-results" not in page
    assert all(name in page for name in ALL)  # the whole directory, Portuguese first
    assert page.index("大泉町") < page.index("Other counters") < page.index("磐田市")


# --- API ------------------------------------------------------------------------------------


def test_api_ranks_like_the_page_with_distances(
    client: Client, world: dict[str, Organisation]
) -> None:
    response = client.get("/api/v1/guide/counters", NEAR_IWATA)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert [(c["slug"], c["reason"]) for c in data] == [
        ("iwata", "nearby"),
        ("hamamatsu", "nearby"),
        ("national", "nationwide"),
    ]
    assert data[0]["distance_km"] == pytest.approx(0.3, abs=0.05)
    assert data[1]["distance_km"] == pytest.approx(10.9, abs=0.05)
    assert data[0]["latitude"] == pytest.approx(34.7179)


def test_api_municipality_and_language(client: Client, world: dict[str, Organisation]) -> None:
    data = client.get("/api/v1/guide/counters", {"municipality": "2213002", "lang": "pt-BR"}).json()
    # `lang` filters, as before; the municipality ranks.
    assert [(c["slug"], c["reason"], c["distance_km"]) for c in data] == [
        ("hamamatsu", "municipality", None),
        ("shizuoka", "prefecture", None),
    ]


def test_api_without_a_place_is_the_plain_list(
    client: Client, world: dict[str, Organisation]
) -> None:
    data = client.get("/api/v1/guide/counters").json()
    assert [c["slug"] for c in data] == ["oizumi", "national", "hamamatsu", "iwata", "shizuoka"]
    assert {c["reason"] for c in data} == {""}
    assert {c["distance_km"] for c in data} == {None}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"lat": "north", "lon": "137"}, "Your location could not be read."),
        ({"lat": "34", "lon": "200"}, "Your location could not be read."),
        ({"lon": "137"}, "Your location could not be read."),
        ({"municipality": "2299999"}, "We do not know this municipality."),
        ({"municipality": "22"}, "We do not know this municipality."),
    ],
)
def test_api_refuses_bad_input_with_422(
    client: Client, world: dict[str, Organisation], params: dict[str, str], message: str
) -> None:
    response = client.get("/api/v1/guide/counters", params)
    assert response.status_code == 422
    assert message in response.json()["detail"]


# --- query count ----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 30])
def test_directory_query_count_does_not_grow_with_counters(
    client: Client, areas: None, django_assert_num_queries: Any, count: int
) -> None:
    for n in range(count):
        _org(
            f"org-{n}",
            name=f"Counter {n}",
            prefecture="22",
            latitude=34.70 + n / 1000,
            longitude=137.75,
            languages_offered=["pt-BR"] if n % 2 else ["en"],
            jma_codes={"2213001" if n % 3 == 0 else f"22{n:05d}": ""},
        )
    params = {"prefecture": "22", "municipality": "2213001", "language": "pt-BR", **NEAR_IWATA}
    client.get("/en/counters/", params)  # warm the language registry and the rate-limit cache
    with django_assert_num_queries(QUERIES):
        page = client.get("/en/counters/", params).content.decode()
    assert page.count('<li class="card">') == count


# Rate limit and language registry are cached; then the counters, their areas, the counters'
# opening hours and the prefecture's municipalities: one query each.
QUERIES = 4
