from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import user_has_device

from kyosei.accounts import services
from kyosei.accounts.decorators import staff_required
from kyosei.accounts.forms import SignInForm, TokenForm
from kyosei.audit.services import record


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("console:home")


def _with_next(view_name: str, next_url: str) -> str:
    from urllib.parse import urlencode

    return f"{reverse(view_name)}?{urlencode({'next': next_url})}"


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = form.get_user()
            login(request, user)
            record(actor=user, action="auth.login", request=request)
            target = "accounts:mfa" if user_has_device(user) else "accounts:mfa-setup"
            return HttpResponseRedirect(_with_next(target, _next_url(request)))
        record(
            actor=None,
            action="auth.login_failed",
            request=request,
            data={"username": request.POST.get("username", "")[:150]},
        )
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


@never_cache
@login_required(login_url="accounts:login")
@require_http_methods(["GET", "POST"])
def mfa(request: HttpRequest) -> HttpResponse:
    if not user_has_device(request.user):
        return HttpResponseRedirect(_with_next("accounts:mfa-setup", _next_url(request)))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = services.verify_second_factor(
            request=request, user=request.user, token=form.cleaned_data["token"]
        )
        if outcome is services.Verification.VERIFIED:
            return HttpResponseRedirect(_next_url(request))
        if outcome is services.Verification.THROTTLED:
            form.add_error("token", _("Too many wrong codes. Wait a little, then try again."))
        else:
            form.add_error("token", _("That code is not correct or has expired. Try the new code."))
    context = {
        "form": form,
        "next": _next_url(request),
        "has_passkey": services.has_passkey(request.user),
    }
    return render(request, "accounts/mfa.html", context)


@never_cache
@login_required(login_url="accounts:login")
@require_http_methods(["GET", "POST"])
def mfa_setup(request: HttpRequest) -> HttpResponse:
    if user_has_device(request.user):
        return HttpResponseRedirect(_with_next("accounts:mfa", _next_url(request)))
    device = services.pending_totp_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.confirm_enrolment(
            request=request, user=request.user, token=form.cleaned_data["token"]
        ):
            messages.success(request, _("Two-step sign-in is now on for your account."))
            return HttpResponseRedirect(_next_url(request))
        form.add_error("token", _("That code is not correct or has expired. Try the new code."))
    uri = services.provisioning_uri(device)
    context: dict[str, Any] = {
        "form": form,
        "next": _next_url(request),
        "qr_svg_data_uri": segno.make(uri, error="m").svg_data_uri(scale=4),
        "secret": services.base32_secret(device),
    }
    return render(request, "accounts/mfa_setup.html", context)


@staff_required
@require_http_methods(["GET"])
def security(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/security.html", {"devices": services.devices_of(request.user)})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        record(actor=request.user, action="auth.logout", request=request)
    logout(request)
    return redirect("accounts:login")


@sensitive_post_parameters()
@staff_required
@require_http_methods(["GET", "POST"])
def change_password(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        record(actor=user, action="auth.password_changed", request=request)
        messages.success(request, _("Your password has been changed."))
        return redirect("console:home")
    return render(request, "accounts/password.html", {"form": form})
