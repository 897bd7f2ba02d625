"""Translation memory (exact and fuzzy suggestions) and the glossary check.

Segments are paragraphs (blocks separated by a blank line): Markdown keeps them intact, and
translators of this guide translate paragraph by paragraph, so they align one to one.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.db.models import Q

from kyosei.guide.models import Article, GlossaryTerm, MemoryEntry, Revision

FUZZY_THRESHOLD = 0.75
MAX_CANDIDATES = 2000
BLOCK_RE = re.compile(r"\n\s*\n")


def segments(text: str) -> list[str]:
    return [block.strip() for block in BLOCK_RE.split(text.strip()) if block.strip()]


@dataclass(frozen=True)
class Pair:
    source: str
    target: str


def memory_pairs(
    source_language: str,
    language: str,
    *,
    organisation_id: int | None = None,
    exclude_article: int | None = None,
) -> list[Pair]:
    """Aligned segment pairs from published translations and imported TMX entries.

    Scoped for tenancy: published translations of public organisations and of the editor's
    own organisation, national TMX entries and the organisation's own imports.
    """
    pairs: list[Pair] = []
    visible = Q(article__organisation__is_public=True)
    if organisation_id is not None:
        visible |= Q(article__organisation_id=organisation_id)
    revisions = (
        Revision.objects.filter(
            visible,
            language=language,
            status=Revision.Status.PUBLISHED,
            based_on__language=source_language,
        )
        .select_related("based_on")
        .order_by("-seq")[:MAX_CANDIDATES]
    )
    for rev in revisions:
        if exclude_article is not None and rev.article_id == exclude_article:
            continue
        if rev.based_on is None:
            continue
        src, tgt = segments(rev.based_on.body), segments(rev.body)
        pairs.append(Pair(rev.based_on.title, rev.title))
        if len(src) == len(tgt):
            pairs.extend(Pair(s, t) for s, t in zip(src, tgt, strict=True))
    own = Q(organisation__isnull=True)
    if organisation_id is not None:
        own |= Q(organisation_id=organisation_id)
    pairs.extend(
        Pair(s, t)
        for s, t in MemoryEntry.objects.filter(
            own, source_language=source_language, language=language
        ).values_list("source_text", "target_text")[:MAX_CANDIDATES]
    )
    return pairs


@dataclass(frozen=True)
class Suggestion:
    segment: str
    target: str
    score: float  # 1.0 = exact

    @property
    def exact(self) -> bool:
        return self.score >= 1.0

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def suggest(segment: str, pairs: list[Pair]) -> Suggestion | None:
    best: Suggestion | None = None
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(segment)
    for pair in pairs:
        if pair.source == segment:
            return Suggestion(segment, pair.target, 1.0)
        matcher.set_seq1(pair.source)
        if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
            continue
        score = matcher.ratio()
        if score >= FUZZY_THRESHOLD and (best is None or score > best.score):
            best = Suggestion(segment, pair.target, score)
    return best


def suggestions_for(article: Article, language: str) -> list[Suggestion]:
    """One suggestion (if any) per segment of the article's current source text."""
    source = (
        Revision.objects.filter(
            article=article, language=article.source_language, status=Revision.Status.PUBLISHED
        )
        .order_by("-seq")
        .first()
    )
    if source is None:
        return []
    pairs = memory_pairs(
        article.source_language,
        language,
        organisation_id=article.organisation_id,
        exclude_article=article.pk,
    )
    out = []
    for segment in [source.title, *segments(source.body)]:
        found = suggest(segment, pairs)
        if found is not None:
            out.append(found)
    return out


@dataclass(frozen=True)
class GlossaryProblem:
    source_term: str
    expected: str


def glossary_problems(
    source_text: str, translation: str, language: str, *, organisation_id: int | None = None
) -> list[GlossaryProblem]:
    """Official terms present in the source whose required translation is missing.

    National terms apply everywhere; an organisation's own terms apply to its articles.
    """
    problems = []
    lowered = translation.casefold()
    scope = Q(organisation__isnull=True)
    if organisation_id is not None:
        scope |= Q(organisation_id=organisation_id)
    for term in GlossaryTerm.objects.filter(scope, language=language).order_by("source_term"):
        if term.source_term in source_text and term.target_term.casefold() not in lowered:
            problems.append(GlossaryProblem(term.source_term, term.target_term))
    return problems
