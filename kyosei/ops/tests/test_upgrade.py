"""Upgrades: the latest migrations apply while a task worker runs and keeps working (PostgreSQL:
a worker idle in a transaction would hold locks the migration's ALTER TABLE waits for)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from kyosei.counter.tasks import send_task_reminders
from kyosei.ops.health import forget_migrations_memo, pending_migrations
from kyosei.ops.tests.processes import database_url, on_postgres
from kyosei.ops.tests.units import start_unit


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_the_latest_migrations_apply_under_a_running_worker() -> None:
    # The schema as the release before had it: without this release's ops tables and the
    # counter's latest migration.
    call_command("migrate", "ops", "zero", verbosity=0)
    call_command("migrate", "counter", "0003", verbosity=0)
    forget_migrations_memo()
    assert pending_migrations()
    env = {**os.environ, "KYOSEI_TESTING": "1", "DATABASE_URL": database_url(),
           "TASK_BACKEND": "database"}  # fmt: skip
    worker = start_unit("kyosei-worker@.service", env, log=subprocess.DEVNULL, instance="1")
    try:
        before = [send_task_reminders.enqueue().id for _ in range(5)]
        deadline = time.monotonic() + 60
        while DBTaskResult.objects.filter(id__in=before, status="SUCCESSFUL").count() < 5:
            assert time.monotonic() < deadline, "the worker did not run the tasks"
            time.sleep(0.1)
        started = time.monotonic()
        migrate = subprocess.run(
            [sys.executable, "-m", "kyosei", "migrate", "--no-input"], env=env,
            cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        took = time.monotonic() - started
        assert migrate.returncode == 0, migrate.stderr
        after = [send_task_reminders.enqueue().id for _ in range(5)]
        deadline = time.monotonic() + 60
        while DBTaskResult.objects.filter(id__in=after, status="SUCCESSFUL").count() < 5:
            assert time.monotonic() < deadline, "the worker stopped working after the migration"
            time.sleep(0.1)
        assert worker.poll() is None
        assert not DBTaskResult.objects.filter(status="FAILED").exists()
        forget_migrations_memo()
        assert pending_migrations() == []
        print(f"\nmigrations applied in {took:.1f} s under a running worker")
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        call_command("migrate", verbosity=0)
        forget_migrations_memo()
