"""JMA's own words and names in the reader's script (#11 item 10)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kyosei.alerts.ingest import ingest
from kyosei.alerts.render import render, your_area
from kyosei.alerts.tests.conftest import sample_bytes
from kyosei.alerts.tests.telegrams import (
    VXSE43,
    VXSE53,
    municipality,
    only,
)

pytestmark = pytest.mark.django_db


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


def test_area_names_in_ukrainian_cyrillic(codes: None, samples: Path) -> None:
    """Catches: romaji in Ukrainian messages, the Mongolian spelling (Миякоши, э, г) where
    Ukrainian writes Kovalenko's сі, е, ґ, and the suffix glued to the name (Міякосі)."""
    notice = only(ingest(sample_bytes(samples, VXSE53), source="feed").notices)
    miyako = municipality("宮古市", "03")
    assert your_area(miyako, "uk", notice) == "Ваш район: Міяко-сі (інтенсивність 3)"
    from kyosei.alerts.render import station_name

    assert station_name("釜石", "uk") == "Камайсі"


@pytest.mark.parametrize(
    ("roman", "expected"),
    [
        ("niigata", "Ніїґата"),  # が → ґа; い after い → ї
        ("oizumi", "Ойдзумі"),  # い after another vowel → й; ず → дзу
        ("hachioji", "Хатіодзі"),  # ち → ті, じ → дзі
        ("shinjuku", "Сіндзюку"),
        ("gunma", "Ґумма"),  # ん before m → м
        ("kesennuma", "Кесеннума"),
        ("hokkaido", "Хоккайдо"),  # っ doubles the consonant
        ("ryugasaki", "Рюґасакі"),
        ("yokohama", "Йокохама"),
        ("shin'ya", "Сін’я"),
    ],
)
def test_ukrainian_transcription_follows_kovalenko(roman: str, expected: str) -> None:
    from kyosei.alerts.transliterate import ukrainian

    assert ukrainian(roman) == expected
