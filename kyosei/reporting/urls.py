from django.urls import path

from kyosei.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("mine/", views.mine, name="mine"),
    path("mine/file/", views.attachment, name="attachment"),
]
