from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "kyosei.alerts"
    label = "alerts"
