"""The CLI contract of issue 15: JSON in, JSON out, exit 2 with one line naming the field."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .helpers import request

ROOT = Path(__file__).resolve().parents[2]


def run(payload: Any, *args: str) -> subprocess.CompletedProcess[str]:
    text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    return subprocess.run(
        [sys.executable, "-m", "zairyu", "timeline", *args],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_issue_example_prints_the_contract_shape() -> None:
    done = run(request(events=[{"type": "moved", "date": "2026-12-01"}]), "-", "--lang", "en")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert set(out) == {"deadlines", "work", "warnings"}
    for deadline in out["deadlines"]:
        assert set(deadline) == {"kind", "date", "overdue", "basis", "source", "what"}
    assert out["work"] == "within_status"
    assert out["deadlines"][0] == {
        "kind": "address_notification_due",
        "date": "2026-12-15",
        "overdue": False,
        "basis": "入管法19条の9第1項",
        "source": "https://laws.e-gov.go.jp/law/326CO0000000319",
        "what": out["deadlines"][0]["what"],
    }


def test_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "me.json"
    path.write_text(json.dumps(request()), encoding="utf-8")
    done = run("", str(path), "--lang", "ja-x-easy")
    assert done.returncode == 0 and json.loads(done.stdout)["deadlines"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (request(status="観光"), "status"),
        (request(expiry="2027-02-30"), "expiry"),
        (request(today="2026-13-01"), "today"),
        (request(expiry="2027-03-31", start="2027-04-01"), "expiry"),
        (request(expiry="2027-03-31", period_start="2027-04-01"), "expiry"),
        (request(expiry="2027-03-31", birth_date="2027-04-01"), "expiry"),
        (request(events=[{"type": "married", "date": "2026-12-01"}]), "events[0].type"),
        (request(events=[{"type": "moved", "date": "2026-02-29"}]), "events[0].date"),
        (request(period_of_stay="one year"), "period_of_stay"),
        (request(status="永住者", period_of_stay="indefinite"), "expiry"),
        (request(status="育成就労"), "status"),  # not in force before 2027-04-01
        (request(events=[{"type": "left_japan", "date": "2026-12-01"}]), "events[0].reentry"),
        ("{not json", "input"),
    ],
)
def test_bad_input_exits_2_naming_the_field(payload: Any, field: str) -> None:
    done = run(payload)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"zairyu: {field}:"), done.stderr


def test_unknown_language_exits_2() -> None:
    done = run(request(), "--lang", "xx")
    assert done.returncode == 2 and done.stdout == "" and "--lang" in done.stderr
