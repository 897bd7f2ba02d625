"""An organisation's own alerts (evacuation order, shelter open, all clear): its staff write the
district, shelter and organisation per language; nothing comes from JMA."""

from __future__ import annotations

from typing import Any

import jmaparse
from kyosei.alerts.hazards.common import Draft, Words

KINDS: set[jmaparse.EventKind] = set()
FAMILIES = ("local.evacuation_order", "local.shelter_open", "local.all_clear")


def derive(t: jmaparse.TelegramBase, had_notice: bool) -> list[Draft]:
    return []  # written by staff (services.issue_org_alert), never derived from a telegram


def placeholders(d: dict[str, Any], w: Words) -> dict[str, str]:
    """district, shelter, organisation: the staff's text in the reader's language, else along
    its fallback chain (English, then Japanese, last)."""
    values = {}
    for key in ("district", "shelter", "organisation"):
        found = d.get(key)
        if isinstance(found, dict):
            chain = [w.language, *w.chain, "en", "ja"]
            values[key] = next((str(found[c]) for c in chain if found.get(c)), "")
        elif found is not None:
            values[key] = str(found)
    return values
