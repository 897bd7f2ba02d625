"""Staff views of the consultation counter. Every view: @staff_required, role check through
access.counter_for (404 for outsiders), reads and writes audited through services."""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kyosei.accounts.decorators import staff_required
from kyosei.core import cldr
from kyosei.core.languages import current
from kyosei.core.ratelimit import rate_limited
from kyosei.core.site import site_url
from kyosei.counter import access, handoff, history, services, statistics
from kyosei.counter.case_forms import AssignedTaskForm, AssignForm, CaseStatusForm
from kyosei.counter.choices import (
    Channel,
    Nationality,
    Outcome,
    ShareableField,
    StatusOfResidence,
    Topic,
)
from kyosei.counter.forms import (
    ApiKeyForm,
    AttachmentForm,
    ClientForm,
    ConsentForm,
    ConsentTextForm,
    ConsultationForm,
    ErasureForm,
    IntakeForm,
    InterpretationForm,
    MergeForm,
    ReferralForm,
    RespondForm,
    RetentionForm,
    ReturnForm,
    language_choices,
    new_form_token,
)
from kyosei.counter.labels import language_name, languages_display
from kyosei.counter.models import Agency, Client, Referral
from kyosei.orgs.access import AUDIT_VIEWERS, organisations_of
from kyosei.orgs.models import Organisation, Role
from kyosei.residence.forms import ResidenceForm
from kyosei.residence.timeline import Result, ZairyuInputError, reworded, timeline_for


def _context(request: HttpRequest, organisation: Organisation, roles: set[str]) -> dict[str, Any]:
    return {
        "organisation": organisation,
        "roles": roles,
        "my_organisations": organisations_of(request.user),
        "can_audit": bool(roles & AUDIT_VIEWERS),
        "is_supervisor": Role.SUPERVISOR in roles,
        "can_manage_keys": bool(roles & access.KEY_MANAGERS),
    }


def _form_error(form: Any, error: ValidationError) -> None:
    """A service's error next to the field it is about (when the form has that field)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return
    for message in error.messages:
        form.add_error(None, message)


def _renew_missing_token(form: Any) -> None:
    """A form refused for its token (missing, mangled) is shown again with a fresh one, so
    saving again works and keeps what was typed."""
    if form.is_bound and "form_token" in form.errors:
        form.data = form.data.copy()
        form.data["form_token"] = new_form_token()


def _lookalikes(request: HttpRequest, organisation: Organisation, form: Any) -> list[Client]:
    """Before a new client is registered: existing clients who look like them. Staff either
    pick one or confirm it is a different person; the look-up is audited like a search."""
    data = form.cleaned_data
    if data.get("confirm_new") or data.get("client_reference"):
        return []
    if services.form_already_saved(organisation, data.get("form_token", "")):
        return []
    found = access.lookalikes_of(
        organisation,
        reader=access.reader_of(request),
        nickname=data.get("nickname", ""),
        nationality=data.get("nationality", ""),
    )
    if found:
        form.add_error(
            "nickname",
            _(
                "A client who looks like this one is already registered (listed below). "
                "Record for them, or confirm that this is a different person."
            ),
        )
    return found


def _page_number(request: HttpRequest) -> int:
    """Pages are counted, never the rows: COUNT(*) over a million rows is what makes lists
    slow. Views fetch one row more than a page to know whether a next page exists."""
    raw = request.GET.get("page", "1")
    return min(int(raw), 10_000) if raw.isdigit() and int(raw) > 0 else 1


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


# --- dashboard -----------------------------------------------------------------------------


@never_cache
@require_GET
@staff_required
def dashboard(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org)
    fiscal_year = statistics.fiscal_year_of(timezone.localdate())
    counts = access.overview(organisation, reader=access.reader_of(request))
    monthly, top_topics = statistics.dashboard_summary(organisation, fiscal_year)
    context = _context(request, organisation, roles)
    context.update(
        fiscal_year=fiscal_year,
        month_bars=statistics.bars(monthly),
        topic_bars=statistics.bars(top_topics),
        open_tasks=counts.open_tasks,
        pending_referrals=counts.pending_referrals,
        pending_erasures=counts.pending_erasures,
        workload=counts.workload,
    )
    return render(request, "counter/dashboard.html", context)


# --- clients -------------------------------------------------------------------------------


@never_cache
@require_GET
@staff_required
def client_list(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org)
    search = request.GET.get("q", "").strip()[:60]
    page_number = _page_number(request)
    per_page = 50
    reader = access.reader_of(request, page=page_number)
    mine = request.GET.get("mine") == "1"
    rows = list(
        access.clients_of(
            organisation,
            reader=reader,
            search=search,
            caseworker=request.user if mine else None,
        )[(page_number - 1) * per_page : page_number * per_page + 1]
    )
    context = _context(request, organisation, roles)
    context.update(
        clients=rows[:per_page],
        page_number=page_number,
        has_next=len(rows) > per_page,
        search=search,
        mine=mine,
    )
    return render(request, "counter/client_list.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def client_new(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org)
    form = ClientForm(request.POST or None, initial={"form_token": new_form_token()})
    form.fields["form_token"].required = True
    lookalikes: list[Client] = []
    if request.method == "POST" and form.is_valid():
        lookalikes = _lookalikes(request, organisation, form)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.create_client_once(
                actor=request.user,
                organisation=organisation,
                form_token=form.cleaned_data["form_token"],
                request=request,
                **form.client_fields(),
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            if result.repeated:
                messages.info(request, _("This form was already saved: nothing was added."))
            else:
                messages.success(request, _("The client was created."))
            return redirect(
                "counter_staff:client-consent", org=organisation.slug, client_pk=result.client.pk
            )
    _renew_missing_token(form)
    context = _context(request, organisation, roles)
    context.update(form=form, title=_("New client"), lookalikes=lookalikes)
    return render(request, "counter/form.html", context)


@never_cache
@require_GET
@staff_required
def client_detail(request: HttpRequest, org: str, client_pk: int) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org)
    client = access.client_for(organisation, client_pk, reader=access.reader_of(request))
    context = _context(request, organisation, roles)
    context.update(
        client=client,
        consent=services.active_consent(client),
        consultations=client.consultations.only(
            "id", "consulted_at", "channel", "topics", "outcome", "client_id"
        )[:50],
        referrals=client.referrals.select_related("to_organisation", "to_agency"),
        erasures=client.erasure_requests.all(),
        erasure_form=ErasureForm(),
        assign_form=AssignForm(
            initial={"caseworker": str(client.caseworker_id or "")},
            workers=services.case_workers(organisation),
        ),
        status_form=CaseStatusForm(initial={"status": client.case_status}),
        merged_into=access.follow_merges(Client.objects.filter(pk=client.merged_into_id))
        if client.merged_into_id
        else None,
    )
    if Role.SUPERVISOR in roles and not client.anonymised_at:
        context.update(
            merge_form=MergeForm(),
            lookalikes=[
                other
                for other in access.lookalikes_of(
                    organisation,
                    reader=access.reader_of(request),
                    nickname=client.nickname,
                    nationality=client.nationality,
                )
                if other.pk != client.pk
            ],
        )
    return render(request, "counter/client_detail.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def client_edit(request: HttpRequest, org: str, client_pk: int) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org)
    client = access.client_for(organisation, client_pk, reader=access.reader_of(request))
    form = ClientForm(request.POST or None, initial=ClientForm.initial_for(client))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_client(
                actor=request.user,
                client=client,
                expected_version=form.cleaned_data["version"] or 0,
                changes=form.client_fields(),
                request=request,
            )
        except services.StaleVersionError:
            form.add_error(
                None,
                _(
                    "Someone else saved this client while you were editing. Nothing was "
                    "overwritten: reload the page to see their changes, then apply yours again."
                ),
            )
            return render(
                request,
                "counter/form.html",
                {**_context(request, organisation, roles), "form": form, "title": _("Edit client")},
                status=409,
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The client was saved."))
            return redirect("counter_staff:client", org=organisation.slug, client_pk=client.pk)
    context = _context(request, organisation, roles)
    context.update(form=form, title=_("Edit client"), client=client)
    return render(request, "counter/form.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def client_consent(request: HttpRequest, org: str, client_pk: int) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org)
    client = access.client_for(organisation, client_pk, reader=access.reader_of(request))
    # Never another language than the one asked for or one the client reads.
    asked = request.GET.get("language", "").strip()[:35]
    consent_text = (
        services.current_consent_text(organisation, asked)
        if asked
        else services.consent_text_for(client)
    )
    readable = services.consent_languages(client)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and consent_text is not None:
        try:
            services.record_consent(
                actor=request.user,
                client=client,
                consent_text=consent_text,
                agrees_to_recording=form.cleaned_data["agrees_to_recording"],
                shareable_fields=form.cleaned_data["shareable_fields"],
                interpretation=services.Interpretation(
                    interpreter=form.cleaned_data["interpreted_by"],
                    into_language=form.cleaned_data["interpreted_into"],
                ),
                request=request,
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect("counter_staff:client", org=organisation.slug, client_pk=client.pk)
    context = _context(request, organisation, roles)
    context.update(
        form=form,
        client=client,
        consent_text=consent_text,
        asked_language=asked,
        reads_text=consent_text is not None
        and consent_text.language.lower() in {code.lower() for code in readable},
        readable_languages=", ".join(readable),
        # Native names, as in every language list (Plain Japanese is not a UI choice there).
        languages=[("ja-x-easy", "やさしい日本語 (ja-x-easy)"), *language_choices()],
    )
    return render(request, "counter/consent.html", context)


@never_cache
@require_GET
@staff_required
def client_export(request: HttpRequest, org: str, client_pk: int) -> HttpResponse:
    """Subject access: everything held about the client, labelled in their language."""
    organisation, _roles = access.counter_for(request.user, org)
    client = access.client_for(organisation, client_pk, reader=access.reader_of(request))
    export = services.subject_access_export(actor=request.user, client=client, request=request)
    response = HttpResponse(
        json.dumps(export, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="kyosei-{client.reference}.json"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_POST
@staff_required
def client_erasure(request: HttpRequest, org: str, client_pk: int) -> HttpResponse:
    organisation, _roles = access.counter_for(request.user, org)
    client = access.client_for(organisation, client_pk, reader=access.reader_of(request))
    form = ErasureForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.request_erasure(actor=request.user, client=client, reason=reason, request=request)
    messages.success(request, _("Erasure was requested; a supervisor must approve it."))
    return redirect("counter_staff:client", org=organisation.slug, client_pk=client.pk)


@never_cache
@require_POST
@staff_required
def client_assign(request: HttpRequest, org: str, client_pk: int) -> HttpResponse:
    """Assign the case to a caseworker, or transfer it to another one."""
    organisation, _roles = access.counter_for(request.user, org)
    client = access.client_for(organisation, client_pk, reader=access.reader_of(request))
    form = AssignForm(request.POST, workers=services.case_workers(organisation))
    if form.is_valid():
        try:
            services.assign_case(
                actor=request.user, client=client, caseworker=form.chosen(), request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The case was assigned."))
    else:
        messages.error(request, _("Choose a member of this counter."))
    return redirect("counter_staff:client", org=organisation.slug, client_pk=client.pk)


@never_cache
@require_POST
@staff_required
def client_status(request: HttpRequest, org: str, client_pk: int) -> HttpResponse:
    organisation, _roles = access.counter_for(request.user, org)
    client = access.client_for(organisation, client_pk, reader=access.reader_of(request))
    form = CaseStatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_case_status(
                actor=request.user,
                client=client,
                status=form.cleaned_data["status"],
                close_reason=form.cleaned_data["close_reason"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The case status was saved."))
    else:
        messages.error(request, _("A case cannot go from this status to that one."))
    return redirect("counter_staff:client", org=organisation.slug, client_pk=client.pk)


@never_cache
@require_POST
@staff_required
def client_merge(request: HttpRequest, org: str, client_pk: int) -> HttpResponse:
    """Merge this record (a duplicate) into the client whose reference is given: supervisors."""
    organisation, _roles = access.counter_for(request.user, org, roles=access.SUPERVISOR_ROLES)
    reader = access.reader_of(request)
    duplicate = access.client_for(organisation, client_pk, reader=reader)
    form = MergeForm(request.POST)
    keep = (
        access.returning_client(organisation, form.cleaned_data["keep_reference"], reader=reader)
        if form.is_valid()
        else None
    )
    if keep is None:
        messages.error(request, _("No client of this counter has that reference."))
        return redirect("counter_staff:client", org=organisation.slug, client_pk=duplicate.pk)
    try:
        kept = services.merge_clients(
            actor=request.user,
            organisation=organisation,
            keep=keep,
            duplicate=duplicate,
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("counter_staff:client", org=organisation.slug, client_pk=duplicate.pk)
    messages.success(
        request,
        _("The records were merged: everything is now in client %(reference)s.")
        % {"reference": kept.reference},
    )
    return redirect("counter_staff:client", org=organisation.slug, client_pk=kept.pk)


@never_cache
@require_GET
@staff_required
def client_history(request: HttpRequest, org: str, client_pk: int) -> HttpResponse:
    """Who read or changed this client, when, and what changed: supervisors only."""
    organisation, roles = access.counter_for(request.user, org, roles=access.SUPERVISOR_ROLES)
    page_number = _page_number(request)
    per_page = 100
    client, events = access.client_history(
        organisation, client_pk, reader=access.reader_of(request, page=page_number)
    )
    rows = history.history_rows(events[(page_number - 1) * per_page : page_number * per_page + 1])
    context = _context(request, organisation, roles)
    context.update(
        client=client,
        rows=rows[:per_page],
        page_number=page_number,
        has_next=len(rows) > per_page,
    )
    return render(request, "counter/client_history.html", context)


@never_cache
@require_GET
@staff_required
def erasure_list(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org, roles=access.SUPERVISOR_ROLES)
    context = _context(request, organisation, roles)
    context["erasures"] = access.pending_erasures(organisation, reader=access.reader_of(request))
    return render(request, "counter/erasures.html", context)


@never_cache
@require_POST
@staff_required
def erasure_decide(request: HttpRequest, org: str, erasure_pk: int) -> HttpResponse:
    organisation, _roles = access.counter_for(request.user, org, roles=access.SUPERVISOR_ROLES)
    erasure = access.erasure_for(organisation, erasure_pk)
    try:
        services.decide_erasure(
            actor=request.user,
            erasure=erasure,
            approve=request.POST.get("decision") == "approve",
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The decision was recorded."))
    return redirect("counter_staff:erasures", org=organisation.slug)


# --- consultations -------------------------------------------------------------------------


@never_cache
@require_GET
@staff_required
def consultation_list(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org)
    filters = {
        "channel": request.GET.get("channel", "")
        if request.GET.get("channel") in Channel.values
        else "",
        "topic": request.GET.get("topic", "") if request.GET.get("topic") in Topic.values else "",
        "outcome": request.GET.get("outcome", "")
        if request.GET.get("outcome") in Outcome.values
        else "",
        "language": request.GET.get("language", "").strip()[:35],
        "since": _parse_date(request.GET.get("since", "")),
        "until": _parse_date(request.GET.get("until", "")),
    }
    page_number = _page_number(request)
    reader = access.reader_of(
        request, filters={k: str(v) for k, v in filters.items() if v}, page=page_number
    )
    consultations = access.consultations_of(organisation, reader=reader, **filters)  # type: ignore[arg-type]
    per_page = 50
    rows = list(consultations[(page_number - 1) * per_page : page_number * per_page + 1])
    has_next = len(rows) > per_page
    query = request.GET.copy()
    query.pop("page", None)
    context = _context(request, organisation, roles)
    context.update(
        consultations=rows[:per_page],
        page_number=page_number,
        has_next=has_next,
        filters=filters,
        query_without_page=query.urlencode(),
        channel_choices=Channel.choices,
        topic_choices=Topic.choices,
        outcome_choices=Outcome.choices,
        language_choices=language_choices(),
    )
    return render(request, "counter/consultation_list.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def intake(request: HttpRequest, org: str) -> HttpResponse:
    """Quick intake during a call: one page, once per form (a double click saves once)."""
    organisation, roles = access.counter_for(request.user, org)
    reference = request.POST.get("client_reference") or request.GET.get("client", "")
    returning = access.returning_client(organisation, reference, reader=access.reader_of(request))
    initial: dict[str, Any] = {"client_reference": reference, "form_token": new_form_token()}
    if returning is not None:
        # The returning client's own language, never the staff UI language.
        initial.update(
            language=returning.preferred_language,
            nationality=returning.nationality,
            status_of_residence=returning.status_of_residence,
        )
    form = IntakeForm(request.POST or None, initial=initial)
    lookalikes: list[Client] = []
    if request.method == "POST" and form.is_valid():
        lookalikes = _lookalikes(request, organisation, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.record_intake(
                actor=request.user,
                organisation=organisation,
                form_token=data["form_token"],
                client_reference=data["client_reference"],
                new_client={
                    "nickname": data["nickname"],
                    "nationality": data["nationality"],
                    "preferred_language": data["language"],
                    "status_of_residence": data["status_of_residence"] or StatusOfResidence.UNKNOWN,
                },
                request=request,
                **form.consultation_fields(),
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            consultation = result.consultation
            if consultation is None:  # record_intake always records one; typed as optional
                raise Http404
            if result.repeated:
                messages.info(
                    request,
                    _(
                        "This form was already saved (sent twice): nothing was added. Here is "
                        "the consultation it recorded."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("Consultation saved for client %(reference)s.")
                    % {"reference": result.client.reference},
                )
            if "add_another" in request.POST and not result.repeated:
                return redirect("counter_staff:intake", org=organisation.slug)
            return redirect(
                "counter_staff:consultation",
                org=organisation.slug,
                consultation_pk=consultation.pk,
            )
    _renew_missing_token(form)
    context = _context(request, organisation, roles)
    context.update(form=form, returning=returning, lookalikes=lookalikes)
    return render(request, "counter/intake.html", context)


@never_cache
@require_GET
@staff_required
def consultation_detail(request: HttpRequest, org: str, consultation_pk: int) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org)
    consultation = access.consultation_for(
        organisation, consultation_pk, reader=access.reader_of(request)
    )
    context = _context(request, organisation, roles)
    context.update(
        consultation=consultation,
        attachments=consultation.attachments.defer("filename"),
        tasks=consultation.tasks.all(),
        task_form=AssignedTaskForm(
            initial={"assigned_to": str(request.user.pk)},
            workers=services.case_workers(organisation),
        ),
        attachment_form=AttachmentForm(),
    )
    return render(request, "counter/consultation_detail.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def consultation_edit(request: HttpRequest, org: str, consultation_pk: int) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org)
    consultation = access.consultation_for(
        organisation, consultation_pk, reader=access.reader_of(request)
    )
    initial = {name: getattr(consultation, name) for name in services.CONSULTATION_EDITABLE}
    initial["consulted_at"] = timezone.localtime(consultation.consulted_at).strftime(
        "%Y-%m-%dT%H:%M"
    )
    initial["version"] = consultation.version
    form = ConsultationForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        changes = form.consultation_fields()
        changes["consulted_at"] = form.cleaned_data["consulted_at"]
        try:
            services.update_consultation(
                actor=request.user,
                consultation=consultation,
                expected_version=form.cleaned_data["version"],
                changes=changes,
                request=request,
            )
        except services.StaleVersionError:
            status = 409
            form.add_error(
                None,
                _(
                    "Someone else saved this consultation while you were editing. Nothing was "
                    "overwritten: reload the page to see their changes, then apply yours again."
                ),
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The consultation was saved."))
            return redirect(
                "counter_staff:consultation", org=organisation.slug, consultation_pk=consultation.pk
            )
    context = _context(request, organisation, roles)
    context.update(form=form, title=_("Edit consultation"), consultation=consultation)
    return render(request, "counter/form.html", context, status=status)


@never_cache
@require_POST
@staff_required
def attachment_add(request: HttpRequest, org: str, consultation_pk: int) -> HttpResponse:
    organisation, _roles = access.counter_for(request.user, org)
    consultation = access.consultation_for(
        organisation, consultation_pk, reader=access.reader_of(request)
    )
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(
                actor=request.user,
                consultation=consultation,
                upload=form.cleaned_data["file"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The file was attached."))
    else:
        messages.error(request, _("Choose a file to attach."))
    return redirect(
        "counter_staff:consultation", org=organisation.slug, consultation_pk=consultation.pk
    )


@never_cache
@require_GET
@staff_required
def attachment_download(request: HttpRequest, org: str, attachment_pk: int) -> HttpResponse:
    organisation, _roles = access.counter_for(request.user, org)
    attachment = access.attachment_for(organisation, attachment_pk)
    data = services.read_attachment(actor=request.user, attachment=attachment, request=request)
    response = HttpResponse(data, content_type=attachment.content_type)
    # Always a download, never rendered: a hostile file cannot run in our origin.
    # RFC 6266: an ASCII filename= plus filename*=UTF-8''…, so 給与明細.pdf keeps its name and
    # stays a download (an RFC 2047 =?utf-8?…?= name made Chromium open the PDF inline).
    response["Content-Disposition"] = attachment_disposition(attachment.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "no-store"
    return response


def attachment_disposition(filename: str) -> str:
    """RFC 6266 `attachment` with an ASCII `filename=` for old clients and the exact name in
    `filename*=UTF-8''…` (RFC 8187) when it is not ASCII."""
    name = "".join(ch for ch in filename if ch.isprintable() and ch not in "\\/").strip()
    name = name or "attachment"
    fallback = "".join(ch if " " <= ch <= "~" and ch != '"' else "_" for ch in name)
    if fallback == name:
        return f'attachment; filename="{name}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


@never_cache
@require_POST
@staff_required
def task_add(request: HttpRequest, org: str, consultation_pk: int) -> HttpResponse:
    organisation, _roles = access.counter_for(request.user, org)
    consultation = access.consultation_for(
        organisation, consultation_pk, reader=access.reader_of(request)
    )
    form = AssignedTaskForm(request.POST, workers=services.case_workers(organisation))
    if form.is_valid():
        try:
            services.add_task(
                actor=request.user,
                consultation=consultation,
                description=form.cleaned_data["description"],
                due_on=form.cleaned_data["due_on"],
                assigned_to=form.chosen(),
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The follow-up task was added."))
    else:
        messages.error(request, _("Describe the task and choose a due date."))
    return redirect(
        "counter_staff:consultation", org=organisation.slug, consultation_pk=consultation.pk
    )


def _in_languages(languages: list[str], compute: Any) -> list[tuple[str, Result]]:
    """One timeline per language (the staff's, then the client's), each once."""
    return [(language, compute(language)) for language in dict.fromkeys(languages)]


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def consultation_residence(request: HttpRequest, org: str, consultation_pk: int) -> HttpResponse:
    """The residence-deadline tool at the counter: worked out for the staff (in their
    language) and the client (in theirs), and saved to the consultation on request."""
    organisation, roles = access.counter_for(request.user, org)
    consultation = access.consultation_for(
        organisation, consultation_pk, reader=access.reader_of(request)
    )
    today = timezone.localdate()
    staff_language = current().code
    languages = [staff_language, consultation.client.preferred_language]
    posted = request.POST if request.method == "POST" else None
    form = ResidenceForm(posted, language=staff_language, today=today)
    results: list[tuple[str, Result]] = []
    status = 200
    if posted is not None:
        status = 400
        if form.is_valid():
            inputs = form.engine_input(today)
            try:
                results = _in_languages(languages, lambda lang: timeline_for(inputs, lang))
            except ZairyuInputError as refused:
                form.engine_refused(refused.field)
            else:
                status = 200
                if "save" in posted:
                    try:
                        services.save_residence_check(
                            actor=request.user,
                            consultation=consultation,
                            inputs=inputs,
                            request=request,
                        )
                    except ValidationError as error:
                        _form_error(form, error)
                        status = 400
                    else:
                        messages.success(request, _("The residence deadlines were saved."))
                        return redirect(
                            "counter_staff:consultation-residence",
                            org=organisation.slug,
                            consultation_pk=consultation.pk,
                        )
    saved = [
        (
            check,
            _in_languages(
                languages,
                lambda lang, check=check: reworded(
                    services.residence_deadlines(check), lang, today
                ),
            ),
        )
        for check in access.residence_checks_for(
            organisation, consultation, reader=access.reader_of(request)
        )
    ]
    context = _context(request, organisation, roles)
    context.update(consultation=consultation, form=form, results=results, saved=saved, today=today)
    return render(request, "counter/residence.html", context, status=status)


@never_cache
@require_GET
@staff_required
def task_list(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org)
    tasks = list(access.tasks_of(organisation, reader=access.reader_of(request))[:200])
    context = _context(request, organisation, roles)
    context.update(tasks=tasks, today=timezone.localdate())
    return render(request, "counter/tasks.html", context)


@never_cache
@require_POST
@staff_required
def task_done(request: HttpRequest, org: str, task_pk: int) -> HttpResponse:
    organisation, _roles = access.counter_for(request.user, org)
    task = access.task_for(organisation, task_pk)
    services.complete_task(actor=request.user, task=task, request=request)
    messages.success(request, _("The task was marked done."))
    return redirect("counter_staff:tasks", org=organisation.slug)


# --- referrals -----------------------------------------------------------------------------


def _receiver_choices(organisation: Organisation) -> list[tuple[Any, Any]]:
    organisations = [(f"org:{o.pk}", o.name) for o in access.receiving_organisations(organisation)]
    agencies = [
        (f"agency:{a.pk}", a.name) for a in access.agencies().exclude(kind="interpretation")
    ]
    return [
        ("", "—"),
        (_("Organisations on Kyosei"), organisations),
        (_("External agencies"), agencies),
    ]


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def referral_new(request: HttpRequest, org: str, client_pk: int) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org)
    client = access.client_for(organisation, client_pk, reader=access.reader_of(request))
    form = ReferralForm(request.POST or None)
    form.fields["receiver"].choices = _receiver_choices(organisation)  # type: ignore[attr-defined]
    consultations = list(
        client.consultations.only("id", "consulted_at", "channel", "client_id")[:20]
    )
    form.fields["consultation"].choices = [("", "—")] + [  # type: ignore[attr-defined]
        (str(c.pk), str(c)) for c in consultations
    ]
    consent = services.active_consent(client)
    if request.method == "POST" and form.is_valid():
        kind, _sep, receiver_pk = form.cleaned_data["receiver"].partition(":")
        to_organisation = (
            get_object_or_404(access.receiving_organisations(organisation), pk=receiver_pk)
            if kind == "org"
            else None
        )
        to_agency = get_object_or_404(Agency, pk=receiver_pk) if kind == "agency" else None
        consultation = next(
            (c for c in consultations if str(c.pk) == form.cleaned_data["consultation"]), None
        )
        try:
            referral = services.create_referral(
                actor=request.user,
                client=client,
                consultation=consultation,
                to_organisation=to_organisation,
                to_agency=to_agency,
                summary=form.cleaned_data["summary"],
                request=request,
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The referral was sent."))
            return redirect(
                "counter_staff:referral", org=organisation.slug, referral_pk=referral.pk
            )
    context = _context(request, organisation, roles)
    context.update(
        form=form,
        client=client,
        consent=consent,
        shareable_labels=[
            ShareableField(f).label for f in (consent.shareable_fields if consent else [])
        ],
    )
    return render(request, "counter/referral_new.html", context)


@never_cache
@require_GET
@staff_required
def referral_list(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org)
    context = _context(request, organisation, roles)
    context.update(
        sent=access.referrals_sent_by(organisation, reader=access.reader_of(request))[:100],
        received=access.referrals_received_by(organisation, reader=access.reader_of(request))[:100],
    )
    return render(request, "counter/referrals.html", context)


def _deadlines_display(kept: dict[str, Any]) -> str:
    """Kept deadlines worded in the active language, one a line, dates by CLDR."""
    language = translation.get_language() or "ja"
    worded = reworded(kept, language, timezone.localdate())
    return "\n".join(
        [f"{cldr.day(step.day, language)}: {step.what}" for step in worded.steps]
        + [note.what for note in worded.notes]
    )


def _snapshot_display(snapshot: dict[str, Any]) -> list[tuple[str, str]]:
    labels = dict(ShareableField.choices)
    shown: list[tuple[str, str]] = []
    for key, value in snapshot.items():
        if key == "nationality":
            value = Nationality(value).label if value in Nationality.values else value
        elif key == "status_of_residence":
            value = StatusOfResidence(value).label if value in StatusOfResidence.values else value
        elif key == "topics":
            value = ", ".join(str(Topic(t).label) for t in value if t in Topic.values)
        elif key == "languages":
            value = languages_display(value)
        elif key == "preferred_language":
            value = language_name(value)
        elif key == "contact_preference":
            continue
        elif key == "residence_deadlines":
            value = _deadlines_display(value)
        label = labels.get(key, _("Preferred language") if key == "preferred_language" else key)
        shown.append((str(label), str(value)))
    return shown


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def referral_detail(request: HttpRequest, org: str, referral_pk: int) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org)
    referral, is_sender = access.referral_for(
        organisation, referral_pk, reader=access.reader_of(request)
    )
    form = RespondForm(request.POST or None)
    return_form = ReturnForm()
    if request.method == "POST":
        if is_sender and referral.to_agency_id:
            status = request.POST.get("status", "")
            try:
                services.record_agency_outcome(
                    actor=request.user, referral=referral, status=status, request=request
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect(
                "counter_staff:referral", org=organisation.slug, referral_pk=referral.pk
            )
        if is_sender:
            raise PermissionDenied
        if request.POST.get("form") == "adopt":
            try:
                client = services.adopt_referral(
                    actor=request.user, referral=referral, receiver=organisation, request=request
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(
                    "counter_staff:referral", org=organisation.slug, referral_pk=referral.pk
                )
            return redirect("counter_staff:client", org=organisation.slug, client_pk=client.pk)
        if request.POST.get("form") == "return":
            return_form = ReturnForm(request.POST)
            if return_form.is_valid():
                try:
                    services.return_referral(
                        actor=request.user,
                        referral=referral,
                        receiver=organisation,
                        answer=return_form.cleaned_data["answer"],
                        request=request,
                    )
                except ValidationError as error:
                    _form_error(return_form, error)
                else:
                    messages.success(
                        request, _("Your answer was sent back to the referring office.")
                    )
                    return redirect(
                        "counter_staff:referral", org=organisation.slug, referral_pk=referral.pk
                    )
        elif form.is_valid():
            try:
                services.respond_to_referral(
                    actor=request.user,
                    referral=referral,
                    receiver=organisation,
                    accept=form.cleaned_data["decision"] == "accept",
                    note=form.cleaned_data["note"],
                    request=request,
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Your answer was sent to the referring office."))
            return redirect(
                "counter_staff:referral", org=organisation.slug, referral_pk=referral.pk
            )
    context = _context(request, organisation, roles)
    context.update(
        referral=referral,
        is_sender=is_sender,
        shared=_snapshot_display(services.referral_snapshot(referral)),
        form=form,
        return_form=return_form,
        agency_statuses=[
            (value, label)
            for value, label in Referral.Status.choices
            if value != Referral.Status.RETURNED
        ],
    )
    return render(request, "counter/referral_detail.html", context)


@never_cache
@require_GET
@staff_required
def referral_card(request: HttpRequest, org: str, referral_pk: int) -> HttpResponse:
    """Printable handoff card: the summary in the client's language and in Japanese, with a QR
    code carrying the referral code, so the next office needs no retelling."""
    import segno

    organisation, _roles = access.counter_for(request.user, org)
    referral, is_sender = access.referral_for(
        organisation, referral_pk, reader=access.reader_of(request), action="counter.referral.card"
    )
    snapshot = services.referral_snapshot(referral)
    # The resident's own page (where to go, what to bring), never a staff URL.
    base = site_url(request) or f"{request.scheme}://{request.get_host()}"
    qr = segno.make(f"{base.rstrip('/')}{handoff.public_path(referral)}", error="m").svg_data_uri(
        scale=4
    )
    sides = []
    for language in dict.fromkeys([referral.client_language, "ja"]):
        with translation.override(language):
            sides.append(
                {
                    "language": language,
                    "title": _("Referral card"),
                    "code_label": _("Referral code"),
                    "from_label": pgettext("referral sender", "From"),
                    "to_label": _("To"),
                    "date_label": _("Date"),
                    "address_label": _("Address"),
                    "phone_label": _("Phone"),
                    "hours_label": _("Hours"),
                    "languages_label": _("Languages"),
                    "receiver": handoff.receiver_for(referral, language),
                    "shared": _snapshot_display(snapshot),
                    "note": _(
                        "Show this card at the office. It holds only what you agreed to share."
                    ),
                    "scan": _("Scan the code for where to go and what to bring."),
                }
            )
    return render(
        request,
        "counter/referral_card.html",
        {
            **_context(request, organisation, _roles),
            "referral": referral,
            "sides": sides,
            "qr": qr,
            "is_sender": is_sender,
        },
    )


@never_cache
@require_GET
@rate_limited("public")
def referral_public(request: HttpRequest, code: str) -> HttpResponse:
    """The resident's page behind the card's QR code: where to go and what to bring, in
    their language. No sign-in, and nothing of the case (kyosei.counter.handoff)."""
    referral = handoff.public_referral(code)
    if referral is None:
        raise Http404
    response = render(
        request,
        "counter/referral_public.html",
        {"code": referral.code, "receiver": handoff.receiver_for(referral, current().code)},
    )
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# --- directory and interpretation ----------------------------------------------------------


@never_cache
@require_GET
@staff_required
def directory(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org)
    context = _context(request, organisation, roles)
    context["agencies"] = access.agencies()
    return render(request, "counter/directory.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def interpretation(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org)
    # Optionally about one consultation (linked from its page); another org's id is a 404.
    consultation_id = request.POST.get("consultation") or request.GET.get("consultation", "")
    consultation = (
        access.consultation_for(
            organisation, int(consultation_id), reader=access.reader_of(request)
        )
        if consultation_id.isdigit()
        else None
    )
    form = InterpretationForm(request.POST or None, consultation=consultation)
    services_list = list(access.agencies(kind="interpretation"))
    form.fields["service"].choices = [("", "—")] + [(str(a.pk), a.name) for a in services_list]  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        service = next(
            (a for a in services_list if str(a.pk) == form.cleaned_data["service"]), None
        )
        try:
            services.log_interpretation_request(
                actor=request.user,
                organisation=organisation,
                language=form.cleaned_data["language"],
                mode=form.cleaned_data["mode"],
                service=service,
                consultation=consultation,
                minutes=form.cleaned_data["minutes"],
                request=request,
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The interpretation request was logged."))
            return redirect("counter_staff:interpretation", org=organisation.slug)
    context = _context(request, organisation, roles)
    context.update(
        form=form,
        consultation=consultation,
        requests=access.interpretation_requests_of(organisation, reader=access.reader_of(request))[
            :100
        ],
        services=services_list,
    )
    return render(request, "counter/interpretation.html", context)


# --- statistics ----------------------------------------------------------------------------


def _requested_year(request: HttpRequest) -> int:
    current = statistics.fiscal_year_of(timezone.localdate())
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= current + 1 else current


@never_cache
@require_GET
@staff_required
def statistics_view(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org)
    fiscal_year = _requested_year(request)
    stats = statistics.year_statistics(organisation, fiscal_year, reader=access.reader_of(request))
    context = _context(request, organisation, roles)
    context.update(
        stats=stats, fiscal_year=fiscal_year, years=range(fiscal_year - 4, fiscal_year + 1)
    )
    return render(request, "counter/statistics.html", context)


@never_cache
@require_GET
@staff_required
def statistics_export(request: HttpRequest, org: str, fmt: str) -> HttpResponse:
    """CSV or XLSX. `?shared=1` suppresses small cells for reports leaving the organisation."""
    organisation, _roles = access.counter_for(request.user, org)
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    fiscal_year = _requested_year(request)
    for_sharing = request.GET.get("shared") == "1"
    stats = statistics.year_statistics(
        organisation,
        fiscal_year,
        for_sharing=for_sharing,
        reader=access.reader_of(request, format=fmt),
    )
    name = f"kyosei-{organisation.slug}-FY{fiscal_year}{'-shared' if for_sharing else ''}"
    if fmt == "csv":
        response = HttpResponse(
            "\ufeff" + statistics.as_csv(stats), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            statistics.as_xlsx(stats),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# --- settings: retention and API keys ------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def counter_settings(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = access.counter_for(request.user, org, roles=access.KEY_MANAGERS)
    policy = services.settings_for(organisation)
    retention_form = RetentionForm(
        request.POST if request.POST.get("form") == "retention" else None,
        initial={"retention_days": policy.retention_days},
    )
    key_form = ApiKeyForm(request.POST if request.POST.get("form") == "api_key" else None)
    consent_form = ConsentTextForm(
        request.POST if request.POST.get("form") == "consent_text" else None
    )
    new_secret = ""
    if request.method == "POST":
        if Role.SUPERVISOR not in roles and request.POST.get("form") in {
            "retention",
            "consent_text",
        }:
            raise PermissionDenied
        if consent_form.is_bound and consent_form.is_valid():
            try:
                services.publish_consent_text(
                    actor=request.user,
                    organisation=organisation,
                    request=request,
                    **consent_form.cleaned_data,
                )
            except ValidationError as error:
                _form_error(consent_form, error)
            else:
                messages.success(request, _("The consent text was published."))
                return redirect("counter_staff:settings", org=organisation.slug)
        if retention_form.is_bound and retention_form.is_valid():
            services.set_retention(
                actor=request.user,
                organisation=organisation,
                retention_days=retention_form.cleaned_data["retention_days"],
                request=request,
            )
            messages.success(request, _("The retention period was saved."))
            return redirect("counter_staff:settings", org=organisation.slug)
        if key_form.is_bound and key_form.is_valid():
            _key, new_secret = services.create_api_key(
                actor=request.user,
                organisation=organisation,
                name=key_form.cleaned_data["name"],
                request=request,
            )
        if request.POST.get("form") == "revoke":
            key = get_object_or_404(
                access.api_keys_of(organisation), pk=request.POST.get("key", "0") or 0
            )
            services.revoke_api_key(actor=request.user, key=key, request=request)
            messages.success(request, _("The API key was revoked."))
            return redirect("counter_staff:settings", org=organisation.slug)
    context = _context(request, organisation, roles)
    context.update(
        policy=policy,
        retention_form=retention_form,
        key_form=ApiKeyForm() if new_secret else key_form,
        api_keys=access.api_keys_of(organisation),
        consent_form=consent_form,
        consent_texts=organisation.counter_consent_texts.order_by("-version", "language")[:30],
        new_secret=new_secret,
    )
    response = render(request, "counter/settings.html", context)
    if new_secret:
        response["Cache-Control"] = "no-store"
    return response
