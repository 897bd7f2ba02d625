from django.urls import path

from kyosei.residence import views

app_name = "residence"
urlpatterns = [
    path("", views.tool, name="tool"),
    path("calendar.ics", views.calendar, name="calendar"),
    path("remind/", views.remind, name="remind"),
    path("remind/push/", views.remind_push, name="remind-push"),
    path("remind/confirm/<str:token>/", views.confirm, name="confirm"),
    path("remind/delete/<str:token>/", views.delete, name="delete"),
]
