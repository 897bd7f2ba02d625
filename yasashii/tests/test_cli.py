from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from yasashii.cli import main


def run(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "yasashii", *args],
        input=stdin,
        capture_output=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=60,
        check=False,
    )


def test_check_json_from_stdin() -> None:
    proc = run(["check", "--json"], "書類を提出してください。".encode())
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert isinstance(data["score"], float)
    assert {"readability", "level", "sentences", "findings"} <= set(data)
    finding = data["findings"][0]
    assert {"rule", "severity", "start", "end", "message", "message_en", "suggestion"} <= set(
        finding
    )


def test_check_clean_text_exits_zero(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text("ごみは朝に出してください。\n", encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert "no findings" in capsys.readouterr().out


def test_check_terminal_marks_span(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("書類を提出してください。", encoding="utf-8")
    assert main(["check", str(path), "--profile", "disaster", "--level", "N4"]) == 1
    out = capsys.readouterr().out
    assert "書類を提出してください。\n          ^^^^^^^^" in out and "difficult-word" in out


def test_rewrite_and_diff(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("用紙に記入してください。\n", encoding="utf-8")
    assert main(["rewrite", str(path)]) == 1
    assert capsys.readouterr().out == "用紙に書いてください。\n"
    assert main(["rewrite", str(path), "--diff"]) == 1
    out = capsys.readouterr().out
    assert "-用紙に記入してください。" in out and "+用紙に書いてください。" in out


def test_furigana_formats(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("住民税", encoding="utf-8")
    assert main(["furigana", str(path), "--format", "brackets"]) == 0
    assert capsys.readouterr().out == "住民税(じゅうみんぜい)"
    assert main(["furigana", str(path), "--level", "N4"]) == 0
    assert "<ruby>" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["check"], b"", "empty text"),
        (["check", "-"], b"   \n", "empty text"),
        (["check"], b"hello world, this is English.", "no Japanese text found"),
        (["check"], b"\xff\xfe\x00bad", "not valid UTF-8"),
        (["check"], "안녕하세요 반갑습니다 あ".encode(), "not Japanese"),
        (["check", "/no/such/file.txt"], b"", "file not found"),
        (["check", "--profile", "party"], "あ".encode(), "invalid choice"),
        (["check", "--level", "N9"], "あ".encode(), "unknown level"),
        (["--max-bytes", "10", "check"], ("あ" * 20).encode(), "larger than the limit"),
        (["furigana", "--format", "xml"], "あ".encode(), "invalid choice"),
    ],
)
def test_unusable_input_exits_two_without_traceback(
    args: list[str], stdin: bytes, message: str
) -> None:
    proc = run(args, stdin)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_invalid_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("あい".encode() + b"\xff")
    proc = run(["check", str(path)])
    assert proc.returncode == 2 and b"not valid UTF-8" in proc.stderr


def test_mixed_japanese_and_english_is_fine() -> None:
    proc = run(["check"], "このアプリは English でも使えます。".encode())
    assert proc.returncode in (0, 1)


def test_console_script_entry_point_is_main() -> None:
    from yasashii import cli

    assert callable(cli.main)
