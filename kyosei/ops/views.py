"""Operational endpoints: /readyz for load balancers and orchestrators, /metrics for
Prometheus."""

from __future__ import annotations

import hmac
import ipaddress

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST

from kyosei.ops import health, metrics


@require_GET
@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    try:
        results = health.checks()
    except Exception as exc:  # database down or broken: not ready, say which kind
        return JsonResponse({"status": "fail", "error": type(exc).__name__}, status=503)
    ok = all(check.ok for check in results)
    body = {
        "status": "ok" if ok else "fail",
        "checks": {c.name: {"ok": c.ok, "detail": c.detail} for c in results},
    }
    return JsonResponse(body, status=200 if ok else 503)


def _allowed(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    # The direct peer, never X-Forwarded-For: a forwarded address can be forged.
    try:
        peer = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(peer in ipaddress.ip_network(net) for net in settings.METRICS_ALLOWED_NETWORKS)


@require_GET
@never_cache
def metrics_view(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        raise Http404  # off, or not for this caller: do not even confirm it exists
    return HttpResponse(metrics.exposition(), content_type=CONTENT_TYPE_LATEST)
