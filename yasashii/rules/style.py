"""Step 2 style rules: negatives, voice, keigo, sentence endings, vague and stiff wording."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..analysis import AnalysedSentence, Token, tokenize_line
from ..conjugate import Verb, conjugate_like, parse_verb
from ..lexicon import lexicon
from ..resources import read_json, read_lines
from .context import Context

_DOUBLE_NEGATIVE = re.compile(
    r"な(?:い|く)(?:わけ|訳)(?:では|じゃ)(?:ない|ありません|ないです)"
    r"|なくは(?:ない|ありません)"
    r"|なくも(?:ない|ありません)"
    r"|ないとは(?:限|かぎ)(?:らない|りません)"
    r"|ないことは(?:ない|ありません)"
    r"|ないでも(?:ない|ありません)"
    r"|ないではいられ(?:ない|ません)"
)
_REDUPLICATED_KATAKANA = re.compile(r"([\u30a1-\u30fa]{2})\1")
_IRU = Verb("", "いる", "上一段-ア行")
_IKU = Verb("", "行く", "五段-カ行")
_KIKU = Verb("", "聞く", "五段-カ行")
_SURU = Verb("", "する", "サ行変格")
# Verbs that look causative to MeCab but are ordinary words: 知らせる, 合わせる, 済ませる.
_LEXICAL_CAUSATIVE = frozenset({"知る", "合う", "済む", "間に合う", "任す", "寝る"})
_SYMBOLS = frozenset({"補助記号", "空白", "記号"})
_POLITE = frozenset({"ます", "です"})


@dataclass(frozen=True)
class Phrase:
    pattern: str
    replacement: str | None
    suggestion: str | None


@cache
def _keigo_phrases() -> tuple[dict[str, Phrase], re.Pattern[str]]:
    items = {
        p["pattern"]: Phrase(p["pattern"], p.get("replacement"), p.get("suggestion"))
        for p in read_json("keigo.json")["phrases"]
    }
    order = sorted(items, key=len, reverse=True)
    return items, re.compile("|".join(re.escape(p) for p in order))


@cache
def _honorific_verbs() -> dict[str, Verb]:
    """お掛け (掛ける) → 座る: honorific stems whose plain form is another verb."""
    table: dict[str, Verb] = {}
    for word, plain in read_json("keigo.json").get("verbs", {}).items():
        verb = parse_verb(plain)
        if verb is not None:
            table[word] = verb
    return table


@cache
def _vague_phrases(profile: str) -> tuple[dict[str, Phrase], re.Pattern[str] | None]:
    items: dict[str, Phrase] = {}
    for p in read_json("vague.json")["expressions"]:
        profiles = p.get("profiles") or []
        if profiles and profile not in profiles:
            continue
        items[p["pattern"]] = Phrase(p["pattern"], p.get("replacement"), p.get("suggestion"))
    if not items:
        return items, None
    order = sorted(items, key=len, reverse=True)
    return items, re.compile("|".join(re.escape(p) for p in order))


@cache
def _mimetic_pattern() -> re.Pattern[str]:
    words = sorted(read_lines("mimetic.txt"), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


def check_text_style(ctx: Context) -> None:
    text = ctx.text
    if ctx.enabled("double-negative"):
        for match in _DOUBLE_NEGATIVE.finditer(text):
            ctx.add(
                "double-negative",
                match.start(),
                match.end(),
                "「〜ます」「〜ません」で 言って ください",
            )
    if ctx.enabled("keigo"):
        phrases, pattern = _keigo_phrases()
        for match in pattern.finditer(text):
            phrase = phrases[match.group()]
            ctx.add(
                "keigo",
                match.start(),
                match.end(),
                phrase.replacement or phrase.suggestion,
                phrase.replacement,
            )
    if ctx.enabled("vague-expression"):
        vague, vague_pattern = _vague_phrases(ctx.profile.name)
        if vague_pattern is not None:
            for match in vague_pattern.finditer(text):
                phrase = vague[match.group()]
                ctx.add(
                    "vague-expression",
                    match.start(),
                    match.end(),
                    phrase.replacement or phrase.suggestion,
                    phrase.replacement,
                )
    if ctx.enabled("mimetic"):
        for match in _mimetic_pattern().finditer(text):
            if ctx.starts_token(match.start()):
                ctx.add(
                    "mimetic",
                    match.start(),
                    match.end(),
                    "ようすを ふつうの ことばで 書いて ください",
                )
        for match in _REDUPLICATED_KATAKANA.finditer(text):
            if ctx.starts_token(match.start()) and not _mimetic_pattern().fullmatch(match.group()):
                ctx.add(
                    "mimetic",
                    match.start(),
                    match.end(),
                    "ようすを ふつうの ことばで 書いて ください",
                )


STYLE_PARTICLES = frozenset({"を", "の"})
STYLE_POS = frozenset({"助動詞", "接頭辞", "接尾辞"})
HUMBLE_LEMMAS = frozenset({"居る", "致す", "伺う", "参る"})
_AGENT_PARTICLES = frozenset({"に", "によって", "から"})


def style_token(ctx: Context, tokens: tuple[Token, ...], i: int) -> None:
    """Style rules for one token. Called from the single word pass (rules/vocabulary.py) for
    particles in STYLE_PARTICLES, tokens whose pos1 is in STYLE_POS and verbs in HUMBLE_LEMMAS.
    """
    token = tokens[i]
    pos1 = token.pos1
    count = len(tokens)
    if pos1 == "助詞":
        if token.surface == "を" and i + 1 < count and tokens[i + 1].base == "行う":
            _nominalised(ctx, tokens, i)
        elif token.surface == "の" and i + 1 < count and tokens[i + 1].surface == "実施":
            ctx.add(
                "nominalisation",
                tokens[i - 1].start if i else token.start,
                tokens[i + 1].end,
                "〜を します",
            )
    elif pos1 == "助動詞":
        base = token.base
        if base in ("れる", "られる") and i > 0:
            if base == "られる" and "一段" in tokens[i - 1].ctype and not _has_agent(tokens, i):
                return  # 食べられる without an agent is most often the potential form
            ctx.add(
                "passive", tokens[i - 1].start, token.end, "「〜します」の 形で 書いて ください"
            )
        elif base in ("せる", "させる") and i > 0 and tokens[i - 1].base not in _LEXICAL_CAUSATIVE:
            ctx.add("causative", tokens[i - 1].start, token.end, "だれが するか 書いて ください")
    elif pos1 == "接頭辞":
        if token.surface in ("お", "ご", "御") and i + 1 < count:
            _honorific_prefix(ctx, tokens, i)
    elif pos1 == "動詞":
        _humble_verb(ctx, tokens, i)
    elif pos1 == "接尾辞" and token.surface == "等" and token.kana == "トウ":
        ctx.add("vague-expression", token.start, token.end, "など", "など")


def _has_agent(tokens: tuple[Token, ...], i: int) -> bool:
    return any(t.pos1 == "助詞" and t.surface in _AGENT_PARTICLES for t in tokens[:i])


def _nominalised(ctx: Context, tokens: tuple[Token, ...], i: int) -> None:
    noun = tokens[i - 1] if i else None
    if noun is None or noun.pos3 != "サ変可能":
        return
    verb = tokens[i + 1]
    next_token = tokens[i + 2] if i + 2 < len(tokens) else None
    result = conjugate_like(_SURU, verb, next_token)
    end = verb.end
    replacement = None
    if result is not None:
        replacement, consumed = result
        if consumed and next_token is not None:
            end = next_token.end
    ctx.add(
        "nominalisation",
        noun.start,
        end,
        None if replacement is None else noun.surface + replacement,
        None if replacement is None else noun.surface + replacement,
    )


def _honorific_prefix(ctx: Context, tokens: tuple[Token, ...], i: int) -> None:
    """お待ちください → 待ってください; ご記入ください → 書いてください.

    お待ちになります → 待ちます.
    """
    count = len(tokens)
    body = tokens[i + 1]
    after = tokens[i + 2] if i + 2 < count else None
    if after is None:
        return
    prefix = tokens[i]
    body_verb = _verb_from_stem(body)
    # 席にお掛けください means sit; 電話をお掛けください (with an object) keeps its verb.
    has_object = i > 0 and tokens[i - 1].surface == "を"
    if body_verb is not None and body_verb.dictionary in _honorific_verbs() and not has_object:
        body_verb = _honorific_verbs()[body_verb.dictionary]
    if after.base == "くださる" and after.surface == "ください":
        if i + 3 < count and tokens[i + 3].surface == "ませ":
            after = tokens[i + 3]  # お待ちくださいませ: the ませ goes too
        if body_verb is not None:
            verb = body_verb
            te = verb.form("te")
            if te is not None:
                glue = "で" if verb.voiced_te else "て"
                text = te + glue + "ください"
                ctx.add("keigo", prefix.start, after.end, text, text)
        elif body.pos3 == "サ変可能":
            entry = lexicon().get(body.surface)
            verb_target = entry.verb if entry and entry.kind == "suru" else None
            if verb_target is not None and verb_target.form("te") is not None:
                glue = "で" if verb_target.voiced_te else "て"
                text = f"{verb_target.form('te')}{glue}ください"
            else:
                text = f"{body.surface}してください"
            ctx.add("keigo", prefix.start, after.end, text, text)
        return
    if (
        body_verb is not None
        and after.surface == "に"
        and i + 3 < count
        and tokens[i + 3].base == "なる"
    ):
        naru = tokens[i + 3]
        following = tokens[i + 4] if i + 4 < count else None
        result = conjugate_like(body_verb, naru, following)
        if result is not None:
            text, consumed = result
            end = following.end if consumed and following is not None else naru.end
            ctx.add("keigo", prefix.start, end, text, text)


def _verb_from_stem(body: Token) -> Verb | None:
    """お読み: MeCab may tag the stem after お as a verb or as a noun (読み = a reading)."""
    if body.pos1 == "動詞" and body.cform.startswith("連用形"):
        return Verb("", body.base, body.ctype)
    if body.pos1 == "名詞" and body.pos3 != "サ変可能":
        return _stem_verb(body.surface)
    return None


@cache
def _stem_verb(stem: str) -> Verb | None:
    tokens = tokenize_line(stem + "ます", 0)
    first = tokens[0] if tokens else None
    if first is None or first.pos1 != "動詞" or first.surface != stem:
        return None
    return Verb("", first.base, first.ctype)


def _humble_verb(ctx: Context, tokens: tuple[Token, ...], i: int) -> None:
    token = tokens[i]
    lemma = token.lemma
    target: Verb | None = None
    if lemma == "居る" and token.surface.startswith("お"):
        target = _IRU
    elif lemma == "致す":
        target = _SURU
    elif lemma == "伺う":
        before = tokens[i - 1].surface if i else ""
        target = _IKU if before in ("へ", "に") else _KIKU
    elif lemma == "参る" and token.pos2 != "非自立可能":
        target = _IKU
    if target is None:
        return
    next_token = tokens[i + 1] if i + 1 < len(tokens) else None
    result = conjugate_like(target, token, next_token)
    if result is None:
        ctx.add("keigo", token.start, token.end)
        return
    text, consumed = result
    end = next_token.end if consumed and next_token is not None else token.end
    ctx.add("keigo", token.start, end, text, text)


def sentence_style(sentence: AnalysedSentence) -> tuple[str, int]:
    """Classify the ending as 'polite', 'plain' or 'none' (headings, nouns, quotes), with
    the index of the token that decides it (-1 for 'none')."""
    text = sentence.text.rstrip("」』）)】")
    if not text or text[-1] not in "。！？!?" or sentence.text.startswith("「"):
        return "none", -1
    tokens = sentence.tokens
    tail: list[Token] = []
    last_index = -1
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if token.pos1 in _SYMBOLS or (not tail and token.pos2 == "終助詞"):
            continue
        if not tail:
            last_index = index
        tail.append(token)
        if len(tail) == 4:
            break
    if not tail:
        return "none", -1
    last = tail[0]
    if any(t.base in _POLITE and t.pos1 == "助動詞" for t in tail):
        return "polite", last_index
    if last.base == "くださる" or last.lemma == "下さる":
        return "polite", last_index
    if last.pos1 == "助動詞" and last.base in ("だ", "た", "ない", "ぬ", "う", "よう", "たい"):
        return "plain", last_index
    if last.pos1 in ("動詞", "形容詞") and last.cform.startswith(("終止形", "命令形")):
        return "plain", last_index
    return "none", -1


def check_style_endings(ctx: Context) -> None:
    plain_sentences: list[tuple[AnalysedSentence, int, int]] = []
    polite = 0
    # Per sentence: its style and the span of the deciding token relative to the sentence,
    # so that a sentence copied from an earlier identical line (copy_of) is classified
    # without its tokens.
    styles: list[tuple[str, int, int]] = []
    sentences = ctx.sentences
    for sentence in sentences:
        source = sentence.copy_of
        if source >= 0:
            style = styles[source]
        else:
            kind, index = sentence_style(sentence)
            last = sentence.tokens[index] if index >= 0 else None
            style = (
                (kind, last.start - sentence.start, last.end - sentence.start)
                if last is not None
                else (kind, 0, 0)
            )
        styles.append(style)
        if style[0] == "polite":
            polite += 1
        elif style[0] == "plain":
            plain_sentences.append((sentence, style[1], style[2]))
    for sentence, start, end in plain_sentences:
        ctx.add(
            "plain-style",
            sentence.start + start,
            sentence.start + end,
            "「です」「ます」で 終わって ください",
        )
    if polite and plain_sentences:
        first = plain_sentences[0][0]
        ctx.add("mixed-style", first.start, first.end, "「です」「ます」に そろえて ください")


__all__ = ["check_text_style", "style_token", "check_style_endings"]
