from django import template

from kyosei.counter import labels

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    return labels.language_name(code)


@register.filter
def languages_display(entries: list[dict[str, str]]) -> str:
    return labels.languages_display(entries)
