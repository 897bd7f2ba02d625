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
    """Catches: romaji in Nepali, Mongolian and Sinhala messages (a municipality without a
    translated name, and a tide station named after one)."""
    notice = only(ingest(sample_bytes(samples, VXSE53), source="feed").notices)
    miyako = municipality("宮古市", "03")
    assert your_area(miyako, "ne", notice) == "तपाईंको क्षेत्र: मियाकोशि (भूकम्पीय तीव्रता ३)"
    assert your_area(miyako, "mn", notice).startswith("Таны бүс нутаг: Миякоши")
    assert your_area(miyako, "si", notice) == "ඔබේ ප්‍රදේශය: මියාකොෂි (කම්පන තීව්‍රතාව 3)"
    from kyosei.alerts.render import station_name

    assert station_name("釜石", "ne") == "कामाइशि"
    assert station_name("釜石", "mn") == "Камаиши"
    assert station_name("釜石", "si") == "කාමයිෂි"
    assert your_area(miyako, "bn", notice) == "আপনার এলাকা: মিয়াকোশি (তীব্রতা 3)"
    assert station_name("釜石", "bn") == "কামাইশি"
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


@pytest.mark.parametrize(
    ("kana", "sinhala_name"),
    [
        ("はままつ", "හාමාමාත්සු"),  # ts, long a
        ("とっとり", "තොත්තොරි"),  # っ doubles the consonant
        ("きょうと", "ක්‍යොතො"),  # palatal: yansaya
        ("せんだい", "සෙන්දයි"),  # ん, and ai written short
        ("おおいた", "ඔයිතා"),  # i after a vowel
        ("みえ", "මියෙ"),  # e after i
    ],
)
def test_sinhala_transcription_of_japanese_place_names(kana: str, sinhala_name: str) -> None:
    """Catches: Latin letters or a broken cluster (a missing virama or yansaya) in the place
    names Sinhala readers get where no translated name exists."""
    from kyosei.alerts.transliterate import romaji, sinhala

    assert sinhala(romaji(kana)) == sinhala_name


def test_sinhala_area_names_cover_every_english_one_in_sinhala_script() -> None:
    """Catches: English names (the fallback) in Sinhala alerts, and a code of en.json missing
    from si.json."""
    import json

    from kyosei.alerts.areas import NAMES_DIR, area_name, forget_names

    forget_names()
    english = json.loads((NAMES_DIR / "en.json").read_text("utf-8"))
    sinhala_names = json.loads((NAMES_DIR / "si.json").read_text("utf-8"))
    assert {k: set(v) for k, v in sinhala_names.items()} == {k: set(v) for k, v in english.items()}
    latin = [
        n for names in sinhala_names.values() for n in names.values() if re.search("[A-Za-z]", n)
    ]
    assert not latin, latin[:5]
    assert area_name("tsunami", "380", "si") == "ෂිසුඔකා ප්‍රාන්තය"
    assert area_name("subdivision", "100", "si") == "උතුරු ඉෂිකාරි ප්‍රදේශය, හොක්කයිඩෝ"
    assert area_name("epicentre", "283", "si") == "අඕමොරි ප්‍රාන්තයේ බටහිර අක්වෙරළ"


@pytest.mark.parametrize(
    ("kana", "bengali_name"),
    [
        ("はままつ", "হামামাৎসু"),  # ts as ৎস
        ("つしま", "সুশিমা"),  # ts as স at the start, as in সুনামি
        ("きょうと", "কিয়োটো"),  # palatal kyo, long vowel dropped
        ("きゅうしゅう", "কিউশু"),  # palatal kyu
        ("ほっかいどう", "হোক্কাইডো"),  # doubled consonant
        ("かながわ", "কানাগাওয়া"),  # wa
        ("よこはま", "ইয়োকোহামা"),  # y at the start
        ("おかやま", "ওকায়ামা"),  # y inside
        ("せんだい", "সেন্ডাই"),  # ん before a consonant
        ("ぐんまけん", "গুনমাকেন"),  # ん before m and at the end
        ("みえ", "মিয়ে"),  # a glide between vowels
        ("ぶんご", "বুঙ্গো"),  # ん before g
    ],
)
def test_bengali_spelling_of_japanese_place_names(kana: str, bengali_name: str) -> None:
    """Catches: Latin letters, short a (হমমৎসু), a dropped ও for わ, or a lost っ in Bengali."""
    from kyosei.alerts.transliterate import bengali, romaji

    assert bengali(romaji(kana)) == bengali_name


def test_bengali_readers_get_prefectures_coasts_and_epicentres_in_bengali() -> None:
    """Catches: English area names in Bengali alerts (no bn names file, or one with gaps or
    Latin letters left in)."""
    import json

    from kyosei.alerts.areas import NAMES_DIR, area_name, forget_names

    forget_names()
    english = json.loads((NAMES_DIR / "en.json").read_text(encoding="utf-8"))
    bengali = json.loads((NAMES_DIR / "bn.json").read_text(encoding="utf-8"))
    assert {k: set(v) for k, v in bengali.items()} == {k: set(v) for k, v in english.items()}
    assert not [n for names in bengali.values() for n in names.values() if re.search("[A-Za-z]", n)]
    assert area_name("tsunami", "380", "bn") == "শিজুওকা প্রিফেকচার"
    assert area_name("epicentre", "288", "bn") == "সানরিকুর অদূরবর্তী সমুদ্র"


def test_urdu_readers_get_place_names_in_urdu_script(codes: None, samples: Path) -> None:
    """Catches: romaji in Urdu messages, t and d not written ٹ and ڈ as Urdu media write
    Japanese names (ٹوکیو, سینڈائی), み+や written مییا, a final e not written ے, and a long
    vowel written twice (نیئیگاٹا)."""
    from kyosei.alerts.render import station_name
    from kyosei.alerts.transliterate import urdu

    notice = only(ingest(sample_bytes(samples, VXSE53), source="feed").notices)
    miyako = municipality("宮古市", "03")
    assert your_area(miyako, "ur", notice) == "آپ کا علاقہ: میاکوشی (شدت 3)"
    assert station_name("釜石", "ur") == "کامائیشی"
    names = ("Tokyo", "Sendai", "Hamamatsu", "Aomori", "Shizuoka", "Ehime", "Mie", "Niigata",
             "Reihoku", "Miura", "Ariake")  # fmt: skip
    assert [urdu(name) for name in names] == [
        "ٹوکیو", "سینڈائی", "ہاماماتسو", "آوموری", "شیزوؤکا", "ایہیمے", "میئے", "نیگاٹا",
        "ریہوکو", "میورا", "آریاکے",
    ]  # fmt: skip


def test_urdu_area_names_cover_every_english_one_in_urdu_script() -> None:
    """Catches: English names (the fallback) in Urdu alerts, a code of en.json missing from
    ur.json, and the genitive of a region left in the direct case (علاقہ کے)."""
    import json

    from kyosei.alerts.areas import NAMES_DIR, area_name, forget_names

    forget_names()
    english = json.loads((NAMES_DIR / "en.json").read_text("utf-8"))
    urdu_names = json.loads((NAMES_DIR / "ur.json").read_text("utf-8"))
    assert {k: set(v) for k, v in urdu_names.items()} == {k: set(v) for k, v in english.items()}
    names = [n for kind in urdu_names.values() for n in kind.values()]
    assert not [n for n in names if re.search("[A-Za-z]", n)]
    assert not [n for n in names if re.search("علاقہ (کا|کے|کی) ", n)]
    assert area_name("tsunami", "380", "ur") == "شیزوؤکا پریفیکچر"
    assert area_name("subdivision", "100", "ur") == "شمالی ایشیکاری علاقہ، ہوکائیڈو"
    assert area_name("epicentre", "283", "ur") == "آوموری پریفیکچر کے مغربی ساحل سے دور"
