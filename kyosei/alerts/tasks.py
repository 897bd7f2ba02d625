"""Background work for alerts (Django Tasks, queue "alerts")."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from kyosei.alerts import delivery
from kyosei.alerts.models import Notice

log = logging.getLogger(__name__)


@task(queue_name="alerts", priority=10)
def fan_out(notice_id: int) -> int:
    """Create the notice's deliveries a slice at a time and queue each slice's batches as soon
    as its rows exist, so other workers send while this one still creates rows. The very last
    batch is sent here: for a small notice (one batch) that saves a queue round trip before
    the first resident is reached."""
    notice = Notice.objects.get(pk=notice_id)
    size = settings.ALERTS_BATCH_SIZE
    pending, queued = 0, 0
    here: tuple[int, int] | None = None
    for part in delivery.delivery_slices(notice, first=size, most=delivery.SLICE_BATCHES * size):
        delivery.hold_fan_out(notice_id)
        pending += len(part.delivery_ids)
        ranges = delivery.ranges(part.delivery_ids, size)
        if part.last and ranges:
            here = ranges.pop()
        with transaction.atomic():  # one commit for a slice's tasks, not one each
            for first, last in ranges:
                send_batch.enqueue(notice_id, first, last)
        queued += len(ranges)
    Notice.objects.filter(pk=notice_id, fanned_out_at__isnull=True).update(
        fanned_out_at=timezone.now()
    )
    if here is not None:
        _send(notice_id, *here)
    log.info(
        "alerts: notice %s fanned out to %d deliveries in %d batches",
        notice_id,
        pending,
        queued + (here is not None),
    )
    return pending


@task(queue_name="alerts", priority=5)
def send_batch(notice_id: int, first_id: int, last_id: int) -> int:
    return _send(notice_id, first_id, last_id)


def _send(notice_id: int, first_id: int, last_id: int) -> int:
    handled, retry_at = delivery.send_batch_now(notice_id, first_id, last_id)
    if retry_at is not None:
        send_batch.using(run_after=retry_at).enqueue(notice_id, first_id, last_id)
    return handled


@task(queue_name="alerts")
def sweep() -> int:
    """Re-queue batches whose worker died (expired lease) or whose retry was lost, and start
    again the fan-outs that never finished. Returns how many tasks it queued."""
    count = 0
    for notice_id, first, last in delivery.stuck_batches():
        send_batch.enqueue(notice_id, first, last)
        count += 1
    for notice_id in delivery.stalled_fan_outs():
        log.warning("alerts: the fan-out of notice %s did not finish; starting it again", notice_id)
        fan_out.enqueue(notice_id)
        count += 1
    return count


def schedule_fan_out(notice: Notice) -> None:
    """Queue the fan-out once the notice is committed (the worker must be able to read it).
    The notice is held for its fan-out from now, in the same transaction: if the task is lost
    between the commit and the queue, the sweep finds the lease expired and starts it. A notice
    never scheduled (a replay with --no-send) holds no lease, and the sweep leaves it alone."""
    delivery.hold_fan_out(notice.pk)
    transaction.on_commit(lambda: fan_out.enqueue(notice.pk))
