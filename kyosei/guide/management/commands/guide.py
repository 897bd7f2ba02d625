"""`kyosei guide …`: load-content, remind-translators."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kyosei.guide.content import ContentError, load_content


class Command(BaseCommand):
    help = (
        "Guidebook: `guide load-content` loads the starter articles and facts (idempotent); "
        "`guide remind-translators` emails translators their tasks due soon (once a day)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load-content", help="load kyosei/guide/content (idempotent)")
        load.add_argument("--organisation", default="national-centre")
        sub.add_parser(
            "remind-translators",
            help=(
                "email each assignee their tasks due within 2 days or overdue; at most once a "
                "day per person, so a cron job or systemd timer may run it as often as it likes"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        handler = getattr(self, "do_" + options["action"].replace("-", "_"))
        handler(options)

    def do_load_content(self, options: dict[str, Any]) -> None:
        try:
            stats = load_content(organisation_slug=options["organisation"])
        except ContentError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            "Guide content loaded: {articles} new articles, {revisions} new revisions, "
            "{facts} fact values, {overrides} Plain Japanese overrides.".format(**stats)
        )

    def do_remind_translators(self, options: dict[str, Any]) -> None:
        from kyosei.guide import services

        def show(done: int, total: int) -> None:
            percent = 100 * done // total if total else 100
            self.stdout.write(f"\rtranslators: {done}/{total} ({percent}%)", ending="")
            if done >= total:
                self.stdout.write("")
            self.stdout.flush()

        outcome = services.send_translator_reminders(progress=show)
        self.stdout.write(f"sent {outcome.sent} reminders")
        if outcome.failed:
            raise CommandError(
                f"{outcome.failed} reminders could not be sent (mail server refused); "
                "run the command again later to retry them"
            )
