"""Issue 15: 100 000 due My residence reminders through the task queue (PostgreSQL when
reachable, else SQLite, and it says so).

Seeds 100 000 email reminders due today (addresses encrypted at rest, as the app stores them),
then times the daily job: `enqueue_due_reminders` queued through Django Tasks' database
backend, WORKERS `db_worker` processes claiming and sending the batches, every message handed
over SMTP to a sink on loopback (aiosmtpd) in the reminder's language with its delete link.
Prints the time until the sink has received all of them and no reminder is left unsent.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/kyosei_residence_dev),
BENCH_REMINDERS (100000), BENCH_WORKERS (2).
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyosei.settings")
os.environ["KYOSEI_TESTING"] = "1"
os.environ["TASK_BACKEND"] = "database"
REMINDERS = int(os.getenv("BENCH_REMINDERS", "100000"))
WORKERS = int(os.getenv("BENCH_WORKERS", "2"))
LANGUAGES = ("vi", "zh-Hans", "pt-BR", "ne", "ja", "en", "id", "my")


def choose_database() -> str:
    url = os.getenv("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kyosei_residence_dev")
    if url.startswith("postgres"):
        try:
            import psycopg

            psycopg.connect(url.replace("postgres://", "postgresql://"), connect_timeout=3).close()
            return url
        except Exception as exc:  # report and fall back
            print(f"PostgreSQL not reachable ({exc}); falling back to SQLite", flush=True)
    return f"sqlite:///{tempfile.mkdtemp()}/bench_residence.sqlite3"


os.environ["DATABASE_URL"] = choose_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from kyosei.residence.models import Reminder, new_token  # noqa: E402
from kyosei.residence.tasks import enqueue_due_reminders  # noqa: E402


class Sink:
    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.count += 1
        return "250 OK"


def seed(today: Any) -> None:
    Reminder.objects.all().delete()
    DBTaskResult.objects.all().delete()
    kinds = ("period_of_stay_expires", "address_notification_due", "card_expires")
    rows = [
        Reminder(
            due=today + timedelta(days=n % 7),
            kind=kinds[n % len(kinds)],
            language=LANGUAGES[n % len(LANGUAGES)],
            channel=Reminder.Channel.EMAIL,
            email=f"resident{n}@example.org",
            token=new_token(),
        )
        for n in range(REMINDERS)
    ]
    Reminder.objects.bulk_create(rows, batch_size=5000)


def main() -> None:
    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    started = time.monotonic()
    seed(today)
    print(f"seeded {REMINDERS} reminders in {time.monotonic() - started:.1f} s", flush=True)
    sink = Sink()
    with socket.socket() as probe:  # a free port (aiosmtpd's readiness check needs a real one)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    env = {**os.environ, "DB_CONN_MAX_AGE": "600", "EMAIL_URL": f"smtp://127.0.0.1:{port}"}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kyosei",
                "db_worker",
                "--queue-name",
                "default",
                "--interval",
                "0.05",
                "--no-startup-delay",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(WORKERS)
    ]
    try:
        time.sleep(3)  # worker start-up
        started = time.monotonic()
        enqueue_due_reminders.enqueue(today.isoformat())
        connection.close()
        while True:
            time.sleep(0.5)
            if sink.count >= REMINDERS:
                unsent = Reminder.objects.filter(sent_at__isnull=True).count()
                if unsent == 0:
                    break
            if time.monotonic() - started > 1800:
                raise SystemExit(f"timed out: {sink.count} of {REMINDERS} received")
        elapsed = time.monotonic() - started
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)
        controller.stop()
    batches = DBTaskResult.objects.filter(task_path__endswith="send_reminders").count()
    print(
        f"database: {connection.vendor}; workers: {WORKERS}; cpus: {os.cpu_count()}\n"
        f"{REMINDERS} due reminders → {batches} send tasks → {sink.count} emails over SMTP "
        f"in {elapsed:.1f} s ({REMINDERS / elapsed:.0f}/s); each sent once: "
        f"{sink.count == REMINDERS}",
        flush=True,
    )


if __name__ == "__main__":
    main()
