from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kyosei.reporting import services


class Command(BaseCommand):
    help = "Reporting channel: delete-expired | rotate-keys"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["delete-expired", "rotate-keys"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "delete-expired":
            deleted = services.delete_expired()
            self.stdout.write(f"deleted {deleted} reports past their retention period")
            return

        def progress(label: str, done: int, total: int) -> None:
            self.stdout.write(f"{label}: {done}/{total}")

        rotated = services.rotate_keys(progress=progress)
        self.stdout.write(f"re-encrypted {rotated} rows")
