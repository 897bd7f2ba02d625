from django.urls import path

from kyosei.alerts import views

app_name = "alerts_staff"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("notices/<int:notice>/", views.staff_notice, name="notice"),
    path("issue/", views.issue, name="issue"),
    path("test-send/", views.test_send, name="test-send"),
    path("webhooks/", views.webhooks, name="webhooks"),
]
