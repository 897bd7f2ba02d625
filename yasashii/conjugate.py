"""Conjugate a plain replacement verb into the form the original verb had.

Forms are named after what follows them: mizen (ない/れる/せる), renyou (ます), te (て/た),
base (dictionary form), katei (ば), meirei (command), ishi (volitional う/よう).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .analysis import Token, tokenize_line

_GODAN_ROWS: dict[str, tuple[str, str, str, str, str, str]] = {
    # row: (a, i, e, o, te-stem, te/ta voiced?)
    "カ行": ("か", "き", "け", "こ", "い", ""),
    "ガ行": ("が", "ぎ", "げ", "ご", "い", "voiced"),
    "サ行": ("さ", "し", "せ", "そ", "し", ""),
    "タ行": ("た", "ち", "て", "と", "っ", ""),
    "ナ行": ("な", "に", "ね", "の", "ん", "voiced"),
    "バ行": ("ば", "び", "べ", "ぼ", "ん", "voiced"),
    "マ行": ("ま", "み", "め", "も", "ん", "voiced"),
    "ラ行": ("ら", "り", "れ", "ろ", "っ", ""),
    "ワア行": ("わ", "い", "え", "お", "っ", ""),
}

FORMS = ("mizen", "renyou", "te", "base", "katei", "meirei", "ishi")


@dataclass(frozen=True)
class Verb:
    """A verb in dictionary form with its MeCab conjugation type, plus fixed text before it."""

    prefix: str
    dictionary: str
    ctype: str

    @property
    def voiced_te(self) -> bool:
        row = self.ctype.removeprefix("五段-")
        return self.ctype.startswith("五段") and _GODAN_ROWS.get(row, ("",) * 6)[5] == "voiced"

    def form(self, name: str) -> str | None:
        stem = _cached_form(self, name)
        return None if stem is None else self.prefix + stem

    def _form(self, name: str) -> str | None:
        word, ctype = self.dictionary, self.ctype
        if ctype.startswith("五段"):
            row = _GODAN_ROWS.get(ctype.removeprefix("五段-"))
            if row is None:
                return None
            stem = word[:-1]
            if name == "te" and word in ("行く", "いく"):
                return stem + "っ"
            return {
                "mizen": stem + row[0],
                "renyou": stem + row[1],
                "te": stem + row[4],
                "base": word,
                "katei": stem + row[2],
                "meirei": stem + row[2],
                "ishi": stem + row[3] + "う",
            }.get(name)
        if "一段" in ctype:
            stem = word[:-1]
            return {
                "mizen": stem,
                "renyou": stem,
                "te": stem,
                "base": word,
                "katei": stem + "れ",
                "meirei": stem + "ろ",
                "ishi": stem + "よう",
            }.get(name)
        if ctype.startswith("サ行変格"):
            stem = word[:-2]
            return {
                "mizen": stem + "し",
                "renyou": stem + "し",
                "te": stem + "し",
                "base": word,
                "katei": stem + "すれ",
                "meirei": stem + "しろ",
                "ishi": stem + "しよう",
            }.get(name)
        if ctype.startswith("カ行変格"):
            kanji = word.startswith("来")
            stem = word[:-2]
            forms = {
                "mizen": "来" if kanji else "こ",
                "renyou": "来" if kanji else "き",
                "te": "来" if kanji else "き",
                "base": word[-2:],
                "katei": "来れ" if kanji else "くれ",
                "meirei": "来い" if kanji else "こい",
                "ishi": "来よう" if kanji else "こよう",
            }
            value = forms.get(name)
            return None if value is None else stem + value
        return None

    def passive_or_causative_stem(self, aux: str) -> str | None:
        """Stem before れる/せる: 書か-れる, 確かめ-ら-れる, 勉強-さ-れる."""
        if self.ctype.startswith("五段"):
            return self.form("mizen")
        if "一段" in self.ctype or self.ctype.startswith("カ行変格"):
            base = self.form("mizen")
            return None if base is None else base + ("ら" if aux == "れる" else "さ")
        if self.ctype.startswith("サ行変格"):
            return self.prefix + self.dictionary[:-2] + "さ"
        return None

    def potential(self) -> Verb | None:
        """書く → 書ける, 確かめる → 確かめられる, 勉強する → 勉強できる."""
        if self.ctype.startswith("五段"):
            katei = self._form("katei")
            if katei is None:
                return None
            return Verb(self.prefix, katei + "る", "下一段-ア行")
        if "一段" in self.ctype:
            return Verb(self.prefix, self.dictionary[:-1] + "られる", "下一段-ラ行")
        if self.ctype.startswith("サ行変格"):
            return Verb(self.prefix, self.dictionary[:-2] + "できる", "上一段-カ行")
        return None


@cache
def _cached_form(verb: Verb, name: str) -> str | None:
    return verb._form(name)


@cache
def parse_verb(phrase: str) -> Verb | None:
    """Parse a replacement like '郵便で送る': the last token must be a verb in dictionary form."""
    tokens = tokenize_line(phrase, 0)
    if not tokens:
        return None
    last = tokens[-1]
    if last.pos1 != "動詞" or not last.cform.startswith("終止形"):
        return None
    return Verb(phrase[: last.start], last.surface, last.ctype)


_TE_LEMMAS = frozenset({"て", "た", "たり", "ちゃう", "ては", "ても", "だ"})


def follows_te(next_token: Token | None) -> bool:
    return (
        next_token is not None
        and next_token.pos1 in ("助詞", "助動詞")
        and next_token.surface[:1] in ("て", "で", "た", "だ")
        and (next_token.lemma in _TE_LEMMAS or next_token.base in _TE_LEMMAS)
    )


def adjust_te(surface: str, voiced: bool) -> str:
    first = surface[:1]
    if voiced:
        first = {"て": "で", "た": "だ"}.get(first, first)
    else:
        first = {"で": "て", "だ": "た"}.get(first, first)
    return first + surface[1:]


def form_for(token: Token, next_token: Token | None) -> str | None:
    """The form name matching an original verb token (する, 行う, or a lexicon verb)."""
    cform = token.cform
    if cform.startswith("未然形"):
        return "mizen"
    if cform.startswith("連用形"):
        return "te" if follows_te(next_token) else "renyou"
    if cform.startswith(("終止形", "連体形")):
        return "base"
    if cform.startswith("仮定形"):
        return "katei"
    if cform.startswith("命令形"):
        return "meirei"
    if cform.startswith("意志推量形") and token.surface.endswith("う"):
        return "ishi"
    return None


def conjugate_like(target: Verb, token: Token, next_token: Token | None) -> tuple[str, bool] | None:
    """Text replacing *token* (and the following て/た when it must change voicing).

    Returns (text, consumed_next).
    """
    name = form_for(token, next_token)
    if name is None:
        return None
    if name == "mizen" and next_token is not None and next_token.base in ("れる", "せる"):
        stem = target.passive_or_causative_stem(next_token.base)
        return None if stem is None else (stem, False)
    if name == "mizen" and token.cform == "未然形-サ":
        # 「さ」 comes before れる/せる written as separate tokens in some analyses.
        return None
    text = target.form(name)
    if text is None:
        return None
    if name == "te" and next_token is not None:
        return text + adjust_te(next_token.surface, target.voiced_te), True
    return text, False
