"""Staff editor: the articles × languages matrix, side-by-side editing, yasashii, approvals."""

from __future__ import annotations

import difflib
import html
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kyosei.accounts.decorators import staff_required
from kyosei.core.languages import registry
from kyosei.guide import access, interchange, plain, services, tm
from kyosei.guide import render as rendering
from kyosei.guide.models import Article, Chapter, Feedback, LifeEvent, Revision, SearchAlias
from kyosei.guide.reader import live_revisions
from kyosei.guide.states import State, state_matrix, states_for_article
from kyosei.orgs.models import Organisation


def _context(organisation: Organisation, roles: set[str], **extra: Any) -> dict[str, Any]:
    return {
        "organisation": organisation,
        "roles": roles,
        "can_edit": bool(roles & access.EDITORS),
        **extra,
    }


def _language(code: str) -> str:
    lang = registry().get(code)
    if lang is None:
        raise Http404
    return lang.code


@require_GET
@staff_required
def matrix(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = access.guide_organisation(request.user, org)
    articles = list(access.articles_of(organisation).order_by("chapter", "position", "slug"))
    languages = list(registry().languages)
    states = state_matrix(articles, [lang.code for lang in languages])
    live = live_revisions([a.pk for a in articles], {a.source_language for a in articles})
    titles = {
        a.pk: live[a.pk][a.source_language].title
        for a in articles
        if a.source_language in live.get(a.pk, {})
    }
    feedback = {
        row["article_id"]: row
        for row in Feedback.objects.filter(article__in=articles)
        .values("article_id")
        .annotate(yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False)))
    }
    rows = [
        {
            "article": a,
            "title": titles.get(a.pk, a.slug),
            "cells": [(lang, states[a.pk][lang.code]) for lang in languages],
            "feedback": feedback.get(a.pk),
        }
        for a in articles
    ]
    outdated = sum(1 for a in articles for s in states[a.pk].values() if s == State.OUTDATED)
    deleted = Article.objects.filter(organisation=organisation, deleted_at__isnull=False).order_by(
        "slug"
    )
    return render(
        request,
        "guide/staff/matrix.html",
        _context(
            organisation,
            roles,
            rows=rows,
            languages=languages,
            states=State,
            outdated=outdated,
            deleted=deleted,
        ),
    )


@require_http_methods(["GET", "POST"])
@staff_required
def article_new(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = access.guide_organisation(request.user, org)
    if not roles & access.EDITORS:
        raise Http404
    # A municipality can attach a local section (its garbage rules, clinics…) to a national
    # article: readers of the national article see it listed with it.
    parent_choices = list(
        Article.objects.filter(
            organisation__kind=Organisation.Kind.NATIONAL_CENTRE, deleted_at__isnull=True
        ).order_by("chapter", "slug")
    )
    parents = {str(a.pk): a for a in parent_choices}
    if request.method == "POST":
        try:
            article = services.create_article(
                actor=request.user,
                organisation=organisation,
                slug=request.POST.get("slug", "").strip(),
                chapter=request.POST.get("chapter", ""),
                source_language=request.POST.get("source_language", "ja"),
                life_events=request.POST.getlist("life_events"),
                parent=parents.get(request.POST.get("parent", "")),
                request=request,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            return redirect(
                "guide_staff:edit", org=org, article=article.pk, language=article.source_language
            )
    return render(
        request,
        "guide/staff/article_new.html",
        _context(
            organisation,
            roles,
            chapters=Chapter.choices,
            life_events=LifeEvent.choices,
            languages=registry().languages,
            parents=parent_choices,
        ),
    )


@require_http_methods(["GET", "POST"])
@staff_required
def article_detail(request: HttpRequest, org: str, article: int) -> HttpResponse:
    organisation, roles = access.guide_organisation(request.user, org)
    item = access.article_of(organisation, article, deleted=True)
    if request.method == "POST":
        if not roles & access.EDITORS:
            raise Http404
        action = request.POST.get("action")
        if action == "delete":
            services.delete_article(actor=request.user, article=item, request=request)
            messages.success(request, _("The article was deleted. You can restore it."))
        elif action == "restore":
            services.restore_article(actor=request.user, article=item, request=request)
            messages.success(request, _("The article was restored."))
        elif action == "sources":
            from datetime import date as date_type

            pairs = []
            for line in request.POST.get("sources", "").splitlines():
                title, sep, url = line.rpartition("|")
                if sep and url.strip().startswith("https://") and title.strip():
                    pairs.append((title.strip()[:300], url.strip()[:500]))
            try:
                verified = date_type.fromisoformat(request.POST.get("verified_on", ""))
                services.set_sources(
                    actor=request.user,
                    article=item,
                    sources=pairs,
                    verified_on=verified,
                    request=request,
                )
                messages.success(request, _("The sources were saved."))
            except (ValueError, ValidationError):
                messages.error(
                    request,
                    _("Give at least one source as “title | https://…” and the date you checked."),
                )
        elif action == "source":
            try:
                services.change_source_language(
                    actor=request.user,
                    article=item,
                    language=request.POST.get("language", ""),
                    request=request,
                )
                messages.success(request, _("The source language was changed."))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
        return redirect("guide_staff:article", org=org, article=item.pk)
    codes = [lang.code for lang in registry().languages]
    states = states_for_article(item, codes)
    words: dict[str, list[str]] = {}
    for alias in SearchAlias.objects.filter(article=item):
        words.setdefault(alias.language, []).append(alias.text)
    return render(
        request,
        "guide/staff/article.html",
        _context(
            organisation,
            roles,
            item=item,
            states=[(lang, states[lang.code]) for lang in registry().languages],
            sources=item.sources.all(),
            feedback=item.feedback.all()[:50],
            helpful=item.feedback.filter(helpful=True).count(),
            unhelpful=item.feedback.filter(helpful=False).count(),
            drafts=Revision.objects.filter(article=item, status="draft").order_by("-seq")[:20],
            aliases=[
                (lang, words.get(lang.code, []), "\n".join(words.get(lang.code, [])))
                for lang in registry().languages
            ],
        ),
    )


@require_POST
@staff_required
def aliases(request: HttpRequest, org: str, article: int) -> HttpResponse:
    """Replace an article's search words in one language (one per line)."""
    organisation, roles = access.guide_organisation(request.user, org)
    if not roles & access.EDITORS:
        raise Http404
    item = access.article_of(organisation, article)
    try:
        services.set_aliases(
            actor=request.user,
            article=item,
            language=request.POST.get("language", ""),
            aliases=request.POST.get("aliases", "").splitlines(),
            request=request,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The search words were saved."))
    return redirect("guide_staff:article", org=org, article=item.pk)


def diff_html(old: str, new: str) -> SafeString:
    """Word-level diff as <del>/<ins>, escaped (the only HTML we build ourselves)."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(html.escape(" ".join(a[i1:i2])))
        if op in {"delete", "replace"}:
            out.append(f"<del>{html.escape(' '.join(a[i1:i2]))}</del>")
        if op in {"insert", "replace"}:
            out.append(f"<ins>{html.escape(' '.join(b[j1:j2]))}</ins>")
    return mark_safe(" ".join(out))  # noqa: S308  # every fragment is escaped above


@require_http_methods(["GET", "POST"])
@staff_required
def edit(request: HttpRequest, org: str, article: int, language: str) -> HttpResponse:
    organisation, roles = access.guide_organisation(request.user, org)
    item = access.article_of(organisation, article)
    language = _language(language)
    is_source = language == item.source_language
    if is_source and not roles & access.EDITORS:
        raise Http404
    source = services.live_revision(item, item.source_language)
    mine = Revision.objects.filter(article=item, language=language).order_by("-seq").first()
    report = None
    if request.method == "POST":
        publish = request.POST.get("action") == "publish"
        try:
            services.save_revision(
                actor=request.user,
                article=item,
                language=language,
                title=request.POST.get("title", ""),
                summary=request.POST.get("summary", ""),
                body=request.POST.get("body", ""),
                publish=publish,
                kind=request.POST.get("kind", "major") if is_source else "major",
                override_reason=request.POST.get("override_reason", ""),
                request=request,
            )
        except services.OpenFindings as exc:
            report = exc.report
            messages.error(request, exc.messages[0])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Published.") if publish else _("Draft saved."))
            return redirect("guide_staff:edit", org=org, article=item.pk, language=language)
    live = services.live_revision(item, language)
    base = live.based_on if live and live.based_on_id else None
    diff = None
    if source and base and base.pk != source.pk:
        diff = diff_html(base.body, source.body)
    if report is None and language == plain.PLAIN_JAPANESE and mine is not None:
        facts = rendering.current_facts(item.organisation_id)
        report = plain.check(
            plain.reader_text(mine.title, mine.summary, mine.body, language, facts)
        )
    form = {
        "title": request.POST.get("title", mine.title if mine else ""),
        "summary": request.POST.get("summary", mine.summary if mine else ""),
        "body": request.POST.get("body", mine.body if mine else ""),
    }
    return render(
        request,
        "guide/staff/edit.html",
        _context(
            organisation,
            roles,
            item=item,
            language=registry().get(language),
            is_source=is_source,
            source=source,
            mine=mine,
            live=live,
            diff=diff,
            form=form,
            report=report,
            is_plain=language == plain.PLAIN_JAPANESE,
            state=states_for_article(item, [language])[language],
            suggestions=tm.suggestions_for(item, language) if not is_source else [],
            glossary_problems=tm.glossary_problems(
                source.body if source else "",
                form["body"],
                language,
                organisation_id=organisation.pk,
            )
            if not is_source and form["body"]
            else [],
        ),
    )


@require_POST
@staff_required
def check(request: HttpRequest, org: str) -> HttpResponse:
    """htmx: live yasashii findings for the Plain Japanese text being typed."""
    organisation, roles = access.guide_organisation(request.user, org)
    facts = rendering.current_facts(organisation.pk)
    text = plain.reader_text(
        request.POST.get("title", "")[:300],
        request.POST.get("summary", "")[:2000],
        request.POST.get("body", "")[:20000],
        plain.PLAIN_JAPANESE,
        facts,
    )
    report = plain.check(text) if text.strip() else None
    return render(
        request, "guide/staff/_findings.html", _context(organisation, roles, report=report)
    )


@require_POST
@staff_required
def approve(request: HttpRequest, org: str, revision: int) -> HttpResponse:
    organisation, roles = access.guide_organisation(request.user, org)
    draft = access.revision_of(organisation, revision)
    try:
        services.approve_machine_draft(actor=request.user, revision=draft, request=request)
        messages.success(request, _("The machine draft was approved and published."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("guide_staff:edit", org=org, article=draft.article_id, language=draft.language)


@require_POST
@staff_required
def machine_draft(request: HttpRequest, org: str, article: int, language: str) -> HttpResponse:
    from kyosei.guide import mt

    organisation, roles = access.guide_organisation(request.user, org)
    item = access.article_of(organisation, article)
    language = _language(language)
    try:
        mt.draft_article(actor=request.user, article=item, language=language, request=request)
        messages.success(request, _("A machine draft was created. A translator must review it."))
    except mt.MachineTranslationError as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("guide_staff:edit", org=org, article=item.pk, language=language)


def _title(live: dict[int, dict[str, Revision]], article: Article) -> str:
    found = live.get(article.pk, {}).get(article.source_language)
    return found.title if found else article.slug


def article_title(article: Article) -> str:
    live = services.live_revision(article, article.source_language)
    return live.title if live else article.slug


@require_GET
@staff_required
def export_outdated(request: HttpRequest, org: str) -> HttpResponse:
    """Bulk export of everything outdated: a zip of XLIFF files, one per language pair."""
    organisation, roles = access.guide_organisation(request.user, org)
    version = "1.2" if request.GET.get("version") == "1.2" else "2.0"
    data, count = interchange.outdated_bundle(organisation, version=version)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{organisation.slug}-outdated.zip"'
    response["X-Kyosei-Outdated"] = str(count)
    return response


@require_http_methods(["GET", "POST"])
@staff_required
def exchange(request: HttpRequest, org: str) -> HttpResponse:
    """XLIFF export per language, XLIFF import, TMX export and import."""
    organisation, roles = access.guide_organisation(request.user, org)
    languages = list(registry().languages)
    if request.method == "GET" and request.GET.get("download") in {"xliff", "tmx"}:
        source = request.GET.get("source", "ja")
        target = request.GET.get("language", "")
        if registry().get(source) is None or registry().get(target) is None:
            raise Http404
        if request.GET["download"] == "tmx":
            data = interchange.export_tmx(source, target, organisation_id=organisation.pk)
            name, kind = f"kyosei-{source}-{target}.tmx", "application/x-tmx+xml"
        else:
            version = "1.2" if request.GET.get("version") == "1.2" else "2.0"
            articles = list(access.articles_of(organisation))
            data = interchange.export_xliff(articles, source, target, version=version)
            name, kind = f"{organisation.slug}-{source}-{target}.xliff", "application/xliff+xml"
        response = HttpResponse(data, content_type=kind)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose a file to import."))
        else:
            try:
                if request.POST.get("kind") == "tmx":
                    count = interchange.import_tmx(
                        actor=request.user,
                        organisation=organisation,
                        data=upload.read(interchange.MAX_IMPORT_BYTES + 1),
                        source_language=request.POST.get("source", ""),
                        language=request.POST.get("language", ""),
                        request=request,
                    )
                else:
                    count = interchange.import_xliff(
                        actor=request.user,
                        organisation=organisation,
                        data=upload.read(interchange.MAX_IMPORT_BYTES + 1),
                        publish=bool(request.POST.get("publish")) and bool(roles & access.EDITORS),
                        request=request,
                    )
                messages.success(request, _("Imported %(count)s items.") % {"count": count})
            except interchange.ExchangeError as exc:
                messages.error(request, str(exc))
        return redirect("guide_staff:exchange", org=org)
    return render(
        request,
        "guide/staff/exchange.html",
        _context(organisation, roles, languages=languages),
    )


@require_http_methods(["GET", "POST"])
@staff_required
def tasks(request: HttpRequest, org: str) -> HttpResponse:
    """Translation tasks per language: open tasks for outdated/missing cells, assign, set a
    due date, close. Assignees are emailed; `kyosei guide remind-translators` reminds them."""
    from datetime import date as date_type

    from django.utils import timezone

    from kyosei.accounts.models import User
    from kyosei.guide.models import TranslationTask
    from kyosei.orgs.access import members_of

    organisation, roles = access.guide_organisation(request.user, org)
    members = {
        m.user.username: m.user
        for m in members_of(organisation).filter(role__in=access.TRANSLATORS)
    }
    if request.method == "POST":
        if not roles & access.EDITORS:
            raise Http404
        action = request.POST.get("action")
        assignee: User | None = members.get(request.POST.get("assignee", ""))
        due_on: date_type | None = None
        if action in {"create", "assign"} and request.POST.get("due_on", "").strip():
            try:
                due_on = date_type.fromisoformat(request.POST["due_on"].strip())
            except ValueError:
                messages.error(request, _("Give the due date as a date, e.g. 2026-12-31."))
                return redirect("guide_staff:tasks", org=org)
        if action == "create":
            wanted = {s for s in request.POST.getlist("states") if s in State.values}
            try:
                count = services.create_tasks(
                    actor=request.user,
                    organisation=organisation,
                    language=request.POST.get("language", ""),
                    states=wanted or {State.OUTDATED, State.MISSING},
                    assignee=assignee,
                    due_on=due_on,
                    request=request,
                )
                messages.success(request, _("%(count)s tasks created.") % {"count": count})
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
        else:
            task = TranslationTask.objects.filter(
                organisation=organisation, pk=request.POST.get("task") or 0
            ).first()
            if task is None:
                raise Http404
            services.update_task(
                actor=request.user,
                task=task,
                assignee=assignee,
                # The row's form always carries the date field: empty means "no due date".
                due_on=due_on if action == "assign" else ...,
                close=action == "close",
                request=request,
            )
        return redirect("guide_staff:tasks", org=org)
    language = request.GET.get("language", "")
    open_tasks = TranslationTask.objects.filter(
        organisation=organisation, closed_at__isnull=True, article__deleted_at__isnull=True
    ).select_related("article", "assignee")
    if language:
        open_tasks = open_tasks.filter(language=language)
    # Soonest due first and tasks without a date last, identically on SQLite and PostgreSQL.
    open_tasks = open_tasks.order_by(F("due_on").asc(nulls_last=True), "created_at", "pk")
    task_list = list(open_tasks)
    live = live_revisions(
        [t.article_id for t in task_list], {t.article.source_language for t in task_list}
    )
    states = state_matrix(
        list({t.article_id: t.article for t in task_list}.values()),
        {t.language for t in task_list},
    )
    today = timezone.localdate()
    rows = []
    for t in task_list:
        done = states[t.article_id][t.language] == State.UP_TO_DATE
        rows.append(
            {
                "task": t,
                "title": _title(live, t.article),
                "state": states[t.article_id][t.language],
                "done": done,
                "overdue": not done and t.due_on is not None and t.due_on < today,
            }
        )
    return render(
        request,
        "guide/staff/tasks.html",
        _context(
            organisation,
            roles,
            rows=rows,
            languages=registry().languages,
            language=language,
            members=sorted(members),
            states=State,
        ),
    )


@require_http_methods(["GET", "POST"])
@staff_required
def facts(request: HttpRequest, org: str) -> HttpResponse:
    """Dated facts: national ones (kept by the national centre) and this organisation's own
    (e.g. its counter hours, garbage days). A new value from a date updates every language."""
    from datetime import date as date_type
    from decimal import Decimal, InvalidOperation

    from kyosei.guide.models import Fact

    organisation, roles = access.guide_organisation(request.user, org)
    is_national = organisation.kind == Organisation.Kind.NATIONAL_CENTRE
    if request.method == "POST":
        if not roles & access.EDITORS:
            raise Http404
        data = request.POST
        kind = data.get("kind", "")
        try:
            effective = date_type.fromisoformat(data.get("effective_from", ""))
            scope = None if is_national else organisation
            number = on_date = None
            texts: dict[str, str] = {}
            if kind == Fact.Kind.TEXT:
                language = _language(data.get("language", ""))
                existing = Fact.objects.filter(organisation=scope, key=data.get("key", "")).first()
                latest = existing.values.order_by("-effective_from").first() if existing else None
                texts = {**(latest.texts if latest else {}), language: data.get("text", "").strip()}
            elif kind == Fact.Kind.DATE:
                on_date = date_type.fromisoformat(data.get("value", ""))
            else:
                number = Decimal(data.get("value", ""))
            services.set_fact(
                actor=request.user,
                key=data.get("key", "").strip(),
                kind=kind,
                effective_from=effective,
                organisation=scope,
                number=number,
                on_date=on_date,
                texts=texts,
                description=data.get("description", "")[:300],
                request=request,
            )
            messages.success(request, _("The fact was saved. Every language shows it now."))
        except (ValueError, InvalidOperation, ValidationError):
            messages.error(request, _("Check the key, the kind, the date and the value."))
        return redirect("guide_staff:facts", org=org)
    visible = Fact.objects.filter(Q(organisation__isnull=True) | Q(organisation=organisation))
    rows = [
        {
            "fact": fact,
            "values": list(fact.values.all()),
            "editable": is_national or fact.organisation_id == organisation.pk,
        }
        for fact in visible.prefetch_related("values").order_by("key")
    ]
    return render(
        request,
        "guide/staff/facts.html",
        _context(
            organisation,
            roles,
            rows=rows,
            kinds=Fact.Kind.choices,
            languages=registry().languages,
            is_national=is_national,
        ),
    )


@require_http_methods(["GET", "POST"])
@staff_required
def glossary(request: HttpRequest, org: str) -> HttpResponse:
    """Official terms per language; the editor warns when a translation does not use them."""
    from kyosei.guide.models import GlossaryTerm

    organisation, roles = access.guide_organisation(request.user, org)
    is_national = organisation.kind == Organisation.Kind.NATIONAL_CENTRE
    if request.method == "POST":
        if not roles & access.EDITORS:
            raise Http404
        try:
            services.set_glossary_term(
                actor=request.user,
                source_term=request.POST.get("source_term", "")[:200],
                language=request.POST.get("language", ""),
                target_term=request.POST.get("target_term", "")[:300],
                organisation=None if is_national else organisation,
                note=request.POST.get("note", ""),
                request=request,
            )
            messages.success(request, _("The term was saved."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("guide_staff:glossary", org=org)
    language = request.GET.get("language", "")
    terms = GlossaryTerm.objects.filter(
        Q(organisation__isnull=True) | Q(organisation=organisation)
    ).order_by("source_term", "language")
    if language:
        terms = terms.filter(language=language)
    return render(
        request,
        "guide/staff/glossary.html",
        _context(
            organisation,
            roles,
            terms=terms[:1000],
            languages=registry().languages,
            language=language,
        ),
    )
