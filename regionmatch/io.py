"""Bytes in, bytes out: JSON decoding (orjson) and the result document of the CLI contract."""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
import orjson

from .errors import InputError
from .mechanisms import Matching
from .model import Instance, parse_document

__all__ = ["dump", "load", "load_file", "result_document"]


def load(data: bytes) -> Instance:
    """Decode and validate; every problem is an :class:`InputError` with one line."""
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc}") from None
    return parse_document(doc, consume=True)


def load_file(path: str) -> Instance:
    """Like :func:`load` for a file name or ``-`` (stdin), holding the raw bytes only while
    they are decoded (at a million seekers they are 200 MB beside the decoded document)."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc}") from None
    del data
    return parse_document(doc, consume=True)


def result_document(instance: Instance, matching: Matching) -> dict[str, Any]:
    job_ids: list[str | None] = [*instance.job_ids, None]
    # -1 (unmatched) indexes the trailing None
    names = [job_ids[j] for j in matching.job_of.tolist()]
    matched = matching.job_of[matching.job_of >= 0]
    regions = instance.job_region[matched]
    filled = np.bincount(regions[regions >= 0], minlength=len(instance.region_ids)).tolist()
    return {
        "mechanism": matching.mechanism,
        "assignment": dict(zip(instance.seeker_ids, names, strict=True)),
        "matched": len(matched),
        "by_region": {
            rid: {"cap": cap, "filled": fill}
            for rid, cap, fill in zip(
                instance.region_ids, instance.region_cap.tolist(), filled, strict=True
            )
        },
    }


def dump(document: dict[str, Any]) -> bytes:
    return orjson.dumps(document)
