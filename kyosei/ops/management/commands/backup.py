"""`kyosei backup DIR`: database, media files and a manifest; never the keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kyosei.ops.backup import BackupError, backup, dated_backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or SQLite's online backup), the encrypted media files "
        "and a manifest into a new directory. Keys are not included: keep them apart."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", help="a new or empty directory")
        parser.add_argument(
            "--dated",
            type=int,
            metavar="KEEP",
            help="write a new kyosei-<time> directory inside DIRECTORY; keep the newest KEEP",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            directory = Path(options["directory"])
            if options["dated"] is not None:
                outcome = dated_backup(directory, keep=options["dated"])
            else:
                outcome = backup(directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"backup written to {outcome.directory}: {outcome.files} files, "
            f"{outcome.bytes} bytes (keys not included)"
        )
