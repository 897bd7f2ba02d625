"""A cancellation (取消) goes to those who received what it withdraws, on a real sequence:
the 2008 岩手・宮城内陸地震 VXSE53 (32-35_06_05) and JMA's own 取消 of it (32-35_06_06).

Before, the cancellation reached every subscriber of every municipality told, whatever their
threshold: a resident with threshold 4 in a municipality of intensity 3 got no earthquake
notice, then a "cancelled" message about it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kyosei.alerts.models import Delivery, Notice
from kyosei.alerts.services import receive_telegram
from kyosei.alerts.tasks import fan_out
from kyosei.alerts.tests.conftest import make_push_subscription, sample_bytes
from kyosei.alerts.tests.servers import PushService

pytestmark = pytest.mark.django_db

QUAKE = "32-35_06_05_240613_VXSE53.xml"
CANCEL = "32-35_06_06_100915_VXSE53.xml"


def _receive(samples: Path, name: str) -> Notice:
    result = receive_telegram(raw=sample_bytes(samples, name), source="feed", dispatch=False)
    (notice,) = result.notices
    return notice


def test_a_cancellation_reaches_only_those_who_got_the_original(
    codes: None, samples: Path, push_service: PushService
) -> None:
    quake = _receive(samples, QUAKE)
    three = sorted(c for c, rank in quake.intensity_by_code.items() if rank == 3)[0]
    strong = sorted(c for c, rank in quake.intensity_by_code.items() if rank >= 5)[0]
    above_threshold, _ = make_push_subscription(push_service, codes=[three], min_intensity=4)
    told_three, _ = make_push_subscription(push_service, codes=[three], min_intensity=3)
    told_strong, _ = make_push_subscription(push_service, codes=[strong], min_intensity=4)
    fan_out.call(quake.pk)
    got_quake = set(Delivery.objects.filter(notice=quake).values_list("subscription", flat=True))
    assert got_quake == {told_three.pk, told_strong.pk}
    late, _ = make_push_subscription(push_service, codes=[strong], min_intensity=3)  # after it

    cancel = _receive(samples, CANCEL)
    assert cancel.phase == "cancellation" and three in cancel.codes
    fan_out.call(cancel.pk)
    got_cancel = set(Delivery.objects.filter(notice=cancel).values_list("subscription", flat=True))
    assert got_cancel == {told_three.pk, told_strong.pk}
    assert above_threshold.pk not in got_cancel and late.pk not in got_cancel
