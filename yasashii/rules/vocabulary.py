"""Step 2 word rules: difficult words and kanji, loanwords, Latin letters, shortened words."""

from __future__ import annotations

import re
from functools import cache

from ..analysis import AnalysedSentence, Token
from ..conjugate import Verb, conjugate_like
from ..levels import hardest_kanji, level_name, vocab_levels
from ..lexicon import Entry, explain_pattern, lexicon, phrase_pattern, plain_vocabulary
from ..resources import read_json, read_lines
from .context import Context, Stats
from .style import HUMBLE_LEMMAS, STYLE_PARTICLES, STYLE_POS, style_token

KANJI_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff々]")
_KATAKANA_RE = re.compile(r"^[\u30a1-\u30fa\u30fc]{2,}$")
_ALPHA_RE = re.compile(
    r"(?<![A-Za-zＡ-Ｚａ-ｚ])[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ&\-]*[A-Za-zＡ-Ｚａ-ｚ]"
)
_FULLWIDTH_ALPHA = {code: code - 0xFEE0 for code in range(0xFF21, 0xFF5B)}

_CHECKED_POS2 = {
    "名詞": frozenset({"普通名詞"}),
    "動詞": frozenset({"一般"}),
    "形容詞": frozenset({"一般"}),
    "形状詞": frozenset({"一般"}),
    "副詞": frozenset({"*"}),
}
_NOUNISH = frozenset({"名詞", "接頭辞", "接尾辞"})
# A word level of None means "in no list"; cached per (base, surface).
_level_cache: dict[tuple[str, str], int | None] = {}
_LEVEL_CACHE_LIMIT = 50_000


@cache
def katakana_allowed() -> frozenset[str]:
    return frozenset(read_lines("katakana_allow.txt"))


@cache
def alphabet_allowed() -> frozenset[str]:
    return frozenset(w.upper() for w in read_lines("alphabet_allow.txt"))


@cache
def _known_words() -> dict[str, int]:
    table = dict(vocab_levels())
    for word in plain_vocabulary():
        table.setdefault(word, 4)
        table[word] = max(table[word], 4)
    for word in katakana_allowed():
        table[word] = 5
    return table


def word_level(token: Token) -> int | None:
    key = (token.base, token.surface)
    if key in _level_cache:
        return _level_cache[key]
    known = _known_words()
    level = known.get(token.base)
    if level is None:
        level = known.get(token.surface)
    if level is None:
        level = known.get(token.lemma)
    if level is None and token.kana and not KANJI_RE.search(token.surface):
        level = known.get(token.reading)
    if len(_level_cache) >= _LEVEL_CACHE_LIMIT:
        _level_cache.clear()  # keeps memory bounded on endless streams of new words
    _level_cache[key] = level
    return level


def _lookup(token: Token) -> Entry | None:
    table = lexicon()
    return table.get(token.base) or table.get(token.surface)


_NOT_WORDS = frozenset({"補助記号", "空白", "記号"})
_RATED_SILENT_POS2 = frozenset({"固有名詞", "数詞", "非自立可能"})
_RATED_POS1 = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞"})


def check_words(ctx: Context, sentence: AnalysedSentence) -> Stats:
    """Word rules, token-level style rules and the counts the scores need, in one pass.

    One pass instead of one per rule family: this loop runs for every token of the text.
    """
    tokens = sentence.tokens
    count = len(tokens)
    target = ctx.target
    protected = ctx.protected and ctx.is_protected(sentence.start, sentence.end)
    words = kango = wago = verbs = particles = rated = hard = 0
    histogram = [0, 0, 0, 0, 0, 0]
    joints: list[int] = []
    skip_until = 0
    for i in range(count):
        token = tokens[i]
        pos1 = token.pos1
        if pos1 in _NOT_WORDS:
            continue
        words += 1
        goshu = token.goshu
        if goshu == "漢":
            kango += 1
        elif goshu == "和":
            wago += 1
        if pos1 == "助詞":
            particles += 1
            if token.pos2 == "接続助詞":
                joints.append(i)
            elif token.surface in STYLE_PARTICLES:
                style_token(ctx, tokens, i)
            continue
        if pos1 == "動詞":
            verbs += 1
            if token.lemma in HUMBLE_LEMMAS:
                style_token(ctx, tokens, i)
            if token.cform == "連用形-一般" and i + 1 < count and tokens[i + 1].surface == "、":
                joints.append(i)
        elif pos1 in STYLE_POS:
            style_token(ctx, tokens, i)
            if pos1 == "接頭辞" and i >= skip_until:
                skip_until = _check_prefixed_compound(ctx, tokens, i, skip_until)
        if pos1 not in _RATED_POS1 or token.pos2 in _RATED_SILENT_POS2:
            continue
        level = word_level(token)
        if len(token.surface) == 1 and (level is None or (i and tokens[i - 1].pos1 == "名詞")):
            # 会 in 説明会: a one-kanji part of a compound is as hard as its kanji.
            level = hardest_kanji(token.surface)
        rating = level if level is not None else hardest_kanji(token.surface)
        if rating is not None:
            rated += 1
            histogram[rating] += 1
            if rating < target:
                hard += 1
        if i < skip_until or (level is not None and level >= target):
            continue  # inside a phrase already reported, or a known easy word
        allowed = _CHECKED_POS2.get(pos1)
        if allowed is None or token.pos2 not in allowed:
            continue
        if protected and ctx.is_protected(token.start, token.end):
            continue
        if i and tokens[i - 1].pos2 == "数詞" and token.pos3.startswith("助数詞"):
            continue
        first = token.surface[0]
        if "\u30a1" <= first <= "\u30fc" and _KATAKANA_RE.match(token.surface):
            skip_until = _check_katakana(ctx, tokens, i)
            continue
        skip_until = _check_word(ctx, tokens, i, level)
    ratio = kanji_ratio(sentence.text)
    return Stats(
        words, kango, wago, verbs, particles, rated, hard, tuple(histogram), ratio, tuple(joints)
    )


def _check_word(ctx: Context, tokens: tuple[Token, ...], i: int, level: int | None) -> int:
    token = tokens[i]
    compound = _compound_entry(tokens, i)
    if compound is not None:
        whole, last = compound
        end = tokens[last].end
        replacement = whole.plain if whole.noun_safe and _standalone(tokens, i, last) else None
        ctx.add(
            "difficult-word", token.start, end, whole.plain, replacement, level="not in JLPT lists"
        )
        return last + 1
    entry = _lookup(token)
    if entry is not None and entry.kind == "explain" and token.pos1 != "名詞":
        entry = None  # the explanation of the noun 揺れ is no advice for the verb 揺れる
    joined = _known_compound(tokens, i)
    if joined is not None and joined >= ctx.target:
        return i + 1
    if level is None and entry is None:
        hardest = hardest_kanji(token.surface)
        if hardest is not None and hardest < ctx.target:
            ctx.add("difficult-kanji", token.start, token.end)
        return i + 1
    level_text = f"JLPT {level_name(level)}" if level is not None else "not in JLPT lists"
    suggestion = entry.plain if entry else None
    if entry is not None and entry.kind == "suru":
        fixed = _suru_phrase(tokens, i, entry)
        if fixed is not None:
            end, text, last = fixed
            ctx.add(
                "difficult-word", token.start, end, text, text, level=level_text, word=token.surface
            )
            return last + 1
    if entry is not None and entry.kind == "verb" and token.pos1 == "動詞":
        fixed_verb = _verb(tokens, i, entry)
        if fixed_verb is not None:
            end, text, last = fixed_verb
            ctx.add(
                "difficult-word", token.start, end, text, text, level=level_text, word=token.surface
            )
            return last + 1
    replacement = None
    if entry is not None and entry.noun_safe and _standalone(tokens, i, i):
        replacement = entry.plain
    ctx.add("difficult-word", token.start, token.end, suggestion, replacement, level=level_text)
    return i + 1


def _check_prefixed_compound(
    ctx: Context, tokens: tuple[Token, ...], i: int, skip_until: int
) -> int:
    """非常食 is 非 (prefix) + 常食: look the whole word up in the lexicon."""
    compound = _compound_entry(tokens, i)
    if compound is None:
        return skip_until
    whole, last = compound
    replacement = whole.plain if whole.noun_safe and _standalone(tokens, i, last) else None
    ctx.add(
        "difficult-word",
        tokens[i].start,
        tokens[last].end,
        whole.plain,
        replacement,
        level="not in JLPT lists",
    )
    return last + 1


def _known_compound(tokens: tuple[Token, ...], i: int) -> int | None:
    """MeCab splits 日本語 into 日本+語 and 図書館 into 図書+館; judge the whole word."""
    known = _known_words()
    token = tokens[i]
    if i > 0 and tokens[i - 1].pos1 in _NOUNISH:
        level = known.get(tokens[i - 1].surface + token.surface)
        if level is not None:
            return level
    if i + 1 < len(tokens) and tokens[i + 1].pos1 in _NOUNISH:
        return known.get(token.surface + tokens[i + 1].surface)
    return None


@cache
def _compound_nouns() -> dict[str, Entry]:
    return {word: e for word, e in lexicon().items() if e.kind == "noun" and len(word) > 1}


def _compound_entry(tokens: tuple[Token, ...], i: int) -> tuple[Entry, int] | None:
    """Lexicon nouns that MeCab splits into two or three tokens (居住地 = 居住 + 地)."""
    count = len(tokens)
    if i + 1 >= count:
        return None
    table = _compound_nouns()
    second = tokens[i + 1]
    pair = tokens[i].surface + second.surface
    if i + 2 < count:
        third = tokens[i + 2]
        entry = table.get(pair + third.surface)
        if entry is not None and second.pos1 in _NOUNISH and third.pos1 in _NOUNISH:
            return entry, i + 2
    entry = table.get(pair)
    if entry is not None and second.pos1 in _NOUNISH:
        return entry, i + 1
    return None


def _standalone(tokens: tuple[Token, ...], first: int, last: int) -> bool:
    before = tokens[first - 1] if first > 0 else None
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    return (before is None or before.pos1 not in _NOUNISH) and (
        after is None or after.pos1 not in _NOUNISH
    )


def _suru_phrase(tokens: tuple[Token, ...], i: int, entry: Entry) -> tuple[int, str, int] | None:
    """記入して → 書いて; 提出を行います → 出します; 提出できます → 出せます."""
    verb = entry.verb
    if verb is None:
        return None
    j = i + 1
    if j < len(tokens) and tokens[j].surface == "を" and j + 1 < len(tokens):
        if tokens[j + 1].base != "行う":
            return None
        j += 1
    elif j >= len(tokens) or tokens[j].lemma not in ("為る", "出来る"):
        return None
    helper = tokens[j]
    if helper.lemma == "出来る":
        potential = verb.potential()
        if potential is None:
            return None
        verb = potential
    return _conjugated(tokens, j, verb)


def _verb(tokens: tuple[Token, ...], i: int, entry: Entry) -> tuple[int, str, int] | None:
    verb = entry.verb
    return None if verb is None else _conjugated(tokens, i, verb)


def _conjugated(tokens: tuple[Token, ...], j: int, verb: Verb) -> tuple[int, str, int] | None:
    next_token = tokens[j + 1] if j + 1 < len(tokens) else None
    result = conjugate_like(verb, tokens[j], next_token)
    if result is None:
        return None
    text, consumed = result
    last = j + 1 if consumed else j
    return tokens[last].end, text, last


def _check_katakana(ctx: Context, tokens: tuple[Token, ...], i: int) -> int:
    last = i
    while last + 1 < len(tokens) and _KATAKANA_RE.match(tokens[last + 1].surface):
        last += 1
    word = "".join(t.surface for t in tokens[i : last + 1])
    allowed = katakana_allowed()
    if word in allowed or any(t.pos2 == "固有名詞" for t in tokens[i : last + 1]):
        return last + 1
    if word in _mimetic_words():
        return last + 1
    unknown = [
        t
        for t in tokens[i : last + 1]
        if t.surface not in allowed and (word_level(t) or 0) < ctx.target
    ]
    if unknown:
        entry = lexicon().get(word)
        ctx.add(
            "katakana-loanword",
            tokens[i].start,
            tokens[last].end,
            entry.plain if entry else "日本語の ことばで 書くか、説明を つけて ください",
        )
    return last + 1


@cache
def _mimetic_words() -> frozenset[str]:
    return frozenset(read_lines("mimetic.txt"))


@cache
def _abbreviations() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    data = read_json("abbreviations.json")
    return dict(data["shortened"]), dict(data["alphabet"])


@cache
def _shortened_pattern() -> re.Pattern[str]:
    words = sorted(_abbreviations()[0], key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


def check_text_words(ctx: Context) -> None:
    """Rules that scan the whole text once with precompiled patterns."""
    text = ctx.text
    shortened, alphabet = _abbreviations()
    if ctx.enabled("shortened-word"):
        for match in _shortened_pattern().finditer(text):
            if not ctx.token_aligned(match.start(), match.end()):
                continue  # インフル inside インフルエンザ is not a shortened word
            info = shortened[match.group()]
            full = info["full"]
            if text.startswith("（", match.end()) or text.startswith("(", match.end()):
                continue
            suggestion = f"{full}（{info['explain']}）"
            replacement = full if full != match.group() else suggestion
            ctx.add("shortened-word", match.start(), match.end(), suggestion, replacement)
    if ctx.enabled("alphabet-word"):
        allowed = alphabet_allowed()
        explained: set[str] = set()
        for match in _ALPHA_RE.finditer(text):
            word = match.group()
            normal = word.translate(_FULLWIDTH_ALPHA)
            if normal.upper() in allowed:
                continue
            explanation = alphabet.get(normal) or alphabet.get(normal.upper())
            if explanation is None:
                ctx.add("alphabet-word", match.start(), match.end(), "説明を つけて ください")
                continue
            first = normal not in explained and not text.startswith("（", match.end())
            explained.add(normal)
            suggestion = f"{word}（{explanation}）"
            ctx.add(
                "alphabet-word",
                match.start(),
                match.end(),
                suggestion,
                suggestion if first else None,
            )
    if ctx.enabled("long-kanji-run"):
        limit = ctx.profile.max_kanji_run
        for match in _kanji_run_pattern(limit).finditer(text):
            if ctx.protected and ctx.is_protected(match.start(), match.end()):
                continue
            ctx.add("long-kanji-run", match.start(), match.end(), None, None, n=len(match.group()))
    if ctx.enabled("difficult-word"):
        table = lexicon()
        _explain_first_use(ctx, table)
        for match in phrase_pattern().finditer(text):
            if ctx.token_aligned(match.start(), match.end()):
                plain = table[match.group()].plain
                ctx.add(
                    "difficult-word",
                    match.start(),
                    match.end(),
                    plain,
                    plain,
                    level="not in JLPT lists",
                )


def _explain_first_use(ctx: Context, table: dict[str, Entry]) -> None:
    """余震 → 余震（大きな 地震の あとに 来る 地震） at its first use; later uses are left as
    they are (the word-level pass still reports them, as advice). A document-level rule:
    only the first use in the whole text is rewritten."""
    pattern = explain_pattern()
    if pattern is None:
        return
    text = ctx.text
    explained: set[str] = set()
    for match in pattern.finditer(text):
        word = match.group()
        if word in explained or not ctx.token_aligned(match.start(), match.end()):
            continue
        last, after = ctx.tokens_at(match.start(), match.end())
        if last is None or last.pos1 not in _NOUNISH:
            continue  # 揺れました is the verb: only the noun 揺れ is explained
        if after is not None and after.pos1 in _NOUNISH and after.start == last.end:
            continue  # 家賃保証会社: no explanation inside a compound
        explained.add(word)
        if text.startswith(("（", "("), match.end()):
            continue  # the author explains it already
        if ctx.protected and ctx.is_protected(match.start(), match.end()):
            continue  # a glossary term: check_glossary explains it
        explanation = f"{word}（{table[word].plain}）"
        ctx.add(
            "difficult-word",
            match.start(),
            match.end(),
            explanation,
            explanation,
            level="not in JLPT lists",
        )


@cache
def _kanji_run_pattern(limit: int) -> re.Pattern[str]:
    return re.compile(rf"[\u3400-\u4dbf\u4e00-\u9fff々]{{{limit},}}")


def check_density(ctx: Context, sentence: AnalysedSentence, stats: Stats) -> None:
    if len(sentence.text) < ctx.profile.min_chars_for_density:
        return
    ratio = stats.kanji_ratio
    if ratio > ctx.profile.max_kanji_ratio:
        ctx.add(
            "kanji-density",
            sentence.start,
            sentence.end,
            None,
            None,
            pct=round(ratio * 100),
            max=round(ctx.profile.max_kanji_ratio * 100),
        )


def kanji_ratio(text: str) -> float:
    """Kanji share of all characters except spaces (punctuation counts, as readers see it)."""
    visible = len(text) - text.count(" ") - text.count("\u3000")
    return len(KANJI_RE.findall(text)) / visible if visible else 0.0


__all__ = ["check_density", "check_text_words", "check_words", "kanji_ratio", "word_level"]
