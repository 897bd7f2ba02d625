"""Step 2 sentence rules: length, clause count, chained clauses, lists inside sentences."""

from __future__ import annotations

from ..analysis import AnalysedSentence, Token
from .context import Context

# て/で followed by these is one predicate (〜てください, 〜ている), not a new clause.
_AUXILIARY_AFTER_TE = frozenset(
    {"下さる", "居る", "置く", "見る", "仕舞う", "貰う", "呉れる", "有る", "行く", "来る", "頂く"}
)
_NOT_CLAUSE_AFTER = frozenset({"は", "も"})
_ITEM_SEPARATORS = frozenset({"、", "や", "と", "，"})


def _is_clause_boundary(tokens: tuple[Token, ...], i: int) -> bool:
    token = tokens[i]
    if token.pos2 != "接続助詞":
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or (nxt.pos1 == "補助記号" and nxt.surface in ("。", "！", "？")):
        return False
    if token.surface in ("て", "で") and (
        nxt.surface in _NOT_CLAUSE_AFTER or nxt.lemma in _AUXILIARY_AFTER_TE
    ):
        return False
    if token.surface == "ば" and nxt.lemma in ("成る", "行ける", "為る"):
        return False  # 〜なければなりません is one necessity form
    return not (token.surface == "と" and nxt.pos1 in ("動詞", "助詞"))


def check_structure(ctx: Context, sentence: AnalysedSentence, joints: tuple[int, ...]) -> None:
    """Sentence shape. *joints* are the indexes of conjunctive particles and of 連用形 verbs
    before 、, collected by the word pass so that this rule needs no loop of its own."""
    profile = ctx.profile
    length = len(sentence.text)
    if length > profile.max_sentence_chars:
        ctx.add(
            "sentence-too-long",
            sentence.start,
            sentence.end,
            "文を 二つに 分けて ください",
            n=length,
            max=profile.max_sentence_chars,
        )
    tokens = sentence.tokens
    boundaries = 0
    te_commas: list[Token] = []
    other_chain: Token | None = None
    for i in joints:
        token = tokens[i]
        if token.pos1 == "動詞":
            boundaries += 1
        elif _is_clause_boundary(tokens, i):
            boundaries += 1
            comma = i + 1 < len(tokens) and tokens[i + 1].surface in ("、", "，")
            if comma and token.surface in ("て", "で"):
                te_commas.append(token)
            elif comma and token.surface in ("し", "が") and other_chain is None:
                other_chain = token
    clauses = boundaries + 1
    if clauses > profile.max_clauses:
        ctx.add(
            "too-many-clauses",
            sentence.start,
            sentence.end,
            "文を 分けて ください",
            n=clauses,
            max=profile.max_clauses,
        )
    if len(te_commas) >= 2:
        first, last = te_commas[0], te_commas[-1]
        ctx.add(
            "chained-clauses",
            first.start,
            last.end + 1,
            "「〜ます。それから、〜ます。」のように 分けて ください",
            word="〜て、〜て、",
        )
    elif other_chain is not None:
        ctx.add(
            "chained-clauses",
            other_chain.start,
            other_chain.end + 1,
            "文を 二つに 分けて ください",
            word=f"〜{other_chain.surface}、",
        )
    text = sentence.text
    if text.count("、") + text.count("や") + text.count("と") + text.count("，") >= 2:
        _check_list(ctx, tokens)


def _check_list(ctx: Context, tokens: tuple[Token, ...]) -> None:
    """Three or more nouns joined by 、/や/と in one sentence → suggest a bullet list."""
    items: list[tuple[int, int]] = []
    i = 0
    count = len(tokens)
    while i < count:
        if tokens[i].pos1 != "名詞" or tokens[i].pos2 == "数詞":
            if items and len(items) >= 3:
                break
            items = []
            i += 1
            continue
        start = i
        while i + 1 < count and tokens[i + 1].pos1 in ("名詞", "接尾辞"):
            i += 1
        items.append((start, i))
        nxt = tokens[i + 1] if i + 1 < count else None
        if (
            nxt is not None
            and nxt.surface in _ITEM_SEPARATORS
            and i + 2 < count
            and tokens[i + 2].pos1 == "名詞"
        ):
            i += 2
            continue
        if len(items) >= 3:
            break
        items = []
        i += 1
    if len(items) >= 3:
        first, last = tokens[items[0][0]], tokens[items[-1][1]]
        words = ["".join(t.surface for t in tokens[a : b + 1]) for a, b in items]
        ctx.add(
            "list-in-sentence",
            first.start,
            last.end,
            "\n".join(f"・{w}" for w in words),
            n=len(items),
        )
