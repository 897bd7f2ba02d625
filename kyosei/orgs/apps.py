from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "kyosei.orgs"
    label = "orgs"
    verbose_name = "Organisations"
