from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponsePermanentRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers

from kyosei.core.languages import LanguageInfo, registry

# The health checks must answer even when the database (and so the registry) is down.
LANGUAGE_FREE_PATHS = {"/healthz", "/readyz", "/metrics"}


def language_from_path(path: str) -> tuple[LanguageInfo | None, str]:
    """The registered language named by the first path segment, and that segment as written."""
    segment = path.lstrip("/").split("/", 1)[0]
    return registry().get(segment) if segment else None, segment


def preferred_language(request: HttpRequest) -> LanguageInfo | None:
    reg = registry()
    if (cookie := request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)) and (
        found := reg.get(cookie)
    ):
        return found
    return reg.best_match(request.headers.get("Accept-Language", ""))


def remember_language(request: HttpRequest, response: HttpResponseBase, code: str) -> None:
    """Set the language cookie when the reader's differs, so the next visit to / goes there."""
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) == code:
        return
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )


class LanguageFromPathMiddleware:
    """Activate the language named in the URL; without one, the remembered or browser language.

    Pages under a language prefix remember it in a cookie so the next visit to / goes there.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info in LANGUAGE_FREE_PATHS:
            return self.get_response(request)
        language, segment = language_from_path(request.path_info)
        if language is not None and segment != language.code:
            rest = request.get_full_path()[len(segment) + 1 :]
            return HttpResponsePermanentRedirect(f"/{language.code}{rest}")
        chosen = language or preferred_language(request)
        code = chosen.code if chosen else settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        if language is None:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        elif response.status_code < 400:
            remember_language(request, response, language.code)
        response.headers.setdefault("Content-Language", code)
        return response
