from django.contrib import admin
from django.urls import include, path

from kyosei.core import views as core_views
from kyosei.core.urlprefix import language_patterns

urlpatterns = [
    path("", core_views.root, name="root"),
    path("healthz", core_views.healthz, name="healthz"),
    path("sw.js", core_views.service_worker, name="service-worker"),
    path("admin/", admin.site.urls),
    *language_patterns(
        path("", include("kyosei.core.urls")),
        path("account/", include("kyosei.accounts.urls")),
        path("staff/", include("kyosei.console.urls")),
    ),
]

handler404 = "kyosei.core.views.not_found"
handler500 = "kyosei.core.views.server_error"
