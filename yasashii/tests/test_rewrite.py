from __future__ import annotations

import pytest

from yasashii import check, rewrite
from yasashii.lexicon import lexicon

CONJUGATION_CASES = [
    ("用紙に記入してください。", "用紙に書いてください。"),
    ("提出しなければなりません。", "出さなければなりません。"),
    ("使用しないでください。", "使わないでください。"),
    ("確認します。", "確かめます。"),
    ("駅に到着した。", "駅に着いた。"),
    ("すぐに避難してください。", "すぐににげてください。"),
    ("書類を提出できます。", "紙を出せます。"),
    ("申請を行います。", "申し込みます。"),
    ("本を返却すれば、また借りられます。", "本を返せば、また借りられます。"),
    ("ごみを廃棄しました。", "ごみを捨てました。"),
    ("ここで喫煙しないでください。", "ここでたばこを吸わないでください。"),
]

KEIGO_CASES = [
    ("ご覧ください。", "見てください。"),
    ("先生がいらっしゃいます。", "先生がいます。"),
    ("受付はあちらにございます。", "受付はあちらにあります。"),
    ("お礼を申し上げます。", "お礼を言います。"),
    ("こちらでお待ちください。", "こちらで待ってください。"),
    ("よろしくお願いいたします。", "よろしくお願いします。"),
    ("市役所でご記入ください。", "市役所で書いてください。"),
    ("窓口で待っております。", "窓口で待っています。"),
    ("先生がお書きになります。", "先生が書きます。"),
    ("本をお読みになってください。", "本を読んでください。"),
    ("またお越しくださいませ。", "また来てください。"),
    ("少しお待ちくださいませ。", "少し待ってください。"),
    ("担当者が伺います。", "係の人が聞きます。"),
    ("ご自宅へ伺います。", "ご自宅へ行きます。"),
    ("館内での喫煙はご遠慮ください。", "館内での喫煙はしないでください。"),
    ("結果をお知らせください。", "結果を知らせてください。"),
]

NOTATION_CASES = [
    ("令和7年4月1日から", "2025年4月1日から"),
    ("令和元年に", "2019年に"),
    ("平成30年", "2018年"),
    ("15時に集合", "午後3時に集合"),
    ("15:30に集合", "午後3時30分に集合"),
    ("9時〜17時です。", "午前9時から午後5時までです。"),
    ("9時〜12時です。", "9時から12時までです。"),
    ("2025/7/10に", "2025年7月10日に"),
    ("月〜金に開いています。", "月曜日から金曜日までに開いています。"),
]


@pytest.mark.parametrize(("original", "expected"), CONJUGATION_CASES)
def test_conjugation_aware_lexicon(original: str, expected: str) -> None:
    assert rewrite(original).text == expected


@pytest.mark.parametrize(("original", "expected"), KEIGO_CASES)
def test_keigo_to_plain_polite(original: str, expected: str) -> None:
    assert rewrite(original).text == expected


@pytest.mark.parametrize(("original", "expected"), NOTATION_CASES)
def test_notation(original: str, expected: str) -> None:
    assert rewrite(original).text == expected


def test_changes_report_original_span_and_rule() -> None:
    text = "令和7年に書類を提出してください。"
    result = rewrite(text)
    assert result.changes
    for change in result.changes:
        assert text[change.start : change.end] == change.original
        assert change.rule in {"era-year", "difficult-word"}
    assert result.original == text


@pytest.mark.parametrize(
    "protected",
    ["田中さん", "12,000円", "03-1234-5678", "〒430-0929", "3,500円", "080-1234-5678"],
)
def test_never_alters_numbers_names_or_amounts(protected: str) -> None:
    text = f"{protected}を確認してください。15時に提出してください。"
    result = rewrite(text)
    assert protected in result.text
    for change in result.changes:
        assert protected not in change.original


def test_proper_nouns_untouched() -> None:
    text = "浜松市の田中さんが東京駅に到着しました。"
    result = rewrite(text)
    assert result.text.startswith("浜松市の田中さんが東京駅に")


def test_rewrite_raises_the_score() -> None:
    text = "申請書に必要事項を記入の上、速やかに提出してください。"
    assert check(rewrite(text).text).score > check(text).score


def test_clean_text_is_unchanged() -> None:
    text = "ごみは朝に出してください。"
    result = rewrite(text)
    assert result.text == text
    assert not result.changed


def test_lexicon_has_hundreds_of_entries_across_domains() -> None:
    entries = lexicon()
    assert len(entries) >= 300
    assert {e.domain for e in entries.values()} >= {"admin", "daily", "health", "work", "disaster"}


def test_precomputed_plain_vocabulary_matches_the_lexicon() -> None:
    # Mutation: a lexicon edit without `python -m yasashii.lexicon` (a stale word list).
    from yasashii.lexicon import compute_plain_vocabulary, plain_vocabulary

    assert plain_vocabulary() == compute_plain_vocabulary()
