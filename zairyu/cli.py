"""`python -m zairyu timeline [FILE|-] [--lang CODE]`: JSON in, JSON out; bad input exits 2.

On bad input nothing is written to stdout and one line naming the field goes to stderr, so a
caller piping stdout never sees half a timeline.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import NoReturn

from .data import available_languages, normalise_language
from .errors import ZairyuInputError
from .inputs import parse_case
from .timeline import build_timeline


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"zairyu: {message}\n")


def _fail(message: str) -> int:
    sys.stderr.write(f"zairyu: {message}\n")
    return 2


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="zairyu", description="Deadlines of a status of residence in Japan")
    commands = parser.add_subparsers(dest="command", required=True)
    timeline = commands.add_parser("timeline", help="deadlines, work and warnings as JSON")
    timeline.add_argument("file", nargs="?", default="-", help="request JSON (default: stdin)")
    timeline.add_argument("--lang", default="ja", help="language of the 'what' texts")
    args = parser.parse_args(argv)
    language = normalise_language(args.lang)
    if language not in available_languages():
        known = ", ".join(available_languages())
        return _fail(f"--lang: unknown language {args.lang!r} (available: {known})")
    try:
        if args.file == "-":
            text = sys.stdin.read()
        else:
            with open(args.file, encoding="utf-8") as handle:
                text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        return _fail(f"file: cannot read {args.file}: {error}")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        return _fail(f"input: not JSON ({error.msg} at line {error.lineno})")
    try:
        case = parse_case(raw)
    except ZairyuInputError as error:
        return _fail(str(error))
    result = build_timeline(case).to_json(language)
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    return 0
