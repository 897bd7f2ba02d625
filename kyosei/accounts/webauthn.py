"""Passkeys (WebAuthn) as a second factor, via django-otp-webauthn, with our audit trail.

The package's views do the ceremonies; these subclasses add the audit record, and the
relying party's allowed origins come from settings so they follow SITE_URL.
"""

from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.urls import path
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from kyosei.audit.services import record


class KyoseiWebAuthnHelper(WebAuthnHelper):  # type: ignore[misc]
    def get_allowed_origins(self) -> list[str]:
        return list(settings.OTP_WEBAUTHN_ALLOWED_ORIGINS)


class AuditedRegistration(CompleteCredentialRegistrationView):  # type: ignore[misc]
    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        succeeded = response.status_code == 200
        record(
            actor=request.user,
            action="auth.passkey_registered" if succeeded else "auth.passkey_register_failed",
            request=request,
        )
        return response


class AuditedAuthentication(CompleteCredentialAuthenticationView):  # type: ignore[misc]
    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        succeeded = response.status_code == 200
        record(
            actor=request.user,
            action="auth.passkey_verified" if succeeded else "auth.passkey_failed",
            request=request,
        )
        return response


app_name = "otp_webauthn"

urlpatterns = [
    path(
        "registration/begin/",
        BeginCredentialRegistrationView.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        AuditedRegistration.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        AuditedAuthentication.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
