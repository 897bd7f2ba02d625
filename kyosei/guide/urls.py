from django.urls import path

from kyosei.guide import views

app_name = "guide"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_view, name="search"),
    path("counters/", views.counters_moved, name="counters"),
    path("offline.json", views.offline_manifest, name="offline-manifest"),
    path("chapter/<slug:chapter>/", views.chapter, name="chapter"),
    path("life/<slug:event>/", views.life_event, name="life-event"),
    path("<slug:org>/<slug:slug>/", views.article, name="article"),
    path("<slug:org>/<slug:slug>/feedback/", views.feedback, name="feedback"),
]
