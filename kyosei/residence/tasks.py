"""Background work for My residence's reminders (Django Tasks, queue "default")."""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from kyosei.residence import reminders

log = logging.getLogger(__name__)


@task()
def enqueue_due_reminders(today: str | None = None) -> int:
    """Queue one send task per batch of due reminders. Returns the number of tasks."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    reminders.forget_past(day)
    ranges = reminders.due_ranges(day)
    with transaction.atomic():  # one commit for all the tasks
        for first, last in ranges:
            send_reminders.enqueue(first, last, day.isoformat())
    log.info("residence: %d reminder batches queued", len(ranges))
    return len(ranges)


@task()
def send_reminders(first_id: int, last_id: int, today: str) -> int:
    return reminders.send_now(first_id, last_id, date.fromisoformat(today))
