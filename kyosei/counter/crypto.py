"""Field-level encryption for case data, with keys kept outside the database.

settings.FIELD_ENCRYPTION_KEYS is a list of Fernet keys: the first encrypts, every key decrypts
(MultiFernet), so rotating means "put the new key first, run `kyosei counter rotate-keys`,
then drop the old key".
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

# Development and test only: derived from SECRET_KEY so a demo database stays readable across
# restarts. Never used when both DEBUG and KYOSEI_TESTING are off.
DEVELOPMENT_KEY_LABEL = "kyosei-development-field-key-NOT-FOR-PRODUCTION"


class DecryptionError(RuntimeError):
    """A stored value could not be decrypted with any configured key."""


def development_key() -> bytes:
    digest = hashlib.sha256(f"{DEVELOPMENT_KEY_LABEL}:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


def configured_keys() -> tuple[str, ...]:
    keys = tuple(k for k in getattr(settings, "FIELD_ENCRYPTION_KEYS", []) if k)
    if keys:
        return keys
    if settings.DEBUG or getattr(settings, "TESTING", False):
        return (development_key().decode(),)
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEYS must be set (comma-separated Fernet keys) when DEBUG is off; "
        "generate one with: python -c 'from cryptography.fernet import Fernet; "
        "print(Fernet.generate_key().decode())'"
    )


@lru_cache(maxsize=8)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key"
        ) from error


def fernet() -> MultiFernet:
    # Keyed on the key tuple, so override_settings in tests and rotation both see new keys.
    return _fernet_for(configured_keys())


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return fernet().decrypt(token)
    except InvalidToken as error:
        raise DecryptionError("no configured key decrypts this value") from error


def rotate_token(token: bytes) -> bytes:
    """Re-encrypt with the first key (MultiFernet.rotate keeps the original timestamp)."""
    try:
        return fernet().rotate(token)
    except InvalidToken as error:
        raise DecryptionError("no configured key decrypts this value") from error


def encrypt_text(value: str) -> str:
    return encrypt_bytes(value.encode()).decode("ascii")


def decrypt_text(token: str) -> str:
    return decrypt_bytes(token.encode("ascii")).decode()


SEARCH_KEY_LABEL = "kyosei-counter-blind-index"


def search_key_bytes() -> bytes:
    """The key of the blind indexes: COUNTER_SEARCH_KEY, else derived from SECRET_KEY.
    Changing it needs `kyosei counter rotate-keys`, which recomputes the indexes."""
    configured = getattr(settings, "COUNTER_SEARCH_KEY", "")
    secret = configured or f"{SEARCH_KEY_LABEL}:{settings.SECRET_KEY}"
    return hashlib.sha256(secret.encode()).digest()


def blind_index(organisation_id: int, value: str) -> str:
    """A keyed hash of `value` for one organisation: equal values match within it, nothing
    links them across organisations, and without the key a dump cannot test guesses."""
    message = f"{organisation_id}:{value}".encode()
    return hmac.new(search_key_bytes(), message, hashlib.sha256).hexdigest()


class Ciphertext(str):
    """A value that is already a token (bulk seeding, rotation): stored as is."""


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Text stored as a Fernet token; the model instance holds plaintext.

    Not searchable or sortable in the database, by design: the database never sees the text.
    Empty strings stay empty (an empty narrative reveals nothing worth hiding).
    """

    description = "Text encrypted with the configured field keys"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return decrypt_text(value)

    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, Ciphertext):
            return str(value)
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(str(value))
