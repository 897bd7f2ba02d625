"""Safe XML loading: defusedxml only, DTDs refused, UTF-8 only, bounded in size and time."""

from __future__ import annotations

import codecs
import importlib
import re
import time
from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element  # noqa: S405 - used as a type only; parsing is defused

from .errors import EncodingError, ForbiddenXml, LimitExceeded, MalformedXml

# defusedxml ships no type information; bind what we use through importlib so the package
# type-checks with and without the optional ``types-defusedxml`` stubs.
_defusedxml: Any = importlib.import_module("defusedxml")
_defused_et: Any = importlib.import_module("defusedxml.ElementTree")
_Parser: Callable[..., Any] = _defused_et.DefusedXMLParser
_TreeBuilder: Callable[[], Any] = importlib.import_module("xml.etree.ElementTree").TreeBuilder
_DefusedXmlException: type[Exception] = _defusedxml.DefusedXmlException
_ParseError: type[Exception] = _defused_et.ParseError

__all__ = ["MAX_BYTES", "MAX_MARKUP", "MAX_SECONDS", "load_root"]

#: Largest input accepted (bytes, or characters for str input). JMA's largest telegrams (a
#: nationwide VPWW54, a VPWP50) are about 550 KB.
MAX_BYTES = 5 * 1024 * 1024
#: Most markup ("<" characters: tags, comments) accepted. Building the tree costs 2.5-6 µs per
#: element (more when deeply nested), so this bounds the time before any is built; JMA's
#: largest telegrams have about 35 000.
MAX_MARKUP = 100_000
#: Longest time spent reading one document; checked between chunks of CHUNK bytes. Every step
#: is linear (UTF-8 only, no entities), so a real telegram takes milliseconds.
MAX_SECONDS = 2.0
CHUNK = 64 * 1024

_DECL_RE = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*([\"'])([^\"']*)\1[^>]*\?>")
# JMA publishes UTF-8 only. Any other codec is refused before anything is decoded: Python's
# codec registry also holds bytes-to-bytes transforms (base64, zlib, rot13, uu ...), codecs
# with quadratic decoders (punycode) and "undefined", none of which is an XML encoding.
_UTF8 = {"utf-8", "utf8"}
_FOREIGN_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_STR_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")


def _check_utf8(data: bytes) -> bytes:
    """The bytes expat is given: UTF-8, with or without a UTF-8 BOM and declaration."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith(_FOREIGN_BOMS):
        raise EncodingError("only UTF-8 is accepted: the input starts with a UTF-16/32 BOM")
    m = _DECL_RE.match(data)
    if m is not None:
        declared = m.group(2).decode("ascii", "replace").strip().lower()
        if declared not in _UTF8:
            raise EncodingError(f"only UTF-8 is accepted, the XML prolog declares {declared!r}")
        return data[m.end() :]  # expat's default is UTF-8; it does not know the name "utf8"
    return data


def _feed(raw: bytes, deadline: float) -> Element:
    parser = _Parser(
        target=_TreeBuilder(), forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    for start in range(0, len(raw), CHUNK):
        parser.feed(raw[start : start + CHUNK])
        if time.monotonic() > deadline:
            raise LimitExceeded(f"reading the XML took longer than {MAX_SECONDS} s")
    root: Element = parser.close()
    return root


def load_root(data: bytes | str) -> Element:
    """Parse untrusted XML into an Element, raising only JmaParseError subclasses."""
    deadline = time.monotonic() + MAX_SECONDS
    if isinstance(data, str):
        if len(data) > MAX_BYTES:
            raise LimitExceeded(f"input larger than {MAX_BYTES} characters")
        raw = _STR_DECL_RE.sub("", data, count=1).encode("utf-8", "surrogatepass")
    elif isinstance(data, bytes | bytearray | memoryview):
        if len(data) > MAX_BYTES:
            raise LimitExceeded(f"input larger than {MAX_BYTES} bytes")
        raw = _check_utf8(bytes(data))
    else:
        raise TypeError(f"parse() expects bytes or str, not {type(data).__name__}")
    if raw.count(b"<") > MAX_MARKUP:
        raise LimitExceeded(f"more than {MAX_MARKUP} tags")
    if not raw.strip():
        raise MalformedXml("empty input")
    try:
        return _feed(raw, deadline)
    except _DefusedXmlException as exc:
        raise ForbiddenXml(f"refused unsafe XML construct: {exc!r}") from None
    except _ParseError as exc:
        raise MalformedXml(f"malformed or truncated XML: {exc}") from None
    except LookupError as exc:  # expat asking Python for an encoding it does not know
        raise EncodingError(f"only UTF-8 is accepted: {exc}") from None
    except (ValueError, UnicodeError, RecursionError) as exc:
        raise MalformedXml(f"unreadable XML: {type(exc).__name__}: {exc}") from None
