"""Concrete values parsed from specific official samples."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from jmaparse import (
    EarthquakeTelegram,
    EewTelegram,
    EventKind,
    IgnoredTelegram,
    InfoType,
    Intensity,
    SeismicAdvisoryTelegram,
    Status,
    Telegram,
    TextTelegram,
    TsunamiCategory,
    TsunamiTelegram,
    VolcanoTelegram,
    WarningSeverity,
    WarningStatus,
    WarningTimelineTelegram,
    WeatherWarningTelegram,
    parse,
    parse_file,
    sort_telegrams,
)

JST = timezone(timedelta(hours=9))


def load(samples_dir: Path, name: str) -> Telegram:
    return parse_file(samples_dir / name)


def eq(samples_dir: Path, name: str) -> EarthquakeTelegram:
    t = load(samples_dir, name)
    assert isinstance(t, EarthquakeTelegram)
    return t


def ts(samples_dir: Path, name: str) -> TsunamiTelegram:
    t = load(samples_dir, name)
    assert isinstance(t, TsunamiTelegram)
    return t


def ww(samples_dir: Path, name: str) -> WeatherWarningTelegram:
    t = load(samples_dir, name)
    assert isinstance(t, WeatherWarningTelegram)
    return t


def vo(samples_dir: Path, name: str) -> VolcanoTelegram:
    t = load(samples_dir, name)
    assert isinstance(t, VolcanoTelegram)
    return t


# ------------------------------------------------------------------------------ earthquakes


def test_vxse53_hypocentre_magnitude_intensity(samples_dir: Path) -> None:
    t = eq(samples_dir, "32-35_07_06_240613_VXSE53.xml")
    assert t.kind is EventKind.EARTHQUAKE_INFORMATION and t.type_code == "VXSE53"
    assert t.title == "震源・震度情報"
    assert t.event_id == "20090811050711" and t.serial == 1
    assert t.info_type is InfoType.ISSUED and t.status is Status.NORMAL and t.is_real
    assert t.editorial_office == "気象庁本庁"
    assert t.control_datetime == datetime(2009, 8, 10, 20, 13, 14, tzinfo=UTC)
    assert t.control_datetime.tzinfo is UTC
    assert t.report_datetime == datetime(2009, 8, 11, 5, 13, tzinfo=JST)
    assert t.report_datetime.utcoffset() == timedelta(hours=9)
    assert t.report_datetime == datetime(2009, 8, 10, 20, 13, tzinfo=UTC)  # same instant
    assert t.target_datetime == datetime(2009, 8, 11, 5, 7, tzinfo=JST)
    assert t.headline_text == "１１日０５時０７分ころ、地震がありました。"

    assert t.earthquake is not None and t.earthquake.hypocentre is not None
    hyp = t.earthquake.hypocentre
    assert (hyp.area.code, hyp.area.name) == ("485", "駿河湾")
    assert hyp.name_from_mark == "御前崎の北東４０ｋｍ付近"
    assert hyp.coordinate is not None
    assert (hyp.coordinate.latitude, hyp.coordinate.longitude) == (34.8, 138.5)
    assert hyp.coordinate.depth_km == 20.0
    mag = t.earthquake.magnitude
    assert mag is not None and mag.value == 6.6 and mag.type == "Mj" and not mag.is_unknown
    assert t.earthquake.origin_time == datetime(2009, 8, 11, 5, 7, tzinfo=JST)

    assert t.max_intensity is Intensity.SIX_LOWER
    strong = t.areas_at_least(Intensity.SIX_LOWER)
    assert [(a.code, a.name) for a in strong] == [
        ("440", "静岡県伊豆"),
        ("442", "静岡県中部"),
        ("443", "静岡県西部"),
    ]
    assert {a.code for a in t.areas_at_least(Intensity.FIVE_UPPER)} == {"440", "441", "442", "443"}
    izu = next(c for c in t.cities if c.code == "2222200")
    assert izu.name == "伊豆市" and izu.max_intensity is Intensity.SIX_LOWER
    assert (
        izu.stations[0].name == "伊豆市市山＊" and izu.stations[0].intensity is Intensity.SIX_LOWER
    )
    # a city whose stronger stations have not reported yet
    fujieda = next(c for c in t.cities if c.code == "2221400")
    assert fujieda.max_intensity is Intensity.FOUR
    assert fujieda.condition == "震度５弱以上未入電"
    assert any(
        s.intensity is None and s.condition == "震度５弱以上未入電" for s in fujieda.stations
    )
    assert t.comments[0].codes == ("0211", "0241")


def test_vxse51_intensity_flash(samples_dir: Path) -> None:
    t = eq(samples_dir, "32-35_07_01_100915_VXSE51.xml")
    assert t.kind is EventKind.EARTHQUAKE_INTENSITY_FLASH
    assert t.earthquake is None
    assert t.max_intensity is Intensity.SIX_LOWER
    assert [(a.code, a.max_intensity) for a in t.areas[:2]] == [
        ("442", Intensity.SIX_LOWER),
        ("443", Intensity.SIX_LOWER),
    ]
    assert all(a.max_intensity is not None and a.max_intensity >= Intensity.THREE for a in t.areas)


def test_vxse62_long_period_ground_motion(samples_dir: Path) -> None:
    t = eq(samples_dir, "78_01_01_240613_VXSE62.xml")
    assert t.kind is EventKind.LONG_PERIOD_GROUND_MOTION
    assert t.max_intensity is Intensity.FIVE_LOWER and t.max_lg_intensity == 3
    miyagi = next(a for a in t.areas if a.code == "220")
    assert miyagi.name == "宮城県北部" and miyagi.max_lg_intensity == 3


def test_unknown_magnitude_over_8(samples_dir: Path) -> None:
    t = ts(samples_dir, "32-39_11_02_250206_VTSE41.xml")
    mag = t.earthquakes[0].magnitude
    assert mag is not None
    assert mag.value is None and mag.is_unknown and mag.exceeds_8
    assert mag.condition == "不明" and mag.description == "Ｍ８を超える巨大地震"


def test_eew_warning(samples_dir: Path) -> None:
    t = load(samples_dir, "37_01_01_240613_VXSE43.xml")
    assert isinstance(t, EewTelegram)
    assert t.kind is EventKind.EEW_WARNING and t.is_warning
    assert t.event_id == "20240417231454" and t.serial == 1
    assert t.intensity_from is Intensity.FIVE_LOWER and t.intensity_to is Intensity.FIVE_LOWER
    assert t.earthquake is not None and t.earthquake.hypocentre is not None
    assert t.earthquake.hypocentre.area.name == "豊後水道"
    assert t.earthquake.magnitude is not None and t.earthquake.magnitude.value == 5.8
    first = t.warning_areas[0]
    assert (first.code, first.name, first.intensity_from) == (
        "622",
        "愛媛県南予",
        Intensity.FIVE_LOWER,
    )
    assert len(t.areas) == 9


def test_eew_forecast_is_not_warning(samples_dir: Path) -> None:
    t = load(samples_dir, "36_01_01_240613_VXSE44.xml")
    assert isinstance(t, EewTelegram)
    assert t.kind is EventKind.EEW_FORECAST
    assert not any(a.is_warning for a in t.areas)
    assert not t.is_warning


# ------------------------------------------------------------------------------ tsunami


def test_vtse41_areas_and_categories(samples_dir: Path) -> None:
    t = ts(samples_dir, "32-39_11_02_250206_VTSE41.xml")
    assert t.kind is EventKind.TSUNAMI_WARNING and t.type_code == "VTSE41"
    assert t.event_id == "20110311144640" and t.serial is None
    counts = Counter(f.category for f in t.forecasts)
    assert counts == {
        TsunamiCategory.MAJOR_WARNING_ISSUED: 3,
        TsunamiCategory.WARNING: 5,
        TsunamiCategory.ADVISORY: 15,
        TsunamiCategory.FORECAST: 20,
    }
    iwate, miyagi = t.forecasts[0], t.forecasts[1]
    assert (iwate.area.code, iwate.area.name) == ("210", "岩手県")
    assert iwate.category is TsunamiCategory.MAJOR_WARNING_ISSUED
    assert iwate.category_name == "大津波警報：発表"
    assert iwate.last_category is TsunamiCategory.NONE
    assert iwate.first_arrival_condition == "津波到達中と推測"
    assert iwate.max_height is not None and iwate.max_height.value is None
    assert iwate.max_height.description == "巨大"
    assert miyagi.area.code == "220"
    assert miyagi.first_arrival_time == datetime(2011, 3, 11, 15, 0, tzinfo=JST)
    assert t.highest_category is TsunamiCategory.MAJOR_WARNING_ISSUED
    assert t.highest_category.severity == 4
    assert [f.area.code for f in t.areas_with(TsunamiCategory.WARNING)][:3] == ["101", "201", "300"]


def test_tsunami_lifting_is_not_cancellation(samples_dir: Path) -> None:
    t = ts(samples_dir, "32-39_12_13_250206_VTSE41.xml")
    assert t.info_type is InfoType.ISSUED and not t.is_cancellation
    assert t.is_drill and not t.is_real
    assert all(f.category.is_lifted for f in t.forecasts)
    assert Counter(f.category for f in t.forecasts) == {
        TsunamiCategory.FORECAST_FROM_WARNING: 29,
        TsunamiCategory.WARNING_LIFTED: 15,
        TsunamiCategory.ADVISORY_LIFTED: 22,
    }
    assert max(f.category.severity for f in t.forecasts) == 1  # only 若干の海面変動 remains


def test_tsunami_information_stations(samples_dir: Path) -> None:
    t = ts(samples_dir, "32-39_11_03_250206_VTSE51.xml")
    assert t.kind is EventKind.TSUNAMI_INFORMATION
    iwate = t.forecasts[0]
    assert iwate.area.code == "210"
    miyako = iwate.stations[0]
    assert (miyako.code, miyako.name) == ("21001", "宮古")
    assert miyako.high_tide_time == datetime(2011, 3, 11, 19, 43, tzinfo=JST)
    assert miyako.first_arrival_time == datetime(2011, 3, 11, 15, 20, tzinfo=JST)


def test_tsunami_multiple_event_ids(samples_dir: Path) -> None:
    t = ts(samples_dir, "38-39_02_04_250206_VTSE41.xml")
    assert t.event_ids == ("20151114055157", "20151114061750")
    assert len(t.earthquakes) == 2
    assert {f.category for f in t.forecasts} == {TsunamiCategory.ADVISORY_LIFTED}


# ------------------------------------------------------------------------------ weather


def test_vpww54_municipality_warnings(samples_dir: Path) -> None:
    t = ww(samples_dir, "15_11_01_150916_VPWW54.xml")
    assert t.kind is EventKind.WEATHER_WARNING and t.type_code == "VPWW54"
    assert t.title == "山口県気象警報・注意報" and t.event_id is None and t.serial is None
    assert len(t.municipalities) == 19
    (shimonoseki,) = t.for_area("3520100")
    assert shimonoseki.area.name == "下関市"
    names = [(k.name, k.code, k.status) for k in shimonoseki.kinds]
    assert names == [
        ("高潮警報", "08", WarningStatus.ISSUED),
        ("乾燥注意報", "21", WarningStatus.ISSUED),
        ("霜注意報", "24", WarningStatus.ISSUED),
    ]
    storm = shimonoseki.kinds[0]
    assert storm.severity is WarningSeverity.WARNING and storm.notes == ("副振動", "潮位変動大")
    assert storm.level is None  # the H27 format has no levels; none are invented
    assert shimonoseki.change_status == "警報・注意報種別に変化有"


def test_vpww53_lifting_per_municipality(samples_dir: Path) -> None:
    t = ww(samples_dir, "15_08_03_160628_VPWW53.xml")
    (misato,) = t.for_area("2934300")
    assert misato.area.name == "三郷町"
    by_name = {k.name: k for k in misato.kinds}
    assert by_name["洪水警報"].status is WarningStatus.LIFTED and by_name["洪水警報"].is_lifted
    assert not by_name["洪水警報"].in_force
    assert by_name["大雨注意報"].status is WarningStatus.EMERGENCY_TO_ADVISORY
    assert by_name["大雨注意報"].in_force
    assert by_name["雷注意報"].status is WarningStatus.CONTINUED
    assert [k.name for k in misato.lifted] == ["洪水警報"]
    assert sorted(i.area.code for i in t.municipalities if i.lifted) == [
        "2934200",
        "2934300",
        "2934400",
        "2934500",
    ]


def test_vpww55_levels(samples_dir: Path) -> None:
    t = ww(samples_dir, "15_16_03_241226_VPWW55.xml")
    assert t.kind is EventKind.WEATHER_WARNING_LEVEL and t.type_code == "VPWW55"
    (wakkanai,) = t.for_area("0121400")
    (k,) = wakkanai.kinds
    assert (k.name, k.code, k.status) == ("レベル４大雨危険警報", "43", WarningStatus.ISSUED)
    assert k.level == 4 and k.severity is WarningSeverity.DANGER
    assert k.last_kind_name == "レベル３大雨警報" and k.last_kind_code == "03"
    assert k.significancies[0].name == "警戒レベル４相当" and k.significancies[0].level == 4
    lifted = ww(samples_dir, "15_17_01_241226_VPWW55.xml")
    (oki,) = [i for i in lifted.municipalities if i.lifted]
    assert (oki.area.code, oki.area.name) == ("3252800", "隠岐の島町")
    assert oki.kinds[0].status is WarningStatus.LIFTED and oki.kinds[0].level == 2


def test_landslide_alert(samples_dir: Path) -> None:
    t = ww(samples_dir, "17_01_01_190529_VXWW50.xml")
    assert t.kind is EventKind.LANDSLIDE_ALERT
    assert t.target_area is not None and t.target_area.code == "400000"
    assert t.event_id == "福岡県土砂災害警戒情報" and t.serial == 5
    (kitakyushu,) = t.for_area("4010000")
    k = kitakyushu.kinds[0]
    assert (k.name, k.status, k.level) == ("警戒", WarningStatus.CONTINUED, 4)
    (fukuoka,) = t.for_area("4013000")
    assert fukuoka.kinds[0].status is WarningStatus.LIFTED and fukuoka.kinds[0].level is None


def test_tornado_and_record_rain(samples_dir: Path) -> None:
    tornado = ww(samples_dir, "19_08_01_150916_VPHW50.xml")
    assert tornado.kind is EventKind.TORNADO_ALERT
    assert tornado.valid_datetime == datetime(2015, 7, 17, 10, 30, tzinfo=JST)
    (kawagoe,) = tornado.for_area("1120100")
    assert kawagoe.kinds[0].status is WarningStatus.ISSUED
    assert kawagoe.kinds[0].severity is WarningSeverity.ADVISORY
    rain = ww(samples_dir, "18_01_01_100806_VPOA50.xml")
    assert rain.kind is EventKind.RECORD_SHORT_HEAVY_RAIN
    assert rain.event_id == "JPOS201006021154_201006021154"
    assert rain.blocks[0].items[0].area.code == "270000"
    assert "１３０ミリ" in rain.headline_text


def test_emergency_warning_notice(samples_dir: Path) -> None:
    t = ww(samples_dir, "62_01_01_130412_VPNO50.xml")
    assert t.kind is EventKind.EMERGENCY_WARNING_NOTICE
    assert t.event_id is None and t.serial is None
    assert len(t.municipalities) == 27
    nara = t.for_area("2920100")[0]
    assert nara.area.name == "奈良市"
    assert nara.kinds[0].name == "大雨特別警報" and nara.kinds[0].code == "33"
    assert nara.kinds[0].severity is WarningSeverity.EMERGENCY


def test_warning_timeline(samples_dir: Path) -> None:
    t = load(samples_dir, "81_01_01_250630_VPWP50.xml")
    assert isinstance(t, WarningTimelineTelegram)
    rain = [i for i in t.for_area("0121400") if i.property_type == "大雨浸水危険度"]
    assert rain
    first = rain[0].entries[0]
    assert first.slot.start == datetime(2023, 6, 22, 6, 0, tzinfo=JST)
    assert first.slot.duration == timedelta(hours=3) and first.slot.name == "２２日朝"
    assert first.significancy.name == "警戒レベル２未満" and first.significancy.level == 1


def test_warning_timeline_duplicate_time_id_falls_back_to_order(samples_dir: Path) -> None:
    t = load(samples_dir, "81_01_02_241226_VPWP50.xml")
    assert isinstance(t, WarningTimelineTelegram)
    dry = [i for i in t.items if i.property_type == "乾燥危険度"]
    assert dry
    assert [e.slot.name for e in dry[0].entries] == ["２２日", "２３日", "２４日"]


# ------------------------------------------------------------------------------ volcano


def test_volcano_warning_level_raised(samples_dir: Path) -> None:
    t = vo(samples_dir, "45_01_01_200522_VFVO50.xml")
    assert t.kind is EventKind.VOLCANO_WARNING
    assert t.volcano is not None and (t.volcano.code, t.volcano.name) == ("306", "浅間山")
    assert t.alert_level == 3 and t.alert_condition == "引上げ"
    assert [a.code for a in t.municipalities] == ["1042500", "2020800", "2032100", "2032300"]
    assert t.volcano_headline is not None and "火口周辺警報" in t.volcano_headline


def test_eruption_flash(samples_dir: Path) -> None:
    t = vo(samples_dir, "67_01_01_140927_VFVO56.xml")
    assert t.kind is EventKind.VOLCANO_ERUPTION_FLASH
    assert t.volcano is not None and t.volcano.name == "御嶽山" and t.volcano.code == "312"
    assert t.event_time == datetime(2014, 9, 27, 11, 53, tzinfo=JST)
    assert len(t.municipalities) == 4 and t.municipalities[0].code == "2042900"


# ------------------------------------------------------------------------------ text types


def test_nankai_extra_information(samples_dir: Path) -> None:
    t = load(samples_dir, "74_01_01_200512_VYSE50.xml")
    assert isinstance(t, SeismicAdvisoryTelegram)
    assert t.kind is EventKind.NANKAI_TROUGH_EXTRA
    assert (t.serial_name, t.serial_code) == ("調査中", "111")
    assert "評価検討会" in t.text


def test_heat_stroke_alert_and_ignored(samples_dir: Path) -> None:
    heat = load(samples_dir, "57_03_01_240401_VPFT50.xml")
    assert isinstance(heat, TextTelegram) and heat.kind is EventKind.HEAT_STROKE_ALERT
    assert heat.event_id == "JPTC240001" and heat.serial == 2
    assert "暑さ指数" in heat.text
    test = load(samples_dir, "54_01_01_100514_VXSE42.xml")
    assert isinstance(test, IgnoredTelegram) and test.type_code == "VXSE42"
    assert test.status is Status.TEST and test.is_test and not test.is_real


# ------------------------------------------------------------------------------ 取消 / 訂正


def test_cancellation_applies_to_right_telegrams(samples_dir: Path) -> None:
    cancel = eq(samples_dir, "32-35_06_06_100915_VXSE53.xml")
    assert cancel.is_cancellation and cancel.cancels_event_id == "20080614084350"
    assert cancel.serial == 3 and cancel.earthquake is None
    assert cancel.body_text is not None and "取り消します" in cancel.body_text
    for name in (
        "32-35_06_03_240613_VXSE53.xml",
        "32-35_06_04_240613_VXSE53.xml",
        "32-35_06_05_240613_VXSE53.xml",
    ):
        assert cancel.applies_to(load(samples_dir, name)), name
    # same event, other type (VXSE52 has its own 取消) or reported later: untouched
    assert not cancel.applies_to(load(samples_dir, "32-35_06_01_240613_VXSE52.xml"))
    assert not cancel.applies_to(load(samples_dir, "32-35_06_09_240613_VXSE61.xml"))
    # other event of the same type, and itself
    assert not cancel.applies_to(load(samples_dir, "32-35_07_06_240613_VXSE53.xml"))
    assert not cancel.applies_to(cancel)
    # an ordinary telegram applies to nothing
    issued = load(samples_dir, "32-35_06_05_240613_VXSE53.xml")
    assert not issued.applies_to(load(samples_dir, "32-35_06_04_240613_VXSE53.xml"))
    assert issued.cancels_event_id is None


def test_eew_cancellation_scoped_to_its_type(samples_dir: Path) -> None:
    cancel = load(samples_dir, "37_01_03_240613_VXSE43.xml")
    assert cancel.is_cancellation and cancel.serial == 2
    assert cancel.applies_to(load(samples_dir, "37_01_01_240613_VXSE43.xml"))
    assert cancel.applies_to(load(samples_dir, "37_01_02_240613_VXSE43.xml"))
    assert not cancel.applies_to(load(samples_dir, "36_01_05_240613_VXSE44.xml"))


def test_correction_of_eruption_flash(samples_dir: Path) -> None:
    original = vo(samples_dir, "67_01_02_140927_VFVO56.xml")
    correction = vo(samples_dir, "67_01_03_140927_VFVO56.xml")
    cancel = vo(samples_dir, "67_01_04_140927_VFVO56.xml")
    assert correction.info_type is InfoType.CORRECTION and correction.is_correction
    assert correction.event_time == datetime(2014, 9, 27, 11, 52, tzinfo=JST)
    assert original.event_time == datetime(2014, 9, 27, 11, 53, tzinfo=JST)
    assert correction.applies_to(original)
    assert not original.applies_to(correction)
    assert cancel.applies_to(original) and cancel.applies_to(correction)
    assert cancel.volcano is None and cancel.body_text is not None


def test_correction_needs_same_event(samples_dir: Path) -> None:
    other_event = load(samples_dir, "43_01_01_200522_VFVO52.xml")
    correction = load(samples_dir, "43_02_01_200522_VFVO52.xml")
    cancel = load(samples_dir, "43_03_01_200522_VFVO52.xml")
    assert correction.is_correction and correction.event_id == "20200522143900_306"
    assert not correction.applies_to(other_event)  # EventID 20200522144900_306
    assert cancel.applies_to(correction)


def test_drill_does_not_cancel_real(samples_dir: Path) -> None:
    drill = ts(samples_dir, "32-39_12_02_250206_VTSE41.xml")
    assert drill.status is Status.DRILL and drill.is_drill and not drill.is_real
    assert "訓練" in drill.headline_text
    raw = (samples_dir / "32-35_06_06_100915_VXSE53.xml").read_text(encoding="utf-8")
    drill_cancel = parse(raw.replace("<Status>通常</Status>", "<Status>訓練</Status>"))
    assert drill_cancel.is_drill and drill_cancel.is_cancellation
    real = load(samples_dir, "32-35_06_05_240613_VXSE53.xml")
    assert not drill_cancel.applies_to(real)
    assert load(samples_dir, "32-35_06_06_100915_VXSE53.xml").applies_to(real)


def test_eew_final_report_flag(samples_dir: Path) -> None:
    raw = (samples_dir / "36_01_32_240613_VXSE44.xml").read_text(encoding="utf-8")
    first = parse(raw)
    assert isinstance(first, EewTelegram) and not first.is_final
    final = parse(
        raw.replace(
            "</Body>",
            "<NextAdvisory>この情報をもって、緊急地震速報：最終報とします。</NextAdvisory></Body>",
        )
    )
    assert isinstance(final, EewTelegram) and final.is_final


# ------------------------------------------------------------------------------ ordering


def test_ordering_by_event_id_and_serial(samples_dir: Path) -> None:
    files = sorted(samples_dir.glob("36_01_*_VXSE44.xml"))
    assert len(files) == 33
    telegrams = [parse_file(f) for f in files]
    shuffled = telegrams[:]
    random.Random(7).shuffle(shuffled)
    ordered = sort_telegrams(shuffled)
    assert [t.serial for t in ordered] == [*range(1, 33), 32]
    assert ordered[-1].is_cancellation  # same serial as the last forecast, reported later
    assert all(a.ordering_key <= b.ordering_key for a, b in zip(ordered, ordered[1:], strict=False))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", Intensity.ONE),
        ("5-", Intensity.FIVE_LOWER),
        ("６強", Intensity.SIX_UPPER),
        ("震度５弱", Intensity.FIVE_LOWER),
        ("7", Intensity.SEVEN),
        ("震度５弱以上未入電", None),
        (None, None),
        ("", None),
    ],
)
def test_intensity_from_jma(text: str | None, expected: Intensity | None) -> None:
    assert Intensity.from_jma(text) is expected


def test_intensity_is_ordered() -> None:
    ordered = [Intensity.from_jma(x) for x in ("1", "2", "3", "4", "5-", "5+", "6-", "6+", "7")]
    assert ordered == sorted(ordered, key=lambda i: i.rank if i else -1)
    assert Intensity.FIVE_LOWER > Intensity.FOUR and Intensity.FIVE_UPPER > Intensity.FIVE_LOWER
    assert Intensity.SIX_LOWER >= Intensity.FOUR and not Intensity.THREE >= Intensity.FOUR
    assert [i for i in Intensity if i >= Intensity.FOUR][0] is Intensity.FOUR
    assert max(Intensity.SIX_UPPER, Intensity.SEVEN, Intensity.FIVE_UPPER) is Intensity.SEVEN
    assert Intensity.SIX_UPPER.label_ja == "6強"
    assert Intensity.FOUR.__lt__(3) is NotImplemented


def test_events_are_immutable(samples_dir: Path) -> None:
    t = eq(samples_dir, "32-35_07_06_240613_VXSE53.xml")
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.serial = 2  # type: ignore[misc]
    assert isinstance(t.prefectures, tuple) and isinstance(t.areas[0].cities, tuple)
