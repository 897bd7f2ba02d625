from typing import Any

from django.urls import URLResolver
from django.urls.resolvers import LocalePrefixPattern

from kyosei.core.languages import current


class LanguagePrefixPattern(LocalePrefixPattern):
    """Like Django's i18n prefix, but every registered language (and only those) has one."""

    def __init__(self) -> None:
        super().__init__(prefix_default_language=True)

    @property
    def language_prefix(self) -> str:
        return f"{current().code}/"

    def match(self, path: str) -> tuple[str, tuple[Any, ...], dict[str, Any]] | None:
        prefix = self.language_prefix
        if path.startswith(prefix):
            return path.removeprefix(prefix), (), {}
        return None


def language_patterns(*urls: Any) -> list[URLResolver]:
    return [URLResolver(LanguagePrefixPattern(), list(urls))]
