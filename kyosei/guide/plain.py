"""The only module that imports yasashii: a late change of its API is a one-file fix here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

PLAIN_JAPANESE = "ja-x-easy"
FURIGANA_LANGUAGES = {"ja", PLAIN_JAPANESE}


@dataclass(frozen=True)
class PlainFinding:
    rule: str
    severity: str
    start: int
    end: int
    message: str
    message_en: str
    suggestion: str | None
    excerpt: str


@dataclass(frozen=True)
class PlainReport:
    score: float
    findings: tuple[PlainFinding, ...]

    @property
    def blocking(self) -> tuple[PlainFinding, ...]:
        """Findings that need an explicit override to publish (advice-level info does not)."""
        return tuple(f for f in self.findings if f.severity != "info")

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "findings": [f.__dict__ for f in self.findings],
        }


def check(text: str, *, glossary: dict[str, str] | None = None) -> PlainReport:
    import yasashii

    report = yasashii.check(text, profile="living", level="N4", glossary=glossary)
    return PlainReport(
        score=float(report.score),
        findings=tuple(
            PlainFinding(
                rule=f.rule,
                severity=str(f.severity),
                start=f.start,
                end=f.end,
                message=f.message,
                message_en=f.message_en,
                suggestion=f.suggestion,
                excerpt=text[f.start : f.end],
            )
            for f in report.findings
        ),
    )


# A reading in brackets after a word, 在留（ざいりゅう）, is a reading aid, not text: yasashii
# (as of 2026-11) tokenises such readings as separate hard words, so they are left out of the
# check. Explanations in brackets, 紹介状（しょうかいじょう：…）, are still checked.
KANA_READING_RE = re.compile(r"（[ぁ-ゖー\s]+）")


def reader_text(title: str, summary: str, body: str, language: str, facts: Any) -> str:
    """What the reader will read, for checking: facts filled in, Markdown markup removed."""
    from kyosei.guide import render

    body_text = render.plain_text(render.render_body(body, language, facts))
    parts = [
        render.render_inline(title, language, facts),
        render.render_inline(summary, language, facts),
        body_text,
    ]
    return KANA_READING_RE.sub("", "\n".join(parts)).strip()


def furigana_html(text: str) -> str:
    """Escaped HTML with <ruby> readings for every kanji word."""
    import yasashii

    return str(yasashii.furigana(text, format="ruby"))
