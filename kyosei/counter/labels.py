"""Names shown for the codes the counter stores: staff and exports never see a raw language or
proficiency code ("ne", "native")."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kyosei.core.languages import registry
from kyosei.counter.choices import Proficiency

# Languages residents speak that the UI itself is not (yet) translated into.
EXTRA_LANGUAGES = (
    ("si", _("Sinhala")),
    ("bn", _("Bengali")),
    ("ur", _("Urdu")),
    ("hi", _("Hindi")),
    ("uz", _("Uzbek")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("fr", _("French")),
    ("ta", _("Tamil")),
    ("other", _("Other language")),
)


def language_choices() -> list[tuple[str, Any]]:
    # The language's own name: staff recognise it, and the client can point at it.
    served = [
        (lang.code, lang.native_name) for lang in registry().languages if lang.code != "ja-x-easy"
    ]
    known = {code for code, _label in served}
    return served + [(code, label) for code, label in EXTRA_LANGUAGES if code not in known]


@lru_cache(maxsize=32)
def _names(ui_language: str) -> dict[str, str]:
    # Per UI language (the extra languages' names are translated): list pages call
    # language_name once per row.
    return {code: str(label) for code, label in language_choices()}


def language_name(code: str) -> str:
    """The name of a stored language code; an unknown code (old data) is shown as it is."""
    if not code:
        return ""
    return _names(get_language() or "").get(code, code)


def proficiency_label(code: str) -> str:
    return str(Proficiency(code).label) if code in Proficiency.values else code


def languages_display(entries: list[dict[str, str]]) -> str:
    """A client's languages as "नेपाली (Native), 日本語 (Plain Japanese is fine)"."""
    return ", ".join(
        f"{language_name(e.get('language', ''))} ({proficiency_label(e.get('proficiency', ''))})"
        for e in entries
    )
