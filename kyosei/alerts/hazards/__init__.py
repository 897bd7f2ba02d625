"""One module per hazard, each owning its derivation (telegram → notice drafts), the
placeholders its templates use and its tests. `ingest` keeps the pipeline (identity, ordering,
cancellation, saving); `render` fills a template with the words of the notice's hazard."""

from __future__ import annotations

from types import ModuleType

import jmaparse
from kyosei.alerts.hazards import eew, heat, local, nankai, quake, tsunami, volcano, weather
from kyosei.alerts.hazards.common import Draft

MODULES: tuple[ModuleType, ...] = (tsunami, quake, eew, weather, volcano, heat, nankai, local)
BY_KIND = {kind: module for module in MODULES for kind in module.KINDS}
BY_FAMILY = {family: module for module in MODULES for family in module.FAMILIES}


def derive(t: jmaparse.TelegramBase, *, had_notice: bool) -> list[Draft]:
    """The notices a telegram produces (before cancellation and correction are applied)."""
    module = BY_KIND.get(t.kind)
    return module.derive(t, had_notice) if module is not None else []


def module_of(template: str) -> ModuleType:
    family = template.rsplit(".", 1)[0]
    return BY_FAMILY[family]
