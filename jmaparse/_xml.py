"""Safe XML loading: defusedxml only, DTDs refused, declared encodings honoured."""

from __future__ import annotations

import codecs
import importlib
import re
from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element  # noqa: S405 - used as a type only; parsing is defused

from .errors import EncodingError, ForbiddenXml, MalformedXml

# defusedxml ships no type information; bind what we use through importlib so the package
# type-checks with and without the optional ``types-defusedxml`` stubs.
_defusedxml: Any = importlib.import_module("defusedxml")
_defused_et: Any = importlib.import_module("defusedxml.ElementTree")
_fromstring: Callable[..., Element] = _defused_et.fromstring
_DefusedXmlException: type[Exception] = _defusedxml.DefusedXmlException
_ParseError: type[Exception] = _defused_et.ParseError

__all__ = ["load_root"]

_DECL_RE = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*([\"'])([A-Za-z0-9._\-]+)\1[^>]*\?>")
_NATIVE = {"utf-8", "utf8"}
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_STR_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")


def _to_utf8(data: bytes) -> bytes:
    """Return UTF-8 bytes with a matching (or no) encoding declaration.

    expat only knows a few encodings natively; JMA telegrams are UTF-8, but other producers may
    re-encode them (Shift_JIS, EUC-JP, UTF-16 ...). We decode with Python's codec named in the
    prolog (or the BOM) and hand expat UTF-8 with the declaration removed.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise EncodingError(f"input does not decode as {enc}: {exc}") from None
            return _STR_DECL_RE.sub("", text.lstrip("\ufeff"), count=1).encode("utf-8")
    m = _DECL_RE.match(data)
    if m is None:
        return data  # no declaration: XML default is UTF-8; expat validates it
    declared = m.group(2).decode("ascii").lower()
    if declared in _NATIVE:
        return data
    try:
        codec = codecs.lookup(declared)
    except LookupError:
        raise EncodingError(f"unknown encoding declared in XML prolog: {declared!r}") from None
    try:
        text = data.decode(codec.name)
    except UnicodeDecodeError as exc:
        raise EncodingError(f"input does not decode as declared {declared!r}: {exc}") from None
    return _STR_DECL_RE.sub("", text, count=1).encode("utf-8")


def load_root(data: bytes | str) -> Element:
    """Parse untrusted XML into an Element, raising only JmaParseError subclasses."""
    if isinstance(data, str):
        raw = _STR_DECL_RE.sub("", data, count=1).encode("utf-8")
    elif isinstance(data, bytes | bytearray | memoryview):
        raw = _to_utf8(bytes(data))
    else:
        raise TypeError(f"parse() expects bytes or str, not {type(data).__name__}")
    if not raw.strip():
        raise MalformedXml("empty input")
    try:
        return _fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except _DefusedXmlException as exc:
        raise ForbiddenXml(f"refused unsafe XML construct: {exc!r}") from None
    except _ParseError as exc:
        raise MalformedXml(f"malformed or truncated XML: {exc}") from None
    except (ValueError, UnicodeError) as exc:  # e.g. expat encoding failures
        raise MalformedXml(f"unreadable XML: {exc}") from None
