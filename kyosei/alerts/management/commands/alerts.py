import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

import jmaparse
from kyosei.alerts.areas import import_code_tables
from kyosei.alerts.delivery import notice_json
from kyosei.alerts.ingest import derive
from kyosei.alerts.models import Notice, Phase
from kyosei.alerts.render import render, render_all
from kyosei.core.languages import registry

CANCELLED_FAMILY = {
    "TSUNAMI_WARNING": "tsunami_warning",
    "EARTHQUAKE_INTENSITY_FLASH": "earthquake",
    "EARTHQUAKE_INFORMATION": "earthquake",
    "EEW_WARNING": "eew",
    "VOLCANO_WARNING": "volcano",
    "NANKAI_TROUGH_EXTRA": "nankai",
    "VOLCANO_ERUPTION_FLASH": "volcano",
}


class Command(BaseCommand):
    help = (
        "Disaster alerts: import-codes DIR | replay FILE... | render FILE [--lang|--all] "
        "[--json] | poll [--once] [--long] | sweep"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        codes = sub.add_parser("import-codes", help="load JMA's code tables (CSV directory)")
        codes.add_argument("directory")
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
        path = Path(options["file"])
        try:
            t = jmaparse.parse_file(path)
        except (OSError, jmaparse.JmaParseError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        notices = self._notices(t)
        languages = [lang.code for lang in registry().languages] if options["all"] else None
        if not options["all"] and registry().get(options["lang"]) is None:
            raise CommandError(f"Unknown language {options['lang']}")
        messages = []
        for notice in notices:
            rendered = render_all(notice) if languages else [render(notice, options["lang"])]
            for r in rendered:
                messages.append({**r.as_dict(), "template": notice.template, "phase": notice.phase})
        event = {
            "type_code": t.type_code,
            "kind": t.kind.name,
            "event_id": t.event_id,
            "status": t.status.value,
            "info_type": t.info_type.value,
            "serial": t.serial,
            "report_datetime": t.report_datetime.isoformat(),
            "title": t.title,
            "notices": [
                {k: v for k, v in notice_json(n).items() if k not in {"id"}} for n in notices
            ],
        }
        if options["json"]:
            self.stdout.write(
                json.dumps({"event": event, "messages": messages}, ensure_ascii=False, indent=2)
            )
            return
        self.stdout.write(f"{t.type_code} {t.title} ({t.status.value}, {t.info_type.value})")
        if not messages:
            self.stdout.write("No notice: nothing would be sent for this telegram.")
        for msg in messages:
            self.stdout.write(
                f"\n[{msg['lang']}] {msg['template']}\n{msg['title']}\n"
                f"{msg['body']}\n{msg['action']}"
            )

    def _notices(self, t: jmaparse.TelegramBase) -> list[Notice]:
        now = timezone.now()
        if t.is_cancellation:
            # What it cancels, if we have it: the event's last notice (same as ingest does).
            from kyosei.alerts.ingest import _event_key
            from kyosei.alerts.models import Event

            event = Event.objects.filter(key=_event_key(t)).first()
            last = event.notices.order_by("-created_at").first() if event else None
            family = (
                last.template.rsplit(".", 1)[0]
                if last
                else CANCELLED_FAMILY.get(t.kind.name, "weather")
            )
            drafts: list[tuple[str, str, dict[str, Any], list[str]]] = [
                (
                    family,
                    Phase.CANCELLATION,
                    dict(last.details) if last else {},
                    list(last.codes) if last else [],
                )
            ]
        else:
            drafts = [
                (
                    d.family,
                    Phase.CORRECTION if t.is_correction else d.phase,
                    d.details,
                    sorted(d.codes),
                )
                for d in derive(t, had_notice=False)
            ]
        hazard = {
            "tsunami_warning": "tsunami",
            "tsunami_advisory": "tsunami",
            "nankai": "earthquake",
        }
        return [
            Notice(
                hazard=hazard.get(family, family),
                phase=phase,
                template=f"{family}.{phase}",
                is_drill=not t.is_real,
                codes=codes,
                details=details,
                received_at=now,
                created_at=now,
            )
            for family, phase, details, codes in drafts
        ]

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
