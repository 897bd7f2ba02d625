"""`check --json` output, byte for byte what json.dump(report.to_dict(), indent=2,
ensure_ascii=False) prints, built from C-encoded strings.

json.dump with indent runs the pure-Python encoder and writes every fragment separately
(millions of writes for a 1 MB input); this formats one string per sentence or finding and
writes them in batches.
"""

from __future__ import annotations

from collections.abc import Iterator
from json.encoder import encode_basestring
from typing import Any, TextIO

from .models import Finding, Report, Sentence


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)  # int and float: what json's encoder prints for finite numbers


def _sentence(s: Sentence) -> str:
    return (
        f'    {{\n      "start": {s.start},\n      "end": {s.end},\n'
        f'      "text": {encode_basestring(s.text)},\n      "score": {s.score!r}\n    }}'
    )


_Parts = dict[tuple[str, str, str, str, str | None], tuple[str, str]]


def _findings(findings: tuple[Finding, ...], parts: _Parts) -> list[str]:
    """Each finding as its JSON object. Each distinct (rule, severity, messages, suggestion)
    is encoded once and kept in *parts*: the same word repeats all through a text."""
    out: list[str] = []
    append = out.append
    for f in findings:
        key = (f.rule, f.severity, f.message, f.message_en, f.suggestion)
        found = parts.get(key)
        if found is None:
            suggestion = "null" if f.suggestion is None else encode_basestring(f.suggestion)
            found = parts[key] = (
                f'    {{\n      "rule": {encode_basestring(f.rule)},\n'
                f'      "severity": {encode_basestring(f.severity)},\n      "start": ',
                f',\n      "message": {encode_basestring(f.message)},\n'
                f'      "message_en": {encode_basestring(f.message_en)},\n'
                f'      "suggestion": {suggestion}\n    }}',
            )
        append(f'{found[0]}{f.start},\n      "end": {f.end}{found[1]}')
    return out


def write_report_json(report: Report, out: TextIO, chunk: int = 2000) -> None:
    """Write report_json(report) and a newline to *out*, *chunk* items per write, so the
    whole document (tens of MB for a 1 MB input) is never held in memory at once."""
    out.write(_head(report))
    out.write(',\n  "sentences": ')
    sentences = report.sentences
    _write_items(
        out,
        ([_sentence(s) for s in sentences[i : i + chunk]] for i in range(0, len(sentences), chunk)),
    )
    out.write(',\n  "findings": ')
    findings = report.findings
    parts: _Parts = {}
    _write_items(
        out,
        (_findings(findings[i : i + chunk], parts) for i in range(0, len(findings), chunk)),
    )
    out.write("\n}\n")


def _write_items(out: TextIO, batches: Iterator[list[str]]) -> None:
    first = True
    for batch in batches:
        out.write(("[\n" if first else ",\n") + ",\n".join(batch))
        first = False
    out.write("[]" if first else "\n  ]")


def _head(report: Report) -> str:
    head = {
        "profile": report.profile,
        "target_level": report.target_level,
        "score": report.score,
        "readability": report.readability,
        "level": report.level,
        "cefr": report.cefr,
    }
    return "{\n" + ",\n".join(
        f"  {encode_basestring(key)}: {_scalar(value)}" for key, value in head.items()
    )


def _items(parts: list[str]) -> str:
    return "[\n" + ",\n".join(parts) + "\n  ]" if parts else "[]"


def report_json(report: Report) -> str:
    return (
        _head(report)
        + f',\n  "sentences": {_items([_sentence(s) for s in report.sentences])}'
        + f',\n  "findings": {_items(_findings(report.findings, {}))}'
        + "\n}"
    )
