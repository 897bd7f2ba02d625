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
from kyosei.alerts.tests.conftest import make_push_subscription
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
    assert notice.event.event_id == "20151114055157 20151114061750"
    assert set(told_codes) <= set(notice.codes)
    advisory_areas = {code for n in advisory for code, _name in n.details["tsunami_areas"]}
    assert advisory_areas <= {code for code, _name in notice.details["tsunami_areas"]}
    assert _sent(lifting) == told  # charlie, never told, hears no lifting either
