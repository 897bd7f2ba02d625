"""Thai, Khmer and Burmese readers get municipality names in their own script, as Nepali and
Mongolian readers do, from the kana readings of JMA's code tables (transliterate.thai, khmer,
burmese, registered in areas.OWN_SCRIPT), on the municipalities the real VXSE53 of 2010-07-05
(岩手県沖) tells. Before, they read romaji ("Your area: Miyako-shi")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kyosei.alerts.ingest import ingest
from kyosei.alerts.models import Area
from kyosei.alerts.render import render, station_name, your_area
from kyosei.alerts.tests.conftest import sample_bytes
from kyosei.alerts.tests.telegrams import VXSE53, municipality, only
from kyosei.alerts.transliterate import burmese, khmer, thai

pytestmark = pytest.mark.django_db

SCRIPTS = {  # language → the Unicode block its names must be written in
    "th": "\u0e00-\u0e7f",
    "km": "\u1780-\u17ff",
    "my": "\u1000-\u109f",
}


@pytest.mark.parametrize(
    ("kana", "expected"),
    [
        # Thai as the Royal Institute writes Japanese names (ซัปโปโร, เซ็นได, ทตโตริ)
        ("さっぽろ", ("ซัปโปโระ", "សាប់ប៉ូរ៉ូ", "ဆပ်ပိုရို")),
        ("せんだい", ("เซ็นได", "សេន់ដៃ", "ဆေန်ဒိုင်း")),
        ("とっとり", ("ทตโตริ", "តូត់តូរី", "တိုတ်တိုရီ")),
        ("はままつ", ("ฮามามัตสึ", "ហាម៉ាម៉ាត្ស៊ូ", "ဟာမာမာဆု")),
        # JMA's own regional names (data/area_names): オガサワラ, カントウ, オキナワ
        ("おがさわら", ("โองาซาวาระ", "អូហ្គាសាវ៉ារ៉ា", "အိုဂါဆာဝါရာ")),
        ("かんとう", ("คันโตะ", "កាន់តូ", "ကန်တို")),
        ("おきなわ", ("โอกินาวะ", "អូគីណាវ៉ា", "အိုကီနာဝါ")),
    ],
)
def test_transcriptions(kana: str, expected: tuple[str, str, str]) -> None:
    from kyosei.alerts.transliterate import romaji

    roman = romaji(kana)
    assert (thai(roman), khmer(roman), burmese(roman)) == expected


def test_every_municipality_told_is_named_in_the_readers_script(codes: None, samples: Path) -> None:
    """Catches: romaji (or kanji) for a Thai, Khmer or Burmese reader, on the real readings of
    every municipality the notice reaches."""
    notice = only(ingest(sample_bytes(samples, VXSE53), source="feed").notices)
    miyako = municipality("宮古市", "03")
    assert your_area(miyako, "th", notice).count("มิยาโกชิ") == 1
    assert "មីយ៉ាកូស៊ី" in your_area(miyako, "km", notice)
    assert "မီယာကိုရှီ" in your_area(miyako, "my", notice)
    names = dict(
        Area.objects.filter(code__in=notice.codes).exclude(kana="").values_list("code", "name")
    )
    assert len(names) > 50
    for language, block in SCRIPTS.items():
        for code in names:
            line = your_area(code, language, notice)
            assert not re.search(r"[A-Za-z\u3040-\u30ff\u4e00-\u9fff]", line), (language, line)
            assert re.search(f"[{block}]", line), (language, line)
        assert not re.search(r"[A-Za-z]", render(notice, language).body), language
    assert station_name("釜石", "th") == "คาไมชิ"
