"""Resident shell cost: a full localized page against the bare health check, in one run.

Prints per-request medians and the ratio page ÷ healthz, plus transferred bytes (gzip) of the
home page with its CSS and JS, the budget for cheap phones on slow connections.
"""

import gzip
import json
import os
import re
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
    for path in ("/ja/", "/my/counters/"):
        print(
            f"{path} first view, gzip: {first_view(client, path) / 1024:.1f} KB (HTML + CSS + JS)"
        )
    raw, packed = offline_install(client, "ja")
    print(
        f"service worker first-visit install: {raw / 1024:.1f} KB raw, {packed / 1024:.1f} KB gzip"
    )


def _static(url: str) -> bytes:
    from django.contrib.staticfiles import finders

    found = finders.find(url.split("/static/", 1)[1].split("?")[0])
    return Path(str(found)).read_bytes()


def first_view(client: Client, path: str) -> int:
    """HTML plus the stylesheets and scripts that page itself references (gzip -9)."""
    html = client.get(path).content
    refs = re.findall(rb'<script[^>]*src="([^"]+)"', html)
    refs += re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html)
    return len(gzip.compress(html, 9)) + sum(
        len(gzip.compress(_static(r.decode()), 9)) for r in refs
    )


def offline_install(client: Client, language: str) -> tuple[int, int]:
    """What the service worker stores on a first visit: its shell and one offline page."""
    sw = client.get("/sw.js").content.decode()
    shell = json.loads(re.search(r"const SHELL = (\[.*?\]);", sw).group(1))  # type: ignore[union-attr]
    bodies = [_static(u) for u in shell] + [client.get(f"/{language}/offline/").content]
    return sum(len(b) for b in bodies), sum(len(gzip.compress(b, 9)) for b in bodies)


if __name__ == "__main__":
    main()
