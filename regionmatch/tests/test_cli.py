"""The CLI contract: `python -m regionmatch solve [--mechanism fda|jrmp|da] [FILE|-]`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .test_examples import WASTE

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "regionmatch", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )


def test_solve_from_stdin_defaults_to_fda() -> None:
    # catches: another default mechanism, a missing key, an unmatched seeker left out
    doc: dict[str, Any] = {**WASTE, "seekers": [*WASTE["seekers"], {"id": "z", "ranking": []}]}
    result = cli("solve", "-", stdin=json.dumps(doc).encode())
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    out = json.loads(result.stdout)
    assert out == {
        "mechanism": "fda",
        "assignment": {"a": "care", "b": "care", "c": "care", "z": None},
        "matched": 3,
        "by_region": {"rural": {"cap": 4, "filled": 3}},
    }


def test_solve_file_with_mechanism(tmp_path: Path) -> None:
    # catches: --mechanism ignored, FILE ignored
    path = tmp_path / "round.json"
    path.write_text(json.dumps(WASTE))
    out = json.loads(cli("solve", "--mechanism", "jrmp", str(path)).stdout)
    assert out["mechanism"] == "jrmp"
    assert out["assignment"]["c"] == "city"
    assert out["by_region"] == {"rural": {"cap": 4, "filled": 2}}


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (("solve",), b"{not json", b"invalid JSON"),
        (("solve", "-"), json.dumps({**WASTE, "regions": [{"id": "rural"}]}).encode(), b"cap"),
        (("solve", "/nonexistent/round.json"), b"", b"cannot read"),
        (("solve", "--mechanism", "boston"), b"{}", b"invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_output(
    args: tuple[str, ...], stdin: bytes, words: bytes
) -> None:
    # catches: a traceback, a multi-line usage message, a partial result on stdout
    result = cli(*args, stdin=stdin)
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.count(b"\n") == 1 and result.stderr.endswith(b"\n")
    assert words in result.stderr
