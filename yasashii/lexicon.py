"""Our difficult → plain lexicon (data/lexicon.tsv)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .analysis import tokenize_line
from .conjugate import Verb, parse_verb
from .resources import read_tsv

KINDS = ("suru", "noun", "verb", "phrase", "explain")


@dataclass(frozen=True)
class Entry:
    word: str
    kind: str
    plain: str
    domain: str
    source: str = "kyosei"

    @property
    def verb(self) -> Verb | None:
        return parse_verb(self.plain) if self.kind in ("suru", "verb") else None

    @property
    def noun_safe(self) -> bool:
        """A noun may be swapped in place only for a plain phrase that itself ends in a noun."""
        return self.kind == "noun" and _ends_in_noun(self.plain)


@cache
def _ends_in_noun(phrase: str) -> bool:
    tokens = tokenize_line(phrase, 0)
    return bool(tokens) and tokens[-1].pos1 in ("名詞", "接尾辞") and tokens[-1].pos2 != "数詞"


@cache
def lexicon() -> dict[str, Entry]:
    table: dict[str, Entry] = {}
    for row in read_tsv("lexicon.tsv"):
        if len(row) < 4 or row[1] not in KINDS:
            continue
        word, kind, plain, domain = row[0], row[1], row[2], row[3]
        source = row[4] if len(row) > 4 else "kyosei"
        # Identity rows document key terms we keep; they are not replacements.
        if plain in (word, word + "する"):
            continue
        table.setdefault(word, Entry(word, kind, plain, domain, source))
    return table


@cache
def phrase_pattern() -> re.Pattern[str]:
    phrases = sorted((e.word for e in lexicon().values() if e.kind == "phrase"), key=len)
    return re.compile("|".join(re.escape(p) for p in reversed(phrases)))


@cache
def explain_pattern() -> re.Pattern[str] | None:
    """Words we keep and explain at first use (余震（大きな 地震の あとに 来る 地震）)."""
    words = sorted((e.word for e in lexicon().values() if e.kind == "explain"), key=len)
    return re.compile("|".join(re.escape(w) for w in reversed(words))) if words else None


@cache
def plain_vocabulary() -> frozenset[str]:
    """Content words used in our plain replacements: known by definition."""
    words: set[str] = set()
    for entry in lexicon().values():
        for token in tokenize_line(entry.plain, 0):
            if token.is_content:
                words.add(token.base)
                words.add(token.surface)
    return frozenset(words)
