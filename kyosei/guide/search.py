"""Search for every script, identical on SQLite and PostgreSQL.

Why a character-bigram table rather than each database's full-text search: SQLite FTS5 and
PostgreSQL tsvector both need word boundaries, which Japanese, Chinese, Thai, Khmer and Burmese
do not write. Bigrams of the NFKC-normalised, case-folded text need no dictionary, behave the
same on both databases and are one indexed `(language, gram)` lookup. A query matches a
document containing every bigram of the query; candidates are then confirmed by substring
so results are exact, and ranked by title hits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count

from kyosei.guide.models import Article, SearchDocument, SearchGram

SPACES_RE = re.compile(r"[\s\u200b\u3000]+")
PUNCT = set("、。，．・！？!?,.:;()（）「」『』[]【】\"'“”‘’-—–/|*#_<>")
MAX_QUERY_GRAMS = 24


def normalise(text: str) -> str:
    # Case folding turns the Turkish capital İ into i + U+0307: drop the dot so that a query a
    # phone capitalised ("İşsizlik") finds the lower-case text ("işsizlik").
    text = unicodedata.normalize("NFKC", text).casefold().replace("i\u0307", "i")
    text = "".join(" " if ch in PUNCT else ch for ch in text)
    return SPACES_RE.sub(" ", text).strip()


def grams(text: str) -> set[str]:
    """Bigrams inside each space-separated run; a one-character run is its own gram."""
    out: set[str] = set()
    for run in normalise(text).split(" "):
        if len(run) == 1:
            out.add(run)
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out


@transaction.atomic
def index_document(
    *, article: Article, language: str, title: str, text: str, aliases: list[str] | None = None
) -> None:
    """Aliases (everyday words for the article) are searched like its text and rank like its
    title."""
    SearchDocument.objects.filter(article=article, language=language).delete()
    words = " ".join(aliases or [])
    doc = SearchDocument.objects.create(
        article=article,
        language=language,
        title=title,
        text=normalise(f"{title} {words} {text}"),
        aliases=" | ".join(normalise(a) for a in aliases or []),
    )
    title_grams = grams(f"{title} {words}")
    SearchGram.objects.bulk_create(
        [
            SearchGram(document=doc, language=language, gram=g, in_title=g in title_grams)
            for g in sorted(grams(f"{title} {words} {text}"))
        ],
        batch_size=2000,
    )


def unindex(*, article: Article, language: str | None = None) -> None:
    docs = SearchDocument.objects.filter(article=article)
    if language is not None:
        docs = docs.filter(language=language)
    docs.delete()


@dataclass(frozen=True)
class Hit:
    article_id: int
    language: str
    score: int


def search(query: str, languages: list[str], *, limit: int = 20) -> list[Hit]:
    """Articles matching every term of `query`, in the first of `languages` each exists in.

    Languages are tried in order and the search stops once `limit` articles are found: a
    reader's own language answers almost every query, so fallbacks rarely cost anything.
    """
    terms = [t for t in normalise(query).split(" ") if t]
    wanted = sorted(grams(query))[:MAX_QUERY_GRAMS]
    if not terms or not wanted:
        return []
    best: dict[int, Hit] = {}
    for rank, language in enumerate(languages):
        # Index-only: (language, gram, document) answers this without reading the table.
        candidates = list(
            SearchGram.objects.filter(language=language, gram__in=wanted)
            .values("document_id")
            .annotate(n=Count("id"))
            .filter(n=len(wanted))
            .values_list("document_id", flat=True)[: limit * 5]
        )
        if not candidates:
            continue
        docs = SearchDocument.objects.filter(pk__in=candidates).values_list(
            "article_id", "title", "text", "aliases"
        )
        for article_id, title, text, aliases in docs:
            if article_id in best or not all(term in text for term in terms):
                continue
            folded = f"{normalise(title)} | {aliases}"
            score = sum(1 for term in terms if term in folded)
            best[article_id] = Hit(article_id, language, score * 100 - rank)
        if len(best) >= limit:
            break
    order = {code: i for i, code in enumerate(languages)}
    return sorted(best.values(), key=lambda h: (-h.score, order[h.language], h.article_id))[:limit]
