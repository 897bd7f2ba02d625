"""What a reader sees: an article resolved through the language fallback chain.

Used by the portal views, the JSON API and the sitemap, with a constant number of queries.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from kyosei.core.languages import registry
from kyosei.guide import plain, render
from kyosei.guide.models import Article, ArticleSource, Revision

RENDER_CACHE_SECONDS = 3600


@dataclass(frozen=True)
class Shown:
    """One article as shown in one requested language: the only way guide text leaves the
    guide. Title and summary are already rendered (facts filled in); the body is rendered by
    `body_html`. The raw revision is kept private (templates cannot read names starting with
    an underscore), so no page, API, feed or email can print an unrendered placeholder."""

    article: Article
    requested: str
    language: str  # the language actually shown (maybe a fallback)
    title: str
    summary: str
    outdated: bool  # older than the source's current content
    updated_at: datetime
    revision_id: int
    _body: str
    _facts: dict[str, render.FactSnapshot]

    @property
    def is_fallback(self) -> bool:
        return self.language != self.requested

    def facts(self) -> dict[str, render.FactSnapshot]:
        return self._facts


def shown_from(
    article: Article,
    requested: str,
    revision: Revision,
    outdated: bool,
    facts: dict[str, render.FactSnapshot],
) -> Shown:
    language = revision.language
    return Shown(
        article=article,
        requested=requested,
        language=language,
        title=render.render_inline(revision.title, language, facts),
        summary=render.render_inline(revision.summary, language, facts),
        outdated=outdated,
        updated_at=revision.created_at,
        revision_id=revision.pk,
        _body=revision.body,
        _facts=facts,
    )


# Residents often know the Japanese word (ビザ, 住民票) even when reading in their language.
JAPANESE = ("ja", "ja-x-easy")


def search_languages(language: str) -> list[str]:
    """What a search covers: the reader's language and its fallbacks, then Japanese."""
    chain = registry().fallback_chain(language)
    return [*chain, *(code for code in JAPANESE if code not in chain)]


def live_revisions(
    article_ids: Iterable[int], languages: Iterable[str]
) -> dict[int, dict[str, Revision]]:
    """For each article, the live revision per language (one query).

    Live = the latest non-draft revision, if it is published (a later withdrawal hides it).
    """
    out: dict[int, dict[str, Revision]] = defaultdict(dict)
    settled: dict[tuple[int, str], Revision] = {}
    rows = (
        Revision.objects.filter(article_id__in=list(article_ids), language__in=list(languages))
        .exclude(status=Revision.Status.DRAFT)
        .defer("note")
        .order_by("seq")
    )
    for revision in rows:
        settled[(revision.article_id, revision.language)] = revision
    for (article_id, language), revision in settled.items():
        if revision.status == Revision.Status.PUBLISHED:
            out[article_id][language] = revision
    return out


def resolve(
    articles: Iterable[Article], language: str, *, with_source: bool = True
) -> dict[int, Shown]:
    """Pick the best live revision per article along `language`'s fallback chain."""
    articles = list(articles)
    chain = registry().fallback_chain(language)
    sources = {a.source_language for a in articles} if with_source else set()
    revisions = live_revisions([a.pk for a in articles], [*chain, *sources])
    facts_by_org = render.facts_of_organisations({a.organisation_id for a in articles})
    out: dict[int, Shown] = {}
    for article in articles:
        mine = revisions.get(article.pk, {})
        chosen = next((mine[code] for code in chain if code in mine), None)
        if chosen is None:
            # Never leave a reader with nothing: the source language is the last resort.
            chosen = mine.get(article.source_language)
        if chosen is None:
            continue
        source = mine.get(article.source_language)
        outdated = bool(source and chosen.content_version < source.content_version)
        facts = facts_by_org[article.organisation_id]
        out[article.pk] = shown_from(article, language, chosen, outdated, facts)
    return out


def facts_signature(facts: dict[str, render.FactSnapshot]) -> str:
    text = "|".join(
        f"{k}:{f.effective_from}:{f.number}:{f.date}:{sorted(f.texts.items())}"
        for k, f in sorted(facts.items())
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def body_html(shown: Shown, *, furigana: bool = False) -> str:
    """Rendered, sanitised body; cached per revision, facts and furigana (rendering is pure)."""
    furigana = furigana and shown.language in plain.FURIGANA_LANGUAGES
    facts = shown.facts()
    key = (
        f"guide:body:{shown.revision_id}:{int(furigana)}:{facts_signature(facts)}:"
        f"{timezone.localdate()}"
    )
    found = cache.get(key)
    if isinstance(found, str):
        return found
    out = render.render_body(shown._body, shown.language, facts, furigana=furigana)
    cache.set(key, out, RENDER_CACHE_SECONDS)
    return out


_version_memo: list[tuple[float, str]] = []


def content_version() -> str:
    """Changes whenever anything a reader sees may have changed: a new revision, an article
    change (delete, restore, move, sources), a fact value, or the date (facts take effect by
    date). One cheap query, reused for GUIDE_VERSION_MEMO_SECONDS; used to key cached pages,
    so no invalidation across processes is needed."""
    if _version_memo and _version_memo[0][0] > time.monotonic():
        return _version_memo[0][1]
    version = _query_content_version()
    if settings.GUIDE_VERSION_MEMO_SECONDS > 0:
        expires = time.monotonic() + settings.GUIDE_VERSION_MEMO_SECONDS
        _version_memo[:] = [(expires, version)]
    return version


def _query_content_version() -> str:
    from django.db import connection

    from kyosei.guide.models import FactValue

    tables = (Revision._meta.db_table, Article._meta.db_table, FactValue._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {tables[0]}), "  # noqa: S608  # our own table names
            f"(SELECT MAX(updated_at) FROM {tables[1]}), "
            f"(SELECT MAX(updated_at) FROM {tables[2]})"
        )
        row = cursor.fetchone()
    return hashlib.sha256(f"{row}:{timezone.localdate()}".encode()).hexdigest()[:20]


@dataclass(frozen=True)
class SourceLink:
    title: str
    url: str


def source_links(article: Article, language: str) -> list[SourceLink]:
    chain = registry().fallback_chain(language)
    rows: list[ArticleSource] = list(article.sources.all())
    return [SourceLink(s.title_in(chain), s.url) for s in rows]


def verified_on(article: Article) -> date | None:
    return article.verified_on


COUNTER_HOURS_KEY = "counter-hours"


def counter_hours(organisation_ids: list[int], language: str) -> dict[int, str]:
    """Each organisation's own `counter-hours` text fact in force today (one query)."""
    from kyosei.guide.models import FactValue

    today = timezone.localdate()
    latest: dict[int, FactValue] = {}
    rows = FactValue.objects.filter(
        fact__key=COUNTER_HOURS_KEY,
        fact__organisation_id__in=organisation_ids,
        effective_from__lte=today,
    ).select_related("fact")
    for value in rows:
        org_id = value.fact.organisation_id
        if org_id is None:
            continue
        prior = latest.get(org_id)
        if prior is None or value.effective_from > prior.effective_from:
            latest[org_id] = value
    chain = registry().fallback_chain(language)
    out = {}
    for org_id, value in latest.items():
        texts = value.texts or {}
        text = next((texts[c] for c in chain if texts.get(c)), next(iter(texts.values()), ""))
        if text:
            out[org_id] = str(text)
    return out


# A month or a year as days, only to compare deadlines of different units.
DAYS_PER_UNIT = {"days": 1, "months": 30, "years": 365}


def deadline_days(shown: Shown) -> float | None:
    """The article's legal deadline in days, from the fact in force for its organisation."""
    key = shown.article.deadline_fact
    fact = shown.facts().get(key) if key else None
    if fact is None or fact.number is None or fact.kind not in DAYS_PER_UNIT:
        return None
    return float(fact.number) * DAYS_PER_UNIT[fact.kind]


def by_deadline(items: list[Shown]) -> list[Shown]:
    """What to do first: the shortest legal deadline, then articles without one; within
    each, by importance (position), then address."""

    def key(item: Shown) -> tuple[bool, float, int, str]:
        days = deadline_days(item)
        return (days is None, days or 0.0, item.article.position, item.article.slug)

    return sorted(items, key=key)
