"""Finding people again: the key a nickname or reference is searched by.

Staff type what they hear or read: "R.T", "RT", "r t", full-width "Ｒ．Ｔ．" from a Japanese
input method. All must find the client registered as "R.T.". The key is the nickname after
NFKC (full-width to ASCII), upper-cased, with everything but letters, digits and combining
marks removed (a Devanagari vowel sign is a mark and stays). It is stored in clear like the
nickname itself, indexed per organisation, so search stays one index lookup at a million rows.
"""

from __future__ import annotations

import unicodedata

KEY_LENGTH = 60


def search_key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).upper()
    kept = "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LNM")
    # Only punctuation (the anonymised "—"): keep it as typed, so it matches only itself.
    return (kept or folded.strip())[:KEY_LENGTH]
