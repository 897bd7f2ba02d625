"""My residence: a resident's deadlines from what is on their card, stored and logged nowhere."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
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
        "vapid_public_key": settings.VAPID_PUBLIC_KEY,
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
@require_POST
@rate_limited("public")
def remind_push(request: HttpRequest) -> JsonResponse:
    """Called by push.js with the form and the browser's PushSubscription. The browser's
    permission prompt is the resident's consent: no confirmation step."""
    _form, result = _computed(request)
    if result is None:
        return JsonResponse({"ok": False}, status=400)
    try:
        subscription = json.loads(request.POST.get("subscription", ""))
        address = services.PushAddress(
            endpoint=str(subscription["endpoint"]),
            p256dh=str(subscription["keys"]["p256dh"]),
            auth=str(subscription["keys"]["auth"]),
        )
        created = services.create_reminders(
            deadlines=services.deadlines_of(result),
            language=current().code,
            channel=Reminder.Channel.PUSH,
            address=address,
            request=request,
        )
    except (KeyError, TypeError, ValueError, ValidationError):
        return JsonResponse({"ok": False}, status=400)
    token = created[0].token if created else ""
    delete_url = reverse("residence:delete", kwargs={"token": token}) if token else ""
    return JsonResponse({"ok": True, "count": len(created), "delete": delete_url})


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
