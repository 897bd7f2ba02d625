"""Builds timeline requests and reads their results in the tests."""

from __future__ import annotations

from typing import Any

from zairyu import build_timeline, parse_case

ACT = "https://laws.e-gov.go.jp/law/326CO0000000319"


def request(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "today": "2026-12-07",
        "status": "技術・人文知識・国際業務",
        "period_of_stay": "P1Y",
        "expiry": "2027-03-31",
        "birth_date": "1990-05-01",
        "card_expiry": None,
        "events": [],
    }
    base.update(fields)
    return base


def timeline(lang: str = "en", **fields: Any) -> dict[str, Any]:
    return build_timeline(parse_case(request(**fields))).to_json(lang)


def dates_of(result: dict[str, Any], kind: str) -> list[str]:
    return [d["date"] for d in result["deadlines"] if d["kind"] == kind]


def warning_kinds(result: dict[str, Any]) -> list[str]:
    return [w["kind"] for w in result["warnings"]]
