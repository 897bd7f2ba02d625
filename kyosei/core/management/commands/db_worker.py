"""django-tasks' database worker, warmed up before it takes its first task."""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from kyosei.core.warmup import warm_up


class Command(DatabaseWorker):
    help = (
        DatabaseWorker.help.rstrip(".")
        + ". Loads the URL map and every language before the first task."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        warm_up()
        super().handle(*args, **options)
