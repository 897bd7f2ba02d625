from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "kyosei.reporting"
    label = "reporting"
