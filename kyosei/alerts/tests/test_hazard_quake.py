"""Earthquakes (hazards/quake.py): every fact per area, from real telegrams (#11 items 1–3)."""

from __future__ import annotations

from pathlib import Path

import pytest

import jmaparse
from kyosei.alerts.ingest import ingest
from kyosei.alerts.render import render, your_area
from kyosei.alerts.tests.conftest import sample_bytes
from kyosei.alerts.tests.telegrams import (
    VXSE51,
    VXSE53,
    municipality,
    only,
)
from kyosei.core.languages import registry

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ 1. intensity per area


def test_every_area_named_next_to_an_intensity_has_exactly_that_intensity(
    codes: None, samples: Path
) -> None:
    """Catches: areas of different intensities listed under the maximum (before: the three
    strongest areas, whatever their intensity, after "maximum intensity N")."""
    raw = sample_bytes(samples, VXSE53)
    telegram = jmaparse.parse(raw)
    assert isinstance(telegram, jmaparse.EarthquakeTelegram)
    truth = {a.name: a.max_intensity.value for a in telegram.areas if a.max_intensity}
    notice = only(ingest(raw, source="feed").notices)
    body = render(notice, "ja").body
    groups = body.split("各地の震度：", 1)[1].split("　／　")
    assert len(groups) == 4  # 震度4, 3, 2, 1
    ja = {"5-": "5弱", "5+": "5強", "6-": "6弱", "6+": "6強"}
    for group in groups:
        label, names = group.split("：", 1)
        intensity = label.removeprefix("震度")
        listed = names.split("ほか")[0].split("、")
        assert listed and all(ja.get(truth[n], truth[n]) == intensity for n in listed), group
    title = render(notice, "ja").title
    assert all(name not in title for name, value in truth.items() if value != "4")
    assert body.index("震度4：") < body.index("震度3：")


def test_a_residents_own_area_comes_first_with_its_own_intensity(
    codes: None, samples: Path
) -> None:
    """Catches: the resident's line without their municipality's intensity (or with the
    maximum): 宮古市 (岩手県沿岸北部) had intensity 3 while the maximum was 4."""
    notice = only(ingest(sample_bytes(samples, VXSE53), source="feed").notices)
    miyako = municipality("宮古市", "03")
    assert notice.intensity_by_code[miyako] == 3
    assert your_area(miyako, "ja", notice) == "あなたの地域：宮古市（震度3）"
    assert your_area(miyako, "en", notice) == "Your area: Miyako-shi (intensity 3)"
    for language in registry().languages:
        assert your_area(miyako, language.code, notice) != your_area(miyako, language.code)


# ------------------------------------------------------------------ 2. time, depth, tsunami


def test_every_earthquake_message_says_when_how_deep_and_the_tsunami_comment(
    codes: None, samples: Path
) -> None:
    """Catches: VXSE53 without time, depth or 「この地震による津波の心配はありません」, and
    VXSE51 without the time the shaking was observed."""
    notice = only(ingest(sample_bytes(samples, VXSE53), source="feed").notices)
    ja, en = render(notice, "ja").body, render(notice, "en").body
    assert "5日6時55分ごろ" in ja and "震源の深さは30km" in ja
    assert "この地震による津波の心配はありません" in ja
    assert "06:55 Japan time" in en and "a depth of 30 km" in en and "magnitude of 6.3" in en
    assert "no tsunami is expected" in en
    flash = only(ingest(sample_bytes(samples, VXSE51), source="feed").notices)
    assert "11日5時07分ごろ、地震による強い揺れを感じました。" in render(flash, "ja").body
    assert "05:07 Japan time" in render(flash, "en").body


# ------------------------------------------------------------------ 3. unknown values


def test_an_epicentre_jma_has_not_located_is_said_in_words_in_every_language(
    codes: None, samples: Path
) -> None:
    """Catches: "—で地震がありました（マグニチュード—）" / "near — (magnitude —)" (a stand-in
    character where JMA has not located the earthquake yet)."""
    notice = only(ingest(sample_bytes(samples, VXSE51), source="feed").notices)
    english = render(notice, "en")
    assert "The epicentre and magnitude are not yet known." in english.body
    assert "震源やマグニチュードはまだ分かっていません。" in render(notice, "ja").body
    for language in registry().languages:
        message = render(notice, language.code)
        assert "—" not in message.body, language.code
        if not language.code.startswith("en"):
            assert message.body != english.body, language.code


def test_a_notice_stored_before_per_area_details_still_reads_whole(db: None) -> None:
    """Catches: public pages and CAP feeds showing notices stored by the earlier code (no
    time, no groups) with a blank time or an empty intensity list."""
    from django.utils import timezone

    from kyosei.alerts.models import Notice

    now = timezone.now()
    old = {"intensity": "5-", "subdivisions": [["443", "静岡県西部"]], "magnitude": 5.8}
    for template in ("earthquake.issue", "eew.issue"):
        notice = Notice(
            template=template, phase="issue", hazard="earthquake", codes=["2213001"],
            details={**old, "epicentre": ["443", "静岡県西部"]}, received_at=now, created_at=now,
        )  # fmt: skip
        body = render(notice, "en").body
        assert body == body.strip() and "  " not in body and ": ." not in body, body
        assert "5 lower" in body and "Western Shizuoka Prefecture" in body
