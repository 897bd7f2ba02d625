"""Key terms are kept and explained: glossary terms are never flagged as difficult."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from ..resources import read_json
from .context import Context


def default_glossary() -> dict[str, str]:
    return dict(read_json("glossary.json"))


@cache
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(t) for t in terms))


def glossary_pattern(glossary: Mapping[str, str]) -> re.Pattern[str] | None:
    terms = tuple(sorted((t for t in glossary if t), key=len, reverse=True))
    return _pattern(terms) if terms else None


def check_glossary(ctx: Context) -> None:
    pattern = glossary_pattern(ctx.glossary)
    if pattern is None:
        return
    seen: set[str] = set()
    text = ctx.text
    for match in pattern.finditer(text):
        term = match.group()
        ctx.protected.append((match.start(), match.end()))
        if term in seen:
            continue
        seen.add(term)
        explanation = ctx.glossary[term]
        after = text[match.end() : match.end() + len(explanation) + 2]
        if after[:1] in ("（", "(") and explanation[:4] in after:
            continue
        if after[:1] in ("（", "("):
            continue  # the author already explains it in their own words
        suggestion = f"{term}（{explanation}）"
        ctx.add("glossary-explain", match.start(), match.end(), suggestion, suggestion)
