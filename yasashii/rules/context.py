"""State shared by the rules while checking one document."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..analysis import AnalysedSentence, Token
from ..models import Finding, Severity, make_finding
from ..profiles import Profile
from . import RULES


@dataclass(slots=True)
class Stats:
    """Counts gathered in the single word pass over a sentence (used by the scores)."""

    words: int = 0
    kango: int = 0
    wago: int = 0
    verbs: int = 0
    particles: int = 0
    rated: int = 0
    hard: int = 0
    levels: tuple[int, ...] = (0, 0, 0, 0, 0, 0)
    kanji_ratio: float = 0.0
    # Clause joints for the structure rules: conjunctive particles, 連用形 verbs before 、.
    joints: tuple[int, ...] = ()


@dataclass
class Context:
    text: str
    profile: Profile
    target: int
    target_name: str
    glossary: Mapping[str, str]
    sentences: list[AnalysedSentence]
    findings: list[Finding] = field(default_factory=list)
    # Character spans covered by glossary terms: such words are explained, not flagged.
    protected: list[tuple[int, int]] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    stats: list[Stats] = field(default_factory=list)
    _messages: dict[tuple[object, ...], tuple[Severity, str, str]] = field(default_factory=dict)

    def enabled(self, rule: str) -> bool:
        return self.profile.enabled(rule)

    def add(
        self,
        rule: str,
        start: int,
        end: int,
        suggestion: str | None = None,
        replacement: str | None = None,
        **values: object,
    ) -> None:
        if not self.profile.enabled(rule):
            return
        values.setdefault("word", self.text[start:end])
        values.setdefault("target", self.target_name)
        # Words repeat, so most findings reuse messages formatted earlier in this document.
        key = (rule, *values.items())
        cached = self._messages.get(key)
        if cached is None:
            info = RULES[rule]
            severity = self.profile.severity_for(rule, info.severity)
            cached = (severity, info.message.format(**values), info.message_en.format(**values))
            self._messages[key] = cached
        self.findings.append(
            make_finding(rule, cached[0], start, end, cached[1], cached[2], suggestion, replacement)
        )

    def is_protected(self, start: int, end: int) -> bool:
        """Spans come from one left-to-right regex scan, so they are sorted and disjoint."""
        index = bisect_left(self.protected, (end, -1)) - 1
        return index >= 0 and self.protected[index][1] > start

    def starts_token(self, start: int) -> bool:
        return any(t.start == start for t in self._tokens_around(start))

    def token_aligned(self, start: int, end: int) -> bool:
        tokens = self._tokens_around(start)
        return any(t.start == start for t in tokens) and any(t.end == end for t in tokens)

    def tokens_at(self, start: int, end: int) -> tuple[Token | None, Token | None]:
        """The token of the sentence holding *start* that ends at *end*, and the token after
        it (None when there is none)."""
        tokens = self._tokens_around(start)
        for index, token in enumerate(tokens):
            if token.end == end:
                return token, tokens[index + 1] if index + 1 < len(tokens) else None
        return None, None

    def _tokens_around(self, position: int) -> tuple[Token, ...]:
        """Tokens of the sentence holding *position*; regex matches are rare, so no index."""
        if not self.sentence_starts:
            self.sentence_starts = [s.start for s in self.sentences]
        index = bisect_right(self.sentence_starts, position) - 1
        return self.sentences[index].tokens if index >= 0 else ()
