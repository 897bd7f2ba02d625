from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kyosei.guide.content import ContentError, load_content


class Command(BaseCommand):
    help = "Guidebook: `guide load-content` loads the starter articles and facts (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load-content", help="load kyosei/guide/content (idempotent)")
        load.add_argument("--organisation", default="national-centre")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            stats = load_content(organisation_slug=options["organisation"])
        except ContentError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            "Guide content loaded: {articles} new articles, {revisions} new revisions, "
            "{facts} fact values, {overrides} Plain Japanese overrides.".format(**stats)
        )
