"""Guide JSON API (v1): languages, chapters, articles with fallback chain, search, counters.

Every GET answers with an ETag (hash of the body and of the pagination headers) and, where
meaningful, Last-Modified; If-None-Match gives 304, so apps can cache the guide cheaply for
offline reading.

The lists that grow with content (/articles, /search, /counters) are paginated with
`?limit=&offset=`: the body stays a JSON array, `X-Total-Count` and an RFC 8288 `Link` header
carry the total and the other pages (see kyosei/api_pagination.py). Each page has its own
ETag. /languages and /chapters are a client's bootstrap data, a few dozen rows at most, and
stay whole.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date
from ninja import Query, Router, Schema

from kyosei.alerts.areas import area_name
from kyosei.api_pagination import (
    Page,
    PageParams,
    page_headers,
    paginate_list,
    paginated_openapi,
)
from kyosei.core.languages import registry
from kyosei.guide import access, reader, search
from kyosei.guide.models import Article, Chapter, LifeEvent
from kyosei.orgs.models import Organisation

router = Router(tags=["guide"])


class LanguageOut(Schema):
    code: str
    native_name: str
    name_en: str
    direction: str
    fallback_chain: list[str]


class ChapterOut(Schema):
    code: str
    title: str


class SourceOut(Schema):
    title: str
    url: str


class ArticleSummaryOut(Schema):
    organisation: str
    slug: str
    chapter: str
    life_events: list[str]
    language: str
    title: str
    summary: str
    is_fallback: bool
    outdated: bool
    updated_at: datetime


class ArticleOut(ArticleSummaryOut):
    requested_language: str
    fallback_chain: list[str]
    html: str
    sources: list[SourceOut]
    verified_on: date | None
    local: bool


class CounterOut(Schema):
    slug: str
    name: str
    name_en: str
    name_local: str  # in the requested language (fallback chain), else the Japanese name
    kind: str
    prefecture: str
    prefecture_name: str
    address: str
    address_local: str
    phone: str
    website: str
    languages_offered: list[str]
    hours: str
    latitude: float | None
    longitude: float | None
    distance_km: float | None
    reason: str


def _language(lang: str) -> str:
    found = registry().get(lang)
    if found is None:
        raise Http404
    return found.code


def _conditional(
    request: HttpRequest,
    payload: Any,
    last_modified: datetime | None = None,
    page: Page[Any] | None = None,
) -> HttpResponse:
    body = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
    headers = page_headers(request, page) if page is not None else {}
    # The headers are part of what a cached copy means: a page whose items are unchanged
    # while the total grew must not be answered 304 with a stale X-Total-Count and Link.
    digest = hashlib.sha256(body)
    for name in sorted(headers):
        digest.update(f"\n{name}: {headers[name]}".encode())
    etag = '"' + digest.hexdigest()[:32] + '"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = "public, max-age=300"
    for name, value in headers.items():
        response[name] = value
    return response


def _summary(shown: reader.Shown) -> dict[str, Any]:
    a = shown.article
    return {
        "organisation": a.organisation.slug,
        "slug": a.slug,
        "chapter": a.chapter,
        "life_events": list(a.life_events or []),
        "language": shown.language,
        "title": shown.title,
        "summary": shown.summary,
        "is_fallback": shown.is_fallback,
        "outdated": shown.outdated,
        "updated_at": shown.updated_at,
    }


@router.get("/languages", response=list[LanguageOut], summary="Languages the guide is served in")
def languages(request: HttpRequest) -> HttpResponse:
    reg = registry()
    payload = [
        {
            "code": lang.code,
            "native_name": lang.native_name,
            "name_en": lang.name_en,
            "direction": lang.direction,
            "fallback_chain": reg.fallback_chain(lang.code),
        }
        for lang in reg.languages
    ]
    return _conditional(request, payload)


@router.get("/chapters", response=list[ChapterOut], summary="The 12 chapters, titled in `lang`")
def chapters(request: HttpRequest, lang: str = "en") -> HttpResponse:
    from django.utils import translation

    with translation.override(_language(lang)):
        payload = [{"code": value, "title": str(label)} for value, label in Chapter.choices]
    return _conditional(request, payload)


@router.get(
    "/articles",
    response=list[ArticleSummaryOut],
    summary="Published articles in `lang` (each through its fallback chain), paginated",
    description=(
        "Ordered by chapter, position, slug; with `life_event`, by legal deadline (shortest"
        " first, then articles without one), then position. Paginated: see `limit` and"
        " `offset`."
    ),
    openapi_extra=paginated_openapi(),
)
def articles(
    request: HttpRequest,
    page: Query[PageParams],
    lang: str = "en",
    chapter: str = "",
    life_event: str = "",
    municipality: str = "",
) -> HttpResponse:
    code = _language(lang)
    city = (
        Organisation.objects.filter(slug=municipality, kind=Organisation.Kind.MUNICIPALITY).first()
        if municipality
        else None
    )
    qs = (
        access.public_articles(city)
        .select_related("organisation")
        .order_by("chapter", "position", "slug", "pk")
    )
    if chapter:
        if chapter not in Chapter.values:
            raise Http404
        qs = qs.filter(chapter=chapter)
    items = list(qs)
    if life_event:
        if life_event not in LifeEvent.values:
            raise Http404
        items = [a for a in items if life_event in (a.life_events or [])]
    # Resolving every article is one query; only the page is rendered. The total must count
    # what a reader can see, so articles without any live revision are left out first.
    shown = reader.resolve(items, code)
    visible = [shown[a.pk] for a in items if a.pk in shown]
    if life_event:
        visible = reader.by_deadline(visible)
    chunk = paginate_list(visible, limit=page.limit, offset=page.offset)
    payload = [_summary(s) for s in chunk.items]
    # Newest of the whole list, not of the page: any change can move items between pages.
    newest = max((s.updated_at for s in visible), default=None)
    return _conditional(request, payload, newest, chunk)


@router.get(
    "/articles/{organisation}/{slug}",
    response=ArticleOut,
    summary="One article in `lang`, or the first available language of its fallback chain",
)
def article(request: HttpRequest, organisation: str, slug: str, lang: str = "en") -> HttpResponse:
    code = _language(lang)
    item = (
        Article.objects.filter(
            organisation__slug=organisation,
            slug=slug,
            deleted_at__isnull=True,
            organisation__is_public=True,
        )
        .select_related("organisation")
        .first()
    )
    if item is None:
        raise Http404
    shown = reader.resolve([item], code).get(item.pk)
    if shown is None:
        raise Http404
    payload = {
        **_summary(shown),
        "requested_language": code,
        "fallback_chain": registry().fallback_chain(code),
        "html": reader.body_html(shown),
        "sources": [s.__dict__ for s in reader.source_links(item, code)],
        "verified_on": item.verified_on,
        "local": not item.is_national,
    }
    return _conditional(request, payload, shown.updated_at)


# The best hits a search can page through; `X-Total-Count` says how many were found, up to this.
SEARCH_MAX_RESULTS = 500


@router.get(
    "/search",
    response=list[ArticleSummaryOut],
    summary="Search in `lang` (any script), paginated",
    description=(
        "Best matches first (ties by article). Paginated: see `limit` and `offset`; "
        f"at most {SEARCH_MAX_RESULTS} results are found."
    ),
    openapi_extra=paginated_openapi(),
)
def search_articles(
    request: HttpRequest, q: str, page: Query[PageParams], lang: str = "en"
) -> HttpResponse:
    code = _language(lang)
    hits = search.search(q[:100], reader.search_languages(code), limit=SEARCH_MAX_RESULTS)
    by_pk = {
        a.pk: a
        for a in Article.objects.filter(
            pk__in=[h.article_id for h in hits], deleted_at__isnull=True
        ).select_related("organisation")
    }
    ordered = [by_pk[h.article_id] for h in hits if h.article_id in by_pk]
    shown = reader.resolve(ordered, code)
    visible = [shown[a.pk] for a in ordered if a.pk in shown]
    chunk = paginate_list(visible, limit=page.limit, offset=page.offset)
    return _conditional(request, [_summary(s) for s in chunk.items], page=chunk)


@router.get(
    "/counters",
    response=list[CounterOut],
    summary="Counters, optionally by language, near a place, paginated",
    description=(
        "Without `municipality`, `lat` or `lon`: every counter, ordered by prefecture code, then"
        " name. With them: counters serving the municipality (a 7-digit JMA code), then those"
        " within 50 km of `lat`/`lon` (rounded to 2 decimals, never stored), then the rest of"
        " the municipality's prefecture, then nationwide services; counters offering `lang`"
        " first within each group, then the nearest. `reason` says which group; `distance_km`"
        " is null when either side has no coordinates. `lang` and `prefecture` filter."
        " Unusable `lat`/`lon` or an unknown municipality: 422. Paginated: see `limit` and"
        " `offset`."
    ),
    openapi_extra=paginated_openapi(),
)
def counters(
    request: HttpRequest,
    page: Query[PageParams],
    lang: str = "",
    prefecture: str = "",
    municipality: str = "",
    lat: str = "",
    lon: str = "",
) -> HttpResponse:
    from django.utils import translation
    from ninja.errors import HttpError

    from kyosei.guide import nearby
    from kyosei.orgs.access import public_directory

    language = _language(lang) if lang else "en"
    with translation.override(language):
        place, problems = nearby.parse_place(
            prefecture="", municipality=municipality, lat=lat, lon=lon, language=language
        )
        if problems:
            raise HttpError(422, " ".join(problems))
    qs = public_directory().order_by("prefecture", "name", "pk")
    if prefecture:
        qs = qs.filter(prefecture=prefecture)
    ranked = nearby.rank(qs, place, lang)
    # languages_offered is a JSON list, which SQLite cannot filter by membership: filter here.
    matching = [item for item in ranked if not lang or item.offers_language]
    chunk = paginate_list(matching, limit=page.limit, offset=page.offset)
    rows = chunk.items
    hours = reader.counter_hours([i.organisation.pk for i in rows], language)
    payload = [
        {
            "slug": o.slug,
            "name": o.name,
            "name_en": o.name_en,
            "name_local": o.translated("name", language),
            "kind": o.kind,
            "prefecture": o.prefecture,
            "prefecture_name": area_name("prefecture", o.prefecture, language)
            if o.prefecture
            else "",
            "address": o.address,
            "address_local": o.translated("address", language),
            "phone": o.phone,
            "website": o.website,
            "languages_offered": list(o.languages_offered or []),
            "hours": hours.get(o.pk, ""),
            "latitude": o.latitude,
            "longitude": o.longitude,
            "distance_km": round(i.distance_km, 1) if i.distance_km is not None else None,
            "reason": nearby.GROUP_KEYS[i.group] if place.given else "",
        }
        for i in rows
        for o in [i.organisation]
    ]
    response = _conditional(request, payload, page=chunk)
    if place.point:
        # The URL says where the resident is: no shared cache may keep it.
        response["Cache-Control"] = "no-store, private"
    return response
