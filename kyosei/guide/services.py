"""Writes to the guidebook: keyword-only, typed, audited. Revisions are append-only."""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from types import EllipsisType
from typing import Any

from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kyosei.audit.services import record
from kyosei.core.languages import registry
from kyosei.guide import plain, render, search
from kyosei.guide.models import (
    Article,
    ArticleSource,
    Chapter,
    Fact,
    FactValue,
    Feedback,
    LifeEvent,
    Revision,
    SearchAlias,
    TranslationTask,
    TranslatorReminder,
)
from kyosei.orgs.models import Organisation

log = logging.getLogger(__name__)


class OpenFindings(ValidationError):
    """Plain Japanese with open yasashii findings, published without an override reason."""

    def __init__(self, report: plain.PlainReport) -> None:
        super().__init__(
            _("The Plain Japanese text has open findings. Fix them or give a reason to override.")
        )
        self.report = report


def _known_language(code: str) -> str:
    lang = registry().get(code)
    if lang is None:
        raise ValidationError(_("Unknown language."))
    return lang.code


def _check_fields(chapter: str, life_events: list[str]) -> None:
    if chapter not in Chapter.values:
        raise ValidationError(_("Unknown chapter."))
    if any(event not in LifeEvent.values for event in life_events):
        raise ValidationError(_("Unknown life event."))


def _check_slug(organisation: Organisation, slug: str, *, exclude: int | None = None) -> None:
    """A clear error instead of the database's uniqueness error (a 500 that, in DEBUG, listed
    the slugs of every organisation). Deleted articles keep their address too."""
    try:
        validate_slug(slug)
    except ValidationError as exc:
        raise ValidationError(
            _("The address may contain only letters, numbers, hyphens and underscores.")
        ) from exc
    taken = Article.objects.filter(organisation=organisation, slug=slug)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise ValidationError(
            _("An article with this address already exists in this organisation.")
        )


DEADLINE_KINDS = {Fact.Kind.DAYS, Fact.Kind.MONTHS, Fact.Kind.YEARS}


def _check_deadline(key: str) -> None:
    """A deadline is a national fact counting days, months or years."""
    if (
        key
        and not Fact.objects.filter(organisation=None, key=key, kind__in=DEADLINE_KINDS).exists()
    ):
        raise ValidationError(_("A deadline must be a fact counting days, months or years."))


@transaction.atomic
def create_article(
    *,
    actor: Any,
    organisation: Organisation,
    slug: str,
    chapter: str,
    source_language: str,
    life_events: list[str] | None = None,
    verified_on: date | None = None,
    parent: Article | None = None,
    position: int = 100,
    deadline_fact: str = "",
    request: HttpRequest | None = None,
) -> Article:
    _check_fields(chapter, life_events or [])
    _check_slug(organisation, slug)
    _check_deadline(deadline_fact)
    article = Article.objects.create(
        organisation=organisation,
        slug=slug,
        chapter=chapter,
        life_events=list(life_events or []),
        source_language=_known_language(source_language),
        verified_on=verified_on,
        parent=parent,
        position=position,
        deadline_fact=deadline_fact,
    )
    record(
        actor=actor,
        action="guide.article_created",
        organisation=organisation,
        target=article,
        request=request,
        data={"slug": slug, "chapter": chapter, "source_language": article.source_language},
    )
    return article


@transaction.atomic
def update_article(
    *,
    actor: Any,
    article: Article,
    chapter: str | None = None,
    slug: str | None = None,
    life_events: list[str] | None = None,
    verified_on: date | None = None,
    position: int | None = None,
    deadline_fact: str | None = None,
    request: HttpRequest | None = None,
) -> Article:
    """Metadata changes, including moving to another chapter: translation states unaffected."""
    changes: dict[str, Any] = {}
    candidates = {
        "chapter": chapter,
        "slug": slug,
        "life_events": life_events,
        "verified_on": verified_on,
        "position": position,
        "deadline_fact": deadline_fact,
    }
    for field, value in candidates.items():
        if value is not None and getattr(article, field) != value:
            changes[field] = value
    _check_fields(changes.get("chapter", article.chapter), changes.get("life_events", []))
    if "slug" in changes:
        _check_slug(article.organisation, changes["slug"], exclude=article.pk)
    _check_deadline(changes.get("deadline_fact", ""))
    if not changes:
        return article
    for field, value in changes.items():
        setattr(article, field, value)
    article.save(update_fields=[*changes, "updated_at"])
    record(
        actor=actor,
        action="guide.article_updated",
        organisation=article.organisation,
        target=article,
        request=request,
        data={k: str(v) for k, v in changes.items()},
    )
    return article


@transaction.atomic
def set_sources(
    *,
    actor: Any,
    article: Article,
    sources: list[tuple[str, str]],
    titles: list[dict[str, str]] | None = None,
    verified_on: date | None = None,
    request: HttpRequest | None = None,
) -> None:
    if not sources:
        raise ValidationError(_("Every article lists at least one official source."))
    article.sources.all().delete()
    ArticleSource.objects.bulk_create(
        ArticleSource(
            article=article,
            title=title,
            url=url,
            position=i,
            titles=(titles[i] if titles and i < len(titles) else {}),
        )
        for i, (title, url) in enumerate(sources)
    )
    # Always touch updated_at: cached reader pages are keyed on it (reader.content_version).
    if verified_on is not None:
        article.verified_on = verified_on
    article.save(update_fields=["verified_on", "updated_at"])
    record(
        actor=actor,
        action="guide.sources_set",
        organisation=article.organisation,
        target=article,
        request=request,
        data={"sources": [url for _, url in sources], "verified_on": str(verified_on or "")},
    )


def _lock(article: Article) -> Article:
    # Serialises revision numbering per article (a no-op lock on SQLite, whose IMMEDIATE
    # transactions already serialise writers).
    return Article.objects.select_for_update().get(pk=article.pk)


def _next_seq(article: Article) -> int:
    top = Revision.objects.filter(article=article).aggregate(m=Max("seq"))["m"]
    return int(top or 0) + 1


def _latest_published(article: Article, language: str) -> Revision | None:
    return (
        Revision.objects.filter(article=article, language=language, status="published")
        .order_by("-seq")
        .first()
    )


def live_revision(article: Article, language: str) -> Revision | None:
    """What readers see in `language`: the latest settled revision, if it is published."""
    last = (
        Revision.objects.filter(article=article, language=language)
        .exclude(status=Revision.Status.DRAFT)
        .order_by("-seq")
        .first()
    )
    return last if last is not None and last.status == Revision.Status.PUBLISHED else None


@transaction.atomic
def save_revision(
    *,
    actor: Any,
    article: Article,
    language: str,
    title: str,
    summary: str = "",
    body: str = "",
    publish: bool = False,
    kind: str = Revision.Kind.MAJOR,
    based_on: Revision | None = None,
    origin: str = Revision.Origin.HUMAN,
    reviewed: bool = False,
    override_reason: str = "",
    note: str = "",
    request: HttpRequest | None = None,
) -> Revision:
    """Append a revision (draft or published) in one language.

    Source-language writing: a major edit starts a new content version (translations become
    outdated); a minor edit keeps the version. Translations carry the version of the source
    revision they were made from (`based_on`, default: the latest published source).
    """
    language = _known_language(language)
    article = _lock(article)
    if kind not in Revision.Kind.values or origin not in Revision.Origin.values:
        raise ValidationError(_("Unknown revision kind."))
    if not title.strip():
        raise ValidationError(_("A title is required."))
    if publish and origin == Revision.Origin.MACHINE and not reviewed:
        raise ValidationError(_("A machine translation must be reviewed before it is published."))
    seq = _next_seq(article)
    if language == article.source_language:
        based_on = None
        previous = _latest_published(article, language)
        version = previous.content_version if kind == "minor" and previous else seq
    else:
        if based_on is None:
            based_on = _latest_published(article, article.source_language)
        if based_on is None:
            raise ValidationError(_("Publish the source language before translating."))
        if based_on.article_id != article.pk:
            raise ValidationError(_("The base revision belongs to another article."))
        version = based_on.content_version
    if publish and language == plain.PLAIN_JAPANESE:
        facts = render.current_facts(article.organisation_id)
        report = plain.check(plain.reader_text(title, summary, body, language, facts))
        if report.blocking:
            if not override_reason.strip():
                raise OpenFindings(report)
            record(
                actor=actor,
                action="guide.plain_override",
                organisation=article.organisation,
                target=article,
                request=request,
                data={
                    "reason": override_reason.strip()[:500],
                    "findings": [f.rule for f in report.blocking],
                    "score": report.score,
                },
            )
    is_user = getattr(actor, "is_authenticated", False)
    revision = Revision.objects.create(
        article=article,
        language=language,
        seq=seq,
        status=Revision.Status.PUBLISHED if publish else Revision.Status.DRAFT,
        kind=kind,
        origin=origin,
        based_on=based_on,
        content_version=version,
        title=title.strip(),
        summary=summary.strip(),
        body=body.strip(),
        reviewed_by=actor if reviewed and is_user else None,
        created_by=actor if is_user else None,
        note=note[:300],
    )
    record(
        actor=actor,
        action="guide.revision_published" if publish else "guide.revision_drafted",
        organisation=article.organisation,
        target=article,
        request=request,
        data={"language": language, "seq": seq, "kind": kind, "origin": origin},
    )
    if publish:
        reindex(article=article, language=language)
    return revision


@transaction.atomic
def approve_machine_draft(
    *, actor: Any, revision: Revision, request: HttpRequest | None = None
) -> Revision:
    """A translator approves a machine draft as it stands: published, marked reviewed."""
    if revision.status != Revision.Status.DRAFT or revision.origin != Revision.Origin.MACHINE:
        raise ValidationError(_("Only a machine draft can be approved."))
    return save_revision(
        actor=actor,
        article=revision.article,
        language=revision.language,
        title=revision.title,
        summary=revision.summary,
        body=revision.body,
        publish=True,
        based_on=revision.based_on,
        origin=Revision.Origin.MACHINE,
        reviewed=True,
        note=_("Machine draft approved"),
        request=request,
    )


@transaction.atomic
def withdraw_language(
    *, actor: Any, article: Article, language: str, request: HttpRequest | None = None
) -> Revision:
    """Take one language variant offline; history stays, readers fall back."""
    article = _lock(article)
    live = live_revision(article, language)
    if live is None:
        raise ValidationError(_("This language has nothing published."))
    if language == article.source_language:
        raise ValidationError(_("The source language cannot be withdrawn; delete the article."))
    revision = Revision.objects.create(
        article=article,
        language=language,
        seq=_next_seq(article),
        status=Revision.Status.WITHDRAWN,
        kind=live.kind,
        origin=live.origin,
        based_on=live.based_on,
        content_version=live.content_version,
        title=live.title,
        summary=live.summary,
        body=live.body,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record(
        actor=actor,
        action="guide.language_withdrawn",
        organisation=article.organisation,
        target=article,
        request=request,
        data={"language": language},
    )
    search.unindex(article=article, language=language)
    return revision


@transaction.atomic
def change_source_language(
    *, actor: Any, article: Article, language: str, request: HttpRequest | None = None
) -> Article:
    """Translate from another language from now on; it must be published and up to date."""
    from kyosei.guide.states import State, states_for_article

    language = _known_language(language)
    if language == article.source_language:
        return article
    if states_for_article(article, [language])[language] != State.UP_TO_DATE:
        raise ValidationError(_("Only an up-to-date translation can become the source."))
    previous = article.source_language
    article.source_language = language
    article.save(update_fields=["source_language", "updated_at"])
    record(
        actor=actor,
        action="guide.source_language_changed",
        organisation=article.organisation,
        target=article,
        request=request,
        data={"from": previous, "to": language},
    )
    return article


@transaction.atomic
def delete_article(*, actor: Any, article: Article, request: HttpRequest | None = None) -> None:
    """Soft delete: gone for readers and the matrix; revisions kept for restore and audit."""
    if article.deleted_at is not None:
        return
    article.deleted_at = timezone.now()
    article.save(update_fields=["deleted_at", "updated_at"])
    search.unindex(article=article)
    record(
        actor=actor,
        action="guide.article_deleted",
        organisation=article.organisation,
        target=article,
        request=request,
    )


@transaction.atomic
def restore_article(*, actor: Any, article: Article, request: HttpRequest | None = None) -> None:
    if article.deleted_at is None:
        return
    article.deleted_at = None
    article.save(update_fields=["deleted_at", "updated_at"])
    record(
        actor=actor,
        action="guide.article_restored",
        organisation=article.organisation,
        target=article,
        request=request,
    )
    reindex(article=article)


def reindex(*, article: Article, language: str | None = None) -> None:
    """Rebuild the search documents of the article's live revisions (all or one language)."""
    article = Article.objects.get(pk=article.pk)
    if article.deleted_at is not None:
        search.unindex(article=article)
        return
    codes = [language] if language else [lang.code for lang in registry().languages]
    facts = render.current_facts(article.organisation_id)
    aliases: dict[str, list[str]] = defaultdict(list)
    for alias in SearchAlias.objects.filter(article=article, language__in=codes):
        aliases[alias.language].append(alias.text)
    for code in codes:
        live = live_revision(article, code)
        if live is None:
            search.unindex(article=article, language=code)
            continue
        title = render.render_inline(live.title, code, facts)
        body = render.plain_text(render.render_body(live.body, code, facts))
        summary = render.render_inline(live.summary, code, facts)
        search.index_document(
            article=article,
            language=code,
            title=title,
            text=f"{summary} {body}",
            aliases=aliases[code],
        )


MAX_ALIAS_LENGTH = 100


@transaction.atomic
def set_aliases(
    *,
    actor: Any,
    article: Article,
    language: str,
    aliases: list[str],
    request: HttpRequest | None = None,
) -> list[str]:
    """Replace the article's search aliases in one language (everyday words residents search
    with: "visa", "trash"); audited, and the language's search document is rebuilt at once.
    Returns the aliases kept (trimmed, without duplicates or empty entries)."""
    language = _known_language(language)
    wanted: list[str] = []
    for raw in aliases:
        text = " ".join(raw.split())
        if len(text) > MAX_ALIAS_LENGTH:
            raise ValidationError(
                _("An alias may be at most %(count)s characters long.")
                % {"count": MAX_ALIAS_LENGTH}
            )
        if text and search.normalise(text) not in {search.normalise(w) for w in wanted}:
            wanted.append(text)
    current = {a.text: a for a in SearchAlias.objects.filter(article=article, language=language)}
    removed = sorted(set(current) - set(wanted))
    added = [w for w in wanted if w not in current]
    if not removed and not added:
        return wanted
    SearchAlias.objects.filter(article=article, language=language, text__in=removed).delete()
    SearchAlias.objects.bulk_create(
        [SearchAlias(article=article, language=language, text=w) for w in added]
    )
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now())
    record(
        actor=actor,
        action="guide.aliases_set",
        organisation=article.organisation,
        target=article,
        request=request,
        data={"language": language, "added": added, "removed": removed},
    )
    reindex(article=article, language=language)
    return wanted


@transaction.atomic
def set_fact(
    *,
    actor: Any,
    key: str,
    kind: str,
    effective_from: date,
    organisation: Organisation | None = None,
    number: Decimal | int | None = None,
    on_date: date | None = None,
    texts: dict[str, str] | None = None,
    description: str = "",
    source_url: str = "",
    request: HttpRequest | None = None,
) -> FactValue:
    """Record the value of a fact from a date on (a new row per date, history kept)."""
    if kind not in Fact.Kind.values:
        raise ValidationError(_("Unknown fact kind."))
    fact = Fact.objects.filter(organisation=organisation, key=key).first()
    if fact is None:
        fact = Fact.objects.create(
            organisation=organisation,
            key=key,
            kind=kind,
            description=description,
            source_url=source_url,
        )
    else:
        dirty = []
        for field, wanted in (("kind", kind), ("description", description)):
            if wanted and getattr(fact, field) != wanted:
                setattr(fact, field, wanted)
                dirty.append(field)
        if source_url and fact.source_url != source_url:
            fact.source_url = source_url
            dirty.append("source_url")
        if dirty:
            fact.save(update_fields=dirty)
    value, _created = FactValue.objects.update_or_create(
        fact=fact,
        effective_from=effective_from,
        defaults={
            "number": Decimal(number) if number is not None else None,
            "date": on_date,
            "texts": dict(texts or {}),
        },
    )
    # Search documents hold rendered text: refresh the articles that embed this fact.
    users = Article.objects.filter(
        deleted_at__isnull=True, revisions__body__contains=f"fact:{key}"
    ).distinct()
    if organisation is not None:
        users = users.filter(organisation=organisation)
    for user_article in users:
        reindex(article=user_article)
    record(
        actor=actor,
        action="guide.fact_set",
        organisation=organisation,
        target=fact,
        request=request,
        data={
            "key": key,
            "effective_from": str(effective_from),
            "number": str(number) if number is not None else "",
            "date": str(on_date or ""),
            "texts": texts or {},
        },
    )
    return value


def give_feedback(*, article: Article, language: str, helpful: bool, comment: str = "") -> Feedback:
    """Anonymous reader feedback (no personal data, so not audited)."""
    return Feedback.objects.create(
        article=article,
        language=_known_language(language),
        helpful=helpful,
        comment=comment.strip()[:2000],
    )


@transaction.atomic
def create_tasks(
    *,
    actor: Any,
    organisation: Organisation,
    language: str,
    states: set[str],
    assignee: Any = None,
    due_on: date | None = None,
    request: HttpRequest | None = None,
) -> int:
    """Open a task for every article of the organisation whose `language` is in `states`.

    The assignee, if any, is emailed the list once the transaction commits.
    """
    from kyosei.guide.states import state_matrix

    language = _known_language(language)
    articles = list(Article.objects.filter(organisation=organisation, deleted_at__isnull=True))
    matrix = state_matrix(articles, [language])
    already = set(
        TranslationTask.objects.filter(
            article__in=articles, language=language, closed_at__isnull=True
        ).values_list("article_id", flat=True)
    )
    chosen = [
        a
        for a in articles
        if a.pk not in already
        and matrix[a.pk][language] in states
        and a.source_language != language
    ]
    is_user = getattr(actor, "is_authenticated", False)
    created = TranslationTask.objects.bulk_create(
        TranslationTask(
            organisation=organisation,
            article=a,
            language=language,
            assignee=assignee,
            due_on=due_on,
            created_by=actor if is_user else None,
        )
        for a in chosen
    )
    record(
        actor=actor,
        action="guide.tasks_created",
        organisation=organisation,
        request=request,
        data={
            "language": language,
            "count": len(chosen),
            "states": sorted(states),
            "assignee": assignee.get_username() if assignee is not None else "",
            "due_on": str(due_on or ""),
        },
    )
    if assignee is not None and created:
        _notify_after_commit(actor=actor, assignee=assignee, tasks=created)
    return len(chosen)


@transaction.atomic
def update_task(
    *,
    actor: Any,
    task: TranslationTask,
    assignee: Any = None,
    due_on: date | None | EllipsisType = ...,
    close: bool = False,
    request: HttpRequest | None = None,
) -> None:
    """Close, reassign or reschedule a task; each change is its own audit event.

    `assignee=None` keeps the assignee; `due_on=None` removes the due date, `...` keeps it.
    A new assignee is emailed once the transaction commits.
    """
    fields: list[str] = []
    events: list[tuple[str, dict[str, Any]]] = []
    if close and task.closed_at is None:
        task.closed_at = timezone.now()
        fields.append("closed_at")
        events.append(("guide.task_closed", {}))
    previous = task.assignee
    if assignee is not None and task.assignee_id != assignee.pk:
        task.assignee = assignee
        fields.append("assignee")
        events.append(
            (
                "guide.task_assigned",
                {
                    "from": previous.get_username() if previous is not None else "",
                    "to": assignee.get_username(),
                },
            )
        )
    if not isinstance(due_on, EllipsisType) and task.due_on != due_on:
        events.append(
            ("guide.task_due_changed", {"from": str(task.due_on or ""), "to": str(due_on or "")})
        )
        task.due_on = due_on
        fields.append("due_on")
    if not fields:
        return
    task.save(update_fields=fields)
    for action, data in events:
        record(
            actor=actor,
            action=action,
            organisation=task.organisation,
            target=task,
            request=request,
            data={"language": task.language, **data},
        )
    if "assignee" in fields and task.closed_at is None:
        _notify_after_commit(actor=actor, assignee=assignee, tasks=[task])


# --- task email: assignment notices and daily reminders -------------------------------------

# Reminders cover tasks due within this many days, and every overdue one.
REMINDER_DAYS_AHEAD = 2


def mail_language(user: Any) -> str:
    """The staff member's preferred language when Kyosei knows it, else the site default
    (organisations have no language setting of their own)."""
    found = registry().get(getattr(user, "preferred_language", "") or "")
    return found.code if found is not None else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class TaskLine:
    """One task as an email lists it (every field already rendered for the reader)."""

    title: str
    language: str
    organisation: str
    due_on: date | None
    overdue: bool
    url: str


def _task_lines(tasks: list[TranslationTask], language: str, today: date) -> list[TaskLine]:
    from kyosei.guide.reader import live_revisions

    live = live_revisions([t.article_id for t in tasks], {t.article.source_language for t in tasks})
    facts = render.facts_of_organisations({t.article.organisation_id for t in tasks})
    lines = []
    with translation.override(language):
        for task in tasks:
            found = live.get(task.article_id, {}).get(task.article.source_language)
            target = registry().get(task.language)
            path = reverse(
                "guide_staff:edit",
                kwargs={
                    "org": task.organisation.slug,
                    "article": task.article_id,
                    "language": task.language,
                },
            )
            lines.append(
                TaskLine(
                    title=(
                        render.render_inline(
                            found.title, found.language, facts[task.article.organisation_id]
                        )
                        if found
                        else task.article.slug
                    ),
                    language=target.native_name if target else task.language,
                    organisation=task.organisation.name,
                    due_on=task.due_on,
                    overdue=task.due_on is not None and task.due_on < today,
                    url=settings.SITE_URL + path,
                )
            )
    return lines


def _send(user: Any, subject: str, template: str, context: dict[str, Any], language: str) -> None:
    with translation.override(language):
        body = render_to_string(template, {"user": user, **context})
    mail.send_mail(subject, body, None, [user.email])


def notify_assignee(*, assignee: Any, task_ids: list[int]) -> bool:
    """Email `assignee` the tasks just assigned to them, in their language, with links.

    Returns False when there is nobody to write to or the mail server refused: the assignment
    stands either way and the task list shows it, so a failure is logged, not raised.
    """
    if not assignee.email or not assignee.is_active:
        return False
    tasks = list(
        TranslationTask.objects.filter(pk__in=task_ids, closed_at__isnull=True)
        .select_related("article", "organisation")
        .order_by("due_on", "pk")
    )
    if not tasks:
        return False
    language = mail_language(assignee)
    lines = _task_lines(tasks, language, timezone.localdate())
    with translation.override(language):
        subject = ngettext(
            "Kyosei: a translation task was assigned to you",
            "Kyosei: %(count)s translation tasks were assigned to you",
            len(lines),
        ) % {"count": len(lines)}
    try:
        _send(assignee, subject, "guide/email/task_assigned.txt", {"lines": lines}, language)
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("guide: could not email task assignment to user %s: %s", assignee.pk, exc)
        return False
    return True


def _notify_after_commit(*, actor: Any, assignee: Any, tasks: list[TranslationTask]) -> None:
    # Assigning work to yourself needs no email.
    if getattr(actor, "pk", None) == assignee.pk:
        return
    ids = [t.pk for t in tasks]
    transaction.on_commit(lambda: notify_assignee(assignee=assignee, task_ids=ids))


def tasks_to_remind(*, today: date) -> dict[Any, list[TranslationTask]]:
    """Per assignee, their open, unfinished tasks due by `today + REMINDER_DAYS_AHEAD`
    (overdue ones included), leaving out people already reminded `today`."""
    from kyosei.guide.states import State, state_matrix

    reminded = TranslatorReminder.objects.filter(sent_on=today).values_list("user_id", flat=True)
    candidates = list(
        TranslationTask.objects.filter(
            closed_at__isnull=True,
            article__deleted_at__isnull=True,
            assignee__isnull=False,
            assignee__is_active=True,
            due_on__lte=today + timedelta(days=REMINDER_DAYS_AHEAD),
        )
        .exclude(assignee__email="")
        .exclude(assignee_id__in=reminded)
        .select_related("article", "organisation", "assignee")
        .order_by("assignee_id", "due_on", "pk")
    )
    # Work already done (the cell is up to date) needs no reminder, even if nobody closed it.
    states = state_matrix(
        list({t.article_id: t.article for t in candidates}.values()),
        {t.language for t in candidates},
    )
    out: dict[Any, list[TranslationTask]] = defaultdict(list)
    for task in candidates:
        if states[task.article_id][task.language] != State.UP_TO_DATE:
            out[task.assignee].append(task)
    return dict(out)


@dataclass(frozen=True)
class ReminderOutcome:
    sent: int
    failed: int


def send_translator_reminders(
    *, today: date | None = None, progress: Callable[[int, int], None] | None = None
) -> ReminderOutcome:
    """Email each translator, once a day, their tasks due within two days or overdue.

    The day's TranslatorReminder row is written *before* sending: a second run the same day
    (or a concurrent one) finds it and skips the person. If the mail server refuses, the row
    is removed again so that a later run retries.
    """
    today = today or timezone.localdate()
    due = tasks_to_remind(today=today)
    sent = failed = 0
    total = len(due)
    if progress:
        progress(0, total)
    for done, (user, tasks) in enumerate(due.items(), start=1):
        try:
            with transaction.atomic():
                claim = TranslatorReminder.objects.create(
                    user=user, sent_on=today, tasks=len(tasks)
                )
        except IntegrityError:  # another run got there first
            if progress:
                progress(done, total)
            continue
        language = mail_language(user)
        lines = _task_lines(tasks, language, today)
        overdue = sum(1 for line in lines if line.overdue)
        with translation.override(language):
            subject = ngettext(
                "Kyosei: %(count)s translation task is due soon",
                "Kyosei: %(count)s translation tasks are due soon",
                len(lines),
            ) % {"count": len(lines)}
        try:
            _send(
                user,
                subject,
                "guide/email/task_reminder.txt",
                {"lines": lines, "overdue": overdue, "days": REMINDER_DAYS_AHEAD},
                language,
            )
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("guide: could not send the task reminder to user %s: %s", user.pk, exc)
            claim.delete()
            failed += 1
        else:
            sent += 1
            by_org: dict[int, list[TranslationTask]] = defaultdict(list)
            for task in tasks:
                by_org[task.organisation_id].append(task)
            for org_tasks in by_org.values():
                record(
                    actor=None,
                    action="guide.translator_reminded",
                    organisation=org_tasks[0].organisation,
                    data={
                        "user": user.get_username(),
                        "tasks": [t.pk for t in org_tasks],
                        "sent_on": str(today),
                    },
                )
        if progress:
            progress(done, total)
    return ReminderOutcome(sent=sent, failed=failed)


@transaction.atomic
def set_glossary_term(
    *,
    actor: Any,
    source_term: str,
    language: str,
    target_term: str,
    organisation: Organisation | None = None,
    note: str = "",
    request: HttpRequest | None = None,
) -> Any:
    """Add or change the required translation of an official term (national when no org)."""
    from kyosei.guide.models import GlossaryTerm

    language = _known_language(language)
    source_term, target_term = source_term.strip(), target_term.strip()
    if not source_term or not target_term:
        raise ValidationError(_("Both the term and its translation are required."))
    term = GlossaryTerm.objects.filter(
        organisation=organisation, source_term=source_term, language=language
    ).first()
    if term is None:
        term = GlossaryTerm.objects.create(
            organisation=organisation,
            source_term=source_term,
            language=language,
            target_term=target_term,
            note=note[:300],
        )
    else:
        term.target_term, term.note = target_term, note[:300]
        term.save(update_fields=["target_term", "note"])
    record(
        actor=actor,
        action="guide.glossary_term_set",
        organisation=organisation,
        target=term,
        request=request,
        data={"term": source_term, "language": language, "translation": target_term},
    )
    return term
