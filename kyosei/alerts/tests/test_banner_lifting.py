"""The portal banner after a lifting, on the real tsunami sequences of the shared samples.

* 32-39_11 (2011-03-11, 東北地方太平洋沖地震): 32-39_11_13 lifts the last advisories, with a
  ValidDateTime (2011-03-14) long past. Before, the banner skipped the expired lifting and fell
  back to the update before it (32-39_11_11, 大津波警報): a lifted hazard came back.
* 38-39_02 (2015-11-14, 薩摩半島西方沖): 38-39_02_04 lifts the advisory under two merged
  EventIDs (it gave no notice before ingest matched merged EventIDs with their earlier
  events; now a lifting, test_merged_event_lifting.py); before, the banner kept showing the
  tsunami information of 38-39_02_03, also after the last telegram of the sequence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kyosei.alerts.access import active_banner_notice
from kyosei.alerts.services import receive_telegram

pytestmark = pytest.mark.django_db


def replay(samples: Path, prefix: str) -> dict[str, str | None]:
    """The banner's notice template after each telegram of the sequence."""
    shown: dict[str, str | None] = {}
    for path in sorted(samples.glob(prefix + "*.xml")):
        receive_telegram(raw=path.read_bytes(), source="replay", dispatch=False)
        banner = active_banner_notice()
        shown[path.name[:11]] = banner.template if banner else None
    return shown


def test_a_lifting_past_its_valid_time_does_not_bring_back_the_warning(
    samples: Path, codes: None
) -> None:
    shown = replay(samples, "32-39_11_")
    assert shown["32-39_11_11"] == "tsunami_warning.update"
    # The earthquake information of the same quake (replayed within minutes here; two days
    # before the lifting in reality) is no tsunami: nothing about the tsunami is shown.
    assert not (shown["32-39_11_13"] or "").startswith("tsunami")
    banner = active_banner_notice("2213001")  # 浜松市南部, under the advisory until 11_13
    assert banner is None or banner.hazard != "tsunami"


def test_a_lifting_without_a_notice_ends_the_tsunami_information_too(
    samples: Path, codes: None
) -> None:
    shown = replay(samples, "38-39_02_")
    assert shown["38-39_02_01"] == "tsunami_advisory.issue"
    # Serial 2 under the merged EventID continues 38-39_02_02 (serial 1): an update.
    assert shown["38-39_02_03"] == "tsunami_info.update"
    assert shown["38-39_02_04"] is None
    assert shown["38-39_02_05"] is None  # the information after the lifting brings nothing back


def test_an_update_is_shown_while_in_force_and_a_drill_never(samples: Path, codes: None) -> None:
    shown = replay(samples, "32-39_11_0")
    assert shown["32-39_11_06"] == "tsunami_warning.update"
    drill = replay(samples, "32-39_12_0")  # the official drill sequence
    assert set(drill.values()) == {"tsunami_warning.update"}  # still the real 11_09 one
