"""JMA code tables (個別コード表) loaded from header-less CSV files into typed records.

Usage::

    tables = CodeTables.load("/path/to/jma/codes")
    loc = tables.locate("2213000")  # Hamamatsu
    loc.forecast_areas, loc.earthquake_subdivisions

What the given CSVs make derivable (see docs/jmaparse.md for details):

* municipality -> 市町村等をまとめた地域 (forecast area) -> 一次細分区域 -> 府県予報区
  (AreaInformationCity column 5 + AreaForecastLocalM_WarningTable);
* municipality -> earthquake subdivision(s) (AreaForecastLocalE_..._PointSeismicIntensity);
* municipality -> prefecture (first two digits of the code, AreaInformationPrefectureEarthquake);
* parent city -> wards / split areas (code structure and official names);
* tsunami forecast area -> its constituent areas for combined/region expressions (AreaTsunami);
* municipality -> coastal or not (AreaInformationCity usage flags 2 and 3, see
  :meth:`CodeTables.is_coastal`); prefecture -> its tsunami forecast areas, as far as the names
  and the prefecture's 結合表現 row say (:meth:`CodeTables.tsunami_areas_of_prefecture`).

Not derivable from these CSVs: which single tsunami forecast area a municipality faces (only its
prefecture's set, above), earthquake subdivision -> EEW forecast area (AreaForecastLocalEEW /
AreaForecastEEW only list codes and names).
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CodeName",
    "CodeTableError",
    "CodeTables",
    "EarthquakeSubdivision",
    "EewArea",
    "ForecastArea",
    "Municipality",
    "MunicipalityLocation",
    "SeismicStation",
    "TsunamiArea",
    "Volcano",
]


class CodeTableError(Exception):
    """A code-table file is missing or has an unexpected shape."""


@dataclass(frozen=True, slots=True)
class CodeName:
    """A generic code table row: code, name and an optional note/description."""

    code: str
    name: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Municipality:
    """AreaInformationCity (気象・地震・火山情報／市町村等), 7-digit code."""

    code: str
    official_name: str  # e.g. 静岡県浜松市 / 静岡県浜松市のうち中央区
    name: str  # name used in warnings (may be "" for codes not used in warnings)
    kana: str
    forecast_area_code: str | None  # 市町村等をまとめた地域 (6 digits) if the table gives it
    usage_flags: tuple[bool, ...]  # the table's 8 per-product usage flags, raw
    seismic_name: str  # name used in earthquake information ("" if unused there)
    seismic_kana: str
    volcano_name: str  # name used in volcano information ("" if unused there)

    @property
    def prefecture_code(self) -> str:
        return self.code[:2]

    @property
    def display_name(self) -> str:
        return self.name or self.seismic_name or self.official_name


@dataclass(frozen=True, slots=True)
class ForecastArea:
    """AreaForecastLocalM (気象情報／府県予報区・細分区域等), 6-digit code, with the nesting from
    AreaForecastLocalM_WarningTable where the area appears there."""

    code: str
    name: str
    kana: str
    usage_flags: tuple[bool, ...]
    primary_code: str | None = None  # 一次細分区域
    primary_name: str | None = None
    prefecture_region_code: str | None = None  # 府県予報区
    prefecture_region_name: str | None = None


@dataclass(frozen=True, slots=True)
class EarthquakeSubdivision:
    """地震情報／細分区域 (3-digit code), from the seismic-intensity station table."""

    code: str
    name: str
    kana: str


@dataclass(frozen=True, slots=True)
class SeismicStation:
    code: str
    name: str
    kana: str
    municipality_code: str
    subdivision_code: str


@dataclass(frozen=True, slots=True)
class TsunamiArea:
    """AreaTsunami (津波予報区). ``components`` lists constituent areas for combined/region
    expressions ("結合表現"/"領域表現"), empty for a plain forecast area."""

    code: str
    name: str
    kana: str
    note: str
    components: tuple[str, ...]

    @property
    def is_forecast_area(self) -> bool:
        """A real 津波予報区 (telegrams name these), not a combined or regional expression."""
        return self.note.startswith("津波予報区")

    @property
    def is_combined(self) -> bool:
        """A 結合表現: JMA's name for a prefecture's set of forecast areas (481 千葉県)."""
        return self.note.startswith("結合表現")


@dataclass(frozen=True, slots=True)
class EewArea:
    """緊急地震速報 forecast regions: ``local`` (AreaForecastLocalEEW, e.g. 9011) or
    ``regional`` (AreaForecastEEW, e.g. 9910)."""

    code: str
    name: str
    kana: str
    note: str
    level: str


@dataclass(frozen=True, slots=True)
class Volcano:
    code: str
    name: str
    kana: str


@dataclass(frozen=True, slots=True)
class MunicipalityLocation:
    """Everything the tables say about where a municipality sits."""

    municipality: Municipality
    prefecture: CodeName | None
    parent: Municipality | None
    children: tuple[Municipality, ...]
    forecast_areas: tuple[ForecastArea, ...]  # own, or those of its split areas
    earthquake_subdivisions: tuple[EarthquakeSubdivision, ...]
    earthquake_subdivisions_via_parent: bool  # True: taken from the parent city (may be wider)


def _rows(path: Path) -> Iterator[list[str]]:
    if not path.is_file():
        raise CodeTableError(f"code table not found: {path}")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            if row and any(cell.strip() for cell in row):
                yield [cell.strip() for cell in row]


def _cell(row: list[str], i: int) -> str:
    return row[i] if i < len(row) else ""


def _code_names(path: Path) -> dict[str, CodeName]:
    out: dict[str, CodeName] = {}
    for row in _rows(path):
        out[row[0]] = CodeName(code=row[0], name=_cell(row, 1), note=",".join(row[2:]).strip(","))
    return out


_COMPONENTS = re.compile(r"\d{3}")
_QUOTED = re.compile(r"「([^」]+)」")


class CodeTables:
    """All loaded tables plus the nesting lookups. Build with :meth:`load`."""

    def __init__(
        self,
        *,
        municipalities: Mapping[str, Municipality],
        forecast_areas: Mapping[str, ForecastArea],
        earthquake_subdivisions: Mapping[str, EarthquakeSubdivision],
        seismic_stations: Mapping[str, SeismicStation],
        tsunami_areas: Mapping[str, TsunamiArea],
        eew_areas: Mapping[str, EewArea],
        volcanoes: Mapping[str, Volcano],
        prefectures: Mapping[str, CodeName],
        epicentres: Mapping[str, CodeName],
        kinds: Mapping[str, Mapping[str, CodeName]],
    ) -> None:
        self.municipalities = municipalities
        self.forecast_areas = forecast_areas
        self.earthquake_subdivisions = earthquake_subdivisions
        self.seismic_stations = seismic_stations
        self.tsunami_areas = tsunami_areas
        self.eew_areas = eew_areas
        self.volcanoes = volcanoes
        self.prefectures = prefectures
        self.epicentres = epicentres
        self.kinds = kinds  # table name (e.g. "WeatherWarning") -> code -> CodeName
        self._subdivisions_by_city: dict[str, list[str]] = {}
        self._cities_by_subdivision: dict[str, list[str]] = {}
        for st in seismic_stations.values():
            subs = self._subdivisions_by_city.setdefault(st.municipality_code, [])
            if st.subdivision_code not in subs:
                subs.append(st.subdivision_code)
            cities = self._cities_by_subdivision.setdefault(st.subdivision_code, [])
            if st.municipality_code not in cities:
                cities.append(st.municipality_code)
        self._split_by_name = {
            (m.code[:2], m.name): m.code
            for m in municipalities.values()
            if m.forecast_area_code and m.name
        }
        self._parent: dict[str, str] = {}
        self._children: dict[str, list[str]] = {}
        by_official = {m.official_name: m.code for m in municipalities.values()}
        for m in municipalities.values():
            parent = None
            split_parent = m.code[:6] + "0"
            if m.code[6:] != "0" and split_parent in municipalities:
                parent = split_parent
            elif "のうち" in m.official_name:
                parent = by_official.get(m.official_name.split("のうち", 1)[0])
            if parent is not None and parent != m.code:
                self._parent[m.code] = parent
                self._children.setdefault(parent, []).append(m.code)

    # ---------------------------------------------------------------------------- loading

    @classmethod
    def load(cls, directory: str | os.PathLike[str]) -> CodeTables:
        d = Path(directory)
        municipalities: dict[str, Municipality] = {}
        for row in _rows(d / "AreaInformationCity.csv"):
            if len(row) < 13 or len(row[0]) != 7:
                raise CodeTableError(f"AreaInformationCity.csv: unexpected row {row[:3]}")
            municipalities[row[0]] = Municipality(
                code=row[0],
                official_name=row[1],
                name=row[2],
                kana=row[3],
                forecast_area_code=row[4] or None,
                usage_flags=tuple(c == "1" for c in row[5:13]),
                seismic_name=_cell(row, 13),
                seismic_kana=_cell(row, 14),
                volcano_name=_cell(row, 15),
            )
        nesting: dict[str, list[str]] = {
            row[0]: row for row in _rows(d / "AreaForecastLocalM_WarningTable.csv")
        }
        forecast_areas: dict[str, ForecastArea] = {}
        for row in _rows(d / "AreaForecastLocalM.csv"):
            nest = nesting.get(row[0])
            forecast_areas[row[0]] = ForecastArea(
                code=row[0],
                name=_cell(row, 1),
                kana=_cell(row, 2),
                usage_flags=tuple(c == "1" for c in row[3:]),
                primary_code=nest[2] if nest else None,
                primary_name=nest[3] if nest else None,
                prefecture_region_code=_cell(nest, 4) or None if nest else None,
                prefecture_region_name=_cell(nest, 5) or None if nest else None,
            )
        subdivisions: dict[str, EarthquakeSubdivision] = {}
        stations: dict[str, SeismicStation] = {}
        for row in _rows(d / "AreaForecastLocalE_AreaInformationCity_PointSeismicIntensity.csv"):
            if len(row) < 9:
                raise CodeTableError(f"PointSeismicIntensity: unexpected row {row[:3]}")
            subdivisions.setdefault(row[0], EarthquakeSubdivision(row[0], row[1], row[2]))
            stations[row[6]] = SeismicStation(
                code=row[6],
                name=row[7],
                kana=row[8],
                municipality_code=row[3],
                subdivision_code=row[0],
            )
        tsunami: dict[str, TsunamiArea] = {}
        for row in _rows(d / "AreaTsunami.csv"):
            note = _cell(row, 3)
            components = tuple(_COMPONENTS.findall(note)) if "構成する" in note else ()
            tsunami[row[0]] = TsunamiArea(row[0], _cell(row, 1), _cell(row, 2), note, components)
        eew: dict[str, EewArea] = {}
        for fname, level in (
            ("AreaForecastLocalEEW.csv", "local"),
            ("AreaForecastEEW.csv", "regional"),
        ):
            for row in _rows(d / fname):
                eew[row[0]] = EewArea(row[0], _cell(row, 1), _cell(row, 2), _cell(row, 3), level)
        volcanoes = {
            row[0]: Volcano(row[0], _cell(row, 1), _cell(row, 2))
            for row in _rows(d / "PointVolcano.csv")
        }
        kinds: dict[str, Mapping[str, CodeName]] = {}
        for name in (
            "WeatherWarning",
            "TsunamiWarning",
            "VolcanicWarning",
            "SoilWarning",
            "HazardousRain",
            "EarthquakeWarning",
            "EarthquakeForecast",
            "EarthquakeInformation",
            "AdditionalCommentEarthquake",
        ):
            path = d / f"{name}.csv"
            if path.is_file():
                kinds[name] = _code_names(path)
        return cls(
            municipalities=municipalities,
            forecast_areas=forecast_areas,
            earthquake_subdivisions=subdivisions,
            seismic_stations=stations,
            tsunami_areas=tsunami,
            eew_areas=eew,
            volcanoes=volcanoes,
            prefectures=_code_names(d / "AreaInformationPrefectureEarthquake.csv"),
            epicentres=_code_names(d / "AreaEpicenter.csv"),
            kinds=kinds,
        )

    # ---------------------------------------------------------------------------- lookups

    def kind_name(self, table: str, code: str) -> str | None:
        """Name for a kind code, tolerant of zero padding ("03" and "3")."""
        rows = self.kinds.get(table, {})
        row = rows.get(code) or rows.get(code.lstrip("0") or "0") or rows.get(code.zfill(2))
        return row.name if row else None

    def parent_of(self, code: str) -> Municipality | None:
        p = self._parent.get(code)
        return self.municipalities[p] if p else None

    def children_of(self, code: str) -> tuple[Municipality, ...]:
        return tuple(self.municipalities[c] for c in self._children.get(code, ()))

    def _descendants(self, code: str) -> list[str]:
        out: list[str] = []
        stack = list(self._children.get(code, ()))
        while stack:
            c = stack.pop()
            out.append(c)
            stack.extend(self._children.get(c, ()))
        return out

    def _own_forecast_area(self, code: str) -> ForecastArea | None:
        m = self.municipalities.get(code)
        if m is None:
            return None
        fa_code = m.forecast_area_code
        if fa_code is None:
            quoted = _QUOTED.search(m.official_name)
            target = self._split_by_name.get((code[:2], quoted.group(1))) if quoted else None
            if target is not None:
                fa_code = self.municipalities[target].forecast_area_code
        return self.forecast_areas.get(fa_code) if fa_code else None

    def forecast_areas_of(self, code: str) -> tuple[ForecastArea, ...]:
        """The 市町村等をまとめた地域 a municipality belongs to.

        A city split for warnings (浜松市 -> 浜松市南部/北部) yields its split areas' regions; a
        ward part such as "静岡市葵区のうち…「静岡市南部」に含む地区" yields the region of the
        split area named in 「」; a ward of an unsplit city yields its city's region. A ward of a
        split city (浜松市中央区) yields nothing: the tables do not say which split area it is in.
        """
        out: dict[str, ForecastArea] = {}
        for c in [code, *self._descendants(code)]:
            fa = self._own_forecast_area(c)
            if fa is not None:
                out.setdefault(fa.code, fa)
        parent = self.parent_of(code)
        if not out and parent is not None:
            # a ward of an unsplit city (札幌市中央区 -> 札幌市's region)
            fa = self._own_forecast_area(parent.code)
            if fa is not None:
                out[fa.code] = fa
        return tuple(out.values())

    def earthquake_subdivisions_of(
        self, code: str
    ) -> tuple[tuple[EarthquakeSubdivision, ...], bool]:
        """Earthquake subdivisions covering a municipality, and whether they were taken from the
        parent city (a split area such as 浜松市南部 has no seismic stations of its own)."""
        found: list[str] = []
        for c in [code, *self._descendants(code)]:
            for s in self._subdivisions_by_city.get(c, ()):
                if s not in found:
                    found.append(s)
        via_parent = False
        parent = self._parent.get(code)
        while not found and parent is not None:
            via_parent = True
            for c in [parent, *self._descendants(parent)]:
                for s in self._subdivisions_by_city.get(c, ()):
                    if s not in found:
                        found.append(s)
            parent = self._parent.get(parent)
        return tuple(self.earthquake_subdivisions[s] for s in found), via_parent

    # Usage flags 2 and 3 are the storm-surge and wave warnings. Flag 3 (waves) is set only for
    # municipalities on the sea and never without flag 2; flag 2 alone also marks low-lying
    # inland municipalities a storm surge reaches up rivers (新宿区, 一宮市, 久留米市).
    _SURGE, _WAVES = 2, 3

    def _coastal_by_own_row(self, code: str) -> bool | None:
        """Coastal by the flags of the row warnings are issued for, if the tables name one:
        the municipality's own row, the split area a ward part names in 「」, or the split area
        whose official name lists the ward ("横浜市のうち鶴見区、神奈川区…"). None when the
        tables do not say (a city split for warnings, a ward, a sub-area of one product)."""
        m = self.municipalities.get(code)
        if m is None:
            return None
        if m.forecast_area_code and any(m.usage_flags[: self._WAVES + 1]):
            return m.usage_flags[self._SURGE] and m.usage_flags[self._WAVES]
        quoted = _QUOTED.search(m.official_name)
        target = self._split_by_name.get((code[:2], quoted.group(1))) if quoted else None
        if target is not None and target != code:
            return self._coastal_by_own_row(target)
        parent = self._parent.get(code)
        if parent is not None and "のうち" in m.official_name:
            ward = m.official_name.split("のうち", 1)[1]
            for sibling in self._children.get(parent, ()):
                s = self.municipalities[sibling]
                if sibling == code or not s.forecast_area_code or "のうち" not in s.official_name:
                    continue
                listed = re.split("、|及び", s.official_name.split("のうち", 1)[1])
                if ward in listed and any(s.usage_flags[: self._WAVES + 1]):
                    return s.usage_flags[self._SURGE] and s.usage_flags[self._WAVES]
        return None

    def is_coastal(self, code: str) -> bool:
        """Whether JMA issues wave and storm-surge warnings (usage flags 2 and 3) for the
        municipality, i.e. whether it lies on the sea.

        Where the tables carry no flags for the code itself: a city split for warnings (浜松市 ->
        浜松市南部/北部) is coastal when any of its parts is; a ward part takes the split area it
        names; a ward of an unsplit city (名古屋市中区) takes its city's flags; a ward of a split
        city the tables do not place (浜松市天竜区) takes its city's answer, so is coastal when any
        part of the city is. Unknown codes are not coastal."""
        own = self._coastal_by_own_row(code)
        if own is not None:
            return own
        parts = [self._coastal_by_own_row(c) for c in self._descendants(code)]
        known = [p for p in parts if p is not None]
        if known:
            return any(known)
        parent = self._parent.get(code)
        return self.is_coastal(parent) if parent is not None else False

    def tsunami_areas_of_prefecture(self, prefecture_code: str) -> tuple[TsunamiArea, ...]:
        """The tsunami forecast areas the tables place in a prefecture: the components of the
        結合表現 row named after it (481 千葉県 = 310, 311, 312), and the forecast areas whose name
        is the prefecture's or starts with it (380 静岡県, 100 北海道太平洋沿岸東部). Areas named
        otherwise (オホーツク海沿岸, 伊豆諸島, 沖縄本島地方) are not found: callers supplement them.
        Regional expressions (領域表現) span prefectures and are never used."""
        pref = self.prefectures.get(prefecture_code)
        if pref is None or not pref.name:
            return ()
        found: dict[str, TsunamiArea] = {}
        for area in self.tsunami_areas.values():
            if area.is_combined and area.name == pref.name:
                for c in area.components:
                    if c in self.tsunami_areas:
                        found.setdefault(c, self.tsunami_areas[c])
            elif area.is_forecast_area and area.name.startswith(pref.name):
                found.setdefault(area.code, area)
        return tuple(sorted(found.values(), key=lambda a: a.code))

    def municipalities_in_subdivision(self, subdivision_code: str) -> tuple[Municipality, ...]:
        return tuple(
            self.municipalities[c]
            for c in self._cities_by_subdivision.get(subdivision_code, ())
            if c in self.municipalities
        )

    def locate(self, code: str) -> MunicipalityLocation:
        """Where a 7-digit municipality code sits in the area hierarchies. KeyError if unknown."""
        m = self.municipalities[code]
        subdivisions, via_parent = self.earthquake_subdivisions_of(code)
        return MunicipalityLocation(
            municipality=m,
            prefecture=self.prefectures.get(m.prefecture_code),
            parent=self.parent_of(code),
            children=self.children_of(code),
            forecast_areas=self.forecast_areas_of(code),
            earthquake_subdivisions=subdivisions,
            earthquake_subdivisions_via_parent=via_parent,
        )
