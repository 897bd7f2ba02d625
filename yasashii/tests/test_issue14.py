"""Issue 14: eras and dates, explanation forms, honorific verbs, readings of places, break
points, the JSON writer and the line memo. Each test names the mutation it catches."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from yasashii import check, furigana, rewrite
from yasashii.analysis import analyse
from yasashii.breaks import break_points, bunsetsu
from yasashii.eras import ERAS, era_date_to_western, era_of
from yasashii.jsonout import report_json, write_report_json
from yasashii.lexicon import lexicon
from yasashii.places import find_places, load_jma_city_table, register_place_readings

SHARED_CITY_TABLE = Path(__file__).resolve().parents[3] / "shared/jma/codes/AreaInformationCity.csv"


# --- eras (mutation: a wrong first year or first day, 明治 missing, 元年 as 0) ---------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("明治元年に生まれました。", "1868年に生まれました。"),
        ("明治45年", "1912年"),
        ("大正元年", "1912年"),
        ("大正15年", "1926年"),
        ("昭和元年", "1926年"),
        ("昭和64年1月7日まで", "1989年1月7日まで"),
        ("平成元年1月8日から", "1989年1月8日から"),
        ("平成31年4月30日まで", "2019年4月30日まで"),
        ("令和元年5月1日から", "2019年5月1日から"),
    ],
)
def test_every_era_from_meiji_converts(text: str, expected: str) -> None:
    assert rewrite(text).text == expected


def test_era_first_days_decide_the_era_of_a_date() -> None:
    # The day before and the first day of each era (mutation: an off-by-one start date).
    for later, later_start in ERAS[1:]:
        assert era_of(later_start) == (later, 1)
        assert era_of(date.fromordinal(later_start.toordinal() - 1))[0] != later
    assert era_of(date(2019, 4, 30)) == ("平成", 31)
    assert era_of(date(1989, 1, 7)) == ("昭和", 64)
    assert era_date_to_western("令和", 1, 4, 1) is None  # 令和 began on 5月1日
    assert era_date_to_western("平成", 31, 4, 30) == date(2019, 4, 30)


# --- numeric dates (mutation: no month/day rule, or fractions and invalid days converted) ----
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8/15(土)に集まります。", "8月15日(土)に集まります。"),
        ("12/31まで休みます。", "12月31日まで休みます。"),
        ("9/1〜9/3に", "9月1日から9月3日までに"),
        ("お金の1/2を払います。", "お金の1/2を払います。"),
        ("2/30に", "2/30に"),
        ("3.5/10点", "3.5/10点"),
    ],
)
def test_month_day_dates(text: str, expected: str) -> None:
    assert rewrite(text).text == expected


# --- explanation forms (mutation: explained at every use, or replaced instead of explained) --
def test_explain_entries_explain_the_first_use_only() -> None:
    text = "震源は静岡県です。震源の深さは10キロです。"
    assert (
        rewrite(text).text == "震源（地震が 起きた ところ）は静岡県です。震源の深さは10キロです。"
    )


def test_glossary_term_is_explained_once_by_the_glossary() -> None:
    # Mutation: a glossary term explained twice (glossary and lexicon explanation).
    assert (
        rewrite("余震に注意してください。").text == "余震（後から 来る 地震）に注意してください。"
    )
    assert rewrite("余震に注意してください。", use_default_glossary=False).text == (
        "余震（大きな 地震の あとに 来る 地震）に注意してください。"
    )


def test_explanations_go_to_nouns_not_to_verb_stems() -> None:
    # Mutation: the explain rule matching the verb 揺れ(ました) or inside a compound noun.
    assert rewrite("家が揺れました。").text == "家が揺れました。"
    assert rewrite("家賃保証会社を使います。").text == "家賃保証会社を使います。"
    assert rewrite("強い揺れを感じました。").text == (
        "強い揺れ（家や 道が 大きく 動く こと）を感じました。"
    )


def test_explanation_already_given_by_the_author_is_kept() -> None:
    text = "震源（地震の中心）は静岡県です。"
    assert rewrite(text).text == text


def test_every_new_lexicon_entry_names_its_source() -> None:
    entries = lexicon().values()
    assert all(e.source for e in entries)
    assert {e.source.split(" ")[0].rstrip(";") for e in entries} >= {
        "kyosei",
        "ibaraki",
        "bosai-guidebook",
        "guide",
        "alerts",
    }


# --- honorific verbs (mutation: お掛け kept as 掛けて, or swapped when it has an object) --------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("こちらの席にお掛けください。", "こちらの席に座ってください。"),
        ("お掛けになってください。", "座ってください。"),
        ("電話をお掛けください。", "電話を掛けてください。"),
        ("すぐに受診してください。", "すぐに病院で見てもらってください。"),
        ("速やかに提出してください。", "すぐに出してください。"),
    ],
)
def test_phrases_keep_their_conjugation(text: str, expected: str) -> None:
    assert rewrite(text).text == expected


# --- places (mutation: MeCab's おおいずみちょう, or no data file) ------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("大泉町に住んでいます。", "大泉町(おおいずみまち)に住(す)んでいます。"),
        ("浜松市中央区の窓口", "浜松市中央区(はままつしちゅうおうく)の窓口(まどぐち)"),
        ("浜松市南部に大雨警報", "浜松市南部(はままつしなんぶ)に大雨警報(おおあめけいほう)"),
        ("群馬県大泉町", "群馬県大泉町(ぐんまけんおおいずみまち)"),
    ],
)
def test_demo_municipalities_are_read_from_data(text: str, expected: str) -> None:
    assert furigana(text, format="brackets") == expected


@pytest.mark.skipif(not SHARED_CITY_TABLE.exists(), reason="shared/ JMA code tables not present")
def test_whole_jma_table_loads_and_registers() -> None:
    table = load_jma_city_table(SHARED_CITY_TABLE)
    assert len(table) > 1900
    assert table["大泉町"] == "おおいずみまち"
    assert table["浜松市天竜区"] == "はままつしてんりゅうく"  # derived from the ward row
    assert "邑楽町" in table and table["邑楽町"] == "おうらまち"
    register_place_readings({"邑楽町": table["邑楽町"]})
    assert furigana("邑楽町", format="brackets") == "邑楽町(おうらまち)"
    assert 0 in find_places("邑楽町")


# --- furigana misses (mutation: a known word's hard kanji skipped at a level) ----------------
def test_known_word_with_hard_kanji_gets_its_reading_at_a_level() -> None:
    assert furigana("住所を書いてください。", format="brackets", level="N4") == (
        "住所(じゅうしょ)を書いてください。"
    )
    assert furigana("ごみを出します。", format="brackets") == "ごみを出(だ)します。"
    assert furigana("あさ に 出します。", format="brackets") == "あさ に 出(だ)します。"


# --- break points (mutation: a break inside a word or before a particle) ---------------------
@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("ごみは朝に出してください。", ["ごみは", "朝に", "出してください。"]),
        (
            "市役所の窓口で、住民票を受け取ってください。",
            ["市役所の", "窓口で、", "住民票を", "受け取ってください。"],
        ),
        ("雨が降るかもしれません。", ["雨が", "降るかもしれません。"]),
        ("手紙も出します。", ["手紙も", "出します。"]),
        ("3,500円を払います。", ["3,500円を", "払います。"]),
        ("・パスポート\n・在留カード", ["・パスポート\n", "・在留カード"]),
        ("日本語を勉強することができます。", ["日本語を", "勉強する", "ことが", "できます。"]),
    ],
)
def test_break_points_are_bunsetsu_boundaries(text: str, pieces: list[str]) -> None:
    assert bunsetsu(text) == pieces
    assert "".join(pieces) == text
    assert list(break_points(text)) == [sum(map(len, pieces[:k])) for k in range(1, len(pieces))]


# --- JSON and the line memo (mutation: different bytes, or a copied line with shifted
#     offsets wrong) -------------------------------------------------------------------------
def test_json_writer_prints_what_json_dump_prints() -> None:
    text = "令和7年に書類を提出してください。\n「危ない！」\nごみは朝に出してください。\n" * 3
    report = check(text)
    expected = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    out = io.StringIO()
    write_report_json(report, out, chunk=2)
    assert out.getvalue() == expected
    assert report_json(report) + "\n" == expected
    empty = check("ごみは朝に出してください。")
    assert report_json(empty) == json.dumps(empty.to_dict(), ensure_ascii=False, indent=2)


def test_repeated_lines_get_the_same_findings_at_their_own_offsets() -> None:
    line = "申請書に必要事項を記入の上、速やかに提出してください。"
    text = f"{line}\nごみは朝に出します。\n{line}\n"
    findings = check(text).findings
    second = text.index(line, 1)
    first_rules = [(f.rule, f.start, f.end) for f in findings if f.start < len(line)]
    again = [(f.rule, f.start - second, f.end - second) for f in findings if f.start >= second]
    assert first_rules == again and first_rules
    for f in findings:
        assert text[f.start : f.end]
    sentences = analyse(text)
    assert sentences[-1].copy_of == 0
    assert [t.surface for t in sentences[-1].tokens] == [t.surface for t in sentences[0].tokens]
    assert all(text[t.start : t.end] == t.surface for s in sentences for t in s.tokens)


def test_fast_constructors_build_equal_frozen_objects() -> None:
    # Mutation: a field left unset or two fields swapped in make_finding / make_sentence.
    from dataclasses import FrozenInstanceError, fields

    from yasashii.models import Finding, Sentence, make_finding, make_sentence

    fast = make_finding("keigo", "warning", 3, 9, "m", "e", "s", "r")
    slow = Finding("keigo", "warning", 3, 9, "m", "e", "s", "r")
    assert [getattr(fast, f.name) for f in fields(Finding)] == [
        "keigo",
        "warning",
        3,
        9,
        "m",
        "e",
        "s",
        "r",
    ]
    assert fast == slow and hash(fast) == hash(slow)
    with pytest.raises(FrozenInstanceError):
        fast.start = 4  # type: ignore[misc]
    assert make_sentence(1, 5, "です。", 90.5) == Sentence(1, 5, "です。", 90.5)


def test_place_readings_load_from_the_file_named_by_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Mutation: YASASHII_PLACE_READINGS ignored, or a TSV row with a non-kana reading kept.
    from yasashii import places

    table = tmp_path / "places.tsv"
    table.write_text("# name\treading\n千代田区\tちよだく\n悪い行\tチヨダ\n", encoding="utf-8")
    monkeypatch.setenv(places.ENV_VAR, str(table))
    places._from_environment.cache_clear()
    places.place_pattern.cache_clear()
    try:
        assert places.place_readings()["千代田区"] == "ちよだく"
        assert "悪い行" not in places.place_readings()
        assert furigana("千代田区に行きます。", format="brackets").startswith("千代田区(ちよだく)")
    finally:
        monkeypatch.delenv(places.ENV_VAR)
        places._from_environment.cache_clear()
        places.place_pattern.cache_clear()
