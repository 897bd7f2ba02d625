"""Shared fixtures: locate the read-only JMA samples and code tables outside the repository.

The data lives in ``../shared/jma`` next to the repository (override with KYOSEI_SHARED_DIR);
tests that need it skip with a clear message when it is absent, and FAIL under `CI` (a CI run
that lost the data must not pass by skipping; kyosei's tests do the same in
kyosei/testing_shared.py, which this engine cannot import).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def shared_jma_dir() -> Path:
    base = os.environ.get("KYOSEI_SHARED_DIR")
    root = Path(base) if base else Path(__file__).resolve().parents[2].parent / "shared"
    return root / "jma"


SAMPLES_DIR = shared_jma_dir() / "samples"
CODES_DIR = shared_jma_dir() / "codes"


def missing(path: Path, what: str) -> None:
    message = f"{what} not found at {path} (set KYOSEI_SHARED_DIR)"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must run the tests that use it", pytrace=False)
    pytest.skip(message)


def sample_files() -> list[Path]:
    if not SAMPLES_DIR.is_dir() and os.environ.get("CI"):
        # At collection: an empty parameter list would skip every sample test silently.
        pytest.fail(f"JMA sample telegrams not found at {SAMPLES_DIR}", pytrace=False)
    return sorted(SAMPLES_DIR.glob("*.xml")) if SAMPLES_DIR.is_dir() else []


@pytest.fixture
def samples_dir() -> Path:
    if not SAMPLES_DIR.is_dir():
        missing(SAMPLES_DIR, "JMA sample telegrams")
    return SAMPLES_DIR


@pytest.fixture
def codes_dir() -> Path:
    if not CODES_DIR.is_dir():
        missing(CODES_DIR, "JMA code tables")
    return CODES_DIR
