from django.urls import path

from kyosei.guide import staff_views as views

app_name = "guide_staff"

urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("new/", views.article_new, name="article-new"),
    path("check/", views.check, name="check"),
    path("exchange/", views.exchange, name="exchange"),
    path("tasks/", views.tasks, name="tasks"),
    path("facts/", views.facts, name="facts"),
    path("glossary/", views.glossary, name="glossary"),
    path("outdated.zip", views.export_outdated, name="export-outdated"),
    path("a/<int:article>/", views.article_detail, name="article"),
    path("a/<int:article>/aliases/", views.aliases, name="aliases"),
    path("a/<int:article>/<str:language>/", views.edit, name="edit"),
    path("a/<int:article>/<str:language>/machine/", views.machine_draft, name="machine-draft"),
    path("r/<int:revision>/approve/", views.approve, name="approve"),
]
