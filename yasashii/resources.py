"""Data files are read once per process."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def _read(name: str) -> str:
    return (resources.files("yasashii") / "data" / name).read_text(encoding="utf-8")


@cache
def read_lines(name: str) -> tuple[str, ...]:
    lines = (line.strip() for line in _read(name).splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@cache
def read_json(name: str) -> Any:
    return json.loads(_read(name))


@cache
def read_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(line.split("\t")) for line in read_lines(name))
