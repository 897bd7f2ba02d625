import base64
import binascii
import enum
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from kyosei.audit.services import record

ENROLMENT_DEVICE_NAME = "authenticator (pending)"


@dataclass(frozen=True)
class DeviceSummary:
    name: str
    kind: str


def has_passkey(user: Any) -> bool:
    return bool(WebAuthnCredential.objects.filter(user=user, confirmed=True).exists())


def devices_of(user: Any) -> list[DeviceSummary]:
    totp = [DeviceSummary(d.name, "TOTP") for d in confirmed_totp_devices(user)]
    passkeys = [
        DeviceSummary(str(d.name), "passkey")
        for d in WebAuthnCredential.objects.filter(user=user, confirmed=True)
    ]
    return totp + passkeys


def confirmed_totp_devices(user: Any) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.filter(user=user, confirmed=True))


def pending_totp_device(user: Any) -> TOTPDevice:
    """The unconfirmed device shown during enrolment, created once and reused on reload."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=ENROLMENT_DEVICE_NAME, confirmed=False)
    return device


def base32_secret(device: TOTPDevice) -> str:
    return base64.b32encode(binascii.unhexlify(device.key)).decode("ascii")


def provisioning_uri(device: TOTPDevice) -> str:
    return str(device.config_url)


class Verification(enum.Enum):
    VERIFIED = "verified"
    WRONG = "wrong"
    THROTTLED = "throttled"


def verify_second_factor(*, request: HttpRequest, user: Any, token: str) -> Verification:
    """Check a TOTP code. After each failure django-otp makes the next try wait longer."""
    throttled = False
    for device in confirmed_totp_devices(user):
        verify_allowed, _ = device.verify_is_allowed()
        if not verify_allowed:
            throttled = True
            continue
        if device.verify_token(token):
            otp_login(request, device)
            record(actor=user, action="auth.mfa_verified", request=request)
            return Verification.VERIFIED
    record(actor=user, action="auth.mfa_failed", request=request, data={"throttled": throttled})
    return Verification.THROTTLED if throttled else Verification.WRONG


@transaction.atomic
def confirm_enrolment(*, request: HttpRequest, user: Any, token: str) -> bool:
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        record(actor=user, action="auth.mfa_enrol_failed", request=request)
        return False
    device.confirmed = True
    device.name = "authenticator"
    device.save(update_fields=["confirmed", "name"])
    otp_login(request, device)
    record(actor=user, action="auth.mfa_enrolled", target=device, request=request)
    return True


def set_demo_totp(*, user: Any, base32_key: str) -> TOTPDevice:
    """Demo mode only: a known secret so people trying Kyosei can sign in."""
    if not settings.DEMO_MODE and not settings.DEBUG:
        raise RuntimeError("Demo TOTP secrets are refused outside demo mode.")
    hex_key = binascii.hexlify(base64.b32decode(base32_key)).decode("ascii")
    device, _ = TOTPDevice.objects.update_or_create(
        user=user, name="demo authenticator", defaults={"key": hex_key, "confirmed": True}
    )
    return device
