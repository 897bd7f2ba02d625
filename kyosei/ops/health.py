"""Readiness: is this deployment doing its job, beyond answering HTTP (/healthz)?

Fails when the JMA poller's lease is stale (no poller is polling), when the oldest task ready
to run has waited longer than READYZ_QUEUE_MAX_AGE_SECONDS (workers dead or swamped), or when
migrations are pending (new code on an old schema).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Min
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from kyosei.ops import lease

POLLER_LEASE = "alerts-poller"
# Applied migrations stay applied while this code runs; asking again costs ~50 ms (the loader
# reads every migration file), so a clean answer is reused for a minute.
_MIGRATIONS_OK_SECONDS = 60.0
_migrations_ok_until = 0.0


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def pending_migrations() -> list[str]:
    global _migrations_ok_until
    if time.monotonic() < _migrations_ok_until:
        return []
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    pending = [f"{m.app_label}.{m.name}" for m, _ in plan]
    if not pending:
        _migrations_ok_until = time.monotonic() + _MIGRATIONS_OK_SECONDS
    return pending


def forget_migrations_memo() -> None:
    global _migrations_ok_until
    _migrations_ok_until = 0.0


def oldest_ready_task(now: datetime | None = None) -> datetime | None:
    """Since when the longest-waiting runnable task has been runnable (enqueued, or its
    run_after for a delayed one)."""
    now = now or timezone.now()
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    never_delayed = ready.filter(run_after=get_date_max()).aggregate(t=Min("enqueued_at"))["t"]
    delayed = (
        ready.exclude(run_after=get_date_max())
        .filter(run_after__lte=now)
        .aggregate(t=Min("run_after"))["t"]
    )
    found = [t for t in (never_delayed, delayed) if t is not None]
    return min(found) if found else None


def _migrations() -> Check:
    pending = pending_migrations()
    return Check("migrations", not pending, ", ".join(pending[:5]) or "applied")


def _poller() -> Check:
    held = lease.current(POLLER_LEASE)
    return Check("poller", held is not None, "lease held" if held else "no poller holds the lease")


def _queue() -> Check:
    oldest = oldest_ready_task()
    age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    limit = settings.READYZ_QUEUE_MAX_AGE_SECONDS
    return Check("queue", age <= limit, f"oldest ready task {age:.0f} s (max {limit})")


def checks() -> list[Check]:
    """Each check on its own: with a migration pending, a table another check reads may be
    missing, and the answer must still name the migration."""
    wanted: list[tuple[str, Callable[[], Check]]] = [("migrations", _migrations)]
    if settings.READYZ_REQUIRE_POLLER:
        wanted.append(("poller", _poller))
    if settings.TASK_BACKEND == "database":
        wanted.append(("queue", _queue))
    results = []
    for name, check in wanted:
        try:
            results.append(check())
        except DatabaseError as exc:
            results.append(Check(name, False, f"database error: {type(exc).__name__}"))
    return results
