"""Rule registry. Every rule has an id, a default severity, a guideline step and messages."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Severity


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severity: Severity
    step: str
    message: str
    message_en: str
    source: str


def _rule(
    rule_id: str, severity: Severity, step: str, message: str, message_en: str, source: str
) -> RuleInfo:
    return RuleInfo(rule_id, severity, step, message, message_en, source)


_G = "在留支援のためのやさしい日本語ガイドライン (2020)"
_H = "弘前大学「やさしい日本語」作成のためのガイドライン"

RULES: dict[str, RuleInfo] = {
    r.id: r
    for r in (
        _rule(
            "sentence-too-long",
            "warning",
            "2",
            "文が ながいです（{n}字）。{max}字より みじかく して ください。",
            "Sentence is long ({n} characters, limit {max}). Split it.",
            _G,
        ),
        _rule(
            "too-many-clauses",
            "warning",
            "2",
            "一つの 文に いろいろな ことが あります。文を わけて ください。",
            "Too many clauses in one sentence ({n}, limit {max}). Split it.",
            _G,
        ),
        _rule(
            "chained-clauses",
            "warning",
            "2",
            "「{word}」で 文が つながって います。文を わけて ください。",
            "Clauses are chained with '{word}'. Split into separate sentences.",
            _H,
        ),
        _rule(
            "list-in-sentence",
            "info",
            "2",
            "一つの 文に {n}つの ことが あります。「・」で わけて 書いて ください。",
            "{n} items in one sentence. Use a bullet list.",
            _G,
        ),
        _rule(
            "difficult-word",
            "warning",
            "2",
            "「{word}」は むずかしい ことばです。",
            "'{word}' is above the target level {target} ({level}).",
            _G,
        ),
        _rule(
            "difficult-kanji",
            "info",
            "2",
            "「{word}」の かんじは むずかしいです。ふりがなを つけて ください。",
            "'{word}' uses kanji above {target}. Add furigana or use an easier word.",
            _G,
        ),
        _rule(
            "long-kanji-run",
            "warning",
            "2",
            "かんじが {n}字 つづいて います。わけて 書いて ください。",
            "{n} kanji in a row ('{word}'). Break the compound up or explain it.",
            _H,
        ),
        _rule(
            "kanji-density",
            "info",
            "2",
            "かんじが おおいです（{pct}%）。",
            "Kanji make up {pct}% of the sentence (limit {max}%).",
            _G,
        ),
        _rule(
            "katakana-loanword",
            "info",
            "2",
            "「{word}」は わかりにくい カタカナの ことばです。",
            "Loanword '{word}' may be unknown. Use a Japanese word or explain it.",
            _H,
        ),
        _rule(
            "alphabet-word",
            "warning",
            "2",
            "「{word}」は わかりにくいです。いみを 書いて ください。",
            "Latin-letter word or abbreviation '{word}'. Explain it.",
            _G,
        ),
        _rule(
            "shortened-word",
            "warning",
            "2",
            "「{word}」は みじかく した ことばです。ぜんぶ 書いて ください。",
            "Shortened word '{word}'. Write it in full and explain it.",
            _G,
        ),
        _rule(
            "double-negative",
            "warning",
            "2",
            "「{word}」は わかりにくいです。「〜ます」の 形で 書いて ください。",
            "Double negative '{word}'. Say it positively.",
            _H,
        ),
        _rule(
            "passive",
            "info",
            "2",
            "「{word}」は わかりにくい 形です。だれが するか 書いて ください。",
            "Passive (or honorific) form '{word}'. Use the active form.",
            _H,
        ),
        _rule(
            "causative",
            "info",
            "2",
            "「{word}」は 「させる」の 形です。だれが するか 書いて ください。",
            "Causative form '{word}'. Say who does what.",
            _H,
        ),
        _rule(
            "keigo",
            "warning",
            "2",
            "「{word}」は むずかしい ことばです。「です」「ます」で 書いて ください。",
            "Honorific or humble keigo '{word}'. Use plain polite です/ます.",
            _G,
        ),
        _rule(
            "plain-style",
            "warning",
            "2",
            "文の おわりを 「です」「ます」に して ください。",
            "Sentence ends in plain form ('{word}'). Use です/ます.",
            _G,
        ),
        _rule(
            "mixed-style",
            "warning",
            "3",
            "「です・ます」と 「だ・である」が まざって います。",
            "The text mixes です/ます and だ/である styles.",
            _G,
        ),
        _rule(
            "vague-expression",
            "warning",
            "2",
            "「{word}」は はっきり しません。",
            "Vague expression '{word}'. Say exactly what happens or what to do.",
            _H,
        ),
        _rule(
            "nominalisation",
            "info",
            "2",
            "「{word}」は かたい 言いかたです。「〜します」で 書いて ください。",
            "Nominalised verb '{word}'. Use the verb directly (〜します).",
            _G,
        ),
        _rule(
            "mimetic",
            "info",
            "2",
            "「{word}」は わかりにくい ことばです。",
            "Mimetic word '{word}'. Describe it plainly.",
            _H,
        ),
        _rule(
            "era-year",
            "warning",
            "2",
            "年は 「{word2}」のように 書いて ください。",
            "Japanese era year '{word}'. Write the Western year ({word2}).",
            _G,
        ),
        _rule(
            "time-24h",
            "warning",
            "2",
            "時間は 「午前」「午後」で 書いて ください。",
            "24-hour time '{word}'. Use 午前/午後 ({word2}).",
            _H,
        ),
        _rule(
            "tilde-range",
            "warning",
            "2",
            "「〜」では なく 「から」「まで」で 書いて ください。",
            "Range written with 〜 ('{word}'). Write 〜から〜まで.",
            _H,
        ),
        _rule(
            "slash-date",
            "warning",
            "2",
            "日にちは 「{word2}」のように 書いて ください。",
            "Slash date '{word}'. Write it with 年/月/日 ({word2}).",
            _G,
        ),
        _rule(
            "glossary-explain",
            "info",
            "1",
            "「{word}」は たいせつな ことばです。はじめに いみを 書いて ください。",
            "Key term '{word}' first appears without its explanation. Add it in brackets.",
            _G,
        ),
    )
}
