"""Real and official JMA telegrams the per-hazard wording tests use, and small helpers."""

from __future__ import annotations

from kyosei.alerts.models import Area, Notice

VXSE53 = "32-35_08_07_240613_VXSE53.xml"  # real, 2010-07-05 岩手県沖 M6.3, max intensity 4
VXSE51 = "32-35_01_01_100806_VXSE51.xml"  # real 震度速報, 2009-08-11 駿河湾, no hypocentre yet
VXSE43 = "37_01_01_240613_VXSE43.xml"  # real EEW warning, 2024-04-17 豊後水道 M5.8
VTSE41 = "32-39_11_02_250206_VTSE41.xml"  # official 2011-03-11 sample, three categories
VTSE41_LATER = "32-39_11_09_250206_VTSE41.xml"  # same event, 第１波の到達を確認 for 岩手県


def only(notices: list[Notice]) -> Notice:
    (notice,) = notices
    return notice


def municipality(name: str, prefecture: str = "") -> str:
    found = Area.objects.filter(kind=Area.Kind.MUNICIPALITY, name=name)
    if prefecture:
        found = found.filter(code__startswith=prefecture)
    code = found.values_list("code", flat=True).first()
    assert code, name
    return code
