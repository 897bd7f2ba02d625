from django.apps import AppConfig


class CounterConfig(AppConfig):
    name = "kyosei.counter"
    label = "counter"
