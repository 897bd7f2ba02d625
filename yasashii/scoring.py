"""Plainness score (ours), jReadability (Lee & Hasebe 2016) and an estimated level."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .analysis import AnalysedSentence
from .levels import CEFR, level_name
from .models import Finding
from .rules.context import Stats

PENALTY = {"error": 18.0, "warning": 9.0, "info": 3.0}
_NOT_WORDS = frozenset({"補助記号", "空白", "記号"})
_CONTENT = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞"})
_SILENT_POS2 = frozenset({"固有名詞", "数詞", "非自立可能"})


def sentence_score(sentence: AnalysedSentence, stats: Stats, findings: Iterable[Finding]) -> float:
    score = 100.0
    for finding in findings:
        score -= PENALTY[finding.severity]
    if stats.rated:
        score -= 30.0 * stats.hard / stats.rated
    score -= 40.0 * max(0.0, stats.kanji_ratio - 0.2)
    score -= 0.3 * max(0, len(sentence.text) - 25)
    return round(max(0.0, min(100.0, score)), 1)


def document_score(
    sentences: Sequence[AnalysedSentence], scores: Sequence[float], extra: Iterable[Finding]
) -> float:
    if not sentences:
        return 100.0
    total = sum(len(s.text) for s in sentences) or 1
    score = sum(sc * len(s.text) for s, sc in zip(sentences, scores, strict=True)) / total
    for finding in extra:
        score -= PENALTY[finding.severity]
    return round(max(0.0, min(100.0, score)), 1)


def jreadability(stats: Sequence[Stats]) -> float:
    """X = words/sentence*-0.056 + kango%*-0.126 + wago%*-0.042 + verb%*-0.145
    + particle%*-0.044 + 11.724 (Lee & Hasebe 2016; shares are percentages of all words)."""
    counted = [s for s in stats if s.words]
    words = sum(s.words for s in counted)
    if not words:
        return 0.0
    pct = 100.0 / words
    value = (
        (words / len(counted)) * -0.056
        + sum(s.kango for s in counted) * pct * -0.126
        + sum(s.wago for s in counted) * pct * -0.042
        + sum(s.verbs for s in counted) * pct * -0.145
        + sum(s.particles for s in counted) * pct * -0.044
        + 11.724
    )
    return round(value, 3)


def estimate_level(
    sentences: Sequence[AnalysedSentence], stats: Sequence[Stats]
) -> tuple[str, str]:
    """Easiest JLPT level whose vocabulary covers 95 % of rated words; long sentences add one."""
    histogram = [0] * 6
    for s in stats:
        for level, count in enumerate(s.levels):
            histogram[level] += count
    total = sum(histogram)
    if not total:
        return "N5", CEFR["N5"]
    allowed_hard = total * 0.05
    value = 5
    # Walk from N5 downwards until the words harder than the level are at most 5 %.
    while value > 1 and sum(histogram[:value]) > allowed_hard:
        value -= 1
    chars = sum(len(s.text) for s in sentences)
    if chars / len(sentences) > 60:
        value = max(1, value - 1)
    name = level_name(value)
    return name, CEFR[name]
