"""My residence: a resident's deadlines from what is on their card, stored and logged nowhere."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kyosei.core.languages import current
from kyosei.core.ratelimit import rate_limited
from kyosei.residence.calendar import calendar_file
from kyosei.residence.forms import ResidenceForm
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


def _page(request: HttpRequest, form: ResidenceForm, result: Result | None) -> HttpResponse:
    status = 400 if form.errors else 200
    context = {"form": form, "result": result, "today": timezone.localdate()}
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
