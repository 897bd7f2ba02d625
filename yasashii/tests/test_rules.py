"""Every rule has at least one positive and one negative example."""

from __future__ import annotations

import pytest

from yasashii import RULES, check

# (rule, profile, text that must trigger it, text that must not)
CASES = [
    (
        "sentence-too-long",
        "living",
        "市役所では外国人のみなさんのために日本語の教室を毎週水曜日と土曜日の午後に駅の前の建物で開いていますので来てください。",
        "日本語の教室があります。",
    ),
    (
        "too-many-clauses",
        "living",
        "雨が降ったら、家にいて、窓を閉めて、テレビを見て、待ってください。",
        "雨のときは、家にいてください。",
    ),
    (
        "chained-clauses",
        "living",
        "家を出て、駅まで歩いて、電車に乗ります。",
        "家を出てください。駅まで歩いてください。",
    ),
    (
        "chained-clauses",
        "living",
        "この部屋は広いし、駅から近いです。",
        "この部屋は広いです。",
    ),
    (
        "list-in-sentence",
        "living",
        "パスポートや在留カードや通帳を持ってきてください。",
        "パスポートを持ってきてください。",
    ),
    (
        "list-in-sentence",
        "living",
        "名前、住所、電話番号を書いてください。",
        "名前を書いてください。",
    ),
    ("difficult-word", "living", "書類を提出してください。", "紙を出してください。"),
    ("difficult-kanji", "living", "鬱病の人がいます。", "病気の人がいます。"),
    ("long-kanji-run", "living", "固定資産税納税通知書が届きます。", "税金のお知らせが届きます。"),
    (
        "kanji-density",
        "living",
        "市民税県民税特別徴収税額決定通知書を会社経由で送付します。",
        "住民税のお知らせを会社から送ります。",
    ),
    ("katakana-loanword", "living", "コンセンサスが必要です。", "テレビを見てください。"),
    ("alphabet-word", "living", "SNSで知らせます。", "ATMでお金を出せます。"),
    ("shortened-word", "living", "健診を受けてください。", "健康診断を受けてください。"),
    ("shortened-word", "living", "インフルの注射です。", "インフルエンザの注射です。"),
    (
        "double-negative",
        "living",
        "行けないわけではありません。",
        "必要のないデータは保存しません。",
    ),
    ("double-negative", "living", "間違いがないとは限りません。", "出さなければなりません。"),
    ("passive", "living", "この紙は市から送られます。", "このりんごは食べられます。"),
    ("passive", "living", "会議が開催されました。", "会議があります。"),
    ("causative", "living", "子どもに野菜を食べさせてください。", "お知らせします。"),
    ("keigo", "living", "ご覧ください。", "見てください。"),
    ("keigo", "living", "担当者が伺います。", "担当の人が行きます。"),
    ("keigo", "living", "こちらでお待ちください。", "ここで待ってください。"),
    ("keigo", "living", "受付は2階でございます。", "受付は2階です。"),
    ("keigo", "living", "よろしくお願いいたします。", "よろしくお願いします。"),
    ("plain-style", "living", "明日は雨だ。", "明日は雨です。"),
    ("plain-style", "living", "これは大切である。", "これは大切です。"),
    (
        "mixed-style",
        "living",
        "明日は雨です。傘を持って行く。",
        "明日は雨です。傘を持って行きます。",
    ),
    ("vague-expression", "living", "大雨のおそれがあります。", "大雨が降ります。"),
    ("vague-expression", "living", "可能な限り早く来てください。", "できるだけ早く来てください。"),
    ("vague-expression", "disaster", "津波が来るかもしれません。", "津波が来ます。"),
    ("vague-expression", "living", "鉛筆等を持ってきてください。", "鉛筆を持ってきてください。"),
    ("nominalisation", "living", "工事を行います。", "工事をします。"),
    ("nominalisation", "living", "検査の実施は来月です。", "来月、体を調べます。"),
    ("mimetic", "living", "雷がゴロゴロ鳴っています。", "雷が鳴っています。"),
    ("mimetic", "living", "ひやっとしました。", "こわかったです。"),
    ("era-year", "living", "令和7年に始まります。", "2025年に始まります。"),
    ("time-24h", "living", "15時に来てください。", "午後3時に来てください。"),
    ("time-24h", "living", "15:30に来てください。", "24時間あいています。"),
    ("tilde-range", "living", "9時〜12時に来てください。", "9時から12時まで来てください。"),
    ("slash-date", "living", "2025/7/10に来てください。", "2025年7月10日に来てください。"),
    (
        "glossary-explain",
        "living",
        "避難所へ行ってください。",
        "避難所（にげる ところ）へ行ってください。",
    ),
]


@pytest.mark.parametrize(
    ("rule", "profile", "positive", "negative"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_rule_positive_and_negative(rule: str, profile: str, positive: str, negative: str) -> None:
    found = [f for f in check(positive, profile=profile).findings if f.rule == rule]
    assert found, f"{rule} missed in {positive!r}"
    clean = [f for f in check(negative, profile=profile).findings if f.rule == rule]
    assert not clean, f"{rule} false positive in {negative!r}: {clean}"


def test_every_rule_is_covered() -> None:
    assert {case[0] for case in CASES} == set(RULES)


def test_findings_carry_both_languages_and_valid_spans() -> None:
    text = "令和7年の書類を提出してください。ご覧ください。"
    report = check(text)
    assert report.findings
    for finding in report.findings:
        assert finding.message and finding.message_en
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.severity in ("error", "warning", "info")


def test_era_first_year_and_other_eras() -> None:
    assert check("令和元年").findings[0].suggestion == "2019年"
    assert check("平成31年です。").findings[0].suggestion == "2019年"
    assert check("昭和64年です。").findings[0].suggestion == "1989年"


def test_vague_kamoshiremasen_only_in_disaster_profile() -> None:
    text = "雨が降るかもしれません。"
    assert not [f for f in check(text).findings if f.rule == "vague-expression"]
    assert [f for f in check(text, profile="disaster").findings if f.rule == "vague-expression"]


def test_disaster_profile_is_stricter() -> None:
    text = "地震のときは、すぐに建物の外に出ないで、机の下に入ってください。"
    living = check(text)
    disaster = check(text, profile="disaster")
    assert len(disaster.findings) > len(living.findings)
    assert any(f.severity == "error" for f in disaster.findings)


def test_glossary_term_is_not_difficult_and_gets_explained_once() -> None:
    report = check(
        "給水所に行ってください。給水所は学校です。", glossary={"給水所": "水を もらう ところ"}
    )
    rules = [(f.rule, f.start) for f in report.findings]
    assert ("glossary-explain", 0) in rules
    assert not any(f.rule == "difficult-word" for f in report.findings)
    assert [f.suggestion for f in report.findings if f.rule == "glossary-explain"] == [
        "給水所（水を もらう ところ）"
    ]


def test_glossary_can_be_used_without_defaults() -> None:
    report = check("避難所へ行ってください。", use_default_glossary=False)
    assert not any(f.rule == "glossary-explain" for f in report.findings)


def test_suru_verb_found_via_noun() -> None:
    finding = next(f for f in check("提出します。").findings if f.rule == "difficult-word")
    assert finding.suggestion == "出し"
    assert "提出" in finding.message


def test_level_changes_what_is_difficult() -> None:
    text = "書類を提出してください。"
    assert [f for f in check(text, level="N4").findings if f.rule == "difficult-word"]
    assert not [f for f in check(text, level="N2").findings if f.rule == "difficult-word"]


def test_unknown_level_and_profile_raise() -> None:
    from yasashii import UnknownLevelError, UnknownProfileError

    with pytest.raises(UnknownLevelError):
        check("あ", level="N9")
    with pytest.raises(UnknownProfileError):
        check("あ", profile="nope")
