"""rewrite(): apply the safe fixes that check() found, never touching numbers or names."""

from __future__ import annotations

from collections.abc import Mapping

from .checker import build_context
from .gcpause import collector_paused
from .models import Change, Finding, RewriteResult
from .profiles import Profile

# When two fixes overlap at the same start, the wider wins; on equal width this order decides.
_PRIORITY = {
    "tilde-range": 0,
    "keigo": 1,
    "difficult-word": 2,
    "nominalisation": 3,
    "era-year": 4,
    "slash-date": 5,
    "time-24h": 6,
    "vague-expression": 7,
    "shortened-word": 8,
    "alphabet-word": 9,
    "glossary-explain": 10,
}


def rewrite(
    text: str,
    profile: str | Profile = "living",
    level: str | None = None,
    glossary: Mapping[str, str] | None = None,
    use_default_glossary: bool = True,
) -> RewriteResult:
    with collector_paused():
        ctx = build_context(text, profile, level, glossary, use_default_glossary)
    fixes = [f for f in ctx.findings if f.replacement is not None and f.rule in _PRIORITY]
    chosen = select(fixes, text)
    parts: list[str] = []
    cursor = 0
    changes: list[Change] = []
    for fix in chosen:
        assert fix.replacement is not None  # noqa: S101 - filtered above
        parts.append(text[cursor : fix.start])
        parts.append(fix.replacement)
        cursor = fix.end
        changes.append(
            Change(fix.start, fix.end, text[fix.start : fix.end], fix.replacement, fix.rule)
        )
    parts.append(text[cursor:])
    return RewriteResult(original=text, text="".join(parts), changes=tuple(changes))


def select(fixes: list[Finding], text: str) -> list[Finding]:
    ordered = sorted(fixes, key=lambda f: (f.start, -(f.end - f.start), _PRIORITY[f.rule]))
    chosen: list[Finding] = []
    end = -1
    for fix in ordered:
        if fix.start < end or fix.replacement == text[fix.start : fix.end]:
            continue
        chosen.append(fix)
        end = fix.end
    return chosen
