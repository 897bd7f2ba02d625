from django.urls import path

from kyosei.counter import views

app_name = "counter_public"

urlpatterns = [
    path("<str:code>/", views.referral_public, name="referral"),
]
