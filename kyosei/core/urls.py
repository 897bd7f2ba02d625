from django.urls import path

from kyosei.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("languages/", views.choose_language, name="languages"),
    path("counters/", views.directory, name="directory"),
    path("offline/", views.offline, name="offline"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
]
