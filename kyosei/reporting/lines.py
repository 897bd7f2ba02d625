"""The national lines a reporter can call, as dated data (kyosei/reporting/data/lines.json):
each number with its official source and the day it was last checked."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

NAMES: dict[str, Promise] = {
    "police": _("Police (emergency)"),
    "ambulance": _("Fire and ambulance"),
    "labour_hotline": _(
        "Labour conditions hotline of the Ministry of Health, Labour and Welfare "
        "(free, several languages)"
    ),
    "otit": _(
        "Organization for Technical Intern Training (OTIT): consultation in your own language"
    ),
    "fresc": _("Foreign Residents Support Center (FRESC) help desk"),
}


@dataclass(frozen=True)
class Line:
    key: str
    phone: str
    source: str

    @property
    def name(self) -> str:
        return str(NAMES[self.key])


@lru_cache(maxsize=1)
def national_lines() -> tuple[date, tuple[Line, ...]]:
    data = json.loads((Path(__file__).parent / "data" / "lines.json").read_text("utf-8"))
    lines = tuple(Line(key=e["key"], phone=e["phone"], source=e["source"]) for e in data["lines"])
    return date.fromisoformat(data["checked_on"]), lines
