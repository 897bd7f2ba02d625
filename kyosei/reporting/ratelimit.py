"""Rate limits for the reporting channel that store no client address.

A request is counted under a 20-bit bucket: an HMAC of the address (an IPv6 address by its
/64) keyed on SECRET_KEY and the current window, cut to five hex digits. About 4 096 IPv4
addresses share each bucket, the key changes with every window and the count expires with it,
so neither the cache nor anything else holds a value that names one client.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from kyosei.core.ratelimit import client_address

BUCKET_HEX_DIGITS = 5


def _network(address: str) -> str:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return str(parsed)


def bucket_of(request: HttpRequest, scope: str, window: int) -> str:
    period = int(time.time() // window)
    key = f"{settings.SECRET_KEY}:reporting:{scope}:{period}".encode()
    digest = hmac.new(key, _network(client_address(request)).encode(), hashlib.sha256)
    return f"rpt:{scope}:{period}:{digest.hexdigest()[:BUCKET_HEX_DIGITS]}"


def limits(scope: str) -> tuple[int, int]:
    configured: dict[str, tuple[int, int]] = settings.REPORTING_RATE_LIMITS
    return configured[scope]


def over_limit(request: HttpRequest, scope: str, *, count: bool = True) -> bool:
    """True when this source's bucket is over the scope's limit (counting this request)."""
    limit, window = limits(scope)
    key = bucket_of(request, scope, window)
    if not count:
        return int(cache.get(key, 0)) >= limit
    cache.add(key, 0, window + 1)
    try:
        used = cache.incr(key)
    except ValueError:
        cache.set(key, 1, window + 1)
        used = 1
    return used > limit
