from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kyosei.accounts"
    label = "accounts"
    verbose_name = "Staff accounts"
