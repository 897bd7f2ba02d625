"""Safe line-break points: bunsetsu boundaries, so that a word and its particles stay together.

A bunsetsu is one independent word (noun, verb, adjective, adverb…) with the function words
that lean on it: particles, auxiliaries (ます, です, た), suffixes (〜さん, 〜円), dependent
verbs (〜てください, 〜ている) and closing punctuation. Compound nouns (市役所+窓口), a prefix
and its word (お+知らせ) and an opening bracket and what follows are never split. The portal
joins the pieces with <wbr> or wraps each one so that the browser breaks only between them.
"""

from __future__ import annotations

from .analysis import Token, analyse
from .gcpause import collector_paused

_LEANING_POS = frozenset({"助詞", "助動詞", "接尾辞"})
_OPENERS = frozenset("「『（(【〔［〈《“‘")
_NOUNISH = frozenset({"名詞", "接頭辞"})
_DEPENDENT_POS = frozenset({"動詞", "形容詞"})
_SYMBOL_POS = frozenset({"補助記号", "記号"})
_JOINERS = frozenset({"-", "‐", "－", "・", "/", "／", "ー", "～", "〜", "~"})
_DIGIT_SEPARATORS = frozenset({",", "，", ".", "．"})


def _starts_bunsetsu(previous: Token, token: Token) -> bool:
    if token.pos1 in _LEANING_POS:
        return False
    if token.pos2 == "非自立可能" and token.pos1 in _DEPENDENT_POS:
        # 〜てください, 〜ている, 書き出す, 勉強する, かもしれない lean on the word before;
        # 出す after a noun + に does not.
        return not (
            previous.pos1 in ("動詞", "助動詞")
            or previous.surface in ("て", "で")
            or (previous.pos3 == "サ変可能" and token.lemma == "為る")
        )
    if token.lemma == "知れる" and previous.surface == "も":
        return False  # かもしれません is one expression
    if previous.surface in _JOINERS and previous.end == token.start:
        return False  # Wi-Fi, 月・水, 9/15
    if token.pos1 in _SYMBOL_POS and token.surface not in _OPENERS:
        return False  # 。、」 and the like stay with the word before them
    if previous.pos1 == "接頭辞" or previous.surface in _OPENERS:
        return False
    if token.pos2 == "数詞" and previous.surface in _DIGIT_SEPARATORS:
        return False  # 3,500
    spaced = previous.end != token.start
    return not (token.pos1 == "名詞" and previous.pos1 in _NOUNISH and not spaced)


def break_points(text: str) -> tuple[int, ...]:
    """Offsets (0 < offset < len(text), increasing) where a line may break.

    Splitting *text* at these offsets gives bunsetsu-sized pieces; no offset falls inside
    a word. A sentence's first piece starts after the line break before it (or where the
    sentence before ended), so a bullet mark (・パスポート) stays with its item.
    """
    with collector_paused():
        sentences = analyse(text)
    points: list[int] = []
    previous_end = 0
    for sentence in sentences:
        newline = text.rfind("\n", previous_end, sentence.start)
        points.append(newline + 1 if newline >= 0 else previous_end)
        tokens = sentence.tokens
        for index in range(1, len(tokens)):
            if _starts_bunsetsu(tokens[index - 1], tokens[index]):
                points.append(tokens[index].start)
        previous_end = sentence.end
    return tuple(p for p in dict.fromkeys(points) if 0 < p < len(text))


def bunsetsu(text: str) -> list[str]:
    """*text* cut at break_points(): the pieces join back to exactly *text*."""
    cuts = (0, *break_points(text), len(text))
    return [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
