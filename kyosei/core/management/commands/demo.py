import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kyosei.core.demo import USERS, DemoRefused, load_demo


class Command(BaseCommand):
    help = "Demo data: `demo load` creates the demo world; `demo totp USER` prints a code."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load", help="create the demo organisations and users (idempotent)")
        code = sub.add_parser("totp", help="print the current TOTP code of a demo user")
        code.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            try:
                created = load_demo()
            except DemoRefused as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                f"Demo data ready ({len(created)} new: {', '.join(created) or 'nothing'})."
            )
            for user in USERS:
                self.stdout.write(
                    f"  {user.username:8} password {user.password:22} "
                    f"TOTP secret {user.totp_base32}"
                )
            return
        known = {u.username for u in USERS}
        if options["username"] not in known:
            raise CommandError(f"Not a demo user: {options['username']}")
        device = TOTPDevice.objects.filter(
            user__username=options["username"], name="demo authenticator"
        ).first()
        if device is None:
            raise CommandError("Load the demo data first: kyosei demo load")
        self.stdout.write(f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}")
        self.stdout.write(f"(valid for {device.step - int(time.time()) % device.step} s)")
