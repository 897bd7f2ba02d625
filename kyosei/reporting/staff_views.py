"""Staff pages of the reporting channel. Every view: @staff_required, role check through
access.reporting_for (404 for outsiders), reads and writes audited."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kyosei.accounts.decorators import staff_required
from kyosei.counter.statistics import as_csv, fiscal_year_of
from kyosei.counter.views import attachment_disposition
from kyosei.orgs.access import organisations_of
from kyosei.orgs.models import Organisation
from kyosei.reporting import access, services, statistics
from kyosei.reporting.choices import Status
from kyosei.reporting.forms import AnswerForm, AssignForm, NoteForm, PolicyForm, StatusForm
from kyosei.reporting.models import Report


def _context(request: HttpRequest, organisation: Organisation, roles: set[str]) -> dict[str, Any]:
    return {
        "organisation": organisation,
        "roles": roles,
        "my_organisations": organisations_of(request.user),
        "can_set_policy": bool(roles & access.POLICY_ROLES),
        "statuses": Status.choices,
    }


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@never_cache
@require_GET
@staff_required
def report_list(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = access.reporting_for(request.user, org)
    status = request.GET.get("status", "")
    reports = access.reports_of(
        organisation,
        reader=access.reader_of(request),
        status=status,
        mine=request.GET.get("mine") == "1",
    )
    context = _context(request, organisation, roles)
    context.update(
        reports=reports[:200],
        overdue=list(access.overdue(organisation).order_by("first_answer_due")[:100]),
        status=status,
        now=timezone.now(),
    )
    return render(request, "reporting/staff/list.html", context)


def _detail(
    request: HttpRequest, organisation: Organisation, roles: set[str], report: Report, **forms: Any
) -> HttpResponse:
    context = _context(request, organisation, roles)
    handlers = services.handlers(organisation)
    context.update(
        report=report,
        conversation=services.conversation(report),
        notes=list(report.notes.select_related("author")),
        answer_form=forms.get("answer_form") or AnswerForm(),
        note_form=forms.get("note_form") or NoteForm(),
        status_form=StatusForm(initial={"status": report.status}),
        assign_form=AssignForm(
            initial={"assigned_to": str(report.assigned_to_id or "")}, handlers=handlers
        ),
        is_overdue=report.first_answered_at is None
        and report.first_answer_due < timezone.now()
        and report.status != Status.CLOSED,
    )
    return render(request, "reporting/staff/detail.html", context)


@never_cache
@require_GET
@staff_required
def report_detail(request: HttpRequest, org: str, report_pk: int) -> HttpResponse:
    organisation, roles = access.reporting_for(request.user, org)
    report = access.report_for(organisation, report_pk, reader=access.reader_of(request))
    return _detail(request, organisation, roles, report)


@never_cache
@require_POST
@staff_required
def report_answer(request: HttpRequest, org: str, report_pk: int) -> HttpResponse:
    organisation, roles = access.reporting_for(request.user, org)
    report = access.report_for(organisation, report_pk, reader=access.reader_of(request))
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer(
                actor=request.user, report=report, text=form.cleaned_data["text"], request=request
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("Your answer was sent."))
            return redirect("reporting_staff:report", org=organisation.slug, report_pk=report.pk)
    return _detail(request, organisation, roles, report, answer_form=form)


@never_cache
@require_POST
@staff_required
def report_note(request: HttpRequest, org: str, report_pk: int) -> HttpResponse:
    organisation, roles = access.reporting_for(request.user, org)
    report = access.report_for(organisation, report_pk, reader=access.reader_of(request))
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(
            actor=request.user, report=report, text=form.cleaned_data["note"], request=request
        )
        return redirect("reporting_staff:report", org=organisation.slug, report_pk=report.pk)
    return _detail(request, organisation, roles, report, note_form=form)


@never_cache
@require_POST
@staff_required
def report_status(request: HttpRequest, org: str, report_pk: int) -> HttpResponse:
    organisation, _roles = access.reporting_for(request.user, org)
    report = access.report_for(organisation, report_pk, reader=access.reader_of(request))
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_status(
                actor=request.user, report=report, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            _errors(request, error)
    else:
        messages.error(request, _("This report cannot move to that state."))
    return redirect("reporting_staff:report", org=organisation.slug, report_pk=report.pk)


@never_cache
@require_POST
@staff_required
def report_assign(request: HttpRequest, org: str, report_pk: int) -> HttpResponse:
    organisation, _roles = access.reporting_for(request.user, org)
    report = access.report_for(organisation, report_pk, reader=access.reader_of(request))
    form = AssignForm(request.POST, handlers=services.handlers(organisation))
    if form.is_valid():
        assignee = form.handlers.get(form.cleaned_data["assigned_to"])
        services.assign(actor=request.user, report=report, assignee=assignee, request=request)
    else:
        messages.error(request, _("Choose someone who works on reports here."))
    return redirect("reporting_staff:report", org=organisation.slug, report_pk=report.pk)


@never_cache
@require_GET
@staff_required
def attachment_download(request: HttpRequest, org: str, file_pk: int) -> HttpResponse:
    organisation, _roles = access.reporting_for(request.user, org)
    attachment = access.attachment_for(organisation, file_pk, reader=access.reader_of(request))
    response = HttpResponse(
        services.read_attachment_file(attachment), content_type=attachment.content_type
    )
    response["Content-Disposition"] = attachment_disposition(attachment.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def policy(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = access.reporting_for(request.user, org, roles=access.POLICY_ROLES)
    current = services.settings_for(organisation)
    form = PolicyForm(
        request.POST or None,
        initial={
            "retention_days": current.retention_days,
            "first_answer_days": current.first_answer_days,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.set_policy(
            actor=request.user, organisation=organisation, request=request, **form.cleaned_data
        )
        messages.success(request, _("Saved."))
        return redirect("reporting_staff:settings", org=organisation.slug)
    context = _context(request, organisation, roles)
    context["form"] = form
    return render(request, "reporting/staff/settings.html", context)


def _requested_year(request: HttpRequest) -> int:
    current = fiscal_year_of(timezone.localdate())
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= current + 1 else current


@never_cache
@require_GET
@staff_required
def statistics_view(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = access.reporting_for(request.user, org)
    fiscal_year = _requested_year(request)
    for_sharing = request.GET.get("shared") == "1"
    stats = statistics.year_statistics(
        organisation, fiscal_year, reader=access.reader_of(request), for_sharing=for_sharing
    )
    if request.GET.get("format") == "csv":
        response = HttpResponse("\ufeff" + as_csv(stats), content_type="text/csv; charset=utf-8")
        name = (
            f"kyosei-{organisation.slug}-reports-FY{fiscal_year}{'-shared' if for_sharing else ''}"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    context = _context(request, organisation, roles)
    context.update(
        stats=stats,
        fiscal_year=fiscal_year,
        years=range(fiscal_year - 4, fiscal_year + 1),
        for_sharing=for_sharing,
    )
    return render(request, "reporting/staff/statistics.html", context)


@never_cache
@require_POST
@staff_required
def report_counter_case(request: HttpRequest, org: str, report_pk: int) -> HttpResponse:
    organisation, _roles = access.reporting_for(request.user, org)
    report = access.report_for(organisation, report_pk, reader=access.reader_of(request))
    try:
        client = services.open_counter_case(actor=request.user, report=report, request=request)
    except ValidationError as error:
        _errors(request, error)
        return redirect("reporting_staff:report", org=organisation.slug, report_pk=report.pk)
    return redirect("counter_staff:client", org=organisation.slug, client_pk=client.pk)
