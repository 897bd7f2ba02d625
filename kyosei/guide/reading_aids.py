"""Reading aids for Japanese and Plain Japanese pages (issue 13, item 6).

Furigana is a reader's choice that holds across pages: the toggle sets a cookie, and every
Japanese page is then served with readings on all its text (titles, summaries, listings,
navigation), not only on an article body. The middleware adds them to the finished page,
so no template has to remember to; text in another language (`lang="pt-BR"` …), form
controls and scripts are left alone.

Keeping words together on a line is CSS (`word-break: keep-all` for Plain Japanese, whose
words are separated by spaces: kyosei.css).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

COOKIE = "kyosei_furigana"
COOKIE_AGE = 365 * 24 * 3600
FURIGANA_LANGUAGES = {"ja", "ja-x-easy"}

# Elements whose text is not read as running text (or cannot hold <ruby>).
SKIP = {"script", "style", "textarea", "option", "title", "rt", "rp", "ruby", "code", "pre"}
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
TAG_RE = re.compile(r"(<[^>]*>)")
NAME_RE = re.compile(r"^</?\s*([a-zA-Z][a-zA-Z0-9-]*)")
LANG_RE = re.compile(r"""\slang\s*=\s*["']?([A-Za-z0-9-]*)""")
MAIN_RE = re.compile(r"<main\b")
STAFF_PATH = re.compile(r"^/[^/]+/(staff|account)/")


def wanted(request: HttpRequest) -> bool:
    """`?furigana=1`/`0` decides for one page; otherwise the reader's remembered choice."""
    asked = request.GET.get("furigana")
    if asked in {"0", "1"}:
        return asked == "1"
    return request.COOKIES.get(COOKIE) == "1"


@require_GET
def toggle(request: HttpRequest) -> HttpResponse:
    """/<lang>/furigana/?show=1&next=/ja/guide/… : remember the choice, go back to the page."""
    target = request.GET.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("core:home")
    response = HttpResponseRedirect(target)
    if request.GET.get("show") == "1":
        response.set_cookie(
            COOKIE,
            "1",
            max_age=COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response


def add_readings(page: str) -> str:
    """<ruby> readings on the Japanese text of the page's <body> from <main> on, and of the
    header's brand; tags, attributes and text in other languages stay as they are."""
    from kyosei.guide import plain

    out: list[str] = []
    langs: list[tuple[str, str]] = []  # (element name, its language)
    language = ""
    skipping = 0
    started = False
    for part in TAG_RE.split(page):
        if part.startswith("<"):
            out.append(part)
            match = NAME_RE.match(part)
            if match is None:
                continue
            name = match.group(1).lower()
            if part.startswith("</"):
                # Close up to the matching element (tolerates an unclosed <p> or <li>).
                while langs:
                    top, _ = langs.pop()
                    if top in SKIP:
                        skipping = max(0, skipping - 1)
                    if top == name:
                        break
                language = langs[-1][1] if langs else language
                continue
            if MAIN_RE.match(part):
                started = True
            if name in VOID or part.endswith("/>"):
                continue
            found = LANG_RE.search(part)
            here = found.group(1) if found else (langs[-1][1] if langs else language)
            if name == "html":
                language = here
                continue
            langs.append((name, here))
            if name in SKIP:
                skipping += 1
            continue
        current = langs[-1][1] if langs else language
        if started and part.strip() and not skipping and current in FURIGANA_LANGUAGES:
            text = plain.KANA_READING_RE.sub("", html.unescape(part))
            out.append(plain.furigana_html(text))
        else:
            out.append(part)
    return "".join(out)


class FuriganaMiddleware:
    """Readings on every Japanese page for readers who chose them (`wanted`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        # The path's first segment as written: no registry (database) lookup on /healthz.
        if request.path_info.split("/", 2)[1] not in FURIGANA_LANGUAGES:
            return response
        if STAFF_PATH.search(request.path_info):
            return response  # staff tools show text exactly as written
        response.headers["Vary"] = ", ".join(
            v for v in (response.headers.get("Vary"), "Cookie") if v
        )
        if (
            not wanted(request)
            or not isinstance(response, HttpResponse)
            or response.status_code != 200
            or not response.get("Content-Type", "").startswith("text/html")
            or response.has_header("Content-Encoding")
        ):
            return response
        response.content = add_readings(response.content.decode(response.charset or "utf-8"))
        return response
