"""Organisation details in the reader's language (the counter directory's cards)."""

from django import template

from kyosei.core.languages import current
from kyosei.orgs.models import Organisation

register = template.Library()


@register.filter
def local_name(org: Organisation) -> str:
    return org.translated("name", current().code)


@register.filter
def local_address(org: Organisation) -> str:
    return org.translated("address", current().code)


@register.filter
def prefecture_name(code: str) -> str:
    """The prefecture in the reader's language and script (静岡県, Shizuoka, ស៊ីហ្ស៊ូអូកា…),
    from the same translated area names the alerts use."""
    from kyosei.alerts.areas import area_name

    return area_name("prefecture", code, current().code) if code else ""
