"""Fixed-window rate limits for public endpoints, counted in the cache per client address."""

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


def client_address(request: HttpRequest) -> str:
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    if proxies:
        forwarded = [p.strip() for p in request.headers.get("X-Forwarded-For", "").split(",")]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def hit(scope: str, key: str, limit: int, window: int) -> bool:
    """Count one request; True when the client is over the limit."""
    bucket = int(time.time() // window)
    cache_key = f"rl:{scope}:{key}:{bucket}"
    cache.add(cache_key, 0, window + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, window + 1)
        count = 1
    return count > limit


def over_limit_response(request: HttpRequest, scope: str) -> HttpResponse | None:
    """Count this request; a 429 answer when the client is over the public limit."""
    limit, window = settings.PUBLIC_RATE_LIMIT, settings.PUBLIC_RATE_WINDOW
    if not hit(scope, client_address(request), limit, window):
        return None
    response = HttpResponse(
        _("Too many requests. Please wait a minute and try again."),
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response.headers["Retry-After"] = str(window)
    return response


def rate_limited(
    scope: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            limited = over_limit_response(request, scope)
            if limited is not None:
                return limited
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
