"""Loads the dated rule data shipped in `zairyu/data/` (a law change is a data change)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Dated:
    effective_from: date | None
    effective_to: date | None

    def in_force(self, on: date) -> bool:
        starts = self.effective_from is None or self.effective_from <= on
        return starts and (self.effective_to is None or on <= self.effective_to)


@dataclass(frozen=True, slots=True)
class Status(Dated):
    name: str
    aliases: tuple[str, ...]
    legal_table: str
    work: str
    affiliation_group: str | None
    spouse_notification: bool
    revocation_inactivity_months: int | None
    indefinite: bool
    mid_to_long_term: bool
    basis: str
    source: str
    verification: str

    @property
    def special_permanent(self) -> bool:
        return self.legal_table == "入管特例法"


@dataclass(frozen=True, slots=True)
class Rule(Dated):
    id: str
    amount: int
    unit: str
    basis: str
    source: str
    verification: str


@dataclass(frozen=True, slots=True)
class Fee(Dated):
    procedure: str
    channel: str
    yen: int
    basis: str
    source: str
    verification: str


WORK_CATEGORIES = frozenset(
    {"unrestricted", "within_status", "with_permission_28h", "none", "depends_on_designation"}
)
VERIFICATION_LEVELS = frozenset({"quoted_official_text", "secondary", "unverified"})


def _date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value))


def _load(name: str) -> dict[str, Any]:
    text = resources.files("zairyu").joinpath("data", name).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def statuses() -> dict[str, Status]:
    """Every accepted name (official name and aliases) to its status."""
    table: dict[str, Status] = {}
    for item in _load("statuses.json")["statuses"]:
        status = Status(
            effective_from=_date(item["effective_from"]),
            effective_to=_date(item["effective_to"]),
            name=item["status_ja"],
            aliases=tuple(item["aliases"]),
            legal_table=item["legal_table"],
            work=item["work"],
            affiliation_group=item["affiliation_group"],
            spouse_notification=bool(item["spouse_notification"]),
            revocation_inactivity_months=item["revocation_inactivity_months"],
            indefinite=bool(item["indefinite"]),
            mid_to_long_term=bool(item["mid_to_long_term"]),
            basis=item["basis"],
            source=item["source"],
            verification=item["verification"],
        )
        for name in (status.name, *status.aliases):
            table[name] = status
    return table


@cache
def rules() -> dict[str, Rule]:
    return {
        item["id"]: Rule(
            effective_from=_date(item["effective_from"]),
            effective_to=_date(item["effective_to"]),
            id=item["id"],
            amount=int(item["amount"]),
            unit=item["unit"],
            basis=item["basis"],
            source=item["source"],
            verification=item["verification"],
        )
        for item in _load("rules.json")["rules"]
    }


@cache
def fees() -> tuple[Fee, ...]:
    return tuple(
        Fee(
            effective_from=_date(item["effective_from"]),
            effective_to=_date(item["effective_to"]),
            procedure=item["procedure"],
            channel=item["channel"],
            yen=int(item["yen"]),
            basis=item["basis"],
            source=item["source"],
            verification=item["verification"],
        )
        for item in _load("rules.json")["fees"]
    )


def fee_on(procedure: str, channel: str, on: date) -> Fee:
    """The fee for `procedure` applied for through `channel` on the day `on` (receipt date)."""
    found = [f for f in fees() if f.procedure == procedure and f.channel == channel]
    if not found:
        raise KeyError(f"no fee for {procedure!r} via {channel!r}")
    for fee in found:
        if fee.in_force(on):
            return fee
    raise LookupError(f"no fee for {procedure!r} via {channel!r} in force on {on}")


LANGUAGES = ("ja", "ja-x-easy", "en")


def normalise_language(code: str) -> str:
    return code.strip().replace("_", "-").lower()


def available_languages() -> tuple[str, ...]:
    folder = resources.files("zairyu").joinpath("data", "what")
    return tuple(
        sorted(p.name.removesuffix(".json") for p in folder.iterdir() if p.name.endswith(".json"))
    )


@cache
def what_texts(language: str) -> dict[str, str]:
    """The `what` texts of one language variant: one JSON file per variant in data/what/."""
    code = normalise_language(language)
    if code not in available_languages():
        raise KeyError(code)
    loaded: dict[str, str] = json.loads(
        resources.files("zairyu").joinpath("data", "what", f"{code}.json").read_text("utf-8")
    )
    return loaded
