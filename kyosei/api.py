"""The JSON API: one NinjaAPI, each app contributes a router from its api.py."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Kyosei API",
    version="1",
    description="Multilingual information and services for foreign residents in Japan.",
    openapi_url="/openapi.json",
    docs_url=None,
    urls_namespace="api",
)


api.add_router("/v1/guide/", "kyosei.guide.api.router")
api.add_router("/v1/alerts/", "kyosei.alerts.api.router")
api.add_router("/v1/counter/", "kyosei.counter.api.router")


@api.get("/v1/health", tags=["meta"], summary="API liveness")
def health(request: object) -> dict[str, str]:
    return {"status": "ok"}
