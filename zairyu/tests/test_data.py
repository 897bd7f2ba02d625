"""The rule data itself: dated, sourced on official pages, and the 2025-04-01 fee change."""

from __future__ import annotations

import csv
import os
import re
from datetime import date
from pathlib import Path

import pytest

from zairyu import fee_on, rules, statuses
from zairyu.data import (
    VERIFICATION_LEVELS,
    WORK_CATEGORIES,
    Fee,
    Rule,
    Status,
    available_languages,
    fees,
    what_texts,
)

OFFICIAL = ("https://laws.e-gov.go.jp/law/", "https://www.moj.go.jp/isa/")


def test_every_rule_status_and_fee_is_dated_and_sourced_officially() -> None:
    # catches: a rule added without its legal basis, an unofficial source, or an unknown level
    items: list[Rule | Status | Fee] = [*rules().values(), *set(statuses().values()), *fees()]
    for item in items:
        assert item.source.startswith(OFFICIAL), item
        assert item.basis.strip(), item
        assert item.verification in VERIFICATION_LEVELS, item
        if item.effective_from and item.effective_to:
            assert item.effective_from <= item.effective_to, item
    for status in statuses().values():
        assert status.work in WORK_CATEGORIES, status


def test_extension_and_change_fees_change_on_2025_04_01() -> None:
    """入管法施行令9条 as amended from 2025-04-01 (ISA 手数料の改定 page): 4,000 → 6,000/5,500."""
    for procedure in ("extension", "change"):
        assert fee_on(procedure, "counter", date(2025, 3, 31)).yen == 4000
        assert fee_on(procedure, "online", date(2025, 3, 31)).yen == 4000
        assert fee_on(procedure, "counter", date(2025, 4, 1)).yen == 6000
        assert fee_on(procedure, "online", date(2025, 4, 1)).yen == 5500
    assert fee_on("permanent_residence", "counter", date(2025, 4, 1)).yen == 10000
    assert fee_on("permanent_residence", "counter", date(2025, 3, 31)).yen == 8000
    assert fee_on("reentry_single", "online", date(2026, 12, 7)).yen == 3500
    assert fee_on("reentry_multiple", "counter", date(2026, 12, 7)).yen == 7000
    with pytest.raises(KeyError):
        fee_on("permanent_residence", "online", date(2026, 1, 1))  # counter only


def test_no_two_fees_overlap() -> None:
    # catches: a new amount added without closing the previous one (two fees on one day)
    for fee in fees():
        for other in fees():
            if fee is other or (fee.procedure, fee.channel) != (other.procedure, other.channel):
                continue
            starts_a = fee.effective_from or date.min
            starts_b = other.effective_from or date.min
            ends_a = fee.effective_to or date.max
            ends_b = other.effective_to or date.max
            assert ends_a < starts_b or ends_b < starts_a, (fee, other)


def test_languages_cover_every_kind() -> None:
    # catches: a kind added to the engine without its text in one variant
    assert {"ja", "ja-x-easy", "en"} <= set(available_languages())
    reference = set(what_texts("ja"))
    for language in available_languages():
        assert set(what_texts(language)) == reference, language


def _numbers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"[0-9]+", text)}


def test_every_translation_keeps_the_numbers_of_the_japanese_text() -> None:
    # catches: a day count, an hour limit or a year changed or dropped in one translation
    # (Plain Japanese may leave a condition out; a date keeps at least its year)
    japanese = what_texts("ja")
    for language in set(available_languages()) - {"ja", "ja-x-easy"}:
        texts = what_texts(language)
        for kind, text in japanese.items():
            expected = _numbers(re.sub(r"年[0-9]+月[0-9]+日", "年", text)) - {1}
            assert expected <= _numbers(texts[kind]), (language, kind)


def _shared_csv() -> Path:
    base = os.environ.get("KYOSEI_SHARED_DIR")
    root = Path(base) if base else Path(__file__).resolve().parents[2].parent / "shared"
    return root / "facts" / "status_of_residence.csv"


def test_every_status_of_the_shared_table_is_known() -> None:
    """The starting data (secondary): each status_ja there is accepted, with a matching work
    category (the CSV's 'work_allowed' column mapped to our five categories)."""
    path = _shared_csv()
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{path} missing in CI")
        pytest.skip(f"{path} not found (set KYOSEI_SHARED_DIR)")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 35
    for row in rows:
        status = statuses()[row["status_ja"]]
        allowed = row["work_allowed"]
        if allowed.startswith("Yes (no restriction)"):
            assert status.work == "unrestricted", row
        elif allowed.startswith("Depends"):
            assert status.work == "depends_on_designation", row
        elif "28h" in allowed:
            assert status.work == "with_permission_28h", row
        elif allowed.startswith("No"):
            assert status.work == "none", row
        else:
            assert status.work == "within_status", row
