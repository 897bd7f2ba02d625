"""`kyosei restore DIR`: into an empty database and media directory, after checking every
file's checksum and that the configured keys are the ones the backup needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kyosei.ops.backup import BackupError, restore


class Command(BaseCommand):
    # The system checks read tables an empty database does not have yet.
    requires_system_checks: list[str] = []
    help = (
        "Restore a `kyosei backup` directory into an empty database and MEDIA_ROOT. The field "
        "encryption keys in use when the backup was made must be configured."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory")
        parser.add_argument(
            "--skip-key-check",
            action="store_true",
            help="restore even if no configured key matches (the case data stays unreadable)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore(Path(options["directory"]), check_keys=not options["skip_key_check"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"restored the backup of {manifest['created_at']} "
            f"({len(manifest['files'])} files, {len(manifest['migrations'])} migrations); "
            "run `kyosei migrate` if this code is newer"
        )
