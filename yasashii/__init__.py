"""yasashii: Plain Japanese (やさしい日本語) checker, rewriter and furigana engine.

Framework-free: it must never import Django.
"""

from __future__ import annotations

from .checker import check
from .furigana import furigana
from .levels import UnknownLevelError
from .models import Change, Finding, Report, RewriteResult, Sentence
from .profiles import Profile, UnknownProfileError, load_profile
from .rewriter import rewrite
from .rules import RULES

__all__ = [
    "RULES",
    "Change",
    "Finding",
    "Profile",
    "Report",
    "RewriteResult",
    "Sentence",
    "UnknownLevelError",
    "UnknownProfileError",
    "check",
    "furigana",
    "load_profile",
    "rewrite",
]
