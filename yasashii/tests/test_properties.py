"""Property tests (hypothesis) for issue 14: eras round-trip, break points partition the
text, rewriting never loses Latin-script words. Each names the mutation it catches."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from yasashii import rewrite
from yasashii.analysis import analyse
from yasashii.breaks import break_points, bunsetsu
from yasashii.eras import (
    GREGORIAN_FROM,
    era_date_to_western,
    era_label,
    era_of,
    era_year_to_western,
)

_SETTINGS = settings(max_examples=60, deadline=None)
_DATES = st.dates(min_value=GREGORIAN_FROM, max_value=date(2099, 12, 31))


@_SETTINGS
@given(_DATES)
def test_era_dates_round_trip(day: date) -> None:
    # Mutation: a wrong era start (the era of a date and its conversion back disagree).
    era, year = era_of(day)
    assert era_year_to_western(era, year) == day.year
    assert era_date_to_western(era, year, day.month, day.day) == day


@_SETTINGS
@given(_DATES)
def test_rewrite_turns_era_dates_into_western_dates(day: date) -> None:
    # Mutation: 元年 parsed as 0, or an era missing from the rewrite pattern.
    era, year = era_of(day)
    text = f"{era_label(era, year)}{day.month}月{day.day}日に届きます。"
    assert rewrite(text).text == f"{day.year}年{day.month}月{day.day}日に届きます。"


_PIECES = st.sampled_from(
    [
        "市役所の窓口で",
        "住民票を受け取ってください。",
        "ごみは朝に出します。",
        "在留カードの うらに 住所を 書きます。",
        "「危ない！」と言いました。",
        "3,500円を払います",
        "・パスポート",
        "大泉町に住んでいます。",
        "雨が降るかもしれません。",
        "Wi-Fiを使います",
        "\n",
        " ",
        "、",
        "ABC",
        "１２３",
    ]
)
_TEXTS = st.lists(
    st.one_of(_PIECES, st.text(alphabet="あいうアイウ漢字日本語一二三 、。\n!?ab1", max_size=8)),
    min_size=1,
    max_size=8,
).map("".join)


@_SETTINGS
@given(_TEXTS)
def test_break_points_partition_the_text_at_token_boundaries(text: str) -> None:
    # Mutation: a break inside a token, out of order, duplicated, or at 0 / len(text).
    points = break_points(text)
    assert list(points) == sorted(set(points))
    assert all(0 < p < len(text) for p in points)
    assert "".join(bunsetsu(text)) == text
    inside = {
        offset
        for sentence in analyse(text)
        for token in sentence.tokens
        for offset in range(token.start + 1, token.end)
    }
    assert not inside & set(points)


_LATIN = st.from_regex(r"[A-Za-z]{2,8}", fullmatch=True)
_JAPANESE = st.sampled_from(
    [
        "書類を提出してください。",
        "こちらでお待ちください。",
        "令和7年4月1日から",
        "15時に集合します。",
        "震源は静岡県です。",
        "余震に注意してください。",
        "の",
        "を確認します。",
    ]
)


@_SETTINGS
@given(st.lists(st.one_of(_LATIN, _JAPANESE), min_size=1, max_size=8))
def test_rewrite_never_loses_latin_words(parts: list[str]) -> None:
    # Mutation: a rule whose replacement swallows neighbouring text (a span too wide).
    text = " ".join(parts)
    words = Counter(re.findall(r"[A-Za-z]+", text))
    kept = Counter(re.findall(r"[A-Za-z]+", rewrite(text).text))
    assert all(kept[word] >= count for word, count in words.items())
