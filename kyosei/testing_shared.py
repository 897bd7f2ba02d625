"""The one place tests find the reference data outside the repository (`../shared`, or
`KYOSEI_SHARED_DIR`): JMA telegrams and code tables, official facts.

A developer without the data gets a skip with the reason; under `CI` the same test FAILS, so a
CI run that lost the data cannot pass by skipping a hundred tests silently.
"""

import os
from pathlib import Path
from typing import NoReturn

import pytest


def shared_root() -> Path:
    from django.conf import settings

    return Path(settings.SHARED_DATA_DIR)


def missing(path: Path, what: str) -> NoReturn:
    message = f"{what} not found at {path} (set KYOSEI_SHARED_DIR)"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must run the tests that use it", pytrace=False)
    pytest.skip(message)


def shared_dir(*parts: str, what: str) -> Path:
    """The shared directory `parts` (e.g. "jma", "codes"); skips, or fails under CI, without it."""
    path = shared_root().joinpath(*parts)
    if not path.is_dir():
        missing(path, what)
    return path
