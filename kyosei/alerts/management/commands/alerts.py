import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

import jmaparse
from kyosei.alerts.areas import import_code_tables, import_jma_dictionary
from kyosei.alerts.delivery import notice_json
from kyosei.alerts.ingest import ingest
from kyosei.alerts.render import render, render_all
from kyosei.core.languages import registry


class Command(BaseCommand):
    help = (
        "Disaster alerts: import-codes DIR | import-dictionary FILE | replay FILE... | "
        "render FILE [--lang|--all] "
        "[--json] | poll [--once] [--long] | sweep"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        codes = sub.add_parser("import-codes", help="load JMA's code tables (CSV directory)")
        codes.add_argument("directory")
        dictionary = sub.add_parser(
            "import-dictionary",
            help="load JMA's multilingual epicentre names (epi.json of JMA's dictionary)",
        )
        dictionary.add_argument("file")
        replay = sub.add_parser("replay", help="ingest telegrams from files, in order given")
        replay.add_argument("files", nargs="+")
        replay.add_argument("--no-send", action="store_true", help="store and derive only")
        rend = sub.add_parser("render", help="print what would be sent; sends nothing")
        rend.add_argument("file")
        rend.add_argument("--lang", default="en")
        rend.add_argument("--all", action="store_true")
        rend.add_argument("--json", action="store_true")
        poll = sub.add_parser("poll", help="poll JMA's Atom feeds (every --interval seconds)")
        poll.add_argument("--once", action="store_true")
        poll.add_argument("--long", action="store_true", help="use the long feeds (catch up)")
        poll.add_argument("--interval", type=float, default=None, help="default 60 s")
        sub.add_parser("sweep", help="re-queue deliveries of workers that died")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "import-codes":
            directory = Path(options["directory"])
            if not directory.is_dir():
                raise CommandError(f"Not a directory: {directory}")
            counts = import_code_tables(directory)
            self.stdout.write(
                "Imported " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
            )
        elif action == "import-dictionary":
            path = Path(options["file"])
            if not path.is_file():
                raise CommandError(f"Not a file: {path}")
            try:
                count = import_jma_dictionary(path)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"Named {count} epicentres in JMA's languages.")
        elif action == "replay":
            self._replay(options["files"], send=not options["no_send"])
        elif action == "render":
            self._render(options)
        elif action == "poll":
            self._poll(options)
        elif action == "sweep":
            from kyosei.alerts.tasks import sweep

            self.stdout.write(f"Re-queued {sweep.call()} batches.")

    def _replay(self, files: list[str], *, send: bool) -> None:
        from kyosei.alerts.services import receive_telegram

        for name in files:
            path = Path(name)
            try:
                raw = path.read_bytes()
            except OSError as exc:
                raise CommandError(f"{name}: {exc}") from exc
            result = receive_telegram(raw=raw, source="replay", dispatch=send)
            t = result.telegram
            state = t.outcome if result.created else "duplicate"
            self.stdout.write(
                f"{path.name}: {state} {t.type_code} {t.jma_event_id} "
                f"notices={[n.template for n in result.notices]}"
                + (f" error={t.error}" if t.error else "")
            )

    def _render(self, options: dict[str, Any]) -> None:
        """What would be sent: the telegram goes through exactly the ingest a real receipt
        does (same code, same stored state: earlier telegrams of the event, cancellations,
        ordering), inside a transaction that is then rolled back, so nothing is stored or
        sent and no fan-out is scheduled."""
        path = Path(options["file"])
        try:
            raw = path.read_bytes()
            t = jmaparse.parse(raw)
        except (OSError, jmaparse.JmaParseError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        if not options["all"] and registry().get(options["lang"]) is None:
            raise CommandError(f"Unknown language {options['lang']}")
        with transaction.atomic():
            result = ingest(raw, source="render")
            outcome = result.telegram.outcome if result.created else "duplicate"
            messages = []
            for notice in result.notices:
                rendered = (
                    render_all(notice) if options["all"] else [render(notice, options["lang"])]
                )
                for r in rendered:
                    messages.append(
                        {**r.as_dict(), "template": notice.template, "phase": notice.phase}
                    )
            notices = [
                {k: v for k, v in notice_json(n).items() if k not in {"id"}} for n in result.notices
            ]
            transaction.set_rollback(True)
        event = {
            "type_code": t.type_code,
            "kind": t.kind.name,
            "event_id": t.event_id,
            "status": t.status.value,
            "info_type": t.info_type.value,
            "serial": t.serial,
            "report_datetime": t.report_datetime.isoformat(),
            "title": t.title,
            "outcome": outcome,
            "notices": notices,
        }
        if options["json"]:
            self.stdout.write(
                json.dumps({"event": event, "messages": messages}, ensure_ascii=False, indent=2)
            )
            return
        self.stdout.write(
            f"{t.type_code} {t.title} ({t.status.value}, {t.info_type.value}): {outcome}"
        )
        if not messages:
            self.stdout.write("No notice: nothing would be sent for this telegram.")
        for msg in messages:
            self.stdout.write(
                f"\n[{msg['lang']}] {msg['template']}\n{msg['title']}\n"
                f"{msg['body']}\n{msg['action']}"
            )

    def _poll(self, options: dict[str, Any]) -> None:
        from kyosei.alerts.poll_loop import run
        from kyosei.alerts.poller import PollResult
        from kyosei.ops.signals import stop_on_signals

        def report(results: list[PollResult]) -> None:
            for result in results:
                self.stdout.write(
                    f"{result.url}: "
                    + (
                        "not modified"
                        if result.not_modified
                        else f"{result.new} new of {result.entries}"
                    )
                    + (f", {result.errors} errors" if result.errors else "")
                )

        def standby() -> None:
            self.stdout.write("standby: another poller holds the lease")
            self.stdout.flush()

        run(
            long=options["long"],
            once=options["once"],
            interval=options["interval"] or settings.ALERTS_POLL_INTERVAL_SECONDS,
            stop=stop_on_signals(),
            report=report,
            on_standby=standby,
        )
