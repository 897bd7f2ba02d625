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
    "MalformedXml",
    "UnsupportedTelegram",
]


class JmaParseError(Exception):
    """Base class: the input could not be turned into a telegram."""


class MalformedXml(JmaParseError):
    """The input is not well-formed XML (syntax error, truncated document, empty input)."""


class EncodingError(MalformedXml):
    """The declared encoding is unknown, or the bytes do not decode with it."""


class ForbiddenXml(JmaParseError):
    """The document uses DTDs, entity declarations or external references (XXE, entity bombs).

    JMA telegrams never contain a DOCTYPE, so any is refused before expansion.
    """


class InvalidTelegram(JmaParseError):
    """Well-formed XML that is not a valid JMA telegram (wrong root or namespace, a missing or
    malformed required element such as Control/DateTime, an unknown Status or InfoType)."""


class UnsupportedTelegram(JmaParseError):
    """A structurally valid JMA telegram whose Control/Title names a type this package does not
    know at all. Types known but deliberately not modelled are returned as
    :class:`jmaparse.IgnoredTelegram` instead."""

    def __init__(self, title: str) -> None:
        super().__init__(f"unsupported JMA telegram type: Control/Title={title!r}")
        self.title = title
