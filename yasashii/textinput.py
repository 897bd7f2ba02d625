"""Validation of text given to the CLI: size, encoding and whether it is Japanese at all."""

from __future__ import annotations

import re

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff々]")
_KANA = re.compile(r"[\u3040-\u30ff]")
# Letters of scripts that never appear in Japanese text (Hangul, Cyrillic, Arabic, Thai, ...).
_FOREIGN_SCRIPT = re.compile(
    r"[\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0e00-\u0e7f\u0900-\u097f\uac00-\ud7af\u1100-\u11ff]"
)


class InputError(ValueError):
    """Text that the engine cannot work on; the message is one plain line."""


def decode(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    if len(data) > max_bytes:
        raise InputError(f"input is larger than the limit of {max_bytes} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"input is not valid UTF-8 (byte {error.start})") from None
    return validate(text)


def validate(text: str) -> str:
    if "\x00" in text:
        raise InputError("input contains NUL bytes; is it a binary file?")
    if not text.strip():
        raise InputError("empty text")
    japanese = len(_JAPANESE.findall(text))
    if japanese == 0:
        raise InputError("no Japanese text found")
    foreign = len(_FOREIGN_SCRIPT.findall(text))
    if foreign > japanese or (not _KANA.search(text) and foreign):
        raise InputError("text mixes Japanese with another script; mostly not Japanese")
    return text
