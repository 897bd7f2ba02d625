from django.urls import path

from kyosei.alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.notice_detail, name="notice"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("push/subscribe/", views.push_subscribe, name="push-subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
