from __future__ import annotations

import re

import pytest

from yasashii import furigana
from yasashii.numbers import counter_reading, number_kana


def test_ruby_with_okurigana() -> None:
    assert furigana("食べる") == "<ruby>食<rt>た</rt></ruby>べる"


def test_brackets_for_compound() -> None:
    assert furigana("住民税", format="brackets") == "住民税(じゅうみんぜい)"


def test_html_is_escaped() -> None:
    out = furigana("<b>学校</b>")
    assert out == "&lt;b&gt;<ruby>学校<rt>がっこう</rt></ruby>&lt;/b&gt;"


def test_level_only_marks_harder_words() -> None:
    out = furigana("学校で住民税を払います。", level="N4")
    assert "<ruby>住民税" in out
    assert "<ruby>学校" not in out


def test_every_kanji_word_without_level() -> None:
    out = furigana("学校に行きます。")
    assert "<ruby>学校<rt>がっこう</rt></ruby>" in out
    assert "<ruby>行<rt>い</rt></ruby>きます" in out


def test_kana_and_other_text_is_kept() -> None:
    text = "あいう ABC 123。\n次の行"
    assert re.sub(r"\([ぁ-ん]+\)", "", furigana(text, format="brackets")) == text


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("14日", "じゅうよっか"),
        ("20日", "はつか"),
        ("1人", "ひとり"),
        ("2人", "ふたり"),
        ("3本", "さんぼん"),
        ("6分", "ろっぷん"),
        ("4月1日", "ついたち"),
        ("8日", "ようか"),
    ],
)
def test_number_counter_readings(text: str, reading: str) -> None:
    assert f"<rt>{reading}</rt>" in furigana(text)


def test_one_day_rule() -> None:
    assert counter_reading(1, "日", after_month=True) == "ついたち"
    assert counter_reading(1, "日", after_month=False) == "いちにち"


def test_number_kana() -> None:
    assert number_kana(12000) == "いちまんにせん"
    assert number_kana(300) == "さんびゃく"
    assert number_kana(8000) == "はっせん"


def test_unknown_format_raises() -> None:
    with pytest.raises(ValueError):
        furigana("学校", format="xml")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("外国人の方", "外国人(がいこくじん)"),
        ("ブラジル人です", "ブラジル人(じん)"),
        ("日本人です", "日本人(にほんじん)"),
        ("町村役場へ", "町村役場(ちょうそんやくば)"),
        ("市町村の窓口", "市町村(しちょうそん)"),
    ],
)
def test_readings_that_unidic_lite_gets_wrong_are_corrected(text: str, expected: str) -> None:
    assert expected in furigana(text, format="brackets")


def test_nin_stays_where_it_is_right() -> None:
    assert "三人(さんにん)" in furigana("三人で来ます", format="brackets")
