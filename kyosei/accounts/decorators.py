from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_otp import user_has_device


def _redirect(view_name: str, request: HttpRequest) -> HttpResponse:
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse(view_name)}?{query}")


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in with a password AND a second factor; enrolment is forced on first sign-in."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return _redirect("accounts:login", request)
        if not user.is_verified():  # type: ignore[attr-defined]  # added by OTPMiddleware
            if user_has_device(user):
                return _redirect("accounts:mfa", request)
            return _redirect("accounts:mfa-setup", request)
        return view(request, *args, **kwargs)

    # Marks the view for the outsider test, which checks every staff view for tenancy leaks.
    wrapped.kyosei_staff_view = True  # type: ignore[attr-defined]
    return wrapped
