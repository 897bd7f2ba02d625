"""Random and odd inputs: offsets stay valid and nothing raises."""

from __future__ import annotations

import html
import random
import re

import pytest

from yasashii import check, furigana, rewrite

ODD = [
    "。。。",
    "「」",
    "（",
    "）あ」",
    "\r\nあ\r\nい",
    "\tタブ\tです",
    "😀絵文字です😀",
    "ｱｲｳ半角カナ",
    "１５時に",
    "１５：３０",
    "令和　７年",
    "〜",
    "1〜",
    "〜3",
    "あ" * 3000,
    "・\n・\n",
    'a,b,"c"、です',
    "ー",
    "々",
    "〒",
    "12/31/2025",
    "2025/13/40",
    "25:00",
    "99時",
    "0:00",
    "\u3000\u3000あ\u3000",
]
_CHARS = (
    "あいうえおかきくけこ漢字日本語東京都市役所。、「」（）！？〜~/:0123456789ABC abc"
    "アイウエオー\n\t年月日時分"
)


def _assert_consistent(text: str) -> None:
    report = check(
        text, profile=random.Random(len(text)).choice(["living", "disaster", "official"])
    )
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
    for sentence in report.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    result = rewrite(text)
    for change in result.changes:
        assert text[change.start : change.end] == change.original
    ruby = furigana(text)
    stripped = re.sub(r"<rt>.*?</rt>", "", ruby).replace("<ruby>", "").replace("</ruby>", "")
    assert html.unescape(stripped) == text


@pytest.mark.parametrize("text", ODD)
def test_odd_inputs(text: str) -> None:
    _assert_consistent(text)


def test_random_inputs() -> None:
    rng = random.Random(20250710)
    for _ in range(300):
        _assert_consistent("".join(rng.choice(_CHARS) for _ in range(rng.randint(1, 60))))
