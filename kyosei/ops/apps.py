from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "kyosei.ops"
    label = "ops"
    verbose_name = "Kyosei operations"
