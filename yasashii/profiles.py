"""Profiles are data (JSON in data/profiles/) so editors can tune them without code."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from .levels import parse_level
from .models import SEVERITIES, Severity


class UnknownProfileError(ValueError):
    pass


@dataclass(frozen=True)
class Profile:
    name: str
    description: str = ""
    level: str = "N4"
    max_sentence_chars: int = 50
    max_clauses: int = 3
    max_kanji_run: int = 5
    max_kanji_ratio: float = 0.4
    min_chars_for_density: int = 12
    disabled_rules: frozenset[str] = field(default_factory=frozenset)
    severity: tuple[tuple[str, Severity], ...] = ()

    def severity_for(self, rule: str, default: Severity) -> Severity:
        for rule_id, severity in self.severity:
            if rule_id == rule:
                return severity
        return default

    def enabled(self, rule: str) -> bool:
        return rule not in self.disabled_rules

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile:
        severity: list[tuple[str, Severity]] = []
        for rule, value in dict(data.get("severity", {})).items():
            if value not in SEVERITIES:
                raise UnknownProfileError(f"profile {data.get('name')}: bad severity {value!r}")
            severity.append((str(rule), value))
        level = str(data.get("level", "N4"))
        parse_level(level)
        return cls(
            name=str(data["name"]),
            description=str(data.get("description", "")),
            level=level,
            max_sentence_chars=int(data.get("max_sentence_chars", 50)),
            max_clauses=int(data.get("max_clauses", 3)),
            max_kanji_run=int(data.get("max_kanji_run", 5)),
            max_kanji_ratio=float(data.get("max_kanji_ratio", 0.4)),
            min_chars_for_density=int(data.get("min_chars_for_density", 12)),
            disabled_rules=frozenset(str(r) for r in data.get("disabled_rules", [])),
            severity=tuple(severity),
        )


PROFILE_NAMES = ("living", "disaster", "official")


@cache
def load_profile(name: str) -> Profile:
    if name not in PROFILE_NAMES:
        raise UnknownProfileError(
            f"unknown profile {name!r} (choose from {', '.join(PROFILE_NAMES)})"
        )
    path = resources.files("yasashii") / "data" / "profiles" / f"{name}.json"
    return Profile.from_dict(json.loads(path.read_text(encoding="utf-8")))


def resolve_profile(profile: str | Profile) -> Profile:
    return profile if isinstance(profile, Profile) else load_profile(profile)
