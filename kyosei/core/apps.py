from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kyosei.core"
    label = "core"
    verbose_name = "Kyosei core"
