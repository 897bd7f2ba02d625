"""Evaluation set: the numbers in docs/yasashii-evaluation.md come from these measurements."""

from __future__ import annotations

import difflib
from pathlib import Path

from yasashii import check, rewrite

DATA = Path(__file__).parent / "data"


def load_pairs() -> list[tuple[str, str, str]]:
    rows = []
    for line in (DATA / "pairs.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            domain, original, plain = line.split("\t")
            rows.append((domain, original, plain))
    return rows


def load_plain() -> list[str]:
    lines = (DATA / "plain_sentences.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def distance(a: str, b: str) -> float:
    return 1.0 - difflib.SequenceMatcher(None, a, b).ratio()


def evaluate() -> dict[str, float]:
    pairs = load_pairs()
    ours = jread = moved = score_up = closer = 0
    for _, original, plain in pairs:
        before, target = check(original), check(plain)
        ours += target.score > before.score
        jread += target.readability > before.readability
        rewritten = rewrite(original).text
        up = check(rewritten).score > before.score
        near = distance(rewritten, plain) < distance(original, plain)
        score_up += up
        closer += near
        moved += up or near
    n = len(pairs)
    return {
        "pairs": n,
        "ours": ours / n,
        "jreadability": jread / n,
        "rewrite_moved": moved / n,
        "rewrite_score_up": score_up / n,
        "rewrite_closer": closer / n,
    }


def test_evaluation_set_size_and_domains() -> None:
    pairs = load_pairs()
    assert len(pairs) >= 60
    assert {d for d, _, _ in pairs} == {"admin", "health", "work", "disaster", "daily"}


def test_plain_version_scores_higher_more_reliably_than_jreadability() -> None:
    result = evaluate()
    assert result["ours"] >= 0.95
    assert result["ours"] > result["jreadability"]
    assert result["rewrite_moved"] >= 0.75


def test_plain_regression_set_has_no_findings() -> None:
    sentences = load_plain()
    assert len(sentences) >= 40
    noisy = {s: [f.rule for f in check(s).findings] for s in sentences}
    assert {s: rules for s, rules in noisy.items() if rules} == {}


def load_heldout() -> list[tuple[str, str, tuple[str, ...]]]:
    rows = []
    for line in (DATA / "heldout_probes.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            category, original, accepted, _source = line.split("\t")
            rows.append((category, original, tuple(accepted.split("|"))))
    return rows


def _unspaced(text: str) -> str:
    # Plain Japanese may space words (水を 配る 車); a probe's plain form matches either way.
    return text.replace(" ", "").replace("\u3000", "")


def evaluate_heldout() -> dict[str, tuple[int, int]]:
    """Per category: (probes whose rewrite contains an accepted plain form, probes)."""
    result: dict[str, tuple[int, int]] = {}
    for category, original, accepted in load_heldout():
        rewritten = _unspaced(rewrite(original).text)
        hit = any(_unspaced(form) in rewritten for form in accepted)
        done, total = result.get(category, (0, 0))
        result[category] = (done + hit, total + 1)
    return result


def test_heldout_probes_from_sources_the_lexicon_was_not_built_from() -> None:
    # Mutation: dropping 明治, the month/day rule or the honorific verb map loses probes.
    result = evaluate_heldout()
    assert set(result) == {"disaster", "honorific", "daily", "date"}
    assert result["date"] == (6, 6)
    assert sum(done for done, _ in result.values()) >= 18
