from django.contrib import admin
from django.urls import include, path

from kyosei.api import api
from kyosei.core import views as core_views
from kyosei.core.urlprefix import language_patterns
from kyosei.guide import views as guide_views
from kyosei.ops import views as ops_views

urlpatterns = [
    path("", core_views.root, name="root"),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", ops_views.readyz, name="readyz"),
    path("metrics", ops_views.metrics_view, name="metrics"),
    path("sw.js", core_views.service_worker, name="service-worker"),
    path("sitemap.xml", guide_views.sitemap, name="sitemap"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("alerts/", include("kyosei.alerts.root_urls")),
    path("webauthn/", include("kyosei.accounts.webauthn")),
    *language_patterns(
        path("", include("kyosei.core.urls")),
        path("account/", include("kyosei.accounts.urls")),
        path("staff/", include("kyosei.console.urls")),
        path("guide/", include("kyosei.guide.urls")),
        path("alerts/", include("kyosei.alerts.urls")),
        path("residence/", include("kyosei.residence.urls")),
        path("referral/", include("kyosei.counter.public_urls")),
        path("staff/o/<slug:org>/guide/", include("kyosei.guide.staff_urls")),
        path("staff/o/<slug:org>/alerts/", include("kyosei.alerts.staff_urls")),
        path("staff/o/<slug:org>/counter/", include("kyosei.counter.staff_urls")),
        path("report/", include("kyosei.reporting.urls")),
        path("staff/o/<slug:org>/reports/", include("kyosei.reporting.staff_urls")),
    ),
]

handler404 = "kyosei.core.views.not_found"
handler500 = "kyosei.core.views.server_error"
