"""Every official JMA sample parses into an event of the expected kind, or is a deliberately
ignored type; header fields are cross-checked against the raw XML text."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from jmaparse import (
    EarthquakeTelegram,
    EewTelegram,
    EventKind,
    IgnoredTelegram,
    InfoType,
    SeismicAdvisoryTelegram,
    Status,
    TextTelegram,
    TsunamiTelegram,
    VolcanoTelegram,
    WarningStatus,
    WarningTimelineTelegram,
    WeatherWarningTelegram,
    parse_file,
)

from .conftest import sample_files

K = EventKind
EXPECTED: dict[str, EventKind] = {
    "VXSE42": K.IGNORED,
    "VXSE43": K.EEW_WARNING,
    "VXSE44": K.EEW_FORECAST,
    "VXSE45": K.EEW_GROUND_MOTION_FORECAST,
    "VXSE51": K.EARTHQUAKE_INTENSITY_FLASH,
    "VXSE52": K.EARTHQUAKE_HYPOCENTRE,
    "VXSE53": K.EARTHQUAKE_INFORMATION,
    "VXSE56": K.IGNORED,
    "VXSE60": K.IGNORED,
    "VXSE61": K.EARTHQUAKE_HYPOCENTRE_UPDATE,
    "VXSE62": K.LONG_PERIOD_GROUND_MOTION,
    "VTSE41": K.TSUNAMI_WARNING,
    "VTSE51": K.TSUNAMI_INFORMATION,
    "VTSE52": K.TSUNAMI_OFFSHORE_OBSERVATION,
    "VYSE50": K.NANKAI_TROUGH_EXTRA,
    "VYSE51": K.NANKAI_TROUGH_COMMENTARY,
    "VYSE52": K.NANKAI_TROUGH_COMMENTARY,
    "VYSE60": K.HOKKAIDO_SANRIKU_ADVISORY,
    "VPWW53": K.WEATHER_WARNING,
    "VPWW54": K.WEATHER_WARNING,
    **{f"VPWW{n}": K.WEATHER_WARNING_LEVEL for n in range(55, 62)},
    "VPWP50": K.WARNING_TIMELINE,
    "VXWW50": K.LANDSLIDE_ALERT,
    "VPOA50": K.RECORD_SHORT_HEAVY_RAIN,
    "VPHW50": K.TORNADO_ALERT,
    "VPNO50": K.EMERGENCY_WARNING_NOTICE,
    "VPFT50": K.HEAT_STROKE_ALERT,
    "VFVO50": K.VOLCANO_WARNING,
    "VFVO51": K.IGNORED,
    "VFVO52": K.VOLCANO_ERUPTION_OBSERVATION,
    "VFVO53": K.IGNORED,
    "VFVO54": K.IGNORED,
    "VFVO55": K.IGNORED,
    "VFVO56": K.VOLCANO_ERUPTION_FLASH,
}

JST = timedelta(hours=9)
KNOWN_BAD_MUNICIPALITY_CODES = {"19_01_01_091210_VPHW50.xml": {"132100"}}
FILES = sample_files()
TYPE_RE = re.compile(r"(V[A-Z]{3}\d\d)\.xml$")


def _type_code(path: Path) -> str:
    m = TYPE_RE.search(path.name)
    assert m is not None, path.name
    return m.group(1)


def _raw(data: bytes, tag: str) -> str | None:
    m = re.search(rb"<" + tag.encode() + rb"\s*(?:/>|>(.*?)</" + tag.encode() + rb">)", data, re.S)
    if m is None:
        return None
    return (m.group(1) or b"").decode("utf-8").strip() or None


def test_sample_set_present_and_fully_mapped(samples_dir: Path) -> None:
    assert len(FILES) == 282
    codes = Counter(_type_code(f) for f in FILES)
    assert set(codes) <= set(EXPECTED), set(codes) - set(EXPECTED)
    assert codes["VXSE53"] == 22 and codes["VTSE41"] == 13 and codes["VPWW54"] == 10


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_every_sample_parses(path: Path) -> None:
    code = _type_code(path)
    raw = path.read_bytes()
    t = parse_file(path)

    assert t.kind is EXPECTED[code]
    assert code in t.type_code.split("/")
    # header cross-checked against the raw text
    assert t.status is Status(_raw(raw, "Status"))
    assert t.info_type is InfoType(_raw(raw, "InfoType"))
    assert t.event_id == _raw(raw, "EventID")
    raw_serial = _raw(raw, "Serial")
    assert t.serial == (int(raw_serial) if raw_serial else None)
    assert t.editorial_office == _raw(raw, "EditorialOffice")
    assert t.title and t.control_title and t.info_kind
    # datetimes: Control in UTC, Head in JST, all aware
    assert t.control_datetime.utcoffset() == timedelta(0)
    assert t.report_datetime.utcoffset() == JST
    assert t.target_datetime is None or t.target_datetime.utcoffset() == JST
    assert abs(t.control_datetime - t.report_datetime) < timedelta(hours=2)

    if t.is_cancellation:
        assert t.event_id
        assert (t.body_text or t.headline_text).strip()
        assert "取" in (t.body_text or "") + t.headline_text  # 取り消し / 取消
        return

    if isinstance(t, IgnoredTelegram):
        assert t.reason
    elif isinstance(t, EarthquakeTelegram):
        if code == "VXSE51":
            assert t.max_intensity is not None and t.areas
            assert all(a.max_intensity is not None for a in t.areas)
        elif code == "VXSE62":
            assert t.max_lg_intensity is not None and t.areas
        else:
            assert t.earthquake is not None and t.earthquake.hypocentre is not None
            assert t.earthquake.hypocentre.area.code
    elif isinstance(t, EewTelegram):
        assert t.earthquake is not None and t.earthquake.hypocentre is not None
        assert t.intensity_from is not None
        assert t.is_warning is (code == "VXSE43" or any(a.is_warning for a in t.areas))
    elif isinstance(t, TsunamiTelegram):
        assert t.forecasts or t.observations or t.estimations
        assert all(f.area.code.isdigit() for f in t.forecasts)
    elif isinstance(t, WeatherWarningTelegram):
        assert t.blocks and all(b.items for b in t.blocks)
        for b in t.blocks:
            for item in b.items:
                # the VPWW57 sample uses the placeholder "26xxxx" for a storm-surge section
                assert item.area.code.isdigit() or "高潮予報区間" in b.type
                assert item.area.name
                assert all(k.status is not WarningStatus.OTHER for k in item.kinds)
        if code not in ("VPOA50", "VPNO50"):  # record rain / notices may be prefecture-only
            assert t.municipalities
            bad = {i.area.code for i in t.municipalities if len(i.area.code) != 7}
            # the 2009 tornado sample lists 清瀬市 as "132100" (a 6-digit typo in JMA's sample)
            assert bad == KNOWN_BAD_MUNICIPALITY_CODES.get(path.name, set())
    elif isinstance(t, WarningTimelineTelegram):
        assert t.items and all(i.entries for i in t.items)
    elif isinstance(t, VolcanoTelegram):
        assert t.volcano is not None and t.volcano.code.isdigit()
    elif isinstance(t, SeismicAdvisoryTelegram):
        assert t.text
    elif isinstance(t, TextTelegram):
        assert "熱中症" in t.text
    else:  # pragma: no cover - a new class without a test
        pytest.fail(f"untested telegram class {type(t).__name__}")


def test_counts_per_kind(samples_dir: Path) -> None:
    counts = Counter(parse_file(f).kind for f in FILES)
    assert counts[K.IGNORED] == 1 + 14 + 2 + 3 + 1 + 1 + 1  # VXSE42/56/60, VFVO51/53/54/55
    assert counts[K.EEW_FORECAST] == 33
    assert counts[K.WEATHER_WARNING] == 24
    assert counts[K.WEATHER_WARNING_LEVEL] == 16
    assert sum(counts.values()) == 282
