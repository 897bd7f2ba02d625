"""Earthquake early warning forecasts (VXSE44 予報, VXSE45 地震動予報) tell each area its own
forecast, as the warning (VXSE43) does, on JMA's real sequence of 2024-04-17 (豊後水道 M6.6):
33 VXSE44, 33 VXSE45 and 3 VXSE43 telegrams, plus the distribution test VXSE42.

Before, a forecast said "Shaking of intensity 5 lower is expected in Nanyo, Western Kochi, …"
for every area it named (高知県西部 was forecast 4), said nothing of the main shaking already
arriving in 愛媛県南予 or of the arrival time elsewhere, and gave no magnitude."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

import jmaparse
from kyosei.alerts.delivery import push_ttl
from kyosei.alerts.hazards.common import JST, subdivisions_of
from kyosei.alerts.ingest import ingest
from kyosei.alerts.models import Notice, Telegram
from kyosei.alerts.render import render, your_area
from kyosei.alerts.tests.conftest import sample_bytes
from kyosei.alerts.tests.telegrams import municipality, only
from kyosei.core.languages import registry

pytestmark = pytest.mark.django_db

FORECAST_4 = "36_01_04_240613_VXSE44.xml"  # serial 4: 愛媛県南予 5弱 arriving, 8 areas 4
WARNING_2 = "37_01_02_240613_VXSE43.xml"  # serial 2: 愛媛県南予 6弱, code 19, arrival past
TYPE_ORDER = {"VXSE43": 0, "VXSE44": 1, "VXSE45": 2}


def eew_samples(samples: Path) -> list[tuple[Path, jmaparse.TelegramBase]]:
    """Every EEW sample, in the order JMA issued them (the warning before the forecasts of
    the same moment)."""
    found = []
    for pattern in ("36_*_VXSE44.xml", "37_*_VXSE43.xml", "77_*_VXSE45.xml"):
        for path in samples.glob(pattern):
            found.append((path, jmaparse.parse(path.read_bytes())))
    assert len(found) == 69
    return sorted(
        found,
        key=lambda f: (f[1].report_datetime, TYPE_ORDER[f[1].type_code], f[1].serial or 0),
    )


def _arriving(area: jmaparse.EewArea, t: jmaparse.TelegramBase) -> bool:
    return (
        "既に主要動到達と推測" in (area.condition or "")
        or (area.category_code or "").endswith("1")
        or (area.arrival_time is not None and area.arrival_time <= t.report_datetime)
    )


def test_every_eew_sample_tells_each_area_its_own_forecast(codes: None, samples: Path) -> None:
    """Catches: one intensity for all areas, no "already arriving", no arrival time, no
    magnitude, a forecast notice that lives longer than an EEW may, and a forecast line for
    an area whose municipalities the notice does not reach."""
    seen = {"arriving": 0, "time": 0, "forecast": 0}
    for path, t in eew_samples(samples):
        result = ingest(path.read_bytes(), source="feed")
        assert result.telegram.outcome == Telegram.Outcome.APPLIED, path.name
        assert isinstance(t, jmaparse.EewTelegram)
        for notice in result.notices:
            assert notice.hazard == "eew"
            ttl = push_ttl(notice, notice.received_at)
            assert ttl is not None and ttl <= 120, path.name
            assert push_ttl(notice, notice.received_at + timedelta(minutes=3)) is None
            if notice.phase == "cancellation":
                continue
            seen["forecast"] += notice.template.startswith("eew_forecast.")
            by_code = {a.code: a for a in t.areas}
            forecasts = notice.details["forecasts"]
            assert forecasts, path.name
            named = {f["area"][0] for f in forecasts}
            assert set(subdivisions_of(notice.codes).values()) <= named, path.name
            for f in forecasts:
                area = by_code[f["area"][0]]
                assert area.intensity_from is not None
                assert f["from"] == area.intensity_from.value, (path.name, f)
                assert f["to"] == (area.intensity_to.value if area.intensity_to else None)
                assert f["arriving"] == _arriving(area, t), (path.name, f)
                if f["arriving"]:
                    seen["arriving"] += 1
                    assert f["time"] is None
                elif area.arrival_time is not None:
                    seen["time"] += 1
                    assert f["time"] == area.arrival_time.astimezone(JST).isoformat()
            en = render(notice, "en").body
            assert t.earthquake is not None and t.earthquake.magnitude is not None
            assert f"magnitude of {t.earthquake.magnitude.value:.1f}" in en, path.name
            assert "Bungo Channel" in en or "Nanyo, Ehime Prefecture" in en
    assert seen["forecast"] >= 2 and seen["arriving"] and seen["time"], seen
    # The 取消 of the warning and of VXSE44 reach those told; VXSE45 told nobody new.
    cancelled = Notice.objects.filter(phase="cancellation").values_list("template", flat=True)
    assert sorted(cancelled) == ["eew.cancellation", "eew_forecast.cancellation"]
    test = ingest(sample_bytes(samples, "54_01_01_100514_VXSE42.xml"), source="feed")
    assert test.telegram.outcome == Telegram.Outcome.IGNORED and test.notices == []


def test_a_forecast_gives_each_area_its_range_arrival_epicentre_and_magnitude(
    codes: None, samples: Path
) -> None:
    """36_01_04: 愛媛県南予 5弱 (主要動 already arriving), 高知県西部 4 (arrival 23:15:02)."""
    notice = only(ingest(sample_bytes(samples, FORECAST_4), source="feed").notices)
    assert notice.template == "eew_forecast.issue"
    en = render(notice, "en").body
    assert "Nanyo, Ehime Prefecture: intensity 5 lower, already arriving" in en
    assert "Western Kochi Prefecture: intensity 4, from about 23:15:02 Japan time" in en
    assert "Bungo Channel" in en and "magnitude of 5.8" in en
    assert "Nanyo, Ehime Prefecture, Western Kochi" not in en
    ja = render(notice, "ja").body
    assert "愛媛県南予：震度5弱（既に主要動到達と推測）" in ja
    assert "高知県西部：震度4（17日23時15分02秒ごろ到達）" in ja
    assert "豊後水道" in ja and "5.8" in ja
    assert your_area(municipality("宇和島市", "38"), "en", notice) == (
        "Your area: Uwajima-shi (intensity 5 lower)"
    )
    assert your_area(municipality("四万十市", "39"), "en", notice).endswith("(intensity 4)")
    for language in registry().languages:
        body = render(notice, language.code).body
        assert "—" not in body and "%(" not in body, language.code
        assert "5.8" in body, language.code


def test_an_arrival_time_already_past_is_said_as_arriving(codes: None, samples: Path) -> None:
    """37_01_02 (23:15:10) gives 愛媛県南予 category 19 with the time its shaking arrived,
    23:15:04: the resident is told it is arriving, not that it comes "from about 23:15:04"."""
    notice = only(ingest(sample_bytes(samples, WARNING_2), source="feed").notices)
    en = render(notice, "en").body
    assert "Nanyo, Ehime Prefecture: intensity 6 lower, already arriving" in en
    assert "23:15:04" not in en
