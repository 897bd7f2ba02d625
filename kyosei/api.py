"""The JSON API: one NinjaAPI, each app contributes a router from its api.py."""

from django.conf import settings
from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.throttling import BaseThrottle

from kyosei.core.ratelimit import client_address, hit


class PublicRateThrottle(BaseThrottle):
    """The public pages' per-address limit, for callers without an API key."""

    def allow_request(self, request: HttpRequest) -> bool:
        if getattr(request, "auth", None):
            return True
        limit, window = settings.PUBLIC_RATE_LIMIT, settings.PUBLIC_RATE_WINDOW
        return not hit("api", client_address(request), limit, window)

    def wait(self) -> float:
        return float(settings.PUBLIC_RATE_WINDOW)


api = NinjaAPI(
    title="Kyosei API",
    version="1",
    description="Multilingual information and services for foreign residents in Japan.",
    openapi_url="/openapi.json",
    docs_url=None,
    urls_namespace="api",
    throttle=[PublicRateThrottle()],
)


api.add_router("/v1/guide/", "kyosei.guide.api.router")
api.add_router("/v1/alerts/", "kyosei.alerts.api.router")
api.add_router("/v1/counter/", "kyosei.counter.api.router")
api.add_router("/v1/reports", "kyosei.reporting.api.router")


@api.get("/v1/health", tags=["meta"], summary="API liveness")
def health(request: object) -> dict[str, str]:
    return {"status": "ok"}
