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


def _slot_setters(cls: type, names: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(cls.__dict__[name].__set__ for name in names)


_FINDING_SETTERS = _slot_setters(
    Finding,
    ("rule", "severity", "start", "end", "message", "message_en", "suggestion", "replacement"),
)


def make_finding(
    rule: str,
    severity: Severity,
    start: int,
    end: int,
    message: str,
    message_en: str,
    suggestion: str | None,
    replacement: str | None,
) -> Finding:
    """Finding(...) at half the cost: a frozen dataclass's __init__ sets each field through
    object.__setattr__, and a 1 MB text makes ~90,000 findings. Same object, same fields."""
    s0, s1, s2, s3, s4, s5, s6, s7 = _FINDING_SETTERS
    finding: Finding = object.__new__(Finding)
    s0(finding, rule)
    s1(finding, severity)
    s2(finding, start)
    s3(finding, end)
    s4(finding, message)
    s5(finding, message_en)
    s6(finding, suggestion)
    s7(finding, replacement)
    return finding


_SENTENCE_SETTERS = _slot_setters(Sentence, ("start", "end", "text", "score"))


def make_sentence(start: int, end: int, text: str, score: float) -> Sentence:
    """Sentence(...) without the frozen dataclass's per-field object.__setattr__ calls."""
    s0, s1, s2, s3 = _SENTENCE_SETTERS
    sentence: Sentence = object.__new__(Sentence)
    s0(sentence, start)
    s1(sentence, end)
    s2(sentence, text)
    s3(sentence, score)
    return sentence
