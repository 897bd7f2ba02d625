"""Headers of every reporting response, pages and API alike, 404s and 429s included."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase

REPORTING_PATH = re.compile(r"^/(?:api/v1/reports(?:/|$)|[A-Za-z-]+/report(?:/|$))")
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def is_reporting(path: str) -> bool:
    return bool(REPORTING_PATH.match(path))


class ReportingPrivacy:
    """No caching anywhere, no Referer leaving the page, nothing loaded from elsewhere."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if is_reporting(request.path_info):
            response["Cache-Control"] = "no-store"
            response["Referrer-Policy"] = "no-referrer"
            if not response.has_header("Content-Security-Policy") or not response[
                "Content-Security-Policy"
            ].startswith("default-src 'none'; sandbox"):
                response["Content-Security-Policy"] = POLICY
            response["X-Content-Type-Options"] = "nosniff"
        return response
