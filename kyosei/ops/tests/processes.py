"""Helpers for tests that start real Kyosei processes against the test database."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

on_postgres = pytest.mark.skipif(
    not os.getenv("DATABASE_URL", "").startswith("postgres"),
    reason="needs PostgreSQL and several processes; run with DATABASE_URL=postgres://…",
)


def database_url(db: dict[str, Any] | None = None) -> str:
    """The test database as a URL for child processes."""
    db = db or connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = quote(str(db.get("USER") or ""), safe="")
    password = quote(str(db.get("PASSWORD") or ""), safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{db['NAME']}"


def kyosei(
    *args: str, env: dict[str, str], stdout: Any = subprocess.PIPE
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kyosei", *args],
        env=env, cwd=settings.BASE_DIR, stdout=stdout, stderr=subprocess.STDOUT,
    )  # fmt: skip


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
        process.wait(timeout=10)


class FeedServer:
    """A JMA Atom feed on loopback: entries are added while the test runs."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.feed_requests = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                if self.path == "/feed.xml":
                    server.feed_requests += 1
                    body = server.feed()
                elif self.path.lstrip("/") in server.files:
                    body = server.files[self.path.lstrip("/")]
                else:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.http.daemon_threads = True
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http.server_address[1]}/feed.xml"

    def feed(self) -> bytes:
        base = self.url.rsplit("/", 1)[0]
        entries = "".join(
            f"<entry><id>urn:uuid:{name}</id><title>t</title>"
            f"<updated>2026-12-07T00:00:00Z</updated>"
            f'<link type="application/xml" href="{base}/{name}"/></entry>'
            for name in reversed(list(self.files))
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<id>x</id><title>JMA</title><updated>2026-12-07T00:00:00Z</updated>{entries}</feed>"
        ).encode()

    def close(self) -> None:
        self.http.shutdown()
        self.http.server_close()


@contextmanager
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    try:
        yield server
    finally:
        server.close()
