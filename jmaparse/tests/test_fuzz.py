"""Seeded, bounded fuzzing of the shared samples: only documented errors, none slow.

Each case mutates a real or official telegram the way hostile or broken input does: another
codec declared, truncation, an entity bomb, huge numbers, deep nesting, random bytes. The
contract is that ``parse`` returns a telegram or raises a :class:`JmaParseError` subclass
(documented in ``jmaparse.errors``) and never anything else; 1 s per case is far above the
milliseconds a case takes, so the bound catches only a pathological path (a quadratic codec,
an entity expansion), not a slow machine.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from jmaparse import JmaParseError, parse

SEED = 20261207
CASES_PER_SAMPLE = 40
SAMPLES = [
    "32-35_07_06_240613_VXSE53.xml",
    "32-39_11_02_250206_VTSE41.xml",
    "32-39_12_11_250206_VTSE51.xml",
    "15_16_03_241226_VPWW55.xml",
    "45_01_01_200522_VFVO50.xml",
    "77_01_10_240613_VXSE45.xml",
]
CODECS = [
    "rot13", "hex", "base64", "zlib", "bz2", "uu", "quopri", "undefined", "punycode",
    "Shift_JIS", "UTF-16", "utf-32", "idna", "raw_unicode_escape", "x-unknown",
]  # fmt: skip
BOMB = (
    b'<!DOCTYPE Report [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)
NUMBER_TAGS = rb"(Serial|jmx_eb:Magnitude|jmx_eb:Coordinate|jmx_eb:TsunamiHeight|MaxLgInt|LgInt)"
HUGE = [b"99999999999999999999", b"1e999", b"-1e999", b"9" * 5000, b"+9" + b"9" * 400, b"NaN"]

Mutation = Callable[[bytes, random.Random], bytes]


def declare(data: bytes, rng: random.Random) -> bytes:
    codec = rng.choice(CODECS).encode()
    return re.sub(rb'encoding="[^"]*"', b'encoding="' + codec + b'"', data, count=1)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def entity_bomb(data: bytes, rng: random.Random) -> bytes:
    end = data.index(b"?>") + 2
    body = data[end:].replace(b"<Title>", b"<Title>&d;", 1)
    return data[:end] + BOMB + body


def huge_number(data: bytes, rng: random.Random) -> bytes:
    value = rng.choice(HUGE)
    return re.sub(rb"<" + NUMBER_TAGS + rb"([^>]*)>[^<]*<", rb"<\1\2>" + value + b"<", data)


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([1000, 50_000, 300_000])
    return data.replace(b"</Head>", b"<x>" * depth + b"</x>" * depth + b"</Head>", 1)


def random_bytes(data: bytes, rng: random.Random) -> bytes:
    mutated = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        mutated[rng.randrange(len(mutated))] = rng.choice(b"<>/&\"'0123456789-+:TZ \x00\xff")
    return bytes(mutated)


MUTATIONS: list[Mutation] = [
    declare, truncate, entity_bomb, huge_number, deep_nesting, random_bytes
]  # fmt: skip


def test_fuzzed_samples_raise_only_documented_errors_quickly(samples_dir: Path) -> None:
    rng = random.Random(SEED)
    slowest, outcomes = 0.0, {"ok": 0, "error": 0}
    seen_errors: set[str] = set()
    for name in SAMPLES:
        data = (samples_dir / name).read_bytes()
        for _ in range(CASES_PER_SAMPLE):
            mutate = rng.choice(MUTATIONS)
            mutated = mutate(data, rng)
            started = time.perf_counter()
            try:
                parse(mutated)
                outcomes["ok"] += 1
            except JmaParseError as exc:
                outcomes["error"] += 1
                seen_errors.add(type(exc).__name__)
            elapsed = time.perf_counter() - started
            slowest = max(slowest, elapsed)
            assert elapsed < 1.0, f"{mutate.__name__} on {name} took {elapsed:.2f} s"
    assert sum(outcomes.values()) == len(SAMPLES) * CASES_PER_SAMPLE
    # The mutations do reach the errors they are meant to provoke.
    expected = {"EncodingError", "MalformedXml", "ForbiddenXml", "OutOfRange", "LimitExceeded"}
    assert expected <= seen_errors, seen_errors
