"""`python -m regionmatch solve [--mechanism fda|jrmp|da] [FILE|-]`.

Prints the result document on stdout and exits 0; bad input exits 2 with one line on stderr
naming the problem and nothing on stdout.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .errors import InputError
from .io import dump, load_file, result_document
from .mechanisms import MECHANISMS, solve

__all__ = ["main"]

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse's own usage block is several lines: the contract is one line
        sys.stderr.write(f"regionmatch: {message}\n")
        raise SystemExit(EXIT_BAD_INPUT)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="regionmatch", description="Match seekers to jobs under regional caps.")
    commands = parser.add_subparsers(dest="command", required=True)
    solve_cmd = commands.add_parser("solve", help="run a mechanism and print the matching")
    solve_cmd.add_argument("--mechanism", choices=MECHANISMS, default="fda")
    solve_cmd.add_argument("file", nargs="?", default="-", help="input JSON (default: stdin)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        instance = load_file(args.file)
    except InputError as exc:
        sys.stderr.write(f"regionmatch: {exc}\n")
        return EXIT_BAD_INPUT
    matching = solve(instance, args.mechanism)
    sys.stdout.buffer.write(dump(result_document(instance, matching)) + b"\n")
    sys.stdout.buffer.flush()
    return 0
