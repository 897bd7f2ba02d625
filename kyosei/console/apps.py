from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "kyosei.console"
    label = "console"
    verbose_name = "Staff console"
