from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from kyosei.core.languages import LanguageInfo, current, registry


@dataclass(frozen=True)
class Alternate:
    language: LanguageInfo
    url: str


def alternates_for(request: HttpRequest) -> list[Alternate]:
    """The current page in every language; pages outside the language tree have none."""
    match = request.resolver_match
    if match is None or not match.view_name:
        return []
    query = request.META.get("QUERY_STRING", "")
    out = []
    for lang in registry().languages:
        with translation.override(lang.code):
            try:
                url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                return []
        if not url.startswith(f"/{lang.code}/"):
            return []
        out.append(Alternate(lang, url + (f"?{query}" if query else "")))
    return out


def languages(request: HttpRequest) -> dict[str, Any]:
    return {
        "source_url": settings.SOURCE_URL,
        "current_language": SimpleLazyObject(current),
        "all_languages": SimpleLazyObject(lambda: registry().languages),
        "alternates": SimpleLazyObject(lambda: alternates_for(request)),
    }
