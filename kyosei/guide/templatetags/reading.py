"""The furigana switch shown on Japanese and Plain Japanese pages."""

from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kyosei.core.languages import current
from kyosei.guide import reading_aids

register = template.Library()


@register.simple_tag(takes_context=True)
def furigana_toggle(context: Any) -> SafeString | str:
    request = context.get("request")
    if request is None or current().code not in reading_aids.FURIGANA_LANGUAGES:
        return ""
    on = reading_aids.wanted(request)
    query = urlencode({"show": "0" if on else "1", "next": request.path})
    return format_html(
        '<a class="furigana-toggle" href="{}?{}" rel="nofollow">{}</a>',
        reverse("core:furigana"),
        query,
        _("Hide furigana") if on else _("Show furigana"),
    )
