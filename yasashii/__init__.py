"""yasashii: Plain Japanese (やさしい日本語) checker, rewriter and furigana engine.

Framework-free: it must never import Django.
"""

from __future__ import annotations

from .breaks import break_points, bunsetsu
from .checker import check
from .furigana import furigana
from .levels import UnknownLevelError
from .models import Change, Finding, Report, RewriteResult, Sentence
from .places import load_jma_city_table, register_place_readings
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
    "break_points",
    "bunsetsu",
    "check",
    "furigana",
    "load_jma_city_table",
    "load_profile",
    "register_place_readings",
    "rewrite",
]
