"""Receipt codes: 20 symbols of a 32-letter alphabet (100 bits), read aloud in groups of four,
stored only as a scrypt hash.

The hash has a fixed, public salt so that a code can be found by its hash; with 100 bits of
randomness no salt is needed against guessing, and scrypt makes a stolen table of hashes
costly to test codes against.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata

from kyosei.counter.services import REFERENCE_ALPHABET

CODE_LENGTH = 20
GROUP = 4
SALT = b"kyosei-reporting-receipt-v1"
# 16 MiB and about 50 ms per hash on one core.
SCRYPT_N = 2**14
SCRYPT_R = 8


def new_code() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(CODE_LENGTH))


def grouped(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalise(typed: str) -> str:
    """What the reporter typed, without spaces, hyphens or full-width forms, upper-cased."""
    folded = unicodedata.normalize("NFKC", typed).upper()
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())[: CODE_LENGTH + 8]


def is_well_formed(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(ch in REFERENCE_ALPHABET for ch in code)


def code_hash(code: str) -> str:
    return hashlib.scrypt(
        code.encode("ascii"), salt=SALT, n=SCRYPT_N, r=SCRYPT_R, p=1, dklen=32, maxmem=64 << 20
    ).hex()
