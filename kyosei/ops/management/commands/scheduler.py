"""`kyosei scheduler`: runs every periodic job (see kyosei.ops.schedule.JOBS)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from kyosei.ops import schedule
from kyosei.ops.signals import stop_on_signals


class Command(BaseCommand):
    help = (
        "Run Kyosei's periodic jobs (alerts sweep, counter reminders and anonymisation, "
        "translator reminders) at their times. Several may run: each due run happens once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run what is due, then exit")
        parser.add_argument("--list", action="store_true", help="print the jobs and exit")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for job in schedule.JOBS:
                self.stdout.write(f"{job.name}: {job.when} — {job.what}")
            return
        stop = stop_on_signals()
        while not stop.is_set():
            for name in schedule.run_due():
                self.stdout.write(f"{timezone.now():%Y-%m-%dT%H:%M:%SZ} ran {name}")
            self.stdout.flush()
            if options["once"]:
                return
            stop.wait(schedule.seconds_to_next(now=timezone.now()))
