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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db import transaction

from kyosei.alerts.models import Area
from kyosei.alerts.transliterate import hangul, romaji, romanised_place
from kyosei.core.languages import registry
from kyosei.orgs.prefectures import PREFECTURES

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


@dataclass(frozen=True)
class JapaneseName:
    name: str
    kana: str


@lru_cache(maxsize=4096)
def _japanese(kind: str, code: str) -> JapaneseName | None:
    if kind == "prefecture" and code in PREFECTURES:
        return JapaneseName(PREFECTURES[code][0], "")
    row = Area.objects.filter(kind=kind, code=code).values_list("name", "kana").first()
    return JapaneseName(row[0], row[1]) if row else None


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
        return romanised_place(japanese.name, japanese.kana)
    roman = romaji(japanese.kana)
    return roman[:1].upper() + roman[1:]


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
    for candidate in registry().fallback_chain(language):
        if candidate == "ja":
            if reads_japanese:
                return japanese.name if japanese else code
            break  # other readers get a transliteration rather than Japanese script
        found = _names_file(candidate).get(kind, {}).get(code)
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


def load_tsunami_map() -> dict[str, str]:
    """Hand-written municipality → tsunami forecast area mapping (not derivable from JMA data)."""
    data: dict[str, Any] = json.loads((DATA_DIR / "tsunami_areas.json").read_text("utf-8"))
    return {str(k): str(v) for k, v in data["municipalities"].items()}


@transaction.atomic
def import_code_tables(directory: Path) -> dict[str, int]:
    """Load municipalities (with kana, forecast area, earthquake subdivision), earthquake
    subdivisions, tsunami forecast areas and forecast areas. Idempotent; keeps a tsunami area
    an admin has set."""
    from jmaparse.codes import CodeTables

    tables = CodeTables.load(directory)
    counts: dict[str, int] = {}
    existing = {
        (kind, code): pk for pk, kind, code in Area.objects.values_list("pk", "kind", "code")
    }
    admin_tsunami = dict(
        Area.objects.filter(kind=Area.Kind.MUNICIPALITY)
        .exclude(tsunami_area_code="")
        .values_list("code", "tsunami_area_code")
    )
    tsunami_map = load_tsunami_map()
    rows: list[Area] = []
    for sub in tables.earthquake_subdivisions.values():
        rows.append(Area(kind=Area.Kind.SUBDIVISION, code=sub.code, name=sub.name, kana=sub.kana))
    for tsu in tables.tsunami_areas.values():
        rows.append(Area(kind=Area.Kind.TSUNAMI, code=tsu.code, name=tsu.name, kana=tsu.kana))
    for volcano in tables.volcanoes.values():
        rows.append(
            Area(kind=Area.Kind.VOLCANO, code=volcano.code, name=volcano.name, kana=volcano.kana)
        )
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
                tsunami_area_code=admin_tsunami.get(muni.code) or tsunami_map.get(muni.code, ""),
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
    Area.objects.bulk_update(
        updates,
        ["name", "kana", "subdivision_code", "forecast_area_code", "tsunami_area_code"],
        batch_size=2000,
    )
    forget_names()
    return counts


def municipalities_in_subdivisions(codes: set[str]) -> set[str]:
    return set(
        Area.objects.filter(kind=Area.Kind.MUNICIPALITY, subdivision_code__in=codes).values_list(
            "code", flat=True
        )
    )


def municipalities_in_tsunami_areas(codes: set[str]) -> set[str]:
    return set(
        Area.objects.filter(kind=Area.Kind.MUNICIPALITY, tsunami_area_code__in=codes).values_list(
            "code", flat=True
        )
    )
