"""Area names per language and the import of JMA's official code tables.

Translated names live in data/area_names/<language-code>.json (shape:
{"prefecture": {"22": "Shizuoka"}, "tsunami": {...}, "subdivision": {...}, "epicentre": {...},
"municipality": {...}}). A missing file or entry falls back along the language's fallback chain,
then to the Japanese name transliterated for the language's script: Hepburn romaji for
Latin-script (and every other) language, Hangul for Korean, the kanji name for Chinese and
Japanese. A language added later needs no code change: it simply falls back.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q

from kyosei.alerts.models import Area
from kyosei.alerts.transliterate import (
    bengali,
    burmese,
    cyrillic,
    devanagari,
    hangul,
    khmer,
    romaji,
    romanised_place,
    sinhala,
    thai,
    ukrainian,
    urdu,
)
from kyosei.core.languages import registry
from kyosei.orgs.prefectures import PREFECTURES

if TYPE_CHECKING:
    from jmaparse.codes import CodeTables

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
NAMES_DIR = DATA_DIR / "area_names"
KINDS = (
    "prefecture", "tsunami", "subdivision", "epicentre", "municipality", "forecast", "volcano"
)  # fmt: skip


@lru_cache(maxsize=64)
def _names_file(code: str) -> dict[str, dict[str, str]]:
    path = NAMES_DIR / f"{code}.json"
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("alerts: cannot read area names %s: %s", path, exc)
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def forget_names() -> None:
    _names_file.cache_clear()
    _japanese.cache_clear()
    municipality_readings.cache_clear()


@lru_cache(maxsize=1)
def municipality_readings() -> dict[str, str]:
    """Municipality name → its kana reading, loaded once per process (a VTSE51 names the same
    tide stations in 16 languages and dozens of notices); the import clears it."""
    readings: dict[str, str] = {}
    rows = Area.objects.filter(kind=Area.Kind.MUNICIPALITY).exclude(kana="").order_by("code")
    for name, kana in rows.values_list("name", "kana"):
        readings.setdefault(name, kana)
    return readings


@dataclass(frozen=True)
class JapaneseName:
    name: str
    kana: str
    jma: tuple[tuple[str, str], ...] = ()  # JMA's own names: (language code, name)


@lru_cache(maxsize=4096)
def _japanese(kind: str, code: str) -> JapaneseName | None:
    if kind == "prefecture" and code in PREFECTURES:
        return JapaneseName(PREFECTURES[code][0], "")
    row = Area.objects.filter(kind=kind, code=code).values_list("name", "kana", "names").first()
    if row is None:
        return None
    names = row[2] if isinstance(row[2], dict) else {}
    jma = tuple((str(k), str(v).strip()) for k, v in sorted(names.items()) if str(v).strip())
    return JapaneseName(row[0], row[1], jma)


def _transliterated(kind: str, code: str, japanese: JapaneseName, language: str) -> str:
    base = language.split("-")[0].lower()
    if base in {"ja", "zh"}:
        return japanese.name  # kanji are read by Chinese readers too
    if kind == "prefecture" and code in PREFECTURES:
        return PREFECTURES[code][1] if base != "ko" else hangul_prefecture(code)
    if not japanese.kana:
        return japanese.name
    if base == "ko":
        return hangul(japanese.kana)
    if kind == "municipality":
        roman = romanised_place(japanese.name, japanese.kana)
    else:
        roman = romaji(japanese.kana)
        roman = roman[:1].upper() + roman[1:]
    script = OWN_SCRIPT.get(base)
    if script is not None:  # readers of a script of their own: names in it, not Latin
        if base in HYPHENATED_SUFFIX:
            return " ".join(_hyphenated(script, word) for word in roman.split())
        return " ".join(script(word.replace("-", "")) for word in roman.split())
    return roman


def _hyphenated(script: Callable[[str], str], word: str) -> str:
    name, *suffixes = word.split("-")
    return "-".join([script(name), *(script(suffix).lower() for suffix in suffixes)])


OWN_SCRIPT: dict[str, Callable[[str], str]] = {
    "ne": devanagari,
    "mn": cyrillic,
    "th": thai,
    "km": khmer,
    "my": burmese,
    "uk": ukrainian,
    "si": sinhala,
    "bn": bengali,
    "ur": urdu,
}
# Ukrainian writes the municipality suffix apart, as in Kovalenko's spelling: Міяко-сі.
HYPHENATED_SUFFIX = {"uk"}


def hangul_prefecture(code: str) -> str:
    # Prefecture readings are not in the code tables we import; transcribe the English name's
    # reading through kana where we know it, else keep the kanji (readable to many Koreans).
    kana = _PREFECTURE_KANA.get(code)
    return hangul(kana) if kana else PREFECTURES[code][0]


_PREFECTURE_KANA = {"22": "しずおか", "10": "ぐんま", "13": "とうきょう", "23": "あいち"}


def area_name(kind: str, code: str, language: str, fallback: str = "") -> str:
    """The name of a JMA area in `language`; `fallback` (e.g. the name in the telegram) is used
    when the code is unknown to us."""
    if kind not in KINDS:
        raise ValueError(f"unknown area kind {kind}")
    japanese = _japanese(kind, code) or (JapaneseName(fallback, "") if fallback else None)
    reads_japanese = language.split("-")[0].lower() == "ja"
    jma = dict(japanese.jma) if japanese else {}
    for candidate in registry().fallback_chain(language):
        if candidate == "ja":
            if reads_japanese:
                return japanese.name if japanese else code
            break  # other readers get a transliteration rather than Japanese script
        found = jma.get(candidate) or _names_file(candidate).get(kind, {}).get(code)
        if isinstance(found, str) and found.strip():
            return found.strip()
    if japanese is None:
        return code
    if reads_japanese:
        return japanese.name
    return _transliterated(kind, code, japanese, language)


# --------------------------------------------------------------------------------------------
# Import of JMA's code tables
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def load_tsunami_coasts() -> dict[str, tuple[str, ...]]:
    """Hand-written coastal municipality → the tsunami forecast areas on its coast, for the
    prefectures with several areas (data/tsunami_coasts.json; see `derived_tsunami_areas`)."""
    data: dict[str, Any] = json.loads((DATA_DIR / "tsunami_coasts.json").read_text("utf-8"))
    return {str(k): tuple(str(c) for c in v["areas"]) for k, v in data["municipalities"].items()}


def load_tsunami_prefecture_supplement() -> dict[str, list[str]]:
    """Hand-written prefecture → tsunami forecast areas whose names do not contain the
    prefecture (data/tsunami_prefecture_areas.json; オホーツク海沿岸, 伊豆諸島, 沖縄本島地方 …)."""
    path = DATA_DIR / "tsunami_prefecture_areas.json"
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return {str(k): [str(c) for c in v["areas"]] for k, v in data["prefectures"].items()}


def tsunami_areas_by_prefecture(tables: CodeTables) -> dict[str, list[str]]:
    """Prefecture code → its tsunami forecast area codes: what AreaTsunami.csv says
    (`CodeTables.tsunami_areas_of_prefecture`) plus the hand-written supplement. Inland
    prefectures have none."""
    supplement = load_tsunami_prefecture_supplement()
    out: dict[str, list[str]] = {}
    for pref in sorted(set(tables.prefectures) | set(supplement)):
        codes = {a.code for a in tables.tsunami_areas_of_prefecture(pref)}
        codes.update(c for c in supplement.get(pref, ()) if c in tables.tsunami_areas)
        if codes:
            out[pref] = sorted(codes)
    return out


def derived_tsunami_areas(
    tables: CodeTables, code: str, by_prefecture: dict[str, list[str]]
) -> list[str]:
    """The tsunami forecast areas JMA's tables give a municipality.

    1. Not coastal by the tables (no wave and storm-surge warnings, `CodeTables.is_coastal`):
       none, so inland residents are not woken by a warning for their prefecture's coast.
    2. Coastal, in a prefecture with one tsunami forecast area: that area.
    3. Coastal, in a prefecture with several: the areas on its own coast, from
       data/tsunami_coasts.json (the tables do not say which coast a municipality faces). A
       municipality on two coasts, or at a boundary the file's authors were not sure of, lists
       both. Codes the file does not know, or areas not of the prefecture, fall back to all of
       the prefecture's areas: warning too many on the prefecture's coast beats missing the ones
       at risk.

    An admin's setting (`Area.tsunami_area_code`) wins over this."""
    if not tables.is_coastal(code):
        return []
    prefecture_areas = by_prefecture.get(code[:2], [])
    own = [area for area in load_tsunami_coasts().get(code, ()) if area in prefecture_areas]
    return own or list(prefecture_areas)


# What an import writes of an existing Area (its kind and code identify it). The tsunami area
# an admin set is among them: the import writes it back unchanged.
IMPORTED_AREA_FIELDS = (
    "name",
    "kana",
    "subdivision_code",
    "forecast_area_code",
    "tsunami_area_code",
    "tsunami_area_codes",
)


@transaction.atomic
def import_code_tables(directory: Path) -> dict[str, int]:
    """Load municipalities (with kana, forecast area, earthquake subdivision, the tsunami
    forecast areas derived by `derived_tsunami_areas`), earthquake subdivisions, tsunami
    forecast areas and forecast areas. Idempotent; keeps a tsunami area an admin has set."""
    from jmaparse.codes import CodeTables

    tables = CodeTables.load(directory)
    by_prefecture = tsunami_areas_by_prefecture(tables)
    counts: dict[str, int] = {}
    existing = {
        (kind, code): pk for pk, kind, code in Area.objects.values_list("pk", "kind", "code")
    }
    admin_tsunami = dict(
        Area.objects.filter(kind=Area.Kind.MUNICIPALITY)
        .exclude(tsunami_area_code="")
        .values_list("code", "tsunami_area_code")
    )
    rows: list[Area] = []
    for sub in tables.earthquake_subdivisions.values():
        rows.append(Area(kind=Area.Kind.SUBDIVISION, code=sub.code, name=sub.name, kana=sub.kana))
    for tsu in tables.tsunami_areas.values():
        rows.append(Area(kind=Area.Kind.TSUNAMI, code=tsu.code, name=tsu.name, kana=tsu.kana))
    for volcano in tables.volcanoes.values():
        rows.append(
            Area(kind=Area.Kind.VOLCANO, code=volcano.code, name=volcano.name, kana=volcano.kana)
        )
    for epi in tables.epicentres.values():
        rows.append(Area(kind=Area.Kind.EPICENTRE, code=epi.code, name=epi.name))
    for fa in tables.forecast_areas.values():
        rows.append(Area(kind=Area.Kind.FORECAST, code=fa.code, name=fa.name, kana=fa.kana))
    for muni in tables.municipalities.values():
        name = muni.name or muni.seismic_name or muni.official_name
        subdivisions, _via_parent = tables.earthquake_subdivisions_of(muni.code)
        forecast = tables.forecast_areas_of(muni.code)
        rows.append(
            Area(
                kind=Area.Kind.MUNICIPALITY,
                code=muni.code,
                name=name,
                kana=muni.kana or muni.seismic_kana,
                subdivision_code=subdivisions[0].code if subdivisions else "",
                forecast_area_code=forecast[0].code if forecast else "",
                tsunami_area_code=admin_tsunami.get(muni.code, ""),
                tsunami_area_codes=derived_tsunami_areas(tables, muni.code, by_prefecture),
            )
        )
    creates, updates = [], []
    for row in rows:
        pk = existing.get((row.kind, row.code))
        if pk is None:
            creates.append(row)
        else:
            row.pk = pk
            updates.append(row)
        counts[row.kind] = counts.get(row.kind, 0) + 1
    Area.objects.bulk_create(creates, batch_size=2000)
    Area.objects.bulk_update(updates, list(IMPORTED_AREA_FIELDS), batch_size=2000)
    forget_names()
    return counts


# JMA's multilingual dictionary (https://www.data.jma.go.jp/multi/data/dictionary/epi.json,
# keyed by 震央地名 code) names its languages so; Plain Japanese has no entry there.
JMA_DICTIONARY_LANGUAGES = {
    "english": "en",
    "chinese_zs": "zh-Hans",
    "chinese_zt": "zh-Hant",
    "korean": "ko",
    "portuguese": "pt-BR",
    "spanish": "es",
    "vietnamese": "vi",
    "thai": "th",
    "indonesian": "id",
    "tagalog": "fil",
    "nepali": "ne",
    "khmer": "km",
    "burmese": "my",
    "mongolian": "mn",
}


@transaction.atomic
def import_jma_dictionary(path: Path, kind: str = Area.Kind.EPICENTRE) -> int:
    """Load JMA's own names of its epicentres in 14 languages (epi.json of JMA's multilingual
    dictionary: {"287": {"japanese": "宮城県沖", "english": "Off the Coast of Miyagi
    Prefecture", ...}}) into `Area.names`. Entries of codes the code tables do not have are
    added with their Japanese name. Idempotent; returns the number of areas named."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a JMA dictionary (a JSON object keyed by code)")
    existing = {a.code: a for a in Area.objects.filter(kind=kind)}
    creates, updates = [], []
    for code, entry in data.items():
        if code.startswith("_") or not isinstance(entry, dict):
            continue
        names = {
            JMA_DICTIONARY_LANGUAGES[key]: str(value).strip()
            for key, value in entry.items()
            if key in JMA_DICTIONARY_LANGUAGES and str(value or "").strip()
        }
        area = existing.get(code)
        if area is None:
            creates.append(
                Area(kind=kind, code=code, name=str(entry.get("japanese") or code), names=names)
            )
        else:
            area.names = names
            updates.append(area)
    Area.objects.bulk_create(creates)
    Area.objects.bulk_update(updates, ["names"], batch_size=2000)
    forget_names()
    return len(creates) + len(updates)


def municipalities_in_subdivisions(codes: set[str]) -> set[str]:
    return set(
        Area.objects.filter(kind=Area.Kind.MUNICIPALITY, subdivision_code__in=codes).values_list(
            "code", flat=True
        )
    )


def _tsunami_targets(only: set[str] | None = None) -> Iterator[tuple[str, list[str]]]:
    """(municipality, the tsunami forecast areas that target it) for every municipality some
    area targets (or those of `only`): the area its admin set, if any, else the
    derived ones."""
    rows = Area.objects.filter(kind=Area.Kind.MUNICIPALITY).filter(
        ~Q(tsunami_area_code="") | ~Q(tsunami_area_codes=[])
    )
    if only is not None:
        rows = rows.filter(code__in=list(only))
    values = rows.values_list("code", "tsunami_area_code", "tsunami_area_codes")
    for code, override, derived in values.iterator(chunk_size=2000):
        yield code, [override] if override else [str(c) for c in derived or ()]


def municipalities_in_tsunami_areas(codes: set[str]) -> set[str]:
    """The municipalities a tsunami telegram for forecast areas `codes` targets: those whose
    areas (see `_tsunami_targets`) include any of them.

    One query over the ~830 coastal municipalities, matched here rather than in SQL because
    SQLite has no JSON containment lookup: 3–8 ms on SQLite, 7–10 ms on PostgreSQL for every
    area at once (test_tsunami_areas.py, shared machine), small beside the ~200 ms from
    telegram to first push."""
    if not codes:
        return set()
    return {code for code, areas in _tsunami_targets() if not codes.isdisjoint(areas)}


def tsunami_areas_by_municipality(codes: set[str]) -> dict[str, list[str]]:
    """Each of the municipalities `codes` → the tsunami forecast areas that target it."""
    return dict(_tsunami_targets(codes))


def tsunami_areas_of_municipalities(codes: set[str]) -> set[str]:
    """The tsunami forecast areas that target any of the municipalities `codes`."""
    return {a for _code, areas in _tsunami_targets(codes) for a in areas}


def municipalities_of_prefecture(prefecture: str, language: str) -> list[tuple[str, str]]:
    """The prefecture's municipalities as (JMA code, name in `language`), in code order, for
    pickers outside the alerts app. One query: the names are resolved like `area_name` but
    from the rows already read, not one lookup per municipality."""
    if prefecture not in PREFECTURES:
        return []
    rows = Area.objects.filter(
        kind=Area.Kind.MUNICIPALITY, code__startswith=prefecture
    ).values_list("code", "name", "kana")
    chain = registry().fallback_chain(language)
    reads_japanese = language.split("-")[0].lower() == "ja"
    out = []
    for code, name, kana in sorted(rows):
        label = ""
        for candidate in chain:
            if candidate == "ja":
                break
            found = _names_file(candidate).get("municipality", {}).get(code)
            if isinstance(found, str) and found.strip():
                label = found.strip()
                break
        if not label:
            japanese = JapaneseName(name, kana)
            label = (
                name
                if reads_japanese
                else _transliterated("municipality", code, japanese, language)
            )
        out.append((code, label or code))
    return out
