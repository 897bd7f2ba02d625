"""Guide articles that open My residence with the resident's situation already chosen."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class ToolLink:
    label: str | Promise
    url: str


# slug → (label, what the tool opens with)
_PREFILLED: dict[str, tuple[tuple[str | Promise, dict[str, str]], ...]] = {
    "residence-card-and-renewal": (
        (gettext_lazy("Work out my deadlines"), {}),
        (
            gettext_lazy("Permanent residents: when to renew the residence card"),
            {"status": "永住者", "period_of_stay": "indefinite"},
        ),
    ),
    "moving-in-notification": ((gettext_lazy("Work out my deadlines"), {}),),
}


def for_article(slug: str) -> list[ToolLink]:
    base = reverse("residence:tool")
    return [
        ToolLink(label, f"{base}?{urlencode(query)}" if query else base)
        for label, query in _PREFILLED.get(slug, ())
    ]
