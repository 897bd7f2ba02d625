"""The one exception :mod:`regionmatch` raises for bad input."""

from __future__ import annotations

__all__ = ["InputError"]


class InputError(ValueError):
    """The input cannot be matched; the message is one line naming the problem."""
