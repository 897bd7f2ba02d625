"""Readings of municipality names, from data rather than from MeCab's guess.

MeCab reads 大泉町 as おおいずみちょう; the town is おおいずみまち. JMA's municipality table
(気象庁 個別コード表 AreaInformationCity, 出典：気象庁) gives every municipality's reading, so
readings come from that table:

* `data/places.tsv` ships the municipalities of the demo (name, reading, JMA code, source),
  copied row by row from that table;
* `load_jma_city_table(path)` reads the whole table (the CSV packaging of JMA's code
  dictionary, no header row: code, full name, name, reading, …, short name, reading,
  prefecture + name, reading) and `register_place_readings()` adds what it returns for this
  process; the environment variable YASASHII_PLACE_READINGS names such a file (or a TSV in
  the format of data/places.tsv) to load on first use.
"""

from __future__ import annotations

import csv
import os
import re
import threading
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from .resources import read_tsv

_registered: dict[str, str] = {}
_lock = threading.Lock()
_KANA = re.compile(r"^[ぁ-ゖー]+$")
ENV_VAR = "YASASHII_PLACE_READINGS"


@cache
def _shipped() -> dict[str, str]:
    return {row[0]: row[1] for row in read_tsv("places.tsv") if len(row) >= 2}


@cache
def _from_environment() -> dict[str, str]:
    path = os.environ.get(ENV_VAR)
    return load_place_file(Path(path)) if path else {}


def load_place_file(path: Path) -> dict[str, str]:
    """A JMA AreaInformationCity CSV, or a TSV of name and reading per line."""
    if path.suffix.lower() == ".csv":
        return load_jma_city_table(path)
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and not line.startswith("#") and _KANA.match(fields[1]):
            table[fields[0]] = fields[1]
    return table


def load_jma_city_table(path: Path) -> dict[str, str]:
    """Name → reading for every municipality of JMA's AreaInformationCity table.

    Besides the name itself (浜松市, 大泉町) it yields the prefecture + name (群馬県大泉町) and
    the wards of designated cities written as residents write them (浜松市中央区: JMA's row
    gives only 浜松中央区, the city's own row gives 浜松市).
    """
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.reader(handle) if len(row) >= 17]
    table: dict[str, str] = {}
    ambiguous: set[str] = set()  # 府中町 and the like: one name, readings that differ
    cities: dict[str, tuple[str, str]] = {}  # full name (静岡県浜松市) -> (name, reading)
    for row in rows:
        for key, value in ((row[2], row[3]), (row[13], row[14]), (row[15], row[16])):
            usable = key and _KANA.match(value) and "「" not in key
            if usable and table.setdefault(key, value) != value:
                ambiguous.add(key)
        if row[15] and row[16]:
            cities[row[15]] = (row[2] or row[13], row[3] or row[14])
    for row in rows:
        full, short, short_reading = row[1], row[13], row[14]
        if "のうち" not in full or not short or not short_reading:
            continue
        city_full, ward = full.split("のうち", 1)
        city = cities.get(city_full)
        if city is None or not city[0].endswith("市") or not short.endswith(ward):
            continue
        prefix = short[: -len(ward)]  # 浜松 of 浜松中央区
        city_name, city_reading = city
        prefix_reading = city_reading.removesuffix("し")
        if city_name != prefix + "市" or not short_reading.startswith(prefix_reading):
            continue
        table[city_name + ward] = city_reading + short_reading[len(prefix_reading) :]
    for key in ambiguous:
        del table[key]
    return table


def register_place_readings(readings: Mapping[str, str]) -> None:
    """Add readings for this process (the portal loads the whole JMA table at start-up)."""
    with _lock:
        _registered.update(
            (name, reading) for name, reading in readings.items() if _KANA.match(reading)
        )
        place_pattern.cache_clear()


def place_readings() -> dict[str, str]:
    table = dict(_shipped())
    table.update(_from_environment())
    table.update(_registered)
    return table


@cache
def place_pattern() -> re.Pattern[str] | None:
    names = sorted(place_readings(), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names)) if names else None


def find_places(text: str) -> dict[int, tuple[int, str]]:
    """Start offset → (end, reading) of every known place name in *text* (longest first)."""
    pattern = place_pattern()
    if pattern is None:
        return {}
    readings = place_readings() if _registered or _from_environment() else _shipped()
    return {m.start(): (m.end(), readings[m.group()]) for m in pattern.finditer(text)}
