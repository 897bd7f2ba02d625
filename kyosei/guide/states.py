"""Translation state per (article, language), derived from revisions — never stored.

Rules (the only place they live):
- The *required version* is the content_version of the latest published revision in the
  article's source language. A major source edit starts a new version; minor edits keep it.
- A language whose latest published-or-withdrawn revision is published and has
  content_version >= required version is UP_TO_DATE (the source language always is, once
  published).
- Otherwise work in progress wins: a draft newer than that revision is MACHINE_DRAFT when it is
  an unreviewed machine translation, else IN_TRANSLATION.
- Otherwise a published but older revision is OUTDATED, and nothing (or a withdrawn variant)
  is MISSING.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from kyosei.guide.models import Article, Revision


class State(models.TextChoices):
    MISSING = "missing", _("Missing")
    IN_TRANSLATION = "in_translation", _("In translation")
    MACHINE_DRAFT = "machine_draft", _("Machine draft (unreviewed)")
    UP_TO_DATE = "up_to_date", _("Up to date")
    OUTDATED = "outdated", _("Outdated")


@dataclass(frozen=True)
class RevisionFacts:
    """The few columns of a revision that states depend on (cheap to load in bulk)."""

    article_id: int
    language: str
    seq: int
    status: str
    origin: str
    reviewed: bool
    content_version: int


FIELDS = ("article_id", "language", "seq", "status", "origin", "reviewed_by_id", "content_version")


def _facts(rows: Iterable[tuple[int, str, int, str, str, int | None, int]]) -> list[RevisionFacts]:
    return [
        RevisionFacts(a, lang, seq, status, origin, reviewed is not None, version)
        for a, lang, seq, status, origin, reviewed, version in rows
    ]


def required_version(source_language: str, revisions: list[RevisionFacts]) -> int | None:
    published = [r for r in revisions if r.language == source_language and r.status == "published"]
    if not published:
        return None
    return max(published, key=lambda r: r.seq).content_version


def state_for(source_language: str, language: str, revisions: list[RevisionFacts]) -> State:
    """`revisions`: every revision of ONE article (any order, any language)."""
    mine = sorted((r for r in revisions if r.language == language), key=lambda r: r.seq)
    settled = [r for r in mine if r.status != "draft"]
    last_settled = settled[-1] if settled else None
    live = last_settled if last_settled and last_settled.status == "published" else None
    if live is not None:
        needed = required_version(source_language, revisions)
        if language == source_language or needed is None or live.content_version >= needed:
            return State.UP_TO_DATE
    after = last_settled.seq if last_settled else 0
    drafts = [r for r in mine if r.status == "draft" and r.seq > after]
    if drafts:
        newest = drafts[-1]
        if newest.origin == "machine" and not newest.reviewed:
            return State.MACHINE_DRAFT
        return State.IN_TRANSLATION
    return State.OUTDATED if live is not None else State.MISSING


def states_for_article(article: Article, languages: Iterable[str]) -> dict[str, State]:
    revisions = _facts(Revision.objects.filter(article=article).values_list(*FIELDS))
    return {code: state_for(article.source_language, code, revisions) for code in languages}


def state_matrix(
    articles: Iterable[Article], languages: Iterable[str]
) -> dict[int, dict[str, State]]:
    """States of many articles in one query (the editor's articles × languages matrix)."""
    articles = list(articles)
    codes = list(languages)
    by_article: dict[int, list[RevisionFacts]] = defaultdict(list)
    rows = Revision.objects.filter(article__in=[a.pk for a in articles]).values_list(*FIELDS)
    for fact in _facts(rows):
        by_article[fact.article_id].append(fact)
    return {
        a.pk: {code: state_for(a.source_language, code, by_article[a.pk]) for code in codes}
        for a in articles
    }
