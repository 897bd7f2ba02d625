"""Public result types. All are frozen: reports can be cached and shared safely."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    start: int
    end: int
    message: str
    message_en: str
    suggestion: str | None = None
    # Exact text that may replace text[start:end] when the fix is safe; None = advice only.
    replacement: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "message_en": self.message_en,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "score": self.score}


@dataclass(frozen=True, slots=True)
class Report:
    text: str
    profile: str
    target_level: str
    score: float
    readability: float
    level: str
    cefr: str
    sentences: tuple[Sentence, ...]
    findings: tuple[Finding, ...]

    @property
    def clean(self) -> bool:
        return not self.findings

    def to_dict(self) -> dict[str, Any]:
        return {
            "profile": self.profile,
            "target_level": self.target_level,
            "score": self.score,
            "readability": self.readability,
            "level": self.level,
            "cefr": self.cefr,
            "sentences": [s.to_dict() for s in self.sentences],
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(frozen=True, slots=True)
class Change:
    start: int
    end: int
    original: str
    replacement: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "original": self.original,
            "replacement": self.replacement,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class RewriteResult:
    original: str
    text: str
    changes: tuple[Change, ...]

    @property
    def changed(self) -> bool:
        return bool(self.changes)
