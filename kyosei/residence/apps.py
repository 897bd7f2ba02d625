from django.apps import AppConfig


class ResidenceConfig(AppConfig):
    name = "kyosei.residence"
    label = "residence"
    verbose_name = "My residence"
