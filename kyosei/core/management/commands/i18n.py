from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kyosei.core.i18n_check import compile_all, missing_catalogs, problems_in
from kyosei.core.languages import read_language_file


class Command(BaseCommand):
    help = "UI catalogs: `i18n compile` builds .mo files (no GNU gettext needed); `i18n check`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["compile", "check"])

    def handle(self, *args: Any, **options: Any) -> None:
        locale_dirs = [Path(p) for p in settings.LOCALE_PATHS]
        if options["action"] == "compile":
            self.stdout.write(f"Compiled {compile_all(locale_dirs)} catalog(s).")
            return
        codes = [str(row["code"]) for row in read_language_file()]
        problems = [f"no catalog for {code}" for code in missing_catalogs(locale_dirs, codes)]
        from kyosei.core.i18n_check import catalogs

        for po_path in catalogs(locale_dirs):
            problems.extend(problems_in(po_path))
        if problems:
            for problem in problems[:200]:
                self.stderr.write(problem)
            raise CommandError(f"{len(problems)} translation problem(s).")
        self.stdout.write(f"All {len(codes)} language variants are fully translated.")
