"""Request ids, the request log line and per-process request metrics."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase

from kyosei.guide.pagecache import ARTICLE_PATH
from kyosei.ops import metrics
from kyosei.ops.logs import request_id

log = logging.getLogger("kyosei.request")
INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
COUNTER_API = "/api/v1/counter/"
MISS_ATTRIBUTE = "_kyosei_page_cache_miss"


class RequestContext:
    """Outermost: gives each request an id (the proxy's X-Request-ID when well-formed),
    answers it in X-Request-ID, logs one line per request and counts it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if INCOMING_ID.match(incoming) else uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response.headers["X-Request-ID"] = rid
            self._record(request, response, started)
            return response
        finally:
            request_id.reset(token)

    def _record(self, request: HttpRequest, response: HttpResponseBase, started: float) -> None:
        status = response.status_code
        cache = ""
        article = request.method in {"GET", "HEAD"} and ARTICLE_PATH.match(request.path_info)
        if article and status in {200, 304}:
            cache = "miss" if getattr(request, MISS_ATTRIBUTE, False) else "hit"
            metrics.PAGE_CACHE.labels(cache).inc()
        if request.path_info.startswith(COUNTER_API) and status >= 400:
            metrics.COUNTER_API_ERRORS.labels(str(status)).inc()
        metrics.HTTP_RESPONSES.labels(f"{status // 100}xx").inc()
        match = getattr(request, "resolver_match", None)
        route = ("/" + match.route) if match is not None else ("(page cache)" if cache else "-")
        log.info(
            "%s %s %s",
            request.method,
            route,
            status,
            extra={
                "event": "request",
                "method": request.method,
                "route": route,
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                **({"cache": cache} if cache else {}),
            },
        )


class PageCacheProbe:
    """Right inside the page cache: a request that reaches it was not answered from the
    cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        setattr(request, MISS_ATTRIBUTE, True)
        return self.get_response(request)
