"""A lifting under a merged EventID reaches those who got the advisory, on JMA's own sequence
38-39_02 (2015-11-14, 薩摩半島西方沖): 38-39_02_01 issues a 津波注意報 under EventID
20151114055157; 38-39_02_04 lifts it (津波注意報解除) under "20151114055157 20151114061750",
JMA's merge of two earthquakes' tsunami information.

Before, ingest took the merged EventID for a new event, found no earlier notice and derived
no lifting: residents who received the advisory were never told it was lifted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kyosei.alerts.models import Delivery, Notice, Telegram
from kyosei.alerts.services import receive_telegram
from kyosei.alerts.tasks import fan_out
from kyosei.alerts.tests.conftest import make_push_subscription, with_info_type
from kyosei.alerts.tests.servers import PushService

pytestmark = pytest.mark.django_db


def _replay(path: Path) -> list[Notice]:
    # As `kyosei alerts replay --no-send` does; the test fans out as the real run would.
    result = receive_telegram(raw=path.read_bytes(), source="replay", dispatch=False)
    assert result.telegram.outcome == Telegram.Outcome.APPLIED, path.name
    return result.notices


def _sent(notices: list[Notice]) -> set[int]:
    for notice in notices:
        fan_out.call(notice.pk)
    return _recipients(notices)


def _recipients(notices: list[Notice]) -> set[int]:
    return set(
        Delivery.objects.filter(notice__in=notices).values_list("subscription_id", flat=True)
    )


def test_a_lifting_under_a_merged_event_id_reaches_those_told_the_advisory(
    codes: None, samples: Path, push_service: PushService
) -> None:
    paths = sorted(samples.glob("38-39_02_*.xml"))
    assert [p.name[:11] for p in paths] == [f"38-39_02_0{i}" for i in range(1, 6)]

    advisory = _replay(paths[0])
    assert {n.template for n in advisory} == {"tsunami_advisory.issue"}
    told_codes = sorted({c for n in advisory for c in n.codes})
    alice, _ = make_push_subscription(push_service, codes=[told_codes[0]])
    bob, _ = make_push_subscription(push_service, codes=[told_codes[-1]])
    charlie, _ = make_push_subscription(push_service, codes=["1310100"])  # 千代田区, not told
    assert "1310100" not in told_codes
    told = _sent(advisory)
    assert told == {alice.pk, bob.pk}

    for path in paths[1:3]:
        _replay(path)
    lifting = _replay(paths[3])  # 38-39_02_04, EventID "20151114055157 20151114061750"
    assert [n.template for n in lifting] == ["tsunami_advisory.lifting"]
    (notice,) = lifting
    assert notice.event is not None
    assert notice.event.event_id == "20151114055157 20151114061750"
    assert set(told_codes) <= set(notice.codes)
    advisory_areas = {code for n in advisory for code, _name in n.details["tsunami_areas"]}
    assert advisory_areas <= {code for code, _name in notice.details["tsunami_areas"]}
    assert _sent(lifting) == told  # charlie, never told, hears no lifting either


def test_a_merged_telegram_older_than_an_event_it_names_is_stale(
    codes: None, samples: Path
) -> None:
    """Ordering across merged events is by report time (serials are per event): 38-39_02_04
    made out to be reported before 38-39_02_01 (05:56) must not lift its advisory."""
    assert _replay(samples / "38-39_02_01_250206_VTSE41.xml")
    raw = (samples / "38-39_02_04_250206_VTSE41.xml").read_bytes()
    early = raw.replace(b"2015-11-14T07:20:00+09:00", b"2015-11-14T05:50:00+09:00")
    assert early != raw
    result = receive_telegram(raw=early, source="replay", dispatch=False)
    assert result.telegram.outcome == Telegram.Outcome.STALE
    assert result.notices == []


def test_a_cancellation_under_a_merged_event_id_reaches_those_told(
    codes: None, samples: Path, push_service: PushService
) -> None:
    """A 取消 under the merged EventID withdraws the advisory issued under the first one: it
    reaches the advisory's recipients (38-39_02_04 made a 取消; JMA published none here)."""
    advisory = _replay(samples / "38-39_02_01_250206_VTSE41.xml")
    told_codes = sorted({c for n in advisory for c in n.codes})
    alice, _ = make_push_subscription(push_service, codes=[told_codes[0]])
    assert _sent(advisory) == {alice.pk}
    make_push_subscription(push_service, codes=[told_codes[0]])  # subscribed after it
    raw = (samples / "38-39_02_04_250206_VTSE41.xml").read_bytes()
    cancel = receive_telegram(raw=with_info_type(raw, "取消"), source="replay", dispatch=False)
    assert [n.phase for n in cancel.notices] == ["cancellation"]
    assert set(told_codes) <= set(cancel.notices[0].codes)
    assert _sent(cancel.notices) == {alice.pk}
