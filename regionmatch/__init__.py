"""regionmatch: matching job seekers to jobs under regional caps (framework-free engine).

Mechanisms: seeker-proposing deferred acceptance (``da``), the Japan Residency Matching
Program's DA with each job's target as its capacity (``jrmp``), and Kamada–Kojima flexible
deferred acceptance (``fda``, AER 2015). See docs/regionmatch.md.
"""

from __future__ import annotations

from .errors import InputError
from .explain import MESSAGES, Explanation, Unexplained, explain
from .io import load, result_document
from .mechanisms import MECHANISMS, Matching, deferred_acceptance, matching_from, solve
from .model import Instance, parse_document
from .stability import (
    BlockingPair,
    blocking_pairs,
    feasibility_problems,
    is_stable,
    is_weakly_stable,
)

__all__ = [
    "MECHANISMS",
    "MESSAGES",
    "BlockingPair",
    "Explanation",
    "InputError",
    "Instance",
    "Matching",
    "Unexplained",
    "blocking_pairs",
    "deferred_acceptance",
    "explain",
    "feasibility_problems",
    "is_stable",
    "is_weakly_stable",
    "load",
    "matching_from",
    "parse_document",
    "result_document",
    "solve",
]
