"""`kyosei counter …`: seed, rotate-keys, anonymise, remind."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kyosei.orgs.models import Organisation


def _progress_printer(stream: Any, label: str) -> Any:
    def show(done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        stream.write(f"\r{label}: {done}/{total} ({percent}%)")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show


class Command(BaseCommand):
    help = "Consultation counter maintenance: seed, rotate-keys, anonymise, remind."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        seed = commands.add_parser("seed", help="create synthetic clients and consultations")
        seed.add_argument("--consultations", type=int, required=True)
        seed.add_argument("--clients", type=int, default=None, help="default: consultations / 3")
        seed.add_argument(
            "--org", default="", help="organisation slug (default: first municipality)"
        )
        seed.add_argument("--batch-size", type=int, default=5000)
        seed.add_argument("--seed", type=int, default=6, help="random seed (reproducible data)")
        commands.add_parser(
            "rotate-keys", help="re-encrypt every encrypted field and file with the first key"
        )
        anonymise = commands.add_parser(
            "anonymise", help="apply the retention policy: remove identifying data of old cases"
        )
        anonymise.add_argument("--org", default="")
        anonymise.add_argument("--enqueue", action="store_true", help="run in the task worker")
        remind = commands.add_parser("remind", help="email reminders of follow-up tasks due soon")
        remind.add_argument("--enqueue", action="store_true", help="run in the task worker")

    def handle(self, *args: Any, **options: Any) -> None:
        handler = getattr(self, "do_" + options["subcommand"].replace("-", "_"))
        handler(options)

    def _organisation(self, slug: str) -> Organisation | None:
        if not slug:
            return None
        found = Organisation.objects.filter(slug=slug).first()
        if found is None:
            raise CommandError(f"no organisation with slug {slug!r}")
        return found

    def do_seed(self, options: dict[str, Any]) -> None:
        from kyosei.counter import seeding

        if options["consultations"] < 1:
            raise CommandError("--consultations must be at least 1")
        organisation = self._organisation(options["org"]) or seeding.default_organisation()
        clients, consultations = seeding.seed(
            organisation=organisation,
            consultations=options["consultations"],
            clients=options["clients"],
            batch_size=options["batch_size"],
            seed_value=options["seed"],
            progress=_progress_printer(self.stdout, "consultations"),
        )
        self.stdout.write(
            f"{organisation.slug}: created {clients} synthetic clients and "
            f"{consultations} consultations"
        )

    def do_rotate_keys(self, options: dict[str, Any]) -> None:
        from kyosei.counter import services

        def show(label: str, done: int, total: int) -> None:
            self.stdout.write(f"\r{label}: {done}/{total}")
            if done >= total:
                self.stdout.write("\n")
            self.stdout.flush()

        rows = services.rotate_keys(progress=show)
        self.stdout.write(f"re-encrypted {rows} rows with the first key")

    def do_anonymise(self, options: dict[str, Any]) -> None:
        from kyosei.counter import services, tasks

        if options["enqueue"]:
            result = tasks.anonymise_expired_clients.enqueue()
            self.stdout.write(f"enqueued task {result.id}")
            return
        outcome = services.anonymise_expired(
            organisation=self._organisation(options["org"]),
            progress=_progress_printer(self.stdout, "clients"),
        )
        self.stdout.write(f"anonymised {outcome.clients} clients")

    def do_remind(self, options: dict[str, Any]) -> None:
        from kyosei.counter import services, tasks

        if options["enqueue"]:
            result = tasks.send_task_reminders.enqueue()
            self.stdout.write(f"enqueued task {result.id}")
            return
        self.stdout.write(f"sent {services.send_task_reminders()} reminders")
