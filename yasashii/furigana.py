"""Furigana as ruby HTML or brackets, for every kanji word or only words above a level."""

from __future__ import annotations

import html
import re
from typing import Literal

from .analysis import Token, analyse, to_hiragana
from .gcpause import collector_paused
from .levels import hardest_kanji, is_kanji, parse_level
from .numbers import counter_reading, parse_number
from .places import find_places
from .resources import read_json
from .rules.vocabulary import word_level

Format = Literal["ruby", "brackets"]
_KANJI_RUN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff々〆ヶ]+)")


def furigana(text: str, format: Format = "ruby", level: str | None = None) -> str:
    """Add readings. level=None annotates every kanji word; "N4" only words harder than N4."""
    if format not in ("ruby", "brackets"):
        raise ValueError(f"unknown furigana format {format!r} (choose ruby or brackets)")
    target = parse_level(level) if level is not None else None
    with collector_paused():
        sentences = analyse(text)
    places = find_places(text)
    out: list[str] = []
    cursor = 0
    for sentence in sentences:
        tokens = sentence.tokens
        i = 0
        while i < len(tokens):
            group_end, reading = _place(tokens, i, places) or _group(tokens, i, text, places)
            first, last = tokens[i], tokens[group_end]
            surface = text[first.start : last.end]
            out.append(_plain(text[cursor : first.start], format))
            if reading and _needs_reading(tokens[i : group_end + 1], target):
                out.append(_annotate(surface, reading, format))
            else:
                out.append(_plain(surface, format))
            cursor = last.end
            i = group_end + 1
    out.append(_plain(text[cursor:], format))
    return "".join(out)


def _plain(text: str, format: Format) -> str:
    return html.escape(text, quote=False) if format == "ruby" else text


def _all_kanji(surface: str) -> bool:
    return bool(surface) and all(is_kanji(ch) for ch in surface)


def _place(
    tokens: tuple[Token, ...], i: int, places: dict[int, tuple[int, str]]
) -> tuple[int, str] | None:
    """A municipality name from our data that starts at token i and ends on a token end."""
    found = places.get(tokens[i].start)
    if found is None:
        return None
    end, reading = found
    for j in range(i, len(tokens)):
        if tokens[j].end == end:
            return j, reading
        if tokens[j].end > end:
            break
    return None


def _group(
    tokens: tuple[Token, ...], i: int, text: str, places: dict[int, tuple[int, str]]
) -> tuple[int, str]:
    """Join a number with its counter, or consecutive all-kanji noun parts (住民+税)."""
    token = tokens[i]
    if token.pos2 == "数詞" and i + 1 < len(tokens):
        counter = tokens[i + 1]
        number = parse_number(token.surface)
        if number is not None and counter.pos1 in ("接尾辞", "名詞") and counter.start == token.end:
            after_month = token.start > 0 and text[token.start - 1] == "月"
            reading = counter_reading(number, counter.surface, after_month)
            if reading:
                return i + 1, reading
    if not any(is_kanji(ch) for ch in token.surface):
        return i, ""
    end = i
    if _all_kanji(token.surface) and token.pos1 in ("名詞", "接頭辞"):
        while (
            end + 1 < len(tokens)
            and tokens[end + 1].start == tokens[end].end
            and _all_kanji(tokens[end + 1].surface)
            and tokens[end + 1].pos1 in ("名詞", "接尾辞")
            and tokens[end + 1].pos2 != "数詞"
            and tokens[end + 1].kana
            and tokens[end + 1].start not in places  # 群馬県|大泉町: the place is read alone
        ):
            end += 1
    surface = text[token.start : tokens[end].end]
    if surface in _reading_overrides():
        return end, _reading_overrides()[surface]
    if any(not t.kana for t in tokens[i : end + 1]):
        return end, ""
    return end, "".join(_token_reading(tokens, k) for k in range(i, end + 1))


def _reading_overrides() -> dict[str, str]:
    table: dict[str, str] = read_json("readings.json")
    return table


def _token_reading(tokens: tuple[Token, ...], k: int) -> str:
    """人 after a country or place is じん (外国人, ブラジル人), which unidic-lite reads にん."""
    token = tokens[k]
    if token.surface == "人" and token.pos1 == "接尾辞" and token.reading == "にん" and k > 0:
        before = tokens[k - 1]
        if before.pos2 == "固有名詞" or before.surface in _reading_overrides():
            return "じん"
        if before.surface in {"外国", "他国", "現地"}:
            return "じん"
    return token.reading


def _needs_reading(group: tuple[Token, ...], target: int | None) -> bool:
    """A word needs its reading when the word or any of its kanji is above the level:
    住所 is an everyday word (N5 in our list) but 所 is an N3 kanji, and a reader who knows
    the spoken word still cannot read the kanji."""
    if target is None:
        return True
    for token in group:
        if not any(is_kanji(ch) for ch in token.surface):
            continue
        level = word_level(token)
        if level is not None and level < target:
            return True
        kanji = hardest_kanji(token.surface)
        if kanji is not None and kanji < target:
            return True
    return False


def _annotate(surface: str, reading: str, format: Format) -> str:
    parts = _split_okurigana(surface, reading)
    out: list[str] = []
    for chunk, chunk_reading in parts:
        if chunk_reading is None:
            out.append(_plain(chunk, format))
        elif format == "ruby":
            out.append(
                f"<ruby>{html.escape(chunk, quote=False)}"
                f"<rt>{html.escape(chunk_reading, quote=False)}</rt></ruby>"
            )
        else:
            out.append(f"{chunk}({chunk_reading})")
    return "".join(out)


def _split_okurigana(surface: str, reading: str) -> list[tuple[str, str | None]]:
    """食べる/たべる → [(食, た), (べる, None)]; falls back to one ruby over the whole word."""
    pieces = [p for p in _KANJI_RUN.split(surface) if p]
    if len(pieces) == 1 and _KANJI_RUN.fullmatch(pieces[0]):
        return [(surface, reading)]
    pattern = "".join(
        "(.+?)" if _KANJI_RUN.fullmatch(p) else f"({re.escape(to_hiragana(p))})" for p in pieces
    )
    match = re.fullmatch(pattern, reading)
    if match is None:
        return [(surface, reading)]
    return [
        (piece, value if _KANJI_RUN.fullmatch(piece) else None)
        for piece, value in zip(pieces, match.groups(), strict=True)
    ]
