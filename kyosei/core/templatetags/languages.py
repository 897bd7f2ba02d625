"""`{{ code|direction }}`: the writing direction of a language variant, for the `dir` attribute
of any element whose `lang` may differ from the page's (an Urdu consent text on a Japanese staff
page, Japanese fallback text on an Urdu page)."""

from django import template

from kyosei.core.languages import registry

register = template.Library()


@register.filter
def direction(code: str | None) -> str:
    language = registry().get(str(code or ""))
    return language.direction if language is not None else "ltr"
