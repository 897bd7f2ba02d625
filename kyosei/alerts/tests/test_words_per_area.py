"""Every fact in every message comes from the telegram, per area (issue #11, items 1–5), on real
and official JMA telegrams. Each test names the product mutation it catches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import jmaparse
from kyosei.alerts.ingest import ingest
from kyosei.alerts.models import Area, Notice
from kyosei.alerts.render import render, your_area
from kyosei.alerts.tests.conftest import sample_bytes
from kyosei.core.languages import registry

pytestmark = pytest.mark.django_db

VXSE53 = "32-35_08_07_240613_VXSE53.xml"  # real, 2010-07-05 岩手県沖 M6.3, max intensity 4
VXSE51 = "32-35_01_01_100806_VXSE51.xml"  # real 震度速報, 2009-08-11 駿河湾, no hypocentre yet
VXSE43 = "37_01_01_240613_VXSE43.xml"  # real EEW warning, 2024-04-17 豊後水道 M5.8
VTSE41 = "32-39_11_02_250206_VTSE41.xml"  # official 2011-03-11 sample, three categories
VTSE41_LATER = "32-39_11_09_250206_VTSE41.xml"  # same event, 第１波の到達を確認 for 岩手県


def only(notices: list[Notice]) -> Notice:
    (notice,) = notices
    return notice


def municipality(name: str, prefecture: str = "") -> str:
    found = Area.objects.filter(kind=Area.Kind.MUNICIPALITY, name=name)
    if prefecture:
        found = found.filter(code__startswith=prefecture)
    code = found.values_list("code", flat=True).first()
    assert code, name
    return code


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
    ja = render(notice, "ja").body
    assert "愛媛県南予：震度5弱（既に主要動到達と推測）" in ja
    assert "高知県西部：震度4（17日23時15分02秒ごろ到達）" in ja
    assert "広島県南西部：震度3から4" in ja  # a range where JMA gives one
    uwajima = municipality("宇和島市", "38")
    assert your_area(uwajima, "en", notice) == "Your area: Uwajima-shi (intensity 5 lower)"
    for language in registry().languages:
        body = render(notice, language.code).body
        assert "—" not in body and body.count("23") >= 2, language.code


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


# ------------------------------------------------------------------ 10. JMA's own words


def test_jma_official_terms_epicentre_names_and_lists_of_names_with_commas(
    codes: None, samples: Path
) -> None:
    """Catches: our own translations of JMA's categories instead of JMA's multilingual terms
    (pt-BR 津波注意報 "Alerta Preventivo de Tsunami", vi "Thông tin lưu ý sóng thần"),
    "near Off …" before JMA's epicentre names, "震度3级" beside "震度5弱" in zh-Hans, and names
    that contain commas joined with ", "."""
    advisory = ingest(sample_bytes(samples, "38-39_02_01_250206_VTSE41.xml"), source="feed")
    first = advisory.notices[0]
    assert first.template == "tsunami_advisory.issue"
    assert "Alerta Preventivo de Tsunami" in render(first, "pt-br").title
    assert "thông tin lưu ý sóng thần" in render(first, "vi").body.lower()
    quake = only(ingest(sample_bytes(samples, VXSE53), source="feed").notices)
    zh = render(quake, "zh-hans").body
    assert "震度4：" in zh and "震度3：" in zh and not re.search(r"震度\d级", zh)
    eew = only(ingest(sample_bytes(samples, VXSE43), source="feed").notices)
    title = render(eew, "en").title
    assert "Nanyo, Ehime Prefecture; Western Kochi Prefecture" in title
    for notice in (quake, eew):
        assert "near Off" not in render(notice, "en").body


def test_area_names_in_the_readers_script_where_a_reading_exists(
    codes: None, samples: Path
) -> None:
    """Catches: romaji in Nepali and Mongolian messages (a municipality without a translated
    name, and a tide station named after one)."""
    notice = only(ingest(sample_bytes(samples, VXSE53), source="feed").notices)
    miyako = municipality("宮古市", "03")
    assert your_area(miyako, "ne", notice) == "तपाईंको क्षेत्र: मियाकोशि (भूकम्पीय तीव्रता ३)"
    assert your_area(miyako, "mn", notice).startswith("Таны бүс нутаг: Миякоши")
    from kyosei.alerts.render import station_name

    assert station_name("釜石", "ne") == "कामाइशि"
    assert station_name("釜石", "mn") == "Камаиши"
    assert station_name("釜石", "vi") == "Kamaishi"  # Latin-script readers keep romaji
