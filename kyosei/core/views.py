import json

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET

from kyosei.core.languages import current, registry
from kyosei.core.middleware import language_from_path, preferred_language
from kyosei.core.ratelimit import rate_limited


@require_GET
def root(request: HttpRequest) -> HttpResponse:
    """Returning visitors go to their language; first-time visitors choose one."""
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) and (
        remembered := preferred_language(request)
    ):
        with translation.override(remembered.code):
            return HttpResponseRedirect(reverse("core:home"))
    suggestion = preferred_language(request)
    response = render(
        request,
        "core/chooser.html",
        {"suggestion": suggestion, "next_path": ""},
    )
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response


@require_GET
def choose_language(request: HttpRequest) -> HttpResponse:
    return render(request, "core/chooser.html", {"suggestion": None})


@require_GET
@rate_limited("public")
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@require_GET
@gzip_page
def offline(request: HttpRequest) -> HttpResponse:
    # Fetched by the service worker in the background on a resident's first visit: compressed.
    return render(request, "core/offline.html")


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means unhealthy
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
@cache_control(public=True, max_age=3600)
def manifest(request: HttpRequest) -> HttpResponse:
    lang = current()
    data = {
        "name": _("Kyosei — living in Japan"),
        "short_name": "Kyosei",
        "description": _("Information and help for foreign residents in Japan."),
        "lang": lang.code,
        "dir": lang.direction,
        "start_url": reverse("core:home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5394",
        "icons": [
            {
                "src": f"{settings.STATIC_URL}kyosei/icon.svg",
                "sizes": "any",
                "type": "image/svg+xml",
            },
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response.headers["Content-Type"] = "application/manifest+json"
    return response


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the root so its scope covers every language tree."""
    offline_urls = []
    for lang in registry().languages:
        with translation.override(lang.code):
            offline_urls.append(reverse("core:offline"))
    body = render_to_string(
        "core/sw.js",
        {"offline_urls": json.dumps(offline_urls), "static_url": settings.STATIC_URL},
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/"
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """An unknown language prefix gets the language chooser; other misses the usual page."""
    language, segment = language_from_path(request.path_info)
    looks_like_language = language is None and 2 <= len(segment) <= 12 and "." not in segment
    template = "core/chooser.html" if looks_like_language else "core/404.html"
    return render(request, template, {"suggestion": None, "unknown_language": segment}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return HttpResponse(render_to_string("core/500.html", {}), status=500, content_type="text/html")
