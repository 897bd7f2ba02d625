from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "kyosei.alerts"
    label = "alerts"

    def ready(self) -> None:
        from kyosei.alerts import checks  # noqa: F401  # registers the VAPID key check
