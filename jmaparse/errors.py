"""Exception hierarchy of :mod:`jmaparse`.

Every failure raised by :func:`jmaparse.parse` is a :class:`JmaParseError` subclass, so callers can
catch one type. Nothing else (no ``xml.etree`` ``ParseError``, no ``ValueError``) escapes.
"""

from __future__ import annotations

__all__ = [
    "EncodingError",
    "ForbiddenXml",
    "InvalidTelegram",
    "JmaParseError",
    "LimitExceeded",
    "MalformedXml",
    "OutOfRange",
    "UnsupportedTelegram",
]


class JmaParseError(Exception):
    """Base class: the input could not be turned into a telegram."""


class MalformedXml(JmaParseError):
    """The input is not well-formed XML (syntax error, truncated document, empty input)."""


class EncodingError(MalformedXml):
    """The input is not UTF-8: another encoding is declared in the XML prolog (Shift_JIS,
    UTF-16, or a codec that is no text encoding at all: base64, zlib, rot13, punycode ...), it
    starts with a UTF-16/32 byte-order mark, or its bytes are not valid UTF-8. JMA publishes
    UTF-8 only, so nothing else is decoded."""


class LimitExceeded(JmaParseError):
    """The input is larger than :data:`jmaparse.MAX_BYTES`, has more than
    :data:`jmaparse.MAX_MARKUP` tags, or reading it took longer than
    :data:`jmaparse.MAX_SECONDS`. Size and tags are checked before the XML is read, time
    while it is read."""


class ForbiddenXml(JmaParseError):
    """The document uses DTDs, entity declarations or external references (XXE, entity bombs).

    JMA telegrams never contain a DOCTYPE, so any is refused before expansion.
    """


class InvalidTelegram(JmaParseError):
    """Well-formed XML that is not a valid JMA telegram (wrong root or namespace, a missing or
    malformed required element such as Control/DateTime, an unknown Status or InfoType)."""


class OutOfRange(InvalidTelegram):
    """A number or time outside what a telegram can hold: a Head/Serial outside
    0 … :data:`jmaparse.MAX_SERIAL`, an infinite or not-a-number value, a datetime outside the
    years :data:`jmaparse.YEARS` (in UTC)."""


class UnsupportedTelegram(JmaParseError):
    """A structurally valid JMA telegram whose Control/Title names a type this package does not
    know at all. Types known but deliberately not modelled are returned as
    :class:`jmaparse.IgnoredTelegram` instead."""

    def __init__(self, title: str) -> None:
        super().__init__(f"unsupported JMA telegram type: Control/Title={title!r}")
        self.title = title
