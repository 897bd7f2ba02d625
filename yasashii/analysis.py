"""Sentence segmentation and tokenisation on fugashi + unidic-lite."""

from __future__ import annotations

import csv
import re
import threading
from bisect import bisect_left
from dataclasses import dataclass
from sys import intern
from typing import Any, NamedTuple

_KATA_TO_HIRA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}

_tagger: Any = None
_tagger_lock = threading.Lock()


def get_tagger() -> Any:
    """Return the shared MeCab tagger, created on first use (it is costly to build)."""
    global _tagger
    if _tagger is None:
        with _tagger_lock:
            if _tagger is None:
                import fugashi

                _tagger = fugashi.Tagger()
    return _tagger


def to_hiragana(text: str) -> str:
    return text.translate(_KATA_TO_HIRA)


class Token(NamedTuple):
    surface: str
    start: int
    end: int
    pos1: str
    pos2: str
    pos3: str
    ctype: str
    cform: str
    lemma: str
    base: str
    goshu: str
    # UniDic fields 13 onwards, unsplit: only furigana needs the kana inside, so it is
    # extracted on demand instead of splitting every token's features fully.
    rest: str

    @property
    def kana(self) -> str:
        """Reading in katakana as written (UniDic 'kana'); '' for unknown words."""
        return self.rest.split(",", 5)[4] if self.rest.count(",") >= 4 else ""

    @property
    def reading(self) -> str:
        """Reading in hiragana ('' when the dictionary does not know the word)."""
        return to_hiragana(self.kana)

    @property
    def is_content(self) -> bool:
        return self.pos1 in _CONTENT_POS and self.pos2 != "非自立可能"


_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "副詞", "形状詞", "連体詞"})


# feature_raw -> the Token fields it yields. Words repeat (Zipf), so most tokens reuse one
# entry instead of splitting the CSV again; the shared strings also cut allocation.
_FIELDS_CACHE: dict[str, tuple[str, ...]] = {}
_FIELDS_CACHE_LIMIT = 50_000


def _fields(raw: str, surface: str) -> tuple[str, ...]:
    # Fields are quoted only when they contain a comma, i.e. for the comma token itself.
    if "," in surface or '"' in surface:
        f = next(csv.reader([raw]))
        f[13:] = [",".join(f[13:])]
    else:
        f = raw.split(",", 13)
    # The POS, conjugation and goshu fields take a few hundred values across the whole
    # dictionary: one shared string each instead of one per distinct feature string.
    if len(f) > 13:
        return (
            intern(f[0]),
            intern(f[1]),
            intern(f[2]),
            intern(f[4]),
            intern(f[5]),
            f[7],
            f[10],
            intern(f[12]),
            f[13],
        )
    # Unknown words carry only the POS fields; lemma and base are the surface itself.
    return (intern(f[0]), intern(f[1]), intern(f[2]), "*", "*", "", "", "", "")


def tokenize_line(line: str, offset: int) -> list[Token]:
    """Tokenise one line; offsets are absolute positions in the whole text."""
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__  # skips NamedTuple's Python-level __new__: this loop is the hot path
    cache = _FIELDS_CACHE
    pos = offset
    for node in get_tagger()(line):
        surface = node.surface
        if node.rlength != node.length:  # byte lengths: the node has leading white space
            pos += len(node.white_space)
        end = pos + len(surface)
        raw = node.feature_raw
        fields = cache.get(raw)
        if fields is None:
            if len(cache) >= _FIELDS_CACHE_LIMIT:
                cache.clear()
            fields = cache[raw] = _fields(raw, surface)
        if fields[5]:
            append(new(Token, (surface, pos, end, *fields)))
        else:
            append(new(Token, (surface, pos, end, *fields[:5], surface, surface, "", "")))
        pos = end
    return tokens


_OPENERS = {"「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "〔": "〕", "［": "］"}
_CLOSERS = frozenset(_OPENERS.values())
_TERMINATORS = frozenset("。！？!?")
_TRAILERS = frozenset("」』）)】〕］！？!?。")
_BULLETS = ("・", "●", "○", "◆", "■", "□", "•", "※", "- ", "* ", "＊", "－ ")
_NUMBERED_BULLETS = frozenset("①②③④⑤⑥⑦⑧⑨⑩")


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    text: str


# First characters a bullet or its indentation can start with; other lines skip the checks.
_BULLET_FIRST = (
    frozenset(" \u3000\t-*0123456789").union(b[0] for b in _BULLETS).union(_NUMBERED_BULLETS)
)


def _bullet_length(line: str) -> int:
    if line[:1] not in _BULLET_FIRST:
        return 0
    stripped = len(line) - len(line.lstrip(" \u3000\t"))
    rest = line[stripped:]
    for bullet in _BULLETS:
        if rest.startswith(bullet):
            return stripped + len(bullet)
    if rest[:1] in _NUMBERED_BULLETS:
        return stripped + 1
    digits = 0
    while digits < len(rest) and rest[digits].isdigit() and digits < 3:
        digits += 1
    if (
        digits
        and rest[digits : digits + 1] in (".", "．", ")", "）")
        and (rest[digits + 1 : digits + 2] in (" ", "\u3000"))
    ):
        return stripped + digits + 2
    return stripped


def split_sentences(text: str) -> list[Segment]:
    """Split at 。！？ and line breaks, never inside quotes or brackets; skip bullet marks."""
    segments: list[Segment] = []
    line_start = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        start = line_start + _bullet_length(body)
        _split_line(text, start, line_start + len(body), segments)
        line_start += len(line)
    return segments


_BRACKET_RE = re.compile(r"[「『（(【〔［」』）)】〕］]")
_SIMPLE_SENTENCE_RE = re.compile(r"[^。！？!?]*[。！？!?]+|[^。！？!?]+$")


def _split_line(text: str, start: int, stop: int, out: list[Segment]) -> None:
    if not _BRACKET_RE.search(text, start, stop):
        for match in _SIMPLE_SENTENCE_RE.finditer(text, start, stop):
            _emit(text, match.start(), match.end(), out)
        return
    depth: list[str] = []
    seg_start = start
    i = start
    while i < stop:
        ch = text[i]
        if ch in _OPENERS:
            depth.append(_OPENERS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif ch in _TERMINATORS and not depth:
            j = i + 1
            while j < stop and text[j] in _TRAILERS:
                j += 1
            _emit(text, seg_start, j, out)
            seg_start = j
            i = j
            continue
        i += 1
    _emit(text, seg_start, stop, out)


def _emit(text: str, start: int, end: int, out: list[Segment]) -> None:
    while start < end and text[start] in " \u3000\t":
        start += 1
    while end > start and text[end - 1] in " \u3000\t":
        end -= 1
    if end > start:
        out.append(Segment(start, end, text[start:end]))


class AnalysedSentence:
    """A sentence and its tokens (absolute offsets).

    A sentence of a line that repeats an earlier line of the same text is a copy: copy_of is
    the index of its original, and its tokens are the original's, shifted, built only when
    something asks for them (the rules copy the original's results and never do).
    """

    __slots__ = ("start", "end", "text", "copy_of", "_tokens", "_delta")

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        tokens: tuple[Token, ...],
        copy_of: int = -1,
        delta: int = 0,
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.copy_of = copy_of
        self._tokens = tokens
        self._delta = delta

    @property
    def tokens(self) -> tuple[Token, ...]:
        if self._delta:
            self._tokens = _shifted(self._tokens, self._delta)
            self._delta = 0
        return self._tokens

    def __repr__(self) -> str:
        return f"AnalysedSentence({self.start}, {self.end}, {self.text!r}, copy_of={self.copy_of})"


def _shifted(tokens: tuple[Token, ...], delta: int) -> tuple[Token, ...]:
    new = tuple.__new__
    return tuple(
        [
            new(Token, (s, a + delta, b + delta, p1, p2, p3, ct, cf, le, ba, go, re))
            for s, a, b, p1, p2, p3, ct, cf, le, ba, go, re in tokens
        ]
    )


def analyse(text: str) -> list[AnalysedSentence]:
    """Segment *text*, tag each line once and hand every sentence its tokens.

    Tagging whole lines is markedly faster than one MeCab call per sentence. A line that
    repeats an earlier line of the same text (headings, boilerplate, repeated notices) is
    neither segmented nor tagged again: its sentences are the earlier ones, shifted, marked
    with copy_of.
    """
    result: list[AnalysedSentence] = []
    # line text -> (offset of its first occurrence, its first sentence, its sentence count)
    seen: dict[str, tuple[int, int, int]] = {}
    segments: list[Segment] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        first = seen.get(body)
        if first is not None:
            first_offset, source, count = first
            delta = offset - first_offset
            for index in range(source, source + count):
                original = result[index]
                result.append(
                    AnalysedSentence(
                        original.start + delta,
                        original.end + delta,
                        original.text,
                        original.tokens,
                        index,
                        delta,
                    )
                )
            offset += len(line)
            continue
        line_end = offset + len(body)
        segments.clear()
        _split_line(text, offset + _bullet_length(body), line_end, segments)
        seen[body] = (offset, len(result), len(segments))
        if segments:
            tokens = tuple(tokenize_line(body, offset))
            starts = [token.start for token in tokens]
            for segment in segments:
                # Tokens before the sentence start are bullet marks outside any sentence.
                first_token = bisect_left(starts, segment.start)
                last = bisect_left(starts, segment.end, first_token)
                result.append(
                    AnalysedSentence(
                        segment.start, segment.end, segment.text, tokens[first_token:last]
                    )
                )
        offset += len(line)
    return result
