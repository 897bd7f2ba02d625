"""Code tables: typed records and how the areas nest."""

from __future__ import annotations

from pathlib import Path

import pytest

from jmaparse import EarthquakeTelegram, parse_file
from jmaparse.codes import CodeTableError, CodeTables


@pytest.fixture(scope="module")
def tables() -> CodeTables:
    from .conftest import CODES_DIR, missing

    if not CODES_DIR.is_dir():
        missing(CODES_DIR, "JMA code tables")
    return CodeTables.load(CODES_DIR)


def test_table_sizes(tables: CodeTables) -> None:
    assert len(tables.municipalities) == 2082
    assert len(tables.forecast_areas) == 561
    assert len(tables.earthquake_subdivisions) == 188
    assert len(tables.seismic_stations) == 4361
    assert len(tables.tsunami_areas) == 98
    assert len(tables.eew_areas) == 56 + 14
    assert len(tables.volcanoes) == 120
    assert len(tables.prefectures) == 47


def test_municipality_record(tables: CodeTables) -> None:
    sapporo = tables.municipalities["0110000"]
    assert sapporo.official_name == "北海道札幌市" and sapporo.name == "札幌市"
    assert sapporo.kana == "さっぽろし" and sapporo.forecast_area_code == "016012"
    assert sapporo.prefecture_code == "01" and len(sapporo.usage_flags) == 8
    ward = tables.municipalities["2213800"]
    assert ward.seismic_name == "浜松中央区" and ward.name == ""
    assert ward.display_name == "浜松中央区"


def test_hamamatsu_nesting(tables: CodeTables) -> None:
    loc = tables.locate("2213000")
    assert loc.municipality.name == "浜松市"
    assert loc.prefecture is not None and loc.prefecture.name == "静岡県"
    assert loc.parent is None
    assert {c.code for c in loc.children} == {
        "2213001",  # 浜松市南部 (split area for warnings)
        "2213002",  # 浜松市北部
        "2213800",  # 中央区
        "2213900",  # 浜名区
        "2214000",  # 天竜区
    }
    assert [(f.code, f.name) for f in loc.forecast_areas] == [
        ("220041", "遠州北"),
        ("220042", "遠州南"),
    ]
    assert {(f.primary_code, f.prefecture_region_code) for f in loc.forecast_areas} == {
        ("220040", "220000")
    }
    assert [(s.code, s.name) for s in loc.earthquake_subdivisions] == [("443", "静岡県西部")]
    assert not loc.earthquake_subdivisions_via_parent


def test_split_area_and_ward(tables: CodeTables) -> None:
    south = tables.locate("2213001")
    assert south.parent is not None and south.parent.code == "2213000"
    assert [f.code for f in south.forecast_areas] == ["220042"]
    assert [s.code for s in south.earthquake_subdivisions] == ["443"]
    assert south.earthquake_subdivisions_via_parent
    # a ward of an unsplit city inherits the city's region
    chuo = tables.locate("0110100")
    assert chuo.parent is not None and chuo.parent.code == "0110000"
    assert [f.code for f in chuo.forecast_areas] == ["016012"]
    # a ward part named after a split area: resolved through the name in 「」
    assert [f.code for f in tables.locate("2210101").forecast_areas] == ["220011"]
    # a ward of a split city: not derivable from the tables
    assert tables.locate("2213800").forecast_areas == ()


def test_subdivision_members(tables: CodeTables) -> None:
    members = {m.code for m in tables.municipalities_in_subdivision("443")}
    assert {"2213800", "2213900", "2221100"} <= members  # Hamamatsu wards, Iwata


def test_tsunami_area_components(tables: CodeTables) -> None:
    assert tables.tsunami_areas["380"].name == "静岡県"
    assert tables.tsunami_areas["380"].components == ()
    assert tables.tsunami_areas["191"].components == ("100", "101", "102")


def test_kind_tables(tables: CodeTables) -> None:
    assert tables.kind_name("WeatherWarning", "03") == "大雨警報　又はレベル３大雨警報"
    assert tables.kind_name("WeatherWarning", "43") == "レベル４大雨危険警報"
    assert tables.kind_name("TsunamiWarning", "53") == "大津波警報：発表"
    assert tables.kind_name("TsunamiWarning", "99") is None
    assert tables.volcanoes["306"].name == "浅間山"
    assert tables.eew_areas["9910"].level == "regional"


def test_codes_in_telegram_resolve(tables: CodeTables, samples_dir: Path) -> None:
    t = parse_file(samples_dir / "32-35_07_06_240613_VXSE53.xml")
    assert isinstance(t, EarthquakeTelegram)
    for area in t.areas:
        assert tables.earthquake_subdivisions[area.code].name == area.name
    # the sample is from 2009; municipalities merged since then (浜松市's old wards 2213100 …)
    # are absent from the current tables, everything else resolves
    unknown = {c.code for c in t.cities if c.code not in tables.municipalities}
    assert len(unknown) == 49 and "2213100" in unknown
    assert tables.municipalities["2222200"].seismic_name == "伊豆市"


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(CodeTableError, match="not found"):
        CodeTables.load(tmp_path)


def test_bad_row_shape(tmp_path: Path) -> None:
    (tmp_path / "AreaInformationCity.csv").write_text("123,short\n", encoding="utf-8")
    with pytest.raises(CodeTableError, match="unexpected row"):
        CodeTables.load(tmp_path)
