"""`kyosei scheduler`: each job runs once per due moment, at Japan time, a failing job does not
stop the others, and the real command queues the counter and guide jobs for the workers."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, time
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from kyosei.ops import schedule
from kyosei.ops.models import JobRun
from kyosei.ops.tests.processes import database_url

pytestmark = pytest.mark.django_db
JST = ZoneInfo("Asia/Tokyo")


def jst(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=JST)


def recording_jobs(calls: list[str]) -> tuple[schedule.Job, ...]:
    return (
        schedule.Job("minutely", schedule.Every(60), lambda: calls.append("minutely"), ""),
        schedule.Job("morning", schedule.Daily(time(8, 0)), lambda: calls.append("morning"), ""),
    )


def test_each_due_moment_runs_once() -> None:
    calls: list[str] = []
    jobs = recording_jobs(calls)
    assert schedule.run_due(now=jst(7, 9, 0), jobs=jobs) == ["minutely", "morning"]
    # Mutation caught: claiming without comparing the due moment runs both again here.
    assert schedule.run_due(now=jst(7, 9, 0), jobs=jobs) == []
    assert schedule.run_due(now=datetime(2026, 12, 7, 0, 0, 59, tzinfo=JST), jobs=jobs) == []
    assert schedule.run_due(now=jst(7, 9, 1), jobs=jobs) == ["minutely"]
    assert calls == ["minutely", "morning", "minutely"]


def test_daily_jobs_follow_japan_time_and_a_missed_day_runs_once() -> None:
    calls: list[str] = []
    jobs = recording_jobs(calls)[1:]
    schedule.run_due(now=jst(7, 8, 0), jobs=jobs)
    # 07:59 JST the next day is 22:59 UTC: not yet. Mutation caught: a UTC schedule runs
    # the 08:00 job at 17:00 JST, so it would run here.
    assert schedule.run_due(now=jst(8, 7, 59), jobs=jobs) == []
    assert schedule.run_due(now=jst(8, 8, 0), jobs=jobs) == ["morning"]
    # Down for three days: one run on return, not three.
    assert schedule.run_due(now=jst(11, 12, 0), jobs=jobs) == ["morning"]
    assert schedule.run_due(now=jst(11, 12, 5), jobs=jobs) == []
    assert calls == ["morning"] * 3


def test_a_failing_job_is_recorded_and_the_others_still_run() -> None:
    calls: list[str] = []

    def broken() -> None:
        raise RuntimeError("mail server down")

    jobs = (schedule.Job("broken", schedule.Every(60), broken, ""), *recording_jobs(calls))
    assert schedule.run_due(now=jst(7, 9), jobs=jobs) == ["broken", "minutely", "morning"]
    assert JobRun.objects.get(name="broken").last_error == "RuntimeError: mail server down"
    assert JobRun.objects.get(name="minutely").last_error == ""


def test_the_sleep_never_passes_the_next_due_moment() -> None:
    now = datetime(2026, 12, 7, 9, 0, 50, tzinfo=JST)
    assert schedule.seconds_to_next(now=now) == pytest.approx(10.0)


def test_every_scheduled_command_is_a_real_job() -> None:
    out = StringIO()
    call_command("scheduler", "--list", stdout=out)
    names = {line.split(":")[0] for line in out.getvalue().splitlines()}
    assert names == {"alerts-sweep", "counter-remind", "counter-anonymise", "residence-reminders",
                     "reporting-delete-expired", "guide-remind-translators", "backup"}  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_process_queues_the_daily_jobs_for_the_workers(tmp_path: Path) -> None:
    env = {"KYOSEI_TESTING": "1", "DATABASE_URL": database_url(), "TASK_BACKEND": "database",
           "PATH": "/usr/bin:/bin", "BACKUP_DIR": str(tmp_path / "backups"),
           "MEDIA_ROOT": str(tmp_path / "media")}  # fmt: skip
    if connection.vendor == "sqlite":
        connection.close()  # the child writes the same file
    done = subprocess.run(
        [sys.executable, "-m", "kyosei", "scheduler", "--once"],
        env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ran alerts-sweep" in done.stdout and "ran backup" in done.stdout
    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued == {
        "kyosei.counter.tasks.send_task_reminders",
        "kyosei.counter.tasks.anonymise_expired_clients",
        "kyosei.reporting.tasks.delete_expired_reports",
        "kyosei.ops.tasks.remind_translators",
        "kyosei.residence.tasks.enqueue_due_reminders",
    }
    again = subprocess.run(
        [sys.executable, "-m", "kyosei", "scheduler", "--once"],
        env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "ran counter-remind" not in again.stdout
    assert DBTaskResult.objects.count() == 5
    (made,) = (tmp_path / "backups").iterdir()  # the nightly backup ran once, not twice
    assert (made / "manifest.json").is_file()


@pytest.mark.django_db(transaction=True)
def test_dated_backups_keep_the_newest(tmp_path: Path) -> None:
    from kyosei.ops.backup import dated_backup

    made = [dated_backup(tmp_path, keep=2).directory for _ in range(3)]
    # Mutation caught: removing the newest instead of the oldest.
    assert sorted(p.name for p in tmp_path.iterdir()) == [made[1].name, made[2].name]
