"""{% alert_banner %}: the newest severe alert, shown on every resident page."""

from typing import Any

from django import template
from django.core.cache import cache
from django.db import DatabaseError

from kyosei.alerts.access import active_banner_notice
from kyosei.alerts.render import render
from kyosei.core.languages import current

register = template.Library()


BANNER_SECONDS = 15  # every page shows it: a short cache keeps it off the database
CACHE_KEY = "alerts:banner"


@register.inclusion_tag("alerts/banner.html")
def alert_banner() -> dict[str, Any]:
    # One cache entry for all languages (the common answer, "no alert", costs no query on any
    # page); the notice is rendered in the page's language from the cached row.
    cached = cache.get(CACHE_KEY)
    if cached is None:
        try:
            cached = active_banner_notice() or False
        except DatabaseError:  # the banner must never break a page
            return {"banner": None}
        cache.set(CACHE_KEY, cached, BANNER_SECONDS)
    if not cached:
        return {"banner": None}
    return {"banner": {"notice": cached, "message": render(cached, current().code)}}
