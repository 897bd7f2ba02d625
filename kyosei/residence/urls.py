from django.urls import path

from kyosei.residence import views

app_name = "residence"
urlpatterns = [
    path("", views.tool, name="tool"),
    path("calendar.ics", views.calendar, name="calendar"),
]
