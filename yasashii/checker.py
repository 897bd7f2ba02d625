"""check(): run every rule over one analysis of the text and score the result."""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Mapping
from operator import attrgetter

from .analysis import AnalysedSentence, analyse
from .gcpause import collector_paused
from .levels import parse_level
from .models import Finding, Report, make_finding, make_sentence
from .profiles import Profile, resolve_profile
from .rules.context import Context
from .rules.glossary import check_glossary, default_glossary
from .rules.notation import check_notation
from .rules.structure import check_structure
from .rules.style import check_style_endings, check_text_style
from .rules.vocabulary import check_density, check_text_words, check_words
from .scoring import (
    document_score,
    estimate_level,
    jreadability,
    sentence_score,
)

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
# Document-level findings are scored once for the whole text, not per sentence.
_DOCUMENT_RULES = frozenset({"mixed-style"})


def build_context(
    text: str,
    profile: str | Profile = "living",
    level: str | None = None,
    glossary: Mapping[str, str] | None = None,
    use_default_glossary: bool = True,
) -> Context:
    resolved = resolve_profile(profile)
    target_name = (level or resolved.level).strip().upper()
    target = parse_level(target_name)
    terms: dict[str, str] = default_glossary() if use_default_glossary else {}
    if glossary:
        terms.update(glossary)
    sentences = analyse(text)
    ctx = Context(text, resolved, target, target_name, terms, sentences)
    check_glossary(ctx)
    check_text_words(ctx)
    check_text_style(ctx)
    check_notation(ctx)
    check_sentences(ctx)
    check_style_endings(ctx)
    ctx.findings = dedupe(ctx.findings)
    return ctx


def check_sentences(ctx: Context) -> None:
    """Per-sentence rules. Their results depend only on the sentence's own line (the
    glossary spans they consult lie inside lines), so a sentence of a repeated line copies
    the findings of its original, shifted, instead of running the rules again."""
    findings = ctx.findings
    produced: list[tuple[int, int]] = []
    for sentence in ctx.sentences:
        begin = len(findings)
        source = sentence.copy_of
        if source >= 0:
            stats = ctx.stats[source]
            first, last = produced[source]
            delta = sentence.start - ctx.sentences[source].start
            findings.extend([_shift(f, delta) for f in findings[first:last]])
        else:
            stats = check_words(ctx, sentence)
            check_structure(ctx, sentence, stats.joints)
            check_density(ctx, sentence, stats)
        ctx.stats.append(stats)
        produced.append((begin, len(findings)))


def _shift(f: Finding, delta: int) -> Finding:
    return make_finding(
        f.rule,
        f.severity,
        f.start + delta,
        f.end + delta,
        f.message,
        f.message_en,
        f.suggestion,
        f.replacement,
    )


# A word inside a keigo phrase or shortened word is reported by that rule only.
# A finding inside a wider finding of a rule that already covers it is dropped:
# the word inside a keigo phrase, the 15時 inside 15時〜18時.
_SHADOWS = {
    "keigo": frozenset({"difficult-word", "difficult-kanji", "passive"}),
    "shortened-word": frozenset({"difficult-word", "difficult-kanji", "katakana-loanword"}),
    "vague-expression": frozenset({"difficult-word", "difficult-kanji", "passive"}),
    "tilde-range": frozenset({"time-24h", "era-year", "slash-date"}),
}

_SHADOWED_BY = {
    shadowed: tuple(rule for rule, rules in _SHADOWS.items() if shadowed in rules)
    for shadowed in frozenset().union(*_SHADOWS.values())
}
assert not set(_SHADOWS) & set(_SHADOWED_BY)  # noqa: S101 - the one-pass dedupe relies on it


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and place: keep the widest span (first one wins on ties)."""
    # One pass: no rule that shadows others is itself shadowed, so the order is irrelevant.
    spans: dict[str, list[tuple[int, int]]] = {}
    for f in findings:
        if f.rule in _SHADOWS:
            spans.setdefault(f.rule, []).append((f.start, f.end))
    if spans:
        # Per shadowed rule, the spans of every rule that shadows it, merged and sorted.
        owners = {
            shadowed: sorted(span for rule in rules for span in spans.get(rule, ()))
            for shadowed, rules in _SHADOWED_BY.items()
        }
        findings = [f for f in findings if f.rule not in owners or not _inside(owners[f.rule], f)]
    # Stable sorts keep the order in which rules reported, so the first one wins on ties.
    # Two C-keyed sorts (end descending, then rule and start) order by (rule, start, -end).
    ordered = sorted(findings, key=_END, reverse=True)
    ordered.sort(key=_RULE_START)
    kept: list[Finding] = []
    previous: Finding | None = None
    for finding in ordered:
        if (
            previous is not None
            and previous.rule == finding.rule
            and finding.start < previous.end
            and finding.end <= previous.end
        ):
            continue
        previous = finding
        kept.append(finding)
    kept.sort(key=_severity_order)
    kept.sort(key=_START)
    return kept


_END = attrgetter("end")
_START = attrgetter("start")
_RULE_START = attrgetter("rule", "start")


def _severity_order(finding: Finding) -> int:
    return _SEVERITY_ORDER[finding.severity]


def _inside(spans: list[tuple[int, int]], finding: Finding) -> bool:
    index = bisect_right(spans, (finding.start, sys.maxsize)) - 1
    while index >= 0 and spans[index][0] <= finding.start:
        if spans[index][1] >= finding.end:
            return True
        if finding.start - spans[index][0] > 64:
            break
        index -= 1
    return False


def check(
    text: str,
    profile: str | Profile = "living",
    level: str | None = None,
    glossary: Mapping[str, str] | None = None,
    use_default_glossary: bool = True,
) -> Report:
    """Check *text* against the Plain Japanese rules of *profile* for readers at *level*."""
    with collector_paused():
        return _check(text, profile, level, glossary, use_default_glossary)


def _check(
    text: str,
    profile: str | Profile,
    level: str | None,
    glossary: Mapping[str, str] | None,
    use_default_glossary: bool,
) -> Report:
    ctx = build_context(text, profile, level, glossary, use_default_glossary)
    sentences = ctx.sentences
    per_sentence = assign(sentences, [f for f in ctx.findings if f.rule not in _DOCUMENT_RULES])
    stats = ctx.stats
    scores = [
        sentence_score(s, st, found)
        for s, st, found in zip(sentences, stats, per_sentence, strict=True)
    ]
    document_findings = [f for f in ctx.findings if f.rule in _DOCUMENT_RULES]
    level_name, cefr = estimate_level(sentences, stats)
    return Report(
        text=text,
        profile=ctx.profile.name,
        target_level=ctx.target_name,
        score=document_score(sentences, scores, document_findings),
        readability=jreadability(stats),
        level=level_name,
        cefr=cefr,
        sentences=tuple(
            make_sentence(s.start, s.end, s.text, sc)
            for s, sc in zip(sentences, scores, strict=True)
        ),
        findings=tuple(ctx.findings),
    )


def assign(sentences: list[AnalysedSentence], findings: list[Finding]) -> list[list[Finding]]:
    starts = [s.start for s in sentences]
    buckets: list[list[Finding]] = [[] for _ in sentences]
    for finding in findings:
        index = bisect_right(starts, finding.start) - 1
        if 0 <= index < len(buckets):
            buckets[index].append(finding)
    return buckets
