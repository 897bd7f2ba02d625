"""Earthquake early warnings (hazards/eew.py): each area its own forecast (#11 item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyosei.alerts.ingest import ingest
from kyosei.alerts.render import render, your_area
from kyosei.alerts.tests.conftest import sample_bytes
from kyosei.alerts.tests.telegrams import (
    VXSE43,
    municipality,
    only,
)
from kyosei.core.languages import registry

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ 4. EEW


def test_eew_gives_each_area_its_own_range_and_arrival(codes: None, samples: Path) -> None:
    """Catches: one intensity for every area ("intensity 5 lower in Nanyo, Western Kochi…"
    where Western Kochi was forecast 4), no "already arriving" where JMA says 既に主要動到達と
    推測, no arrival time elsewhere, no epicentre or magnitude."""
    notice = only(ingest(sample_bytes(samples, VXSE43), source="feed").notices)
    en = render(notice, "en").body
    assert "Nanyo, Ehime Prefecture: intensity 5 lower, already arriving" in en
    assert "Western Kochi Prefecture: intensity 4, from about 23:15:02 Japan time" in en
    assert "Bungo Channel" in en and "magnitude of 5.8" in en
    # 愛媛県南予 is already shaking: the advice must not say only that shaking is coming
    assert render(notice, "en").action.startswith("Strong shaking is coming or already here.")
    ja = render(notice, "ja").body
    assert "愛媛県南予：震度5弱（既に主要動到達と推測）" in ja
    assert "高知県西部：震度4（17日23時15分02秒ごろ到達）" in ja
    assert "広島県南西部：震度3から4" in ja  # a range where JMA gives one
    uwajima = municipality("宇和島市", "38")
    assert your_area(uwajima, "en", notice) == "Your area: Uwajima-shi (intensity 5 lower)"
    for language in registry().languages:
        body = render(notice, language.code).body
        assert "—" not in body and body.count("23") >= 2, language.code
