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
    """Create the notice's deliveries, queue every batch but the first, and send the first here:
    that saves one queue round trip before the first resident is reached."""
    notice = Notice.objects.get(pk=notice_id)
    pending = delivery.create_deliveries(notice)
    Notice.objects.filter(pk=notice_id, fanned_out_at__isnull=True).update(
        fanned_out_at=timezone.now()
    )
    ranges = delivery.batches(notice, settings.ALERTS_BATCH_SIZE)
    for first, last in ranges[1:]:
        send_batch.enqueue(notice_id, first, last)
    if ranges:
        _send(notice_id, *ranges[0])
    log.info(
        "alerts: notice %s fanned out to %d deliveries in %d batches",
        notice_id,
        pending,
        len(ranges),
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
    """Re-queue batches whose worker died (expired lease) or whose retry was lost."""
    count = 0
    for notice_id, first, last in delivery.stuck_batches():
        send_batch.enqueue(notice_id, first, last)
        count += 1
    return count


def schedule_fan_out(notice: Notice) -> None:
    """Queue the fan-out once the notice is committed (the worker must be able to read it)."""
    transaction.on_commit(lambda: fan_out.enqueue(notice.pk))
