"""My residence: a resident's deadlines from what is on their card, stored and logged nowhere."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kyosei.core.languages import current
from kyosei.core.ratelimit import rate_limited
from kyosei.residence import services
from kyosei.residence.calendar import calendar_file
from kyosei.residence.forms import ReminderForm, ResidenceForm
from kyosei.residence.models import Reminder
from kyosei.residence.timeline import Result, ZairyuInputError, timeline_for


def _computed(request: HttpRequest) -> tuple[ResidenceForm, Result | None]:
    today = timezone.localdate()
    language = current().code
    posted = request.POST if request.method == "POST" else None
    # A guide article links here with a status (and period) chosen: nothing personal.
    chosen = {k: request.GET[k] for k in ("status", "period_of_stay") if k in request.GET}
    form = ResidenceForm(posted, initial=chosen, language=language, today=today)
    if posted is None or not form.is_valid():
        return form, None
    try:
        return form, timeline_for(form.engine_input(today), language)
    except ZairyuInputError as refused:
        form.engine_refused(refused.field)
        return form, None


def _page(
    request: HttpRequest,
    form: ResidenceForm,
    result: Result | None,
    reminder_form: ReminderForm | None = None,
) -> HttpResponse:
    reminder_form = reminder_form or ReminderForm()
    status = 400 if form.errors or reminder_form.errors else 200
    context = {
        "form": form,
        "result": result,
        "reminder_form": reminder_form,
        "today": timezone.localdate(),
    }
    return render(request, "residence/tool.html", context, status=status)


# POST, not GET: what a resident enters must not end up in a URL (browser history, the web
# server's access log, a shared link).
@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("public")
def tool(request: HttpRequest) -> HttpResponse:
    form, result = _computed(request)
    return _page(request, form, result)


@never_cache
@require_POST
@rate_limited("public")
def calendar(request: HttpRequest) -> HttpResponse:
    form, result = _computed(request)
    if result is None:
        return _page(request, form, None)
    body = calendar_file(result, today=timezone.localdate(), stamp=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kyosei-residence.ics"'
    return response


@never_cache
@require_POST
@rate_limited("public")
def remind(request: HttpRequest) -> HttpResponse:
    form, result = _computed(request)
    reminder_form = ReminderForm(request.POST)
    if result is None or not reminder_form.is_valid():
        return _page(request, form, result, reminder_form)
    services.request_email_reminders(
        deadlines=services.deadlines_of(result),
        language=current().code,
        email=reminder_form.cleaned_data["email"],
    )
    return render(request, "residence/reminders.html", {"state": "requested"})


@never_cache
@require_GET
@rate_limited("public")
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    created = services.confirm_email_reminders(token=token, request=request)
    if created is None:
        raise Http404
    token = created[0].token if created else ""
    return render(request, "residence/reminders.html", {"state": "set", "token": token})


@never_cache
@csrf_exempt  # the token in the URL is the credential; RFC 8058 one-click POSTs carry no CSRF
@require_http_methods(["GET", "POST"])
@rate_limited("public")
def delete(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        services.delete_reminders(token=token, request=request)
        return render(request, "residence/reminders.html", {"state": "deleted"})
    if not Reminder.objects.filter(token=token).exists():
        raise Http404
    return render(request, "residence/reminders.html", {"state": "delete", "token": token})
