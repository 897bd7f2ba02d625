"""`kyosei web`: the web server as production runs it (systemd unit, container).

Refuses to start when `kyosei check --deploy` reports anything (warnings included) or when
migrations are pending, then replaces itself with gunicorn configured by
kyosei/ops/gunicorn_conf.py.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kyosei.ops.health import pending_migrations


class Command(BaseCommand):
    help = "Check the deployment, then serve Kyosei with gunicorn (settings from the environment)."
    requires_system_checks: list[str] = []  # run below, with --deploy and warnings failing

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--skip-checks", action="store_true", help="start even if the checks fail"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["skip_checks"]:
            call_command("check", deploy=True, fail_level="WARNING")
            pending = pending_migrations()
            if pending:
                raise CommandError(
                    f"{len(pending)} migrations are not applied ({', '.join(pending[:3])}…): "
                    "run `kyosei migrate` first (docs/deploy.md, Upgrades)"
                )
        sys.stdout.flush()
        command = [sys.executable, "-m", "gunicorn", "--config", "python:kyosei.ops.gunicorn_conf"]
        os.execv(sys.executable, [*command, "kyosei.wsgi"])  # noqa: S606
