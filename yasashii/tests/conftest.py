"""The engine is framework-free: importing it must never pull in Django."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _no_django_in_engine() -> Iterator[None]:
    before = "django" in sys.modules
    import yasashii  # noqa: F401

    yield
    if not before:
        assert "django" not in sys.modules, "yasashii imported django"
