"""Tsunami targeting derived from JMA's code tables (AreaInformationCity usage flags and
AreaTsunami), checked against the real tables in ../shared/jma/codes/.

What was verified in the tables before relying on the usage flags (see `COASTAL`/`INLAND`):
usage flag 3 (waves) is set only for municipalities on the sea and never without flag 2; flag 2
(storm surge) alone also marks low-lying inland municipalities a surge reaches up rivers
(東京都新宿区, 愛知県一宮市, 福岡県久留米市, 兵庫県伊丹市), so "coastal" needs both. The eight
prefectures without a coast (栃木, 群馬, 埼玉, 山梨, 長野, 岐阜, 滋賀, 奈良) have no municipality
with either flag.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jmaparse.codes import CodeTables
from kyosei.alerts import areas as areas_module
from kyosei.alerts.areas import (
    derived_tsunami_areas,
    import_code_tables,
    load_tsunami_coasts,
    municipalities_in_tsunami_areas,
    tsunami_areas_by_prefecture,
    tsunami_areas_of_municipalities,
)
from kyosei.alerts.ingest import ingest
from kyosei.alerts.models import Area
from kyosei.alerts.tests.conftest import jma_dir, sample_bytes
from kyosei.testing_shared import shared_dir

pytestmark = pytest.mark.django_db

# Real (通常) VTSE41 of 2015-11-14 (薩摩半島西方沖): tsunami advisory for 種子島・屋久島地方 (771),
# 奄美群島・トカラ列島 (772) and 鹿児島県西部 (773); slight sea-level change elsewhere (no notice).
SOUTHWEST = "38-39_02_01_250206_VTSE41.xml"

# Well-known pairs, same prefecture: (coastal, inland), each by JMA code.
PAIRS = {
    "北海道": (("0120200", "函館市"), ("0120400", "旭川市")),
    "岩手県": (("0320200", "宮古市"), ("0320100", "盛岡市")),
    "宮城県": (("0420200", "石巻市"), ("0421500", "大崎市")),
    "千葉県": (("1220200", "銚子市"), ("1221100", "成田市")),
    "東京都": (("1311100", "大田区"), ("1320100", "八王子市")),
    "神奈川県": (("1420100", "横須賀市"), ("1421200", "厚木市")),
    "静岡県": (("2220800", "伊東市"), ("2220600", "三島市")),
    "愛知県": (("2320100", "豊橋市"), ("2320200", "岡崎市")),
    "京都府": (("2620200", "舞鶴市"), ("2620600", "亀岡市")),
    "兵庫県": (("2811000", "神戸市中央区"), ("2810900", "神戸市北区")),
    "広島県": (("3410300", "広島市南区"), ("3410500", "広島市安佐南区")),
    "高知県": (("3920100", "高知市"), ("3934100", "本山町")),
    "鹿児島県": (("4621000", "指宿市"), ("4645200", "湧水町")),
}
STORM_SURGE_ONLY = {"1310400": "新宿区", "2320300": "一宮市", "4020300": "久留米市"}
LANDLOCKED = ("09", "10", "11", "19", "20", "21", "25", "29")


@pytest.fixture
def tables() -> Iterator[CodeTables]:
    yield CodeTables.load(shared_dir("jma", "codes", what="JMA code tables"))


def derived(code: str) -> list[str]:
    return list(Area.objects.get(kind=Area.Kind.MUNICIPALITY, code=code).tsunami_area_codes)


def test_the_usage_flags_tell_coast_from_inland(tables: CodeTables) -> None:
    for pref, ((coast, coast_name), (inland, inland_name)) in PAIRS.items():
        for code, name in ((coast, coast_name), (inland, inland_name)):
            m = tables.municipalities[code]
            assert m.name == name, code
            assert m.official_name.startswith(pref), code
        assert tables.is_coastal(coast), coast_name
        assert not tables.is_coastal(inland), inland_name
    for code, name in STORM_SURGE_ONLY.items():
        flags = tables.municipalities[code].usage_flags
        assert flags[2] and not flags[3], name
        assert not tables.is_coastal(code), name
    rows = [m for m in tables.municipalities.values() if m.forecast_area_code]
    assert not [m.code for m in rows if m.usage_flags[3] and not m.usage_flags[2]]
    for pref in LANDLOCKED:
        in_pref = [m for m in rows if m.prefecture_code == pref]
        assert in_pref and not any(m.usage_flags[2] or m.usage_flags[3] for m in in_pref), pref
        assert not any(tables.is_coastal(m.code) for m in in_pref), pref


def test_cities_and_wards_without_flags_of_their_own(tables: CodeTables) -> None:
    # A city split for warnings has no flags: coastal when a part is (浜松市 via 浜松市南部).
    assert tables.is_coastal("2213000") and tables.is_coastal("2213001")
    assert not tables.is_coastal("2213002")  # 浜松市北部
    # A ward of an unsplit city takes its city's flags (京都市 has no coast).
    assert not tables.is_coastal("2610100")  # 京都市北区
    assert tables.is_coastal("2310600")  # 名古屋市中区
    # A ward part named after a split area takes that area's.
    assert not tables.is_coastal("2210102")  # 静岡市葵区 part in 静岡市北部
    # A ward listed in its split area's official name (横浜市北部 lists 青葉区).
    assert tables.is_coastal("1411700")
    assert not tables.is_coastal("1415100")  # 相模原市緑区 → 相模原市西部
    assert not tables.is_coastal("0000000")


def test_every_forecast_area_belongs_to_a_prefecture(tables: CodeTables) -> None:
    by_pref = tsunami_areas_by_prefecture(tables)
    real = {a.code for a in tables.tsunami_areas.values() if a.is_forecast_area}
    assert len(real) == 66
    assert set().union(*map(set, by_pref.values())) == real
    assert by_pref["22"] == ["380"] and by_pref["03"] == ["210"]
    assert by_pref["12"] == ["310", "311", "312"]  # 結合表現 481
    assert by_pref["46"] == ["770", "771", "772", "773"]  # 結合表現 787
    assert by_pref["01"] == ["100", "101", "102", "110", "111", "120"]  # + オホーツク海沿岸
    assert by_pref["13"] == ["312", "320", "321"]  # supplement only
    assert by_pref["47"] == ["800", "801", "802"]  # supplement only
    assert "712" in by_pref["40"] and "712" in by_pref["43"]
    assert not set(LANDLOCKED) & set(by_pref)


def test_a_coastal_municipality_in_a_one_area_prefecture_gets_that_area(codes: None) -> None:
    ito = "2220800"  # 伊東市
    assert derived(ito) == ["380"]
    assert Area.objects.get(kind=Area.Kind.MUNICIPALITY, code=ito).tsunami_area_code == ""
    assert derived("0320200") == ["210"]  # 宮古市 (岩手県)
    assert ito in municipalities_in_tsunami_areas({"380"})
    assert "0320200" in municipalities_in_tsunami_areas({"210"})


def test_a_coastal_municipality_in_a_multi_area_prefecture_gets_its_own_coast(
    codes: None,
) -> None:
    choshi, oshima, yokosuka = "1220200", "1336100", "1420100"  # 銚子市, 大島町, 横須賀市
    assert derived(choshi) == ["310"]  # 九十九里・外房, not 千葉's 内房 or 東京湾内湾
    assert derived(oshima) == ["320"]  # 伊豆諸島
    assert derived(yokosuka) == ["312", "330"]  # on both sides of 観音崎
    assert derived("0121400") == ["110", "120"]  # 稚内市: 宗谷岬 is in the city
    bay = municipalities_in_tsunami_areas({"312"})
    assert {"1311100", yokosuka} <= bay  # 大田区 (東京都) too: the area spans prefectures
    assert not {choshi, oshima} & bay
    assert oshima in municipalities_in_tsunami_areas({"320", "380"})
    assert tsunami_areas_of_municipalities({choshi, "2220800"}) == {"310", "380"}


def test_the_coasts_file_covers_every_coastal_municipality_it_must(tables: CodeTables) -> None:
    """Every coastal municipality of a prefecture with several areas is listed, with areas of
    its own prefecture only; nothing inland is listed."""
    coasts = load_tsunami_coasts()
    by_prefecture = tsunami_areas_by_prefecture(tables)
    must = {
        code
        for code in tables.municipalities
        if tables.is_coastal(code) and len(by_prefecture.get(code[:2], [])) > 1
    }
    assert must and set(coasts) == must
    for code, areas in coasts.items():
        assert areas and set(areas) <= set(by_prefecture[code[:2]]), code


def test_a_municipality_the_coasts_file_misses_is_warned_for_its_whole_prefecture(
    tables: CodeTables, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_prefecture = tsunami_areas_by_prefecture(tables)
    assert derived_tsunami_areas(tables, "1220200", by_prefecture) == ["310"]
    monkeypatch.setattr(areas_module, "load_tsunami_coasts", lambda: {"1220200": ("999",)})
    # An area that is not the prefecture's is ignored; nothing left means every area.
    assert derived_tsunami_areas(tables, "1220200", by_prefecture) == ["310", "311", "312"]
    monkeypatch.setattr(areas_module, "load_tsunami_coasts", dict)
    assert derived_tsunami_areas(tables, "1220200", by_prefecture) == ["310", "311", "312"]


def test_an_inland_municipality_gets_no_tsunami_area(codes: None) -> None:
    every_area = set(Area.objects.filter(kind=Area.Kind.TSUNAMI).values_list("code", flat=True))
    targeted = municipalities_in_tsunami_areas(every_area)
    for pref, (_coast, (inland, name)) in PAIRS.items():
        assert derived(inland) == [], (pref, name)
        assert inland not in targeted, (pref, name)
    for code in STORM_SURGE_ONLY:
        assert derived(code) == [] and code not in targeted
    assert "1052400" not in targeted  # 群馬県大泉町
    assert not [c for c in targeted if c[:2] in LANDLOCKED]


def test_a_municipality_on_two_coasts_hears_both_and_the_admin_wins(codes: None) -> None:
    toyohashi = "2320100"  # 三河湾 (伊勢・三河湾, 391) and 遠州灘 (愛知県外海, 390)
    assert derived(toyohashi) == ["390", "391"]
    assert toyohashi in municipalities_in_tsunami_areas({"391"})
    assert toyohashi in municipalities_in_tsunami_areas({"390"})

    ito = Area.objects.get(kind=Area.Kind.MUNICIPALITY, code="2220800")
    ito.tsunami_area_code = "999"
    ito.save(update_fields=["tsunami_area_code"])
    assert "2220800" not in municipalities_in_tsunami_areas({"380"})
    assert "2220800" in municipalities_in_tsunami_areas({"999"})
    import_code_tables(jma_dir() / "codes")  # a re-import keeps the admin's and re-derives
    ito.refresh_from_db()
    assert (ito.tsunami_area_code, ito.tsunami_area_codes) == ("999", ["380"])


def test_matching_every_area_is_one_query(codes: None, django_assert_num_queries: Any) -> None:
    """Its cost is measured in bench_alerts.py (telegram → first push); here: one query,
    however many areas a telegram names."""
    every_area = set(Area.objects.filter(kind=Area.Kind.TSUNAMI).values_list("code", flat=True))
    with django_assert_num_queries(1):
        targeted = municipalities_in_tsunami_areas(every_area)
    assert len(targeted) > 800


def test_a_real_tsunami_advisory_reaches_the_coasts_it_names(codes: None, samples: Path) -> None:
    result = ingest(sample_bytes(samples, SOUTHWEST), source="feed")
    assert {(n.template, n.is_drill) for n in result.notices} == {("tsunami_advisory.issue", False)}
    told = {code for n in result.notices for code in n.codes}
    # 鹿児島市, 枕崎市 and 霧島市 (西部), 西之表市 and 屋久島町 (種子島・屋久島), 奄美市.
    assert {"4620100", "4620400", "4621800", "4621300", "4650500", "4622200"} <= told
    # 志布志市 and 肝付町 face 鹿児島県東部 (770), which this advisory does not name.
    assert not told & {"4622100", "4649200"}
    # Inland 鹿児島県 (伊佐市, さつま町, 湧水町) and every other prefecture are left alone.
    assert not told & {"4622400", "4639200", "4645200"}
    assert {c[:2] for c in told} == {"46"}
    coastal = Area.objects.filter(kind=Area.Kind.MUNICIPALITY, code__in=told)
    assert all(set(a.tsunami_area_codes) & {"771", "772", "773"} for a in coastal)
    assert coastal.count() == len(told)


def test_the_migration_forgets_only_what_the_removed_demo_file_had_set(codes: None) -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module("kyosei.alerts.migrations.0006_forget_the_demo_tsunami_areas")
    municipalities = Area.objects.filter(kind=Area.Kind.MUNICIPALITY)
    municipalities.filter(code="2320100").update(tsunami_area_code="390")  # the file's value
    municipalities.filter(code="2213001").update(tsunami_area_code="999")  # an admin's
    municipalities.filter(code="2220800").update(tsunami_area_code="380")  # not in the file
    migration.forget(apps, None)
    assert dict(
        municipalities.filter(code__in=["2320100", "2213001", "2220800"]).values_list(
            "code", "tsunami_area_code"
        )
    ) == {"2320100": "", "2213001": "999", "2220800": "380"}
    assert "2320100" in municipalities_in_tsunami_areas({"391"})  # its bay shore too, now
