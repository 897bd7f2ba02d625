"""Pagination of the JSON API's lists: limit/offset, X-Total-Count, RFC 8288 Link, ETags per
page, 422 for bad values, OpenAPI, and a constant number of queries whatever the page."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from kyosei.guide import services
from kyosei.guide.models import Article
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db

ARTICLES = 7
LINK_RE = re.compile(r'<([^>]+)>;\s*rel="([^"]+)"')


def links(response: Any) -> dict[str, dict[str, list[str]]]:
    """rel → the link's query parameters."""
    found = {}
    for url, rel in LINK_RE.findall(response["Link"]):
        parts = urlsplit(url)
        assert parts.scheme == "http" and parts.netloc == "testserver", url
        found[rel] = parse_qs(parts.query)
    return found


@pytest.fixture
def articles(national: Organisation) -> list[Article]:
    made = []
    for i in range(ARTICLES):
        article = services.create_article(
            actor=None,
            organisation=national,
            slug=f"topic-{i}",
            chapter="daily_life",
            source_language="ja",
            # Equal positions in pairs: the order must still be total (slug, then pk).
            position=i // 2,
        )
        services.save_revision(
            actor=None, article=article, language="ja", title=f"生活の情報 {i}", publish=True
        )
        services.save_revision(
            actor=None, article=article, language="en", title=f"Daily life {i}", publish=True
        )
        made.append(article)
    # Not shown to readers (no live revision): never counted, never on a page.
    services.create_article(
        actor=None,
        organisation=national,
        slug="draft-only",
        chapter="daily_life",
        source_language="ja",
    )
    return made


def test_pages_cover_the_list_once_in_a_stable_order(
    client: Client, articles: list[Article]
) -> None:
    whole = client.get("/api/v1/guide/articles", {"lang": "en"})
    assert whole["X-Total-Count"] == str(ARTICLES)
    everything = [row["slug"] for row in whole.json()]
    assert everything == [f"topic-{i}" for i in range(ARTICLES)]
    seen: list[str] = []
    offset = 0
    while True:
        page = client.get(
            "/api/v1/guide/articles", {"lang": "en", "limit": "3", "offset": str(offset)}
        )
        assert page.status_code == 200
        assert page["X-Total-Count"] == str(ARTICLES)
        seen += [row["slug"] for row in page.json()]
        rels = links(page)
        assert rels["first"]["offset"] == ["0"] and rels["last"]["offset"] == ["6"]
        assert all(q["lang"] == ["en"] and q["limit"] == ["3"] for q in rels.values())
        if "next" not in rels:
            break
        offset = int(rels["next"]["offset"][0])
    assert seen == everything
    assert offset == 6 and "prev" in rels and rels["prev"]["offset"] == ["3"]


def test_first_page_has_no_prev_and_past_the_end_is_empty(
    client: Client, articles: list[Article]
) -> None:
    first = client.get("/api/v1/guide/articles", {"limit": "5"})
    assert set(links(first)) == {"first", "next", "last"}
    assert len(first.json()) == 5
    beyond = client.get("/api/v1/guide/articles", {"limit": "5", "offset": "50"})
    assert beyond.status_code == 200 and beyond.json() == []
    assert beyond["X-Total-Count"] == str(ARTICLES)
    assert links(beyond)["prev"]["offset"] == ["5"]  # back to the real last page


def test_default_limit_is_50(client: Client, national: Organisation) -> None:
    for i in range(53):
        article = services.create_article(
            actor=None,
            organisation=national,
            slug=f"many-{i:02}",
            chapter="tax",
            source_language="ja",
        )
        services.save_revision(actor=None, article=article, language="ja", title="税", publish=True)
    response = client.get("/api/v1/guide/articles")
    assert len(response.json()) == 50 and response["X-Total-Count"] == "53"
    assert links(response)["next"]["offset"] == ["50"]
    assert len(client.get("/api/v1/guide/articles", {"limit": "200"}).json()) == 53


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"limit": "0"}, "limit", "greater than or equal to 1"),
        ({"limit": "201"}, "limit", "less than or equal to 200"),
        ({"limit": "ten"}, "limit", "valid integer"),
        ({"offset": -1}, "offset", "greater than or equal to 0"),
    ],
)
def test_bad_limit_or_offset_is_422_naming_the_parameter(
    client: Client, params: dict[str, Any], field: str, message: str
) -> None:
    for path, extra in (
        ("/api/v1/guide/articles", {}),
        ("/api/v1/guide/search", {"q": "life"}),
        ("/api/v1/guide/counters", {}),
        ("/api/v1/alerts/notices", {}),
    ):
        response = client.get(path, {**extra, **params})
        assert response.status_code == 422, path
        detail = response.json()["detail"][0]
        assert detail["loc"] == ["query", field] and message in detail["msg"], (path, detail)


def test_each_page_has_its_own_etag_and_304(client: Client, articles: list[Article]) -> None:
    one = client.get("/api/v1/guide/articles", {"limit": "2"})
    two = client.get("/api/v1/guide/articles", {"limit": "2", "offset": "2"})
    assert one["ETag"] != two["ETag"]
    again = client.get(
        "/api/v1/guide/articles", {"limit": "2", "offset": "2"}, HTTP_IF_NONE_MATCH=two["ETag"]
    )
    assert again.status_code == 304 and again["X-Total-Count"] == str(ARTICLES)
    assert "Last-Modified" in again and again["Link"] == two["Link"]
    wrong = client.get("/api/v1/guide/articles", {"limit": "2"}, HTTP_IF_NONE_MATCH=two["ETag"])
    assert wrong.status_code == 200


def test_a_grown_total_changes_the_etag_of_an_unchanged_page(
    client: Client, articles: list[Article], national: Organisation
) -> None:
    before = client.get("/api/v1/guide/articles", {"limit": "2"})
    late = services.create_article(
        actor=None, organisation=national, slug="zz-late", chapter="tax", source_language="ja"
    )
    services.save_revision(actor=None, article=late, language="ja", title="最後", publish=True)
    after = client.get("/api/v1/guide/articles", {"limit": "2"}, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert [r["slug"] for r in after.json()] == [r["slug"] for r in before.json()]
    assert after["X-Total-Count"] == str(ARTICLES + 1)


def test_same_number_of_queries_on_page_1_and_page_3(
    client: Client, articles: list[Article], django_assert_num_queries: Any
) -> None:
    for i in range(5):
        org_services.create_organisation(
            actor=None,
            slug=f"city-{i}",
            name=f"市 {i}",
            kind=Organisation.Kind.MUNICIPALITY,
            prefecture="22",
        )
    client.get("/api/v1/guide/articles", {"lang": "en"})  # warms the language registry cache
    client.get("/api/v1/guide/search", {"lang": "en", "q": "life"})
    client.get("/api/v1/guide/counters")
    for path, params, queries in (
        ("/api/v1/guide/articles", {"lang": "en"}, 3),
        # One gram query per language searched: en, its chain, and Plain Japanese.
        ("/api/v1/guide/search", {"lang": "en", "q": "life"}, 7),
        ("/api/v1/guide/counters", {}, 3),
    ):
        for offset in (0, 4):  # page 1 and page 3 of two items each
            with django_assert_num_queries(queries):
                response = client.get(path, {**params, "limit": "2", "offset": str(offset)})
            assert len(response.json()) in {1, 2}, (path, offset)


def test_search_pages(client: Client, articles: list[Article]) -> None:
    first = client.get("/api/v1/guide/search", {"lang": "en", "q": "daily life", "limit": "4"})
    assert first["X-Total-Count"] == str(ARTICLES)
    second = client.get(
        "/api/v1/guide/search", {"lang": "en", "q": "daily life", "limit": "4", "offset": "4"}
    )
    slugs = [r["slug"] for r in first.json()] + [r["slug"] for r in second.json()]
    assert sorted(slugs) == sorted(f"topic-{i}" for i in range(ARTICLES))
    assert links(second)["first"]["q"] == ["daily life"]


def test_counters_pages(client: Client) -> None:
    for i in range(5):
        org_services.create_organisation(
            actor=None,
            slug=f"city-{i}",
            name="同じ名前",  # same prefecture and name: the primary key decides
            kind=Organisation.Kind.MUNICIPALITY,
            prefecture="22",
        )
    first = client.get("/api/v1/guide/counters", {"prefecture": "22", "limit": "2"})
    assert first["X-Total-Count"] == "5"
    rest = [
        client.get("/api/v1/guide/counters", {"prefecture": "22", "limit": "2", "offset": str(o)})
        for o in (2, 4)
    ]
    slugs = [r["slug"] for page in (first, *rest) for r in page.json()]
    assert slugs == [f"city-{i}" for i in range(5)]
    assert links(first)["next"]["prefecture"] == ["22"]


def test_openapi_describes_pagination(client: Client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/v1/guide/articles",
        "/api/v1/guide/search",
        "/api/v1/guide/counters",
        "/api/v1/alerts/notices",
        "/api/v1/counter/consultations",
        "/api/v1/counter/referrals/received",
    ):
        get = paths[path]["get"]
        params = {p["name"]: p["schema"] for p in get["parameters"]}
        assert params["limit"]["minimum"] == 1 and params["offset"]["minimum"] == 0, path
        assert params["limit"]["default"] == 50, path
        headers = get["responses"]["200"]["headers"]
        assert {"X-Total-Count", "Link"} <= set(headers), path
        assert "422" in get["responses"], path
    assert paths["/api/v1/guide/articles"]["get"]["parameters"][0]["schema"]["maximum"] == 200


def test_alert_notices_are_paginated(client: Client) -> None:
    from django.utils import timezone

    from kyosei.alerts.models import Notice

    now = timezone.now()
    for minutes in range(3):
        Notice.objects.create(
            hazard="local",
            phase="issue",
            template="local.evacuation_order.issue",
            codes=["2213001"],
            details={"district": {"ja": "佐鳴台"}, "shelter": {"ja": "佐鳴台小学校"}},
            received_at=now,
            created_at=now - timedelta(minutes=minutes),
        )
    first = client.get("/api/v1/alerts/notices", {"limit": "2"})
    assert first.status_code == 200 and len(first.json()) == 2
    assert first["X-Total-Count"] == "3"
    assert links(first)["next"]["offset"] == ["2"]
    second = client.get("/api/v1/alerts/notices", {"limit": "2", "offset": "2"}).json()
    ids = [n["id"] for n in first.json()] + [n["id"] for n in second]
    assert ids == list(Notice.objects.order_by("-created_at").values_list("pk", flat=True))


def test_counter_consultations_and_referrals_are_paginated(
    client: Client, org_a: Organisation
) -> None:
    from kyosei.counter import services as counter_services
    from kyosei.counter.tests.factories import make_client, make_consultation

    person = make_client(org_a)
    made = [make_consultation(org_a, person) for _ in range(3)]
    _key, secret = counter_services.create_api_key(actor=None, organisation=org_a, name="t")
    headers = {"Authorization": f"Bearer {secret}"}
    first = client.get("/api/v1/counter/consultations", {"limit": "2"}, headers=headers)
    assert first["X-Total-Count"] == "3" and len(first.json()) == 2
    assert links(first)["next"]["offset"] == ["2"]
    second = client.get(
        "/api/v1/counter/consultations", {"limit": "2", "offset": "2"}, headers=headers
    ).json()
    assert {r["id"] for r in first.json()} | {r["id"] for r in second} == {c.pk for c in made}
    too_many = client.get("/api/v1/counter/consultations", {"limit": "501"}, headers=headers)
    assert too_many.status_code == 422
    referrals = client.get("/api/v1/counter/referrals/received", headers=headers)
    assert referrals.json() == [] and referrals["X-Total-Count"] == "0"
    assert set(links(referrals)) == {"first", "last"}
