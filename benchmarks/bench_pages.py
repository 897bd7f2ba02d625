"""Resident shell cost: a full localized page against the bare health check, in one run.

Prints per-request medians and the ratio page ÷ healthz, plus transferred bytes (gzip) of the
home page with its CSS and JS, the budget for cheap phones on slow connections.
"""

import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyosei.settings")
os.environ.setdefault("KYOSEI_TESTING", "1")
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ["PUBLIC_RATE_LIMIT"] = "100000000"
os.environ["ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

ROUNDS = 400


def median_ms(client: Client, path: str) -> float:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(path)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(samples) * 1000


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("i18n", "compile", verbosity=0)
    client = Client()
    for path in ("/healthz", "/ja/", "/my/counters/"):
        client.get(path)
    health = median_ms(client, "/healthz")
    home = median_ms(client, "/ja/")
    directory = median_ms(client, "/my/counters/")
    print(f"healthz        {health:7.3f} ms (median of {ROUNDS})")
    print(f"home /ja/      {home:7.3f} ms   ratio to healthz {home / health:5.1f}x")
    print(f"/my/counters/  {directory:7.3f} ms   ratio to healthz {directory / health:5.1f}x")
    static = Path(__file__).resolve().parents[1] / "kyosei" / "core" / "static" / "kyosei"
    html = client.get("/ja/").content
    total = sum(
        len(gzip.compress(data, 9))
        for data in (html, *(p.read_bytes() for p in static.glob("*.[cj]s*")))
    )
    print(f"home page first view, gzip: {total / 1024:.1f} KB (HTML + CSS + JS)")


if __name__ == "__main__":
    main()
