from __future__ import annotations

from yasashii.analysis import analyse, split_sentences


def test_offsets_point_into_original_text() -> None:
    text = "・用紙に 記入してください。\n  田中さん、こんにちは！ OK?"
    for sentence in analyse(text):
        assert text[sentence.start : sentence.end] == sentence.text
        for token in sentence.tokens:
            assert text[token.start : token.end] == token.surface


def test_quotes_and_brackets_are_not_split() -> None:
    texts = [s.text for s in split_sentences("「危ない！逃げて。」と言いました。次です。")]
    assert texts == ["「危ない！逃げて。」と言いました。", "次です。"]


def test_line_breaks_and_bullets() -> None:
    texts = [s.text for s in split_sentences("持ち物\n・パスポート\n・在留カード\n1. 印鑑")]
    assert texts == ["持ち物", "パスポート", "在留カード", "印鑑"]


def test_token_fields() -> None:
    sentence = analyse("食べました。")[0]
    first = sentence.tokens[0]
    assert first.base == "食べる"
    assert first.reading == "たべ"
    assert first.pos1 == "動詞"
    assert first.goshu == "和"
    assert analyse("学校")[0].tokens[0].goshu == "漢"
