"""Resident portal: guide home, chapters, life events, articles, search, counters, feedback."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from kyosei.core.languages import current, registry
from kyosei.core.ratelimit import rate_limited
from kyosei.guide import access, reader, reading_aids, search, services
from kyosei.guide.models import Article, Chapter, LifeEvent
from kyosei.guide.pagecache import mark_cacheable
from kyosei.guide.plain import FURIGANA_LANGUAGES
from kyosei.orgs.access import public_directory
from kyosei.orgs.models import Organisation
from kyosei.residence import links as residence_links

MAX_QUERY = 100


def _listing(articles: list[Article], language: str) -> list[reader.Shown]:
    shown = reader.resolve(articles, language)
    return [shown[a.pk] for a in articles if a.pk in shown]


def _municipality(request: HttpRequest) -> Organisation | None:
    """A reader may choose their municipality (?city=slug) to see its local articles too."""
    slug = request.GET.get("city", "")
    if not slug:
        return None
    return Organisation.objects.filter(
        slug=slug, kind=Organisation.Kind.MUNICIPALITY, is_public=True
    ).first()


@require_GET
@rate_limited("public")
def home(request: HttpRequest) -> HttpResponse:
    language = current().code
    city = _municipality(request)
    articles = list(
        access.public_articles(city).filter(parent__isnull=True).select_related("organisation")
    )
    shown = _listing(articles, language)
    by_chapter: dict[str, list[reader.Shown]] = {value: [] for value in Chapter.values}
    for item in shown:
        by_chapter[item.article.chapter].append(item)
    chapters = [(value, label, by_chapter[value]) for value, label in Chapter.choices]
    return render(
        request,
        "guide/home.html",
        {
            "chapters": chapters,
            "life_events": LifeEvent.choices,
            "city": city,
            "cities": Organisation.objects.filter(
                kind=Organisation.Kind.MUNICIPALITY, is_public=True
            ).order_by("name"),
        },
    )


@require_GET
@rate_limited("public")
def chapter(request: HttpRequest, chapter: str) -> HttpResponse:
    if chapter not in Chapter.values:
        raise Http404
    city = _municipality(request)
    articles = list(
        access.public_articles(city)
        .filter(chapter=chapter, parent__isnull=True)
        .select_related("organisation")
    )
    return render(
        request,
        "guide/listing.html",
        {
            "heading": Chapter(chapter).label,
            "items": _listing(articles, current().code),
            "city": city,
        },
    )


@require_GET
@rate_limited("public")
def life_event(request: HttpRequest, event: str) -> HttpResponse:
    if event not in LifeEvent.values:
        raise Http404
    city = _municipality(request)
    articles = [
        a
        for a in access.public_articles(city).select_related("organisation")
        if event in (a.life_events or [])
    ]
    return render(
        request,
        "guide/listing.html",
        {
            "heading": LifeEvent(event).label,
            "items": reader.by_deadline(_listing(articles, current().code)),
            "city": city,
        },
    )


def _article(org: str, slug: str) -> Article:
    article = (
        Article.objects.filter(
            organisation__slug=org,
            slug=slug,
            deleted_at__isnull=True,
            organisation__is_public=True,
        )
        .select_related("organisation")
        .first()
    )
    if article is None:
        raise Http404
    return article


@require_GET
@rate_limited("public")
def article(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    """The same for every reader (no CSRF token, no per-user parts): pagecache.ArticlePageCache
    keeps the finished page and answers repeat requests before the middleware stack."""
    response = _article_page(request, org, slug)
    mark_cacheable(response)
    return response


def _article_page(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    item = _article(org, slug)
    language = current().code
    shown = reader.resolve([item], language).get(item.pk)
    if shown is None:
        raise Http404
    furigana_on = reading_aids.wanted(request) and shown.language in FURIGANA_LANGUAGES
    local = list(
        Article.objects.filter(parent=item, deleted_at__isnull=True, organisation__is_public=True)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    local_shown = _listing(local, language)
    response = render(
        request,
        "guide/article.html",
        {
            "item": shown,
            "body": reader.body_html(shown, furigana=furigana_on),
            "shown_language": registry().get(shown.language),
            "sources": reader.source_links(item, language),
            "furigana_available": shown.language in FURIGANA_LANGUAGES,
            "furigana_on": furigana_on,
            "local_sections": local_shown,
            "tools": residence_links.for_article(item.slug),
            "chapter_label": Chapter(item.chapter).label,
            "share_url": request.build_absolute_uri(request.path),
            "thanks": request.GET.get("thanks") == "1",
        },
    )
    response["Last-Modified"] = shown.updated_at.strftime("%a, %d %b %Y %H:%M:%S GMT")
    return response


# Anonymous and rate-limited: a forged submission carries no identity or session, so CSRF
# protection would add nothing here but a per-visitor token that stops article pages from
# being cached.
@csrf_exempt
@require_POST
@rate_limited("public")
def feedback(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    item = _article(org, slug)
    # An article readers cannot see answers exactly as a missing one (no existence oracle).
    if item.pk not in reader.resolve([item], current().code):
        raise Http404
    helpful = request.POST.get("helpful")
    if helpful not in {"yes", "no"}:
        return redirect("guide:article", org=org, slug=slug)
    services.give_feedback(
        article=item,
        language=current().code,
        helpful=helpful == "yes",
        comment=request.POST.get("comment", "")[:2000],
    )
    return redirect(reverse("guide:article", kwargs={"org": org, "slug": slug}) + "?thanks=1")


@require_GET
@rate_limited("public")
def search_view(request: HttpRequest) -> HttpResponse:
    """Search in the reader's language, its fallbacks and Japanese, aliases included; when
    nothing is found, the chapters and the counters are offered instead of a dead end."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    language = current().code
    items: list[reader.Shown] = []
    if query:
        hits = search.search(query, reader.search_languages(language))
        by_pk = {
            a.pk: a
            for a in Article.objects.filter(
                pk__in=[h.article_id for h in hits], deleted_at__isnull=True
            ).select_related("organisation")
        }
        articles = [by_pk[h.article_id] for h in hits if h.article_id in by_pk]
        items = _listing(articles, language)
    return render(
        request,
        "guide/search.html",
        {"query": query, "items": items, "chapters": Chapter.choices},
    )


@require_GET
def counters_moved(request: HttpRequest) -> HttpResponse:
    """The directory lives at /<lang>/counters/; keep old guide links working."""
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("core:directory") + (f"?{query}" if query else ""), permanent=True)


@require_GET
@rate_limited("public")
def counters(request: HttpRequest) -> HttpResponse:
    """Who can help me in my language near me: the resident's municipality (prefecture, then
    municipality; works without JavaScript) or their rounded coordinates ("Use my location")
    rank the counters; bad input leaves a message and the plain directory."""
    from kyosei.alerts.areas import area_name
    from kyosei.guide import nearby
    from kyosei.orgs.prefectures import PREFECTURES

    language = current().code
    wanted = registry().get(request.GET.get("language", "")) or current()
    place, problems = nearby.parse_place(
        prefecture=request.GET.get("prefecture", ""),
        municipality=request.GET.get("municipality", ""),
        lat=request.GET.get("lat", ""),
        lon=request.GET.get("lon", ""),
        language=language,
    )
    ranked = nearby.rank(public_directory().order_by("prefecture", "name"), place, wanted.code)
    orgs = [item.organisation for item in ranked]
    hours = reader.counter_hours([o.pk for o in orgs], language)
    for item in ranked:
        org = item.organisation
        org.guide_hours = hours.get(org.pk, "")  # type: ignore[attr-defined]
        org.near_reasons = nearby.reasons(item) if place.given else []  # type: ignore[attr-defined]
    matching = [item for item in ranked if item.offers_language]
    others = [item for item in ranked if not item.offers_language]
    response = render(
        request,
        "guide/counters.html",
        {
            "wanted": wanted,
            "place": place,
            "problems": problems,
            # With a place: one ranked list with reasons; without: the plain directory.
            "ranked": orgs if place.given else [],
            "matching": [] if place.given else [i.organisation for i in matching],
            "others": [] if place.given else [i.organisation for i in others],
            "language_names": {lang.code: lang.native_name for lang in registry().languages},
            "prefecture": place.prefecture,
            "prefectures": [
                (code, area_name("prefecture", code, language)) for code in PREFECTURES
            ],
        },
    )
    if place.point:
        # The page names where the resident is: keep it out of shared and back-button caches.
        response["Cache-Control"] = "no-store, private"
    return response


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    """/sitemap.xml: every published article in every language it exists in, with hreflang
    alternates (fallback pages are not listed: they would duplicate another language)."""
    from django.urls import reverse
    from django.utils import translation

    from kyosei.core.site import site_url

    articles = list(access.public_articles(None).select_related("organisation"))
    # Local articles of every public municipality are listed too.
    articles += list(
        Article.objects.filter(
            deleted_at__isnull=True,
            organisation__is_public=True,
            organisation__kind=Organisation.Kind.MUNICIPALITY,
        ).select_related("organisation")
    )
    codes = [lang.code for lang in registry().languages]
    live = reader.live_revisions([a.pk for a in articles], codes)
    base = site_url(request)
    entries = []
    for a in articles:
        mine = live.get(a.pk, {})
        urls = {}
        for code in codes:
            if code in mine:
                with translation.override(code):
                    urls[code] = base + reverse(
                        "guide:article", kwargs={"org": a.organisation.slug, "slug": a.slug}
                    )
        for code, loc in urls.items():
            entries.append(
                {"loc": loc, "lastmod": mine[code].created_at.date(), "alternates": urls}
            )
    response = render(
        request, "guide/sitemap.xml", {"entries": entries}, content_type="application/xml"
    )
    return response


@require_GET
@rate_limited("public")
def offline_manifest(request: HttpRequest) -> HttpResponse:
    """The guide's pages in the current language, for the service worker to store offline."""
    from django.http import JsonResponse
    from django.urls import reverse

    urls = [reverse("guide:home"), reverse("core:offline")]
    urls += [reverse("guide:chapter", kwargs={"chapter": value}) for value in Chapter.values]
    urls += [reverse("guide:life-event", kwargs={"event": value}) for value in LifeEvent.values]
    articles = access.public_articles(None).select_related("organisation")
    urls += [
        reverse("guide:article", kwargs={"org": a.organisation.slug, "slug": a.slug})
        for a in articles
    ]
    return JsonResponse({"language": current().code, "urls": urls})
