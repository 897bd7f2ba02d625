from django.urls import path

from kyosei.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.sign_in, name="login"),
    path("logout/", views.sign_out, name="logout"),
    path("mfa/", views.mfa, name="mfa"),
    path("mfa/setup/", views.mfa_setup, name="mfa-setup"),
    path("password/", views.change_password, name="password"),
    path("security/", views.security, name="security"),
]
