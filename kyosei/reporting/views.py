"""The reporter's pages: no account, no session, no JavaScript needed.

A receipt code only ever travels in a POST body (never in a URL, so never in a history, a
log line or a Referer); every page is answered no-store (privacy.py).

The forms are exempt from CSRF checks, like the JSON API: with `Referrer-Policy: no-referrer`
browsers send `Origin: null`, which Django's check refuses, and there is no session or
account a forged request could act for (changing a report needs its code). It also leaves
no CSRF cookie on the reporter's phone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kyosei.counter.services import attachment_max_bytes
from kyosei.counter.views import attachment_disposition
from kyosei.orgs.models import Organisation
from kyosei.reporting import lines, ratelimit, receipts, services
from kyosei.reporting.forms import CodeForm, ReplyForm, ReportForm
from kyosei.reporting.models import Report


def limited(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if ratelimit.over_limit(request, "page"):
            return too_many(request)
        return view(request, *args, **kwargs)

    return wrapped


def too_many(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reporting/message.html",
        {
            "heading": _("Please wait"),
            "text": _("Too many tries. Please wait a while and try again."),
        },
        status=429,
    )


def _uploads(request: HttpRequest) -> list[services.Upload]:
    return [
        services.Upload(name=f.name or "", data=f.read(attachment_max_bytes() + 1))
        for f in request.FILES.getlist("files")
    ]


def _errors_into(form: Any, error: ValidationError) -> None:
    for field, messages in error.message_dict.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)


@require_GET
@limited
def index(request: HttpRequest) -> HttpResponse:
    checked_on, national = lines.national_lines()
    return render(request, "reporting/index.html", {"lines": national, "checked_on": checked_on})


@csrf_exempt
@require_http_methods(["GET", "POST"])
@limited
def new(request: HttpRequest) -> HttpResponse:
    language = request.LANGUAGE_CODE
    if request.method != "POST":
        return render(request, "reporting/new.html", {"form": ReportForm(language=language)})
    form = ReportForm(request.POST, language=language)
    if form.is_valid():
        if ratelimit.over_limit(request, "report"):
            return too_many(request)
        try:
            _report, code = services.file_report(**form.cleaned_data, attachments=_uploads(request))
        except ValidationError as error:
            _errors_into(form, error)
        except Organisation.DoesNotExist:
            return render(
                request,
                "reporting/message.html",
                {
                    "heading": _("Please wait"),
                    "text": _(
                        "Reports cannot be received yet. Please call one of the lines on the "
                        "rights page."
                    ),
                },
                status=503,
            )
        else:
            return render(
                request, "reporting/receipt.html", {"code": receipts.grouped(code)}, status=201
            )
    return render(request, "reporting/new.html", {"form": form}, status=400)


def _opened(request: HttpRequest) -> tuple[Report | None, CodeForm, HttpResponse | None]:
    """The report the POSTed code opens; a wrong code counts against the source's tries."""
    form = CodeForm(request.POST)
    if ratelimit.over_limit(request, "code", count=False):
        return None, form, too_many(request)
    report = services.find_report(form.data.get("code", ""))
    if report is None:
        ratelimit.over_limit(request, "code")
        if form.is_valid():
            form.add_error("code", _("No report has this code. Check it and try again."))
        return None, form, render(request, "reporting/mine.html", {"form": form}, status=404)
    return report, form, None


def _conversation(
    request: HttpRequest,
    report: Report,
    code: str,
    reply: ReplyForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "reporting/conversation.html",
        {
            "report": report,
            "code": code,
            "messages_": services.conversation(report),
            "reply": reply or ReplyForm(),
        },
        status=status,
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
@limited
def mine(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "reporting/mine.html", {"form": CodeForm()})
    report, form, refused = _opened(request)
    if refused is not None or report is None:
        return refused or HttpResponse(status=404)
    code = receipts.grouped(receipts.normalise(form.data["code"]))
    action = request.POST.get("action", "read")
    if action == "reply":
        reply = ReplyForm(request.POST)
        if reply.is_valid():
            try:
                services.add_reporter_message(
                    report=report, **reply.cleaned_data, attachments=_uploads(request)
                )
            except ValidationError as error:
                _errors_into(reply, error)
                return _conversation(request, report, code, reply, status=400)
            return _conversation(request, report, code)
        return _conversation(request, report, code, reply, status=400)
    if action == "delete":
        return render(request, "reporting/delete.html", {"code": code})
    if action == "delete-confirmed":
        services.delete_by_reporter(report=report)
        return render(
            request,
            "reporting/message.html",
            {
                "heading": _("Deleted"),
                "text": _("Your report and all its messages and files were deleted."),
            },
        )
    return _conversation(request, report, code)


@csrf_exempt
@require_POST
@limited
def attachment(request: HttpRequest) -> HttpResponse:
    report, _form, refused = _opened(request)
    if refused is not None or report is None:
        return refused or HttpResponse(status=404)
    wanted = request.POST.get("attachment", "")
    found = report.attachments.filter(pk=int(wanted)).first() if wanted.isdigit() else None
    if found is None:
        return render(request, "reporting/mine.html", {"form": CodeForm()}, status=404)
    response = HttpResponse(services.read_attachment_file(found), content_type=found.content_type)
    response["Content-Disposition"] = attachment_disposition(found.filename)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
