from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "kyosei.audit"
    label = "audit"
    verbose_name = "Audit log"
