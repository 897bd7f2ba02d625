"""The shared-data helper: a skip on a developer's machine, a failure under CI."""

from pathlib import Path
from typing import Any

import pytest

from kyosei.testing_shared import shared_dir


def test_missing_data_skips_without_ci(settings: Any, tmp_path: Path, monkeypatch: Any) -> None:
    settings.SHARED_DATA_DIR = tmp_path / "absent"
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="JMA samples not found"):
        shared_dir("jma", "samples", what="JMA samples")


def test_missing_data_fails_under_ci(settings: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """Catches the helper skipping under CI (the ~130 tests would pass by not running)."""
    settings.SHARED_DATA_DIR = tmp_path / "absent"
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run"):
        shared_dir("jma", "samples", what="JMA samples")


def test_present_data_is_returned(settings: Any, tmp_path: Path, monkeypatch: Any) -> None:
    (tmp_path / "jma" / "codes").mkdir(parents=True)
    settings.SHARED_DATA_DIR = tmp_path
    monkeypatch.setenv("CI", "true")
    assert shared_dir("jma", "codes", what="JMA code tables") == tmp_path / "jma" / "codes"


def test_the_alert_tests_fail_under_ci_without_the_data(tmp_path: Path) -> None:
    """End to end: a real alerts test that needs the samples, run in a child pytest with CI set
    and KYOSEI_SHARED_DIR pointing nowhere, fails instead of skipping."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "CI": "1", "KYOSEI_SHARED_DIR": str(tmp_path / "absent")}
    # Its own database: on PostgreSQL the child would otherwise share (and drop) this run's.
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'child.sqlite3'}"
    env["SQLITE_TEST_NAME"] = str(tmp_path / "child-test.sqlite3")
    env.pop("PYTEST_ADDOPTS", None)
    target = (
        "kyosei/alerts/tests/test_tsunami_areas.py::test_the_usage_flags_tell_coast_from_inland"
    )
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", target],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout[-2000:]
    assert "1 error" in result.stdout and "CI must run" in result.stdout  # failed in its fixture
    assert "skipped" not in result.stdout
