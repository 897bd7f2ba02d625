"""Whole-page cache for guide articles, answered before the rest of the middleware stack.

Article pages are the same for every anonymous reader (no CSRF token, no per-user parts), so
the finished response — headers set by the inner middleware (CSP, X-Frame-Options,
Content-Language …) and the body, also stored gzip-compressed — is kept in the cache and served
again without sessions, authentication, URL resolution or template rendering. Why: under load
the middleware stack, not the page, was most of an article request's cost (profiled), and
residents on slow connections should get the compressed page.

Keyed on host, scheme, language, path, the page's flags and the guide's content version, so a
published change is served at once (within GUIDE_VERSION_MEMO_SECONDS across processes).
Requests with a session or messages cookie (staff) and any other query string take the
normal path. Cache hits are rate-limited like the view.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from kyosei.core.languages import registry
from kyosei.core.middleware import remember_language
from kyosei.core.ratelimit import over_limit_response
from kyosei.guide import reader, reading_aids

PAGE_SECONDS = 300
ARTICLE_PATH = re.compile(r"^/(?P<lang>[A-Za-z0-9-]+)/guide/(?P<org>[-\w]+)/(?P<slug>[-\w]+)/$")
FLAGS = ("furigana", "thanks")
# Headers that describe one transfer, not the page: recomputed for every answer.
TRANSFER_HEADERS = {"content-length", "content-encoding", "etag", "vary"}
CACHEABLE_ATTRIBUTE = "cache_for_everyone"


def mark_cacheable(response: HttpResponseBase) -> None:
    """Called by a view whose response is the same for every anonymous reader."""
    setattr(response, CACHEABLE_ATTRIBUTE, True)


def _page_key(request: HttpRequest) -> str | None:
    if request.method not in {"GET", "HEAD"}:
        return None
    match = ARTICLE_PATH.match(request.path_info)
    if match is None:
        return None
    language = registry().get(match["lang"])
    if language is None or language.code != match["lang"]:
        return None  # unknown or differently spelled: the normal path redirects or 404s
    if any(key not in FLAGS or value != "1" for key, value in request.GET.items()):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None
    flags = "".join("1" if request.GET.get(flag) == "1" else "0" for flag in FLAGS)
    flags += "1" if cookies.get(reading_aids.COOKIE) == "1" else "0"  # furigana remembered
    return (
        f"guide:page:v2:{request.get_host()}:{request.scheme}:{language.code}:"
        f"{match['org']}:{match['slug']}:{flags}:{reader.content_version()}"
    )


def _accepts_gzip(request: HttpRequest) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def _answer(
    request: HttpRequest,
    headers: list[tuple[str, str]],
    compressed: bytes,
    etag: str,
    language: str,
) -> HttpResponse:
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    elif _accepts_gzip(request):
        response = HttpResponse(compressed)
        response.headers["Content-Encoding"] = "gzip"
    else:
        # Nearly every browser takes gzip; storing only the compressed page keeps 4x more
        # pages in memory, and the rare plain reader pays ~0.2 ms to inflate it.
        response = HttpResponse(gzip.decompress(compressed))
    for name, value in headers:
        if response.status_code == 304 and name.lower() == "content-type":
            continue
        response.headers[name] = value
    response.headers["ETag"] = etag
    # Japanese pages also depend on the remembered furigana choice (a cookie).
    furigana = language in reading_aids.FURIGANA_LANGUAGES
    response.headers["Vary"] = "Accept-Encoding, Cookie" if furigana else "Accept-Encoding"
    if response.status_code != 304:
        response.headers["Content-Length"] = str(len(response.content))
    remember_language(request, response, language)
    return response


class ArticlePageCache:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        key = _page_key(request)
        if key is None:
            return self.get_response(request)
        language = request.path_info.split("/", 2)[1]
        hit = caches["pages"].get(key)
        if isinstance(hit, tuple) and len(hit) == 3:
            limited = over_limit_response(request, "public")
            if limited is not None:
                return limited
            return _answer(request, *hit, language)
        response = self.get_response(request)
        if (
            response.status_code != 200
            or not getattr(response, CACHEABLE_ATTRIBUTE, False)
            or not isinstance(response, HttpResponse)
            or set(response.cookies) - {settings.LANGUAGE_COOKIE_NAME}
        ):
            return response
        body = response.content
        headers = [(k, v) for k, v in response.items() if k.lower() not in TRANSFER_HEADERS]
        stored = (
            headers,
            gzip.compress(body, compresslevel=6),
            '"' + hashlib.sha256(body).hexdigest()[:32] + '"',
        )
        caches["pages"].set(key, stored, PAGE_SECONDS)
        return _answer(request, *stored, language)
