from django.urls import path

from kyosei.console import views

app_name = "console"

urlpatterns = [
    path("", views.home, name="home"),
    path("invitations/<int:pk>/accept/", views.invitation_accept, name="invitation-accept"),
    path("invitations/<int:pk>/decline/", views.invitation_decline, name="invitation-decline"),
    path("o/<slug:org>/", views.organisation, name="organisation"),
    path("o/<slug:org>/members/", views.members, name="members"),
    path("o/<slug:org>/details/", views.details, name="details"),
    path("o/<slug:org>/audit/", views.audit_log, name="audit"),
    path("o/<slug:org>/audit/<int:pk>/", views.audit_event, name="audit-event"),
]
