"""Shared fixtures: locate the read-only JMA samples and code tables outside the repository.

The data lives in ``../shared/jma`` next to the repository (override with KYOSEI_SHARED_DIR);
tests that need it skip with a clear message when it is absent.
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


def sample_files() -> list[Path]:
    return sorted(SAMPLES_DIR.glob("*.xml")) if SAMPLES_DIR.is_dir() else []


@pytest.fixture
def samples_dir() -> Path:
    if not SAMPLES_DIR.is_dir():
        pytest.skip(f"JMA sample telegrams not found at {SAMPLES_DIR} (set KYOSEI_SHARED_DIR)")
    return SAMPLES_DIR


@pytest.fixture
def codes_dir() -> Path:
    if not CODES_DIR.is_dir():
        pytest.skip(f"JMA code tables not found at {CODES_DIR} (set KYOSEI_SHARED_DIR)")
    return CODES_DIR
