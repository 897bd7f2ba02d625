from django.urls import path

from kyosei.core import views
from kyosei.guide.reading_aids import toggle as furigana_toggle
from kyosei.guide.views import counters as counter_directory

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("languages/", views.choose_language, name="languages"),
    # One directory of counters, with the guide's language and prefecture filters.
    path("counters/", counter_directory, name="directory"),
    path("offline/", views.offline, name="offline"),
    path("furigana/", furigana_toggle, name="furigana"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
]
