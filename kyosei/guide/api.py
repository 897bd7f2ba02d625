"""Guide JSON API (v1): languages, chapters, articles with fallback chain, search, counters.

Every GET answers with an ETag (hash of the body) and, where meaningful, Last-Modified;
If-None-Match gives 304, so apps can cache the guide cheaply for offline reading.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date
from ninja import Router, Schema

from kyosei.core.languages import registry
from kyosei.guide import access, reader, render, search
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
    kind: str
    prefecture: str
    address: str
    phone: str
    website: str
    languages_offered: list[str]
    hours: str


def _language(lang: str) -> str:
    found = registry().get(lang)
    if found is None:
        raise Http404
    return found.code


def _conditional(
    request: HttpRequest, payload: Any, last_modified: datetime | None = None
) -> HttpResponse:
    body = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = "public, max-age=300"
    return response


def _summary(shown: reader.Shown, facts: dict[str, render.FactSnapshot]) -> dict[str, Any]:
    a = shown.article
    return {
        "organisation": a.organisation.slug,
        "slug": a.slug,
        "chapter": a.chapter,
        "life_events": list(a.life_events or []),
        "language": shown.language,
        "title": render.render_inline(shown.revision.title, shown.language, facts),
        "summary": render.render_inline(shown.revision.summary, shown.language, facts),
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
    summary="Published articles in `lang` (each through its fallback chain)",
)
def articles(
    request: HttpRequest,
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
    qs = access.public_articles(city).select_related("organisation")
    if chapter:
        if chapter not in Chapter.values:
            raise Http404
        qs = qs.filter(chapter=chapter)
    items = list(qs)
    if life_event:
        if life_event not in LifeEvent.values:
            raise Http404
        items = [a for a in items if life_event in (a.life_events or [])]
    shown = reader.resolve(items, code)
    facts = render.current_facts(None)
    payload = [_summary(shown[a.pk], facts) for a in items if a.pk in shown]
    newest = max((shown[a.pk].updated_at for a in items if a.pk in shown), default=None)
    return _conditional(request, payload, newest)


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
    facts = render.current_facts(item.organisation_id)
    payload = {
        **_summary(shown, facts),
        "requested_language": code,
        "fallback_chain": registry().fallback_chain(code),
        "html": reader.body_html(shown, facts),
        "sources": [s.__dict__ for s in reader.source_links(item, code)],
        "verified_on": item.verified_on,
        "local": not item.is_national,
    }
    return _conditional(request, payload, shown.updated_at)


@router.get("/search", response=list[ArticleSummaryOut], summary="Search in `lang` (any script)")
def search_articles(request: HttpRequest, q: str, lang: str = "en") -> HttpResponse:
    code = _language(lang)
    hits = search.search(q[:100], registry().fallback_chain(code))
    by_pk = {
        a.pk: a
        for a in Article.objects.filter(
            pk__in=[h.article_id for h in hits], deleted_at__isnull=True
        ).select_related("organisation")
    }
    ordered = [by_pk[h.article_id] for h in hits if h.article_id in by_pk]
    shown = reader.resolve(ordered, code)
    facts = render.current_facts(None)
    return _conditional(request, [_summary(shown[a.pk], facts) for a in ordered if a.pk in shown])


@router.get("/counters", response=list[CounterOut], summary="Counters, optionally by language")
def counters(request: HttpRequest, lang: str = "", prefecture: str = "") -> HttpResponse:
    qs = Organisation.objects.filter(is_public=True).order_by("prefecture", "name")
    if prefecture:
        qs = qs.filter(prefecture=prefecture)
    rows = [o for o in qs if not lang or lang in (o.languages_offered or [])]
    hours = reader.counter_hours([o.pk for o in rows], _language(lang) if lang else "en")
    payload = [
        {
            "slug": o.slug,
            "name": o.name,
            "name_en": o.name_en,
            "kind": o.kind,
            "prefecture": o.prefecture,
            "address": o.address,
            "phone": o.phone,
            "website": o.website,
            "languages_offered": list(o.languages_offered or []),
            "hours": hours.get(o.pk, ""),
        }
        for o in rows
    ]
    return _conditional(request, payload)
