"""Every periodic job of Kyosei, run by `kyosei scheduler`: nobody has to remember cron.

A job is due at fixed moments (every N seconds, or daily at a Japan time). Each due moment is
claimed with one conditional UPDATE of its `JobRun` row, so it runs once however many
schedulers run (two machines for redundancy are fine) and a scheduler that was down runs a
missed daily job once when it comes back, not once per missed day. Jobs that take time are
queued for the task workers; the scheduler itself only decides when.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from kyosei.ops.models import JobRun

log = logging.getLogger(__name__)
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Every:
    seconds: int

    def latest(self, now: datetime) -> datetime:
        elapsed = (now - EPOCH).total_seconds()
        return EPOCH + timedelta(seconds=elapsed // self.seconds * self.seconds)

    def __str__(self) -> str:
        return f"every {self.seconds} s"


@dataclass(frozen=True)
class Daily:
    """At hour:minute in the site's time zone (Japan), whatever the server's zone."""

    at: time

    def latest(self, now: datetime) -> datetime:
        local = timezone.localtime(now)
        moment = timezone.make_aware(datetime.combine(local.date(), self.at))
        return moment if moment <= now else moment - timedelta(days=1)

    def __str__(self) -> str:
        return f"daily at {self.at:%H:%M} {timezone.get_current_timezone_name()}"


@dataclass(frozen=True)
class Job:
    name: str
    when: Every | Daily
    run: Callable[[], object]
    what: str


def _sweep() -> object:
    from kyosei.alerts.tasks import sweep

    return sweep.call()  # a few indexed queries: run here, so it works with every worker busy


def _counter_remind() -> object:
    from kyosei.counter.tasks import send_task_reminders

    return send_task_reminders.enqueue().id


def _residence_reminders() -> object:
    from kyosei.residence.tasks import enqueue_due_reminders

    return enqueue_due_reminders.enqueue().id


def _counter_anonymise() -> object:
    from kyosei.counter.tasks import anonymise_expired_clients

    return anonymise_expired_clients.enqueue().id


def _reporting_delete_expired() -> object:
    from kyosei.reporting.tasks import delete_expired_reports

    return delete_expired_reports.enqueue().id


def _remind_translators() -> object:
    from kyosei.ops.tasks import remind_translators

    return remind_translators.enqueue().id


def _backup() -> object:
    from django.conf import settings

    from kyosei.ops.backup import dated_backup

    if not settings.BACKUP_DIR:
        return "BACKUP_DIR not set: skipped"
    return dated_backup(Path(settings.BACKUP_DIR), keep=settings.BACKUP_KEEP).directory


JOBS: tuple[Job, ...] = (
    Job("alerts-sweep", Every(60), _sweep, "kyosei alerts sweep (run here)"),
    Job("counter-remind", Daily(time(8, 0)), _counter_remind, "kyosei counter remind (queued)"),
    Job(
        "residence-reminders",
        Daily(time(7, 0)),
        _residence_reminders,
        "My residence: due reminders (queued)",
    ),
    Job(
        "counter-anonymise",
        Daily(time(3, 0)),
        _counter_anonymise,
        "kyosei counter anonymise (queued)",
    ),
    Job(
        "reporting-delete-expired",
        Daily(time(3, 15)),
        _reporting_delete_expired,
        "kyosei reporting delete-expired (queued)",
    ),
    Job(
        "guide-remind-translators",
        Daily(time(8, 0)),
        _remind_translators,
        "kyosei guide remind-translators (queued)",
    ),
    Job(
        "backup",
        Daily(time(2, 30)),
        _backup,
        "kyosei backup BACKUP_DIR --dated BACKUP_KEEP (run here, when BACKUP_DIR is set)",
    ),
)


def claim(job: Job, due: datetime, now: datetime) -> bool:
    """True for the one caller that gets to run `job` for the moment `due`."""
    claimed = JobRun.objects.filter(
        Q(last_due_at__lt=due) | Q(last_due_at__isnull=True), name=job.name
    ).update(last_due_at=due, last_started_at=now)
    if claimed:
        return True
    try:
        with transaction.atomic():
            JobRun.objects.create(name=job.name, last_due_at=due, last_started_at=now)
    except IntegrityError:  # the row exists: someone ran this moment already
        return False
    return True


def run_due(*, now: datetime | None = None, jobs: tuple[Job, ...] = JOBS) -> list[str]:
    """Run every job due at `now` that nobody ran for its latest due moment. Returns their
    names. A job that fails is logged and recorded; the others still run."""
    now = now or timezone.now()
    ran = []
    for job in jobs:
        due = job.when.latest(now)
        if not claim(job, due, now):
            continue
        error = ""
        try:
            result = job.run()
            log.info("scheduler: %s ran (%s)", job.name, result)
        except Exception as exc:  # one broken job must not stop the others
            error = f"{type(exc).__name__}: {exc}"[:300]
            log.exception("scheduler: %s failed", job.name)
        JobRun.objects.filter(name=job.name).update(
            last_finished_at=timezone.now(), last_error=error
        )
        ran.append(job.name)
    return ran


def seconds_to_next(*, now: datetime, jobs: tuple[Job, ...] = JOBS) -> float:
    """How long the scheduler may sleep: until the earliest next due moment (at most 30 s,
    so a clock change or a job another scheduler claimed is noticed)."""
    soonest = 30.0
    for job in jobs:
        step = job.when.seconds if isinstance(job.when, Every) else 86400
        upcoming = job.when.latest(now) + timedelta(seconds=step)
        soonest = min(soonest, max((upcoming - now).total_seconds(), 0.5))
    return soonest
