from __future__ import annotations

import hashlib
import hmac
import json
import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import OperationalError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kyosei.accounts.decorators import staff_required
from kyosei.alerts import access, cap, services
from kyosei.alerts.access import ISSUERS, WEBHOOK_MANAGERS
from kyosei.alerts.areas import area_name
from kyosei.alerts.messages import LOCAL_TEMPLATES, TEMPLATES
from kyosei.alerts.models import Notice, Subscription
from kyosei.alerts.render import render as render_notice
from kyosei.alerts.render import render_all
from kyosei.core.languages import current, registry
from kyosei.core.ratelimit import rate_limited
from kyosei.guide.nearby import find_municipalities
from kyosei.orgs.access import organisation_for

log = logging.getLogger(__name__)

HAZARD_CHOICES = [
    ("tsunami", gettext_lazy("Tsunami")),
    ("earthquake", gettext_lazy("Earthquake")),
    ("eew", gettext_lazy("Earthquake early warning")),
    ("weather", gettext_lazy("Weather warnings")),
    ("volcano", gettext_lazy("Volcano")),
    ("local", gettext_lazy("Alerts from your municipality")),
]
INTENSITY_CHOICES = [
    (3, gettext_lazy("Intensity 3 or stronger")),
    (4, gettext_lazy("Intensity 4 or stronger")),
    (5, gettext_lazy("Intensity 5 lower or stronger")),
    (7, gettext_lazy("Intensity 6 lower or stronger")),
]


def municipality_choices() -> list[tuple[str, str]]:
    """Municipalities residents can choose: those the organisations on Kyosei cover, plus any
    imported municipality already subscribed to (kept short on purpose)."""
    from kyosei.orgs.models import MunicipalityCode

    names = dict(MunicipalityCode.objects.order_by("code").values_list("code", "name"))
    lang = current().code
    return [
        (code, area_name("municipality", code, lang, fallback=name or code))
        for code, name in names.items()
    ]


def _set_choices(field: forms.Field, choices: list[tuple[str, str]]) -> None:
    if isinstance(field, forms.ChoiceField):
        field.choices = choices


class SubscribeForm(forms.Form):
    codes = forms.MultipleChoiceField(
        label=gettext_lazy("Municipalities"), widget=forms.CheckboxSelectMultiple
    )
    hazards = forms.MultipleChoiceField(
        label=gettext_lazy("Alerts"),
        choices=HAZARD_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        initial=[c for c, _ in HAZARD_CHOICES],
    )
    min_intensity = forms.TypedChoiceField(
        label=gettext_lazy("Earthquakes"), choices=INTENSITY_CHOICES, coerce=int, initial=4
    )
    include_drills = forms.BooleanField(
        label=gettext_lazy("Also send drills and tests"), required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _set_choices(self.fields["codes"], municipality_choices())


class EmailSubscribeForm(SubscribeForm):
    email = forms.EmailField(label=gettext_lazy("Email address"))


@require_GET
@rate_limited("public")
def index(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("area", "")[:7] or None
    notices = access.public_notices(code=code)
    lang = current().code
    # The resident's search or location (shared with the counter directory's "near me").
    finder = find_municipalities(request.GET, municipality_choices())
    return render(
        request,
        "alerts/index.html",
        {
            "items": [(n, render_notice(n, lang)) for n in notices[:30]],
            "form": EmailSubscribeForm(initial={"codes": finder.codes} if finder.codes else None),
            "vapid_public_key": settings.VAPID_PUBLIC_KEY,
            "area": code,
            "finder": finder,
        },
    )


@require_GET
@rate_limited("public")
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # Drills and tests are for those who opted in, never public (as in the API and CAP).
    public = access.with_issue_time(Notice.objects.filter(pk=pk, is_drill=False))
    notice = public.select_related("event").first()
    if notice is None:
        raise Http404
    message = render_notice(notice, current().code)
    return render(request, "alerts/notice.html", {"notice": notice, "message": message})


@require_POST
@rate_limited("public")
def subscribe(request: HttpRequest) -> HttpResponse:
    form = EmailSubscribeForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "alerts/index.html",
            {"items": [], "form": form, "vapid_public_key": settings.VAPID_PUBLIC_KEY},
            status=400,
        )
    services.subscribe_email(
        email=form.cleaned_data["email"],
        language=current().code,
        codes=form.cleaned_data["codes"],
        hazards=form.cleaned_data["hazards"],
        min_intensity=form.cleaned_data["min_intensity"],
        include_drills=form.cleaned_data["include_drills"],
        request=request,
    )
    return render(request, "alerts/subscribed.html", {"email": form.cleaned_data["email"]})


@require_GET
@rate_limited("public")
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    sub = services.confirm_email(token=token, request=request)
    if sub is None:
        raise Http404
    return render(request, "alerts/confirmed.html", {"subscription": sub})


@csrf_exempt  # the token in the URL is the credential; RFC 8058 one-click POSTs carry no CSRF
@require_http_methods(["GET", "POST"])
@rate_limited("public")
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if not Subscription.objects.filter(token=token).exists():
        raise Http404
    if request.method == "POST":
        services.unsubscribe(token=token, request=request)
        return render(request, "alerts/unsubscribed.html")
    return render(request, "alerts/unsubscribe.html", {"token": token})


@require_POST
@rate_limited("public")
def push_subscribe(request: HttpRequest) -> JsonResponse:
    """Called by push.js with the browser's PushSubscription and the chosen preferences."""
    try:
        data = json.loads(request.body or b"{}")
        keys = data["subscription"]["keys"]
        sub = services.subscribe_push(
            endpoint=str(data["subscription"]["endpoint"]),
            p256dh=str(keys["p256dh"]),
            auth=str(keys["auth"]),
            language=current().code,
            codes=[str(c) for c in data.get("codes", [])],
            hazards=[str(h) for h in data.get("hazards", [c for c, _ in HAZARD_CHOICES])],
            min_intensity=int(data.get("min_intensity", 4)),
            include_drills=bool(data.get("include_drills", False)),
            request=request,
        )
    except (KeyError, TypeError, ValueError, ValidationError) as exc:
        return JsonResponse({"ok": False, "error": str(exc)[:200]}, status=400)
    with_lang = reverse("alerts:unsubscribe", kwargs={"token": sub.token})
    return JsonResponse({"ok": True, "unsubscribe": with_lang})


# --------------------------------------------------------------------------------------------
# Non-language endpoints (root_urls.py)
# --------------------------------------------------------------------------------------------


def valid_push_signature(body: bytes, header: str) -> bool:
    secret = settings.JMA_PUSH_SECRET
    if not secret or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256="))


@csrf_exempt  # machine-to-machine; authenticated by the HMAC signature instead
@require_POST
def jma_push(request: HttpRequest) -> HttpResponse:
    """JMA telegram push: body = the XML, header X-Kyosei-Signature: sha256=HMAC(secret, body)."""
    if not settings.JMA_PUSH_SECRET:
        raise Http404
    body = request.body
    if not valid_push_signature(body, request.headers.get("X-Kyosei-Signature", "")):
        log.warning("alerts: push with a bad signature refused")
        return HttpResponse("bad signature\n", status=403, content_type="text/plain")
    try:
        result = services.receive_telegram(raw=body, source="push")
    except OperationalError:
        # The database is unavailable (down, locked): nothing was stored, the sender retries.
        log.exception("alerts: pushed telegram not stored, database unavailable")
        response = HttpResponse("try again later\n", status=503, content_type="text/plain")
        response["Retry-After"] = "5"
        return response
    telegram = result.telegram
    status = (
        422 if telegram.outcome == telegram.Outcome.REJECTED else 200 if not result.created else 202
    )
    return JsonResponse(
        {
            "telegram": telegram.pk,
            "duplicate": not result.created,
            "outcome": telegram.outcome,
            "notices": [n.pk for n in result.notices],
            "error": telegram.error,
        },
        status=status,
    )


@require_GET
def vapid_public_key(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"publicKey": settings.VAPID_PUBLIC_KEY})


@require_GET
@rate_limited("public")
def cap_feed(request: HttpRequest, lang: str) -> HttpResponse:
    language = registry().get(lang)
    if language is None:
        raise Http404
    area = request.GET.get("area", "")[:7] or None
    body = cap.atom_feed(language.code, area=area, base=request.build_absolute_uri("/")[:-1])
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


@require_GET
@rate_limited("public")
def cap_alert(request: HttpRequest, pk: int, lang: str) -> HttpResponse:
    language = registry().get(lang)
    public = access.with_issue_time(Notice.objects.filter(pk=pk, is_drill=False))
    notice = public.select_related("event").first()
    if language is None or notice is None:
        raise Http404
    body = cap.cap_xml(notice, language.code, base=request.build_absolute_uri("/")[:-1])
    return HttpResponse(body, content_type="application/cap+xml; charset=utf-8")


# --------------------------------------------------------------------------------------------
# Staff
# --------------------------------------------------------------------------------------------


def _latency(notice: Notice) -> float | None:
    if notice.first_sent_at is None:
        return None
    return (notice.first_sent_at - notice.received_at).total_seconds()


@staff_required
@require_GET
def dashboard(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = organisation_for(request.user, org)
    notices = access.notices_for(organisation)
    rows = [(n, _latency(n)) for n in notices]
    return render(
        request,
        "alerts/staff/dashboard.html",
        {
            "organisation": organisation,
            "rows": rows,
            "can_issue": bool(roles & ISSUERS),
            "can_manage_webhooks": bool(roles & WEBHOOK_MANAGERS),
        },
    )


@staff_required
@require_GET
def staff_notice(request: HttpRequest, org: str, notice: int) -> HttpResponse:
    organisation, _roles = organisation_for(request.user, org)
    found = access.notice_for(organisation, notice)
    return render(
        request,
        "alerts/staff/notice.html",
        {
            "organisation": organisation,
            "notice": found,
            "messages_all": render_all(found),
            "failures": access.failures_for(found, organisation),
            "latency": _latency(found),
        },
    )


class OrgAlertForm(forms.Form):
    template = forms.ChoiceField(label=gettext_lazy("Template"))
    codes = forms.MultipleChoiceField(
        label=gettext_lazy("Municipalities"), widget=forms.CheckboxSelectMultiple
    )
    district_ja = forms.CharField(label=gettext_lazy("District (Japanese)"), max_length=100)
    district_en = forms.CharField(
        label=gettext_lazy("District (Latin letters)"), max_length=100, required=False
    )
    shelter_ja = forms.CharField(label=gettext_lazy("Shelter (Japanese)"), max_length=100)
    shelter_en = forms.CharField(
        label=gettext_lazy("Shelter (Latin letters)"), max_length=100, required=False
    )
    is_drill = forms.BooleanField(label=gettext_lazy("This is a drill"), required=False)

    def __init__(self, *args: object, codes: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _set_choices(
            self.fields["template"], [(k, str(TEMPLATES[k].title)) for k in LOCAL_TEMPLATES]
        )
        _set_choices(self.fields["codes"], codes)

    def names(self, prefix: str) -> dict[str, str]:
        found = {"ja": self.cleaned_data[f"{prefix}_ja"]}
        if self.cleaned_data.get(f"{prefix}_en"):
            found["en"] = self.cleaned_data[f"{prefix}_en"]
        return found


@staff_required
@require_http_methods(["GET", "POST"])
def issue(request: HttpRequest, org: str) -> HttpResponse:
    organisation, _roles = organisation_for(request.user, org, roles=ISSUERS)
    codes = [(a.code, f"{a.name} ({a.code})") for a in organisation.areas.all()]
    form = OrgAlertForm(request.POST or None, codes=codes)
    previews = None
    if request.method == "POST" and form.is_valid():
        district, shelter = form.names("district"), form.names("shelter")
        if "confirm" in request.POST:
            notice = services.issue_org_alert(
                actor=request.user,
                organisation=organisation,
                template=form.cleaned_data["template"],
                codes=form.cleaned_data["codes"],
                district=district,
                shelter=shelter,
                is_drill=form.cleaned_data["is_drill"],
                request=request,
            )
            messages.success(request, _("The alert has been issued and is being delivered."))
            return HttpResponseRedirect(
                reverse("alerts_staff:notice", kwargs={"org": org, "notice": notice.pk})
            )
        draft = services.preview_org_alert(
            organisation=organisation,
            template=form.cleaned_data["template"],
            district=district,
            shelter=shelter,
        )
        previews = render_all(draft)
    return render(
        request,
        "alerts/staff/issue.html",
        {"organisation": organisation, "form": form, "previews": previews},
    )


class TestSendForm(forms.Form):
    template = forms.ChoiceField(label=gettext_lazy("Template"))
    email = forms.EmailField(label=gettext_lazy("Send to"))
    language = forms.ChoiceField(label=gettext_lazy("Language"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _set_choices(self.fields["template"], [(k, k) for k in sorted(TEMPLATES)])
        _set_choices(
            self.fields["language"],
            [(lang.code, lang.native_name) for lang in registry().languages],
        )


@staff_required
@require_http_methods(["GET", "POST"])
def test_send(request: HttpRequest, org: str) -> HttpResponse:
    """Send one template, with sample values, to a staff member's address (not to residents)."""
    organisation, _roles = organisation_for(request.user, org, roles=ISSUERS)
    form = TestSendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        from kyosei.alerts.samples import sample_notice

        notice = sample_notice(form.cleaned_data["template"], organisation)
        message = render_notice(notice, form.cleaned_data["language"])
        subject = _("[TEST] %(title)s") % {"title": message.title}
        try:
            send_mail(
                subject, f"{message.body}\n\n{message.action}", None, [form.cleaned_data["email"]]
            )
        except OSError as exc:
            messages.error(
                request, _("The test message could not be sent: %(error)s") % {"error": exc}
            )
        else:
            services.record_test_send(
                actor=request.user,
                organisation=organisation,
                template=form.cleaned_data["template"],
                request=request,
            )
            messages.success(request, _("Test message sent."))
        return HttpResponseRedirect(reverse("alerts_staff:test-send", kwargs={"org": org}))
    return render(
        request, "alerts/staff/test_send.html", {"organisation": organisation, "form": form}
    )


class WebhookForm(forms.Form):
    url = forms.URLField(label=gettext_lazy("URL"), max_length=1000, assume_scheme="https")
    secret = forms.CharField(label=gettext_lazy("Signing secret"), min_length=16, max_length=100)
    include_drills = forms.BooleanField(label=gettext_lazy("Also send drills"), required=False)


@staff_required
@require_http_methods(["GET", "POST"])
def webhooks(request: HttpRequest, org: str) -> HttpResponse:
    organisation, _roles = organisation_for(request.user, org, roles=WEBHOOK_MANAGERS)
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_webhook(
                actor=request.user,
                organisation=organisation,
                url=form.cleaned_data["url"],
                secret=form.cleaned_data["secret"],
                include_drills=form.cleaned_data["include_drills"],
                request=request,
            )
        except ValueError as exc:
            form.add_error("url", str(exc))
        else:
            messages.success(request, _("Webhook added."))
            return HttpResponseRedirect(reverse("alerts_staff:webhooks", kwargs={"org": org}))
    hooks = Subscription.objects.filter(organisation=organisation, channel="webhook")
    return render(
        request,
        "alerts/staff/webhooks.html",
        {"organisation": organisation, "form": form, "hooks": hooks},
    )
