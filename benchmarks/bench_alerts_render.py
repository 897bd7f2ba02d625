"""Rendering the official VTSE51 sample 32-39_12_11 (84 notices) in every language.

Issue 11: it took 8 s, mostly per-render database lookups of tide-station readings. Prints the
time and the number of queries of the first render of every notice × language after the
caches are cleared (what a fresh worker does), and of a second pass. SQLite in a temporary
directory; the code tables and samples come from ../shared (KYOSEI_SHARED_DIR).

Target: the 84 × 16 renders under 1 s on the first pass.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyosei.settings")
os.environ["KYOSEI_TESTING"] = "1"
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench_render.sqlite3"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from kyosei.alerts import areas  # noqa: E402
from kyosei.alerts.models import Notice  # noqa: E402
from kyosei.alerts.render import render  # noqa: E402
from kyosei.alerts.services import receive_telegram  # noqa: E402
from kyosei.core.languages import registry  # noqa: E402

SEQUENCE = "32-39_12_"
TARGET = "32-39_12_11_250206_VTSE51.xml"


def main() -> None:
    jma = Path(settings.SHARED_DATA_DIR) / "jma"
    call_command("migrate", verbosity=0)
    areas.import_code_tables(jma / "codes")
    for path in sorted((jma / "samples").glob(SEQUENCE + "*.xml")):
        result = receive_telegram(raw=path.read_bytes(), source="replay", dispatch=False)
        if path.name == TARGET:
            notices = list(Notice.objects.filter(telegram=result.telegram))
            break
    languages = [lang.code for lang in registry().languages]
    for language in languages:  # catalogs loaded before timing (a worker does this at start)
        render(notices[0], language)
    for label in ("first pass (caches cleared)", "second pass"):
        if label.startswith("first"):
            areas.forget_names()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            for notice in notices:
                for language in languages:
                    render(notice, language)
            elapsed = time.perf_counter() - started
        print(
            f"{TARGET}: {len(notices)} notices × {len(languages)} languages, {label}: "
            f"{elapsed:.2f} s, {len(queries)} queries",
            flush=True,
        )


if __name__ == "__main__":
    main()
