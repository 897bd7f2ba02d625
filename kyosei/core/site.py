"""The site's own address for absolute links (sitemap, emails)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site_url(request: HttpRequest | None = None) -> str:
    """In demo mode the address the visitor actually used (any host or port it is served on);
    in production always `SITE_URL`: a request's Host header is the client's to choose, and
    a sitemap or email must not name an address an attacker supplied."""
    if settings.DEBUG and request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return str(settings.SITE_URL)
