"""Finding people again: the key a nickname or reference is searched by.

Staff type what they hear or read: "R.T", "RT", "r t", full-width "Ｒ．Ｔ．" from a Japanese
input method. All must find the client registered as "R.T.". The key is the nickname after
NFKC (full-width to ASCII), upper-cased, with everything but letters, digits and combining
marks removed (a Devanagari vowel sign is a mark and stays). It is stored in clear like the
nickname itself, indexed per organisation, so search stays one index lookup at a million rows.
"""

from __future__ import annotations

import re
import unicodedata

KEY_LENGTH = 60


def search_key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).upper()
    kept = "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LNM")
    # Only punctuation (the anonymised "—"): keep it as typed, so it matches only itself.
    return (kept or folded.strip())[:KEY_LENGTH]


# --- references: a part read aloud ----------------------------------------------------------

REFERENCE_CHARACTERS = frozenset("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
MIN_REFERENCE_PART = 4
REFERENCE_LENGTH = 16


def reference_part(text: str) -> str:
    """The start or end of a reference staff read out ("k7qm", "K7-QM", "Ｋ７ＱＭ"), or ""
    when the text cannot be one: fewer than four characters (too many matches), or a
    character no reference has (O, I, 0, 1)."""
    key = search_key(text)
    if len(key) < MIN_REFERENCE_PART or len(key) > REFERENCE_LENGTH:
        return ""
    return key if set(key) <= REFERENCE_CHARACTERS else ""


def reference_range(part: str) -> tuple[str, str]:
    """Every reference starting with `part` lies in this range: its characters sort
    between "2" and "Z" in any collation (digits before letters, upper case only), so the
    ordinary (organisation, reference) index answers a prefix on SQLite and PostgreSQL."""
    return part, part + "Z" * (REFERENCE_LENGTH - len(part))


# --- phone numbers ---------------------------------------------------------------------------

_PHONE_CANDIDATE = re.compile(r"\+?\(?\d[\d\s\-().‐‑–—/]{5,}\d")
_PHONE_CHARACTERS = re.compile(r"[\d\s+\-().‐‑–—/]+")
JAPAN_CODE = "81"


def normalise_phone(text: str) -> str:
    """One form for every way a number is written, or "" if it is not one: "090-1234-5678",
    "(090) 1234 5678", "+81 90 1234 5678", "+81 (0)90…", "0081 90…", "010 81 90…" (Japan's
    international prefix) and full-width digits all give "09012345678"; a foreign number
    keeps its country code ("+5511987654321")."""
    folded = unicodedata.normalize("NFKC", text).strip()
    digits = "".join(ch for ch in folded if ch.isdigit() and ch.isascii())
    international = folded.startswith("+")
    for prefix in ("00", "010"):
        if not international and digits.startswith(prefix) and len(digits) > 11:
            digits, international = digits[len(prefix) :], True
    if international:
        if digits.startswith(JAPAN_CODE):
            national = digits[len(JAPAN_CODE) :]
            digits = national if national.startswith("0") else "0" + national
        else:
            digits = "+" + digits
    if not 7 <= len(digits.lstrip("+")) <= 15:
        return ""
    return digits


def phone_numbers(contact: str) -> list[str]:
    """The normalised phone numbers in free-text contact details."""
    folded = unicodedata.normalize("NFKC", contact)
    found = (normalise_phone(match) for match in _PHONE_CANDIDATE.findall(folded))
    return sorted({number for number in found if number})


def phone_query(text: str) -> str:
    """The normalised number a search is for, or "" if the search is not a phone number."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded or not _PHONE_CHARACTERS.fullmatch(folded):
        return ""
    return normalise_phone(folded)
