"""System checks for Web Push: a production server without usable VAPID keys would accept
subscriptions that can never be delivered to, and residents would wait for alerts in vain."""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

HINT = (
    "Generate a key pair once with `kyosei vapid_keys` and set the two lines it prints in the "
    "environment. Keep the pair: a new public key invalidates every existing subscription."
)
_BASE64URL = re.compile(r"^[A-Za-z0-9_-]+={0,2}$")


def _b64url(text: str) -> bytes | None:
    if not _BASE64URL.match(text):
        return None
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None


def _public_point(private_key: str) -> bytes | None:
    """The uncompressed public point of the private key, read exactly as delivery.py reads it
    (raw or DER, via py_vapid); None when it cannot be read."""
    from cryptography.hazmat.primitives import serialization
    from py_vapid import Vapid02

    if _b64url(private_key.replace("\n", "")) is None:
        return None
    try:
        signer = Vapid02.from_string(private_key)
    except Exception:  # py_vapid raises whatever its parsers raise for a bad key
        return None
    return bytes(
        signer.public_key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    )


def _valid_public(public_key: str) -> bool:
    from cryptography.hazmat.primitives.asymmetric import ec

    raw = _b64url(public_key)
    if raw is None or len(raw) != 65 or raw[0] != 4:
        return False
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    except ValueError:
        return False
    return True


@register(Tags.security)
def check_vapid_keys(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    # DEBUG and the test settings run on a published development key, on purpose.
    if settings.DEBUG or getattr(settings, "TESTING", False):
        return []
    private = settings.VAPID_PRIVATE_KEY.strip()
    public = settings.VAPID_PUBLIC_KEY.strip()
    errors: list[CheckMessage] = []
    if not private or not public:
        missing = [
            name
            for name, value in (("VAPID_PRIVATE_KEY", private), ("VAPID_PUBLIC_KEY", public))
            if not value
        ]
        return [
            Error(
                f"{' and '.join(missing)} not set: Web Push alerts cannot be sent.",
                hint=HINT,
                id="alerts.E001",
            )
        ]
    point = _public_point(private)
    if point is None:
        errors.append(
            Error(
                "VAPID_PRIVATE_KEY is not a base64url P-256 private key.",
                hint=HINT,
                id="alerts.E002",
            )
        )
    if not _valid_public(public):
        errors.append(
            Error(
                "VAPID_PUBLIC_KEY is not a base64url uncompressed P-256 public key.",
                hint=HINT,
                id="alerts.E003",
            )
        )
    elif point is not None and _b64url(public) != point:
        errors.append(
            Error(
                "VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY: push services would "
                "refuse every message.",
                hint="Set both keys from the same `kyosei vapid_keys` output.",
                id="alerts.E004",
            )
        )
    dev_private = getattr(settings, "_DEV_VAPID_PRIVATE", None)
    if dev_private and private == dev_private:
        errors.append(
            Error(
                "VAPID_PRIVATE_KEY is the published development key: anyone could sign pushes "
                "to your residents.",
                hint=HINT,
                id="alerts.E005",
            )
        )
    subject = settings.VAPID_SUBJECT
    if not subject.startswith(("mailto:", "https://")):
        errors.append(
            Error(
                "VAPID_SUBJECT must be a mailto: or https: URL (RFC 8292).",
                hint="Set VAPID_SUBJECT to an address push services can contact, "
                "e.g. mailto:alerts@your-city.example.",
                id="alerts.E006",
            )
        )
    elif re.search(r"[@/.]localhost(?:$|[:/>])|@localhost$", subject):
        errors.append(
            Warning(
                f"VAPID_SUBJECT is {subject!r}: push services use it to reach you about "
                "problems with your messages, and an address at localhost reaches nobody.",
                hint="Set VAPID_SUBJECT (or DEFAULT_FROM_EMAIL) to a real address.",
                id="alerts.W001",
            )
        )
    return errors
