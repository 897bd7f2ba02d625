"""Command line: yasashii check|rewrite|furigana [FILE|-]."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import unicodedata
from collections.abc import Sequence
from typing import NoReturn

from .checker import check
from .furigana import furigana
from .jsonout import write_report_json
from .levels import LEVELS, UnknownLevelError, parse_level
from .models import Report
from .profiles import PROFILE_NAMES, UnknownProfileError
from .rewriter import rewrite
from .textinput import DEFAULT_MAX_BYTES, InputError, decode

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_UNUSABLE, f"{self.prog}: error: {message}\n")


def _level(value: str) -> str:
    try:
        parse_level(value)
    except UnknownLevelError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return value.strip().upper()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="yasashii", description="Plain Japanese (やさしい日本語) checker.")
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=int(os.environ.get("YASASHII_MAX_BYTES", DEFAULT_MAX_BYTES)),
        help="refuse input larger than this (default 10 MB, env YASASHII_MAX_BYTES)",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check_cmd = commands.add_parser("check", help="report rule findings and scores")
    check_cmd.add_argument("file", nargs="?", default="-")
    check_cmd.add_argument("--json", action="store_true", help="print one JSON object")
    check_cmd.add_argument("--profile", default="living", choices=PROFILE_NAMES)
    check_cmd.add_argument("--level", type=_level, default=None, choices=LEVELS)

    rewrite_cmd = commands.add_parser("rewrite", help="apply safe fixes")
    rewrite_cmd.add_argument("file", nargs="?", default="-")
    rewrite_cmd.add_argument("--diff", action="store_true", help="print a unified diff")
    rewrite_cmd.add_argument("--profile", default="living", choices=PROFILE_NAMES)
    rewrite_cmd.add_argument("--level", type=_level, default=None, choices=LEVELS)

    furigana_cmd = commands.add_parser("furigana", help="add readings to kanji")
    furigana_cmd.add_argument("file", nargs="?", default="-")
    furigana_cmd.add_argument("--format", choices=("ruby", "brackets"), default="ruby")
    furigana_cmd.add_argument("--level", type=_level, default=None, choices=LEVELS)
    return parser


def read_input(path: str, max_bytes: int) -> str:
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except FileNotFoundError:
            raise InputError(f"file not found: {path}") from None
        except IsADirectoryError:
            raise InputError(f"not a file: {path}") from None
        except PermissionError:
            raise InputError(f"permission denied: {path}") from None
        except OSError as error:
            raise InputError(f"cannot read {path}: {error.strerror}") from None
    return decode(data, max_bytes)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        text = read_input(args.file, args.max_bytes)
        if args.command == "check":
            report = check(text, profile=args.profile, level=args.level)
            _print_report(report, args.json)
            return EXIT_FINDINGS if report.findings else EXIT_CLEAN
        if args.command == "rewrite":
            result = rewrite(text, profile=args.profile, level=args.level)
            if args.diff:
                name = "stdin" if args.file == "-" else args.file
                sys.stdout.writelines(
                    difflib.unified_diff(
                        text.splitlines(keepends=True),
                        result.text.splitlines(keepends=True),
                        fromfile=name,
                        tofile=f"{name} (yasashii)",
                    )
                )
            else:
                sys.stdout.write(result.text)
            return EXIT_FINDINGS if result.changes else EXIT_CLEAN
        sys.stdout.write(furigana(text, format=args.format, level=args.level))
        return EXIT_CLEAN
    except (InputError, UnknownProfileError, UnknownLevelError) as error:
        print(f"yasashii: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:
        return EXIT_CLEAN


def _width(text: str) -> int:
    """Terminal columns: full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _print_report(report: Report, as_json: bool) -> None:
    if as_json:
        write_report_json(report, sys.stdout)
        return
    text = report.text
    print(
        f"score {report.score:.1f}/100  jReadability {report.readability:.2f}  "
        f"level {report.level} ({report.cefr})  profile {report.profile}  "
        f"target {report.target_level}"
    )
    for finding in report.findings:
        line_no = text.count("\n", 0, finding.start) + 1
        line_start = text.rfind("\n", 0, finding.start) + 1
        line_end = text.find("\n", finding.start)
        line_end = len(text) if line_end == -1 else line_end
        end = max(min(finding.end, line_end), finding.start + 1)
        underline = " " * _width(text[line_start : finding.start]) + "^" * max(
            1, _width(text[finding.start : end])
        )
        col = finding.start - line_start + 1
        print(f"{line_no}:{col}: {finding.severity} [{finding.rule}] {finding.message}")
        print(f"    {finding.message_en}")
        print(f"    {text[line_start:line_end]}")
        print(f"    {underline}")
        if finding.suggestion:
            print(f"    → {finding.suggestion.replace(chr(10), ' ')}")
    if not report.findings:
        print("no findings")
