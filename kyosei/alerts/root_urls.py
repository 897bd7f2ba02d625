"""Alert endpoints outside the language prefix: JMA push, CAP feeds, the VAPID public key."""

from django.urls import path

from kyosei.alerts import views

app_name = "alerts_root"

urlpatterns = [
    path("jma/push", views.jma_push, name="jma-push"),
    path("vapid-public-key", views.vapid_public_key, name="vapid-public-key"),
    path("cap/<str:lang>.atom", views.cap_feed, name="cap-feed"),
    path("cap/<int:pk>/<str:lang>.xml", views.cap_alert, name="cap-alert"),
]
