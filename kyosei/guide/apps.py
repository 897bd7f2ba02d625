from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "kyosei.guide"
    label = "guide"
