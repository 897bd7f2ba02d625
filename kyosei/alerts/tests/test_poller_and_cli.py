"""The Atom feed poller (against a local feed server honouring If-Modified-Since) and the CLI."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from kyosei.alerts.models import FeedState, Telegram
from kyosei.alerts.poller import poll
from kyosei.core.languages import read_language_file

pytestmark = pytest.mark.django_db

LAST_MODIFIED = "Sat, 28 Nov 2026 00:00:00 GMT"


class FeedServer:
    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.requests: list[tuple[str, str | None]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                since = self.headers.get("If-Modified-Since")
                server.requests.append((self.path, since))
                if self.path == "/feed.xml":
                    if since == LAST_MODIFIED:
                        self.send_response(304)
                        self.end_headers()
                        return
                    body = server.feed()
                    self.send_response(200)
                    self.send_header("Last-Modified", LAST_MODIFIED)
                elif self.path.lstrip("/") in server.files:
                    body = server.files[self.path.lstrip("/")]
                    self.send_response(200)
                else:
                    body = b"not found"
                    self.send_response(404)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http.server_address[1]}"

    def feed(self) -> bytes:
        entries = "".join(
            f"<entry><id>urn:uuid:{name}</id><title>t</title><updated>2026-11-28T00:00:00Z</updated>"
            f'<link type="application/xml" href="{self.base}/{name}"/></entry>'
            for name in reversed(list(self.files))  # newest first, as JMA does
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<id>x</id><title>JMA</title><updated>2026-11-28T00:00:00Z</updated>{entries}</feed>"
        ).encode()


@pytest.fixture
def feed_server(samples: Path) -> Iterator[FeedServer]:
    names = ["32-39_12_02_250206_VTSE41.xml", "32-39_12_07_250206_VTSE41.xml", "missing.xml"]
    files = {n: (samples / n).read_bytes() for n in names[:2]}
    server = FeedServer(files)
    server.files["broken.xml"] = b"<broken"
    yield server
    server.http.shutdown()
    server.http.server_close()


def test_poll_fetches_new_entries_once_and_honours_if_modified_since(
    feed_server: FeedServer, codes: None
) -> None:
    url = feed_server.base + "/feed.xml"
    first = poll(url)
    assert (first.entries, first.new, first.errors) == (3, 3, 0)
    assert Telegram.objects.filter(source="feed").count() == 3  # incl. the broken one, rejected
    assert Telegram.objects.filter(outcome="rejected").count() == 1
    second = poll(url)
    assert second.not_modified
    assert feed_server.requests[-1] == ("/feed.xml", LAST_MODIFIED)
    # the feed changes (Last-Modified unknown to us): already-seen entries are not fetched
    FeedState.objects.filter(url=url).update(last_modified="")
    fetched_before = len(feed_server.requests)
    third = poll(url)
    assert third.new == 0 and len(feed_server.requests) == fetched_before + 1


def test_poll_survives_an_unreachable_feed(db: None) -> None:
    result = poll("http://127.0.0.1:1/feed.xml", timeout=2)
    assert result.errors == 1
    assert FeedState.objects.get().last_error


def test_render_command_json_all_languages(samples: Path, codes: None) -> None:
    out = StringIO()
    call_command(
        "alerts", "render", str(samples / "32-39_12_02_250206_VTSE41.xml"), "--all", "--json",
        stdout=out,
    )  # fmt: skip
    data = json.loads(out.getvalue())
    assert data["event"]["type_code"] == "VTSE41" and data["event"]["status"] == "訓練"
    warning = [m for m in data["messages"] if m["template"] == "tsunami_warning.issue"]
    # one notice per coast that hears the same (category, height, first wave), every language each
    assert len(warning) == len(read_language_file()) * len(
        [n for n in data["event"]["notices"] if n["template"] == "tsunami_warning.issue"]
    )
    assert {"lang", "title", "body", "action"} <= set(warning[0])
    assert Telegram.objects.count() == 0  # rendering stores and sends nothing


def test_render_command_text_and_errors(samples: Path) -> None:
    out = StringIO()
    call_command(
        "alerts",
        "render",
        str(samples / "38-39_03_01_210805_VTSE41.xml"),
        "--lang",
        "ja",
        stdout=out,
    )
    assert "取消" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("alerts", "render", str(samples / "nope.xml"))
    with pytest.raises(CommandError):
        call_command(
            "alerts", "render", str(samples / "38-39_03_01_210805_VTSE41.xml"), "--lang", "xx"
        )


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_replay_command_is_idempotent(samples: Path, codes: None) -> None:
    path = str(samples / "32-39_12_02_250206_VTSE41.xml")
    out = StringIO()
    call_command("alerts", "replay", path, path, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split(": ")[1].startswith("applied")
    assert lines[1].split(": ")[1].startswith("duplicate")
    assert Telegram.objects.count() == 1


def test_import_codes_command_refuses_a_missing_directory() -> None:
    with pytest.raises(CommandError):
        call_command("alerts", "import-codes", "/nonexistent")


def test_render_command_names_what_a_cancellation_cancels(
    samples: Path, codes: None, tmp_path: Path
) -> None:
    from kyosei.alerts.ingest import ingest
    from kyosei.alerts.tests.conftest import as_real, with_info_type

    raw = as_real((samples / "32-39_11_02_250206_VTSE41.xml").read_bytes())
    ingest(raw, source="feed")
    cancel = with_info_type(raw, "取消").replace(
        b"2011-03-11T14:49:00+09:00", b"2011-03-11T14:59:00+09:00"
    )
    path = tmp_path / "cancel.xml"
    path.write_bytes(cancel)
    out = StringIO()
    call_command("alerts", "render", str(path), "--lang", "en", "--json", stdout=out)
    titles = [m["title"] for m in json.loads(out.getvalue())["messages"]]
    assert titles and all(t.startswith("Cancelled:") for t in titles)
    assert all("for —" not in t for t in titles)  # the areas of what it cancels are named
