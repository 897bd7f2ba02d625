"""Tsunami (hazards/tsunami.py): each coast its own category, height, first wave (#11 item 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

import jmaparse
from kyosei.alerts.ingest import ingest
from kyosei.alerts.render import render
from kyosei.alerts.tests.conftest import sample_bytes
from kyosei.alerts.tests.telegrams import (
    VTSE41,
    VTSE41_LATER,
    municipality,
)
from kyosei.core.languages import registry

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ 5. tsunami per coast


def test_each_coast_hears_its_own_tsunami_category_height_and_first_wave(
    codes: None, samples: Path
) -> None:
    """Catches: one notice taking the highest category for every coast (伊豆諸島, 津波警報 高い,
    was told 大津波警報 巨大 without its own coast named)."""
    notices = ingest(sample_bytes(samples, VTSE41), source="feed").notices
    oshima = municipality("大島町", "13")
    (izu,) = [n for n in notices if oshima in n.codes]
    assert izu.template == "tsunami_warning.issue"
    assert izu.details["category"] == "warning" and izu.details["height"] == {"kind": "high"}
    assert [a[1] for a in izu.details["tsunami_areas"]] == ["伊豆諸島"]
    ja = render(izu, "ja")
    assert ja.body == (
        "気象庁は伊豆諸島に津波警報を発表しました。予想される津波の高さは高いです。"
        "第1波の到達予想時刻は11日15時20分ごろです。"
    )
    (iwate,) = [n for n in notices if municipality("宮古市", "03") in n.codes]
    assert iwate.details["category"] == "major_warning"
    assert iwate.details["arrival"] == {"kind": "arriving", "time": None}
    shizuoka = [n for n in notices if "2213001" in n.codes]
    assert [n.template for n in shizuoka] == ["tsunami_advisory.issue"]
    telegram = jmaparse.parse(sample_bytes(samples, VTSE41))
    assert isinstance(telegram, jmaparse.TsunamiTelegram)
    severity = {f.area.code: f.category.severity for f in telegram.forecasts}
    said = {"major_warning": 4, "warning": 3, "advisory": 2}
    for notice in notices:  # every coast named beside a category is under that category
        for code, _name in notice.details["tsunami_areas"]:
            assert severity[code] == said[notice.details["category"]], (code, notice.details)


def test_arriving_and_arrival_confirmed_reach_residents_in_every_language(
    codes: None, samples: Path
) -> None:
    """Catches: 「津波到達中と推測」 and 「第１波の到達を確認」 dropped from VTSE41 notices."""
    first = ingest(sample_bytes(samples, VTSE41), source="feed").notices
    later = ingest(sample_bytes(samples, VTSE41_LATER), source="feed").notices
    miyako, sendai = municipality("宮古市", "03"), municipality("石巻市", "04")
    (arriving,) = [n for n in first if miyako in n.codes]
    (confirmed,) = [n for n in later if miyako in n.codes]
    (miyagi,) = [n for n in later if sendai in n.codes]
    assert "津波はすでに到達していると推測されます。" in render(arriving, "ja").body
    assert "第1波の到達を確認しました。" in render(confirmed, "ja").body
    assert "The tsunami may already be arriving." in render(miyagi, "en").body
    for language in registry().languages:
        said = {render(n, language.code).body for n in (arriving, confirmed)}
        assert len(said) == 2, language.code
