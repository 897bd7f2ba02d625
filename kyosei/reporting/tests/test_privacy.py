"""Nothing identifies a reporter and nothing they wrote is readable at rest.

- No client address, forwarded address or user agent in the database, the audit log, the cache
  or Kyosei's log lines after a reporter's whole journey (API and pages).
- The report text, messages, file names and file contents never appear in clear in the raw
  database (SQLite file or pg_dump) or the attachment store; photos keep no EXIF marker.
- gunicorn as `make run` starts it (scripts/run-demo.sh) and as `kyosei web` starts it with
  its access log turned on writes neither the client address nor the user agent.
"""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kyosei.counter.tests.test_plaintext import database_bytes
from kyosei.ops.tests.processes import database_url, stop
from kyosei.ops.tests.test_logs import json_log as json_log  # noqa: F401  (fixture)
from kyosei.orgs.models import Organisation
from kyosei.reporting import services
from kyosei.reporting.models import Report
from kyosei.reporting.tests.conftest import CANARY, b64, jpeg_with_gps, pdf_with_info, report_body

pytestmark = pytest.mark.django_db(transaction=True)

ADDRESS = "203.0.113.77"
FORWARDED = "198.51.100.9"
AGENT = "Mozilla/5.0 (Linux; Android 14; KYOSEI-UA-CANARY) Mobile"
MESSAGE_CANARY = "KYOSEI-MESSAGE-CANARY-ပိုက်ဆံမရဘူး"
FILE_CANARY = "KYOSEI-FILENAME-CANARY"
REQUEST: dict[str, Any] = {
    "REMOTE_ADDR": ADDRESS,
    "HTTP_X_FORWARDED_FOR": FORWARDED,
    "HTTP_USER_AGENT": AGENT,
}


def journey(client: Client, bob: Any) -> str:
    """A reporter files by API and by page, reads, answers, sends files; staff answer."""
    created = client.post(
        "/api/v1/reports",
        json.dumps(
            report_body(
                attachments=[
                    {"name": FILE_CANARY + ".jpg", "content_base64": b64(jpeg_with_gps())},
                    {"name": FILE_CANARY + ".pdf", "content_base64": b64(pdf_with_info())},
                ]
            )
        ),
        content_type="application/json",
        **REQUEST,
    )
    assert created.status_code == 201
    code = created.json()["receipt"]
    report = services.find_report(code)
    assert report is not None
    services.answer(actor=bob, report=report, text="STAFF-ANSWER")
    header: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Receipt {code}", **REQUEST}
    assert client.get("/api/v1/reports/mine", **header).status_code == 200
    assert (
        client.get(
            "/api/v1/reports/mine", **{**header, "HTTP_AUTHORIZATION": "Receipt X"}
        ).status_code
        == 404
    )
    added = client.post(
        "/api/v1/reports/mine/messages",
        json.dumps({"text": MESSAGE_CANARY}),
        content_type="application/json",
        **header,
    )
    assert added.status_code == 201
    page = client.post(
        "/my/report/new/",
        {"category": "violence", "text": CANARY, "prefecture": "13", "language": "my",
         "files": [SimpleUploadedFile(FILE_CANARY + ".jpg", jpeg_with_gps(), "image/jpeg")]},
        **REQUEST,
    )  # fmt: skip
    assert page.status_code == 201
    reply = client.post(
        "/my/report/mine/", {"code": code, "action": "reply", "text": MESSAGE_CANARY}, **REQUEST
    )
    assert reply.status_code == 200
    return str(code)


def media_bytes() -> bytes:
    return b"".join(p.read_bytes() for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def test_no_identifier_is_stored_or_logged_and_nothing_is_readable_at_rest(
    client: Client, centre: Organisation, bob: Any, tmp_path: Path, json_log: io.StringIO
) -> None:
    code = journey(client, bob)
    assert Report.objects.count() == 2
    assert sum(len(services.conversation(r)) for r in Report.objects.all()) == 5
    raw = database_bytes(tmp_path)
    files = media_bytes()
    logged = json_log.getvalue()
    held = repr(getattr(cache, "_cache", {}))
    assert "reporting.report.create" in raw.decode("latin-1")  # the dump holds the audit log
    assert "/api/v1/reports" in logged  # the request lines were captured
    assert len(files) > 1000
    for secret in (ADDRESS, FORWARDED, AGENT, "KYOSEI-UA-CANARY"):
        assert secret.encode() not in raw, secret
        assert secret not in logged, secret
        assert secret not in held, secret
    for plain in (CANARY, MESSAGE_CANARY, FILE_CANARY, "KYOSEI-EXIF-MARKER", "KYOSEIPDFMARKER",
                  "STAFF-ANSWER", code, code.replace("-", "")):  # fmt: skip
        assert plain.encode() not in raw, plain
        assert plain.encode() not in files, plain
        assert plain not in logged, plain


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def demo_gunicorn_arguments(port: int) -> list[str]:
    """The gunicorn command line of scripts/run-demo.sh, as `make run` starts it."""
    script = (Path(settings.BASE_DIR) / "scripts" / "run-demo.sh").read_text()
    line = re.search(r'^"\$BIN/gunicorn"(.*?)&\s*$', script.replace("\\\n", " "), re.M)
    assert line is not None, "run-demo.sh no longer starts gunicorn"
    return shlex.split(line.group(1).replace("${PORT}", str(port)))


@pytest.fixture
def served(centre: Organisation) -> Iterator[Any]:
    from kyosei.core.languages import sync_languages_from_file
    from kyosei.core.models import Language

    # An earlier transactional test may have flushed the languages the migration loaded.
    sync_languages_from_file(Language)
    processes: list[subprocess.Popen[bytes]] = []

    def start(arguments: list[str], port: int, **env: str) -> tuple[subprocess.Popen[bytes], str]:
        environment = {
            **os.environ, "KYOSEI_TESTING": "1", "DEBUG": "1", "DATABASE_URL": database_url(),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT), "SECRET_KEY": settings.SECRET_KEY, **env,
        }  # fmt: skip
        process = subprocess.Popen(
            [str(Path(settings.BASE_DIR) / ".venv" / "bin" / "gunicorn"), *arguments],
            env=environment, cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
        processes.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).read()  # noqa: S310
                return process, base
            except OSError:
                time.sleep(0.3)
        raise AssertionError("gunicorn did not answer")

    yield start
    for process in processes:
        stop(process)


def call(base: str, path: str, *, body: dict[str, Any] | None = None, code: str = "") -> int:
    request = urllib.request.Request(  # noqa: S310
        base + path,
        data=json.dumps(body).encode() if body is not None else None,
        headers={
            "User-Agent": AGENT,
            "Content-Type": "application/json",
            **({"Authorization": f"Receipt {code}"} if code else {}),
        },  # fmt: skip
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.mark.parametrize("how", ["make run", "kyosei web with ACCESS_LOG=-"])
def test_the_web_servers_log_lines_for_reporting_urls_name_no_client(served: Any, how: str) -> None:
    port = free_port()
    if how == "make run":
        process, base = served(demo_gunicorn_arguments(port), port)
    else:
        arguments = ["kyosei.wsgi", "--config", "python:kyosei.ops.gunicorn_conf", "--workers", "1"]
        process, base = served(arguments, port, BIND=f"127.0.0.1:{port}", ACCESS_LOG="-")
    assert call(base, "/api/v1/reports", body=report_body()) == 201
    assert call(base, "/api/v1/reports/mine", code="ABCD-EFGH-JKLM-NPQR-STUV") == 404
    assert call(base, "/my/report/") == 200
    assert call(base, "/my/report/mine/") == 200
    time.sleep(0.5)
    process.terminate()
    output = process.communicate(timeout=30)[0].decode(errors="replace")
    assert "/api/v1/reports" in output, output  # request lines are written …
    assert "127.0.0.1" not in output, output  # … without the client address
    assert "KYOSEI-UA-CANARY" not in output and CANARY not in output


def test_the_documented_proxy_writes_no_access_log_for_the_reporting_urls() -> None:
    deploy = (Path(settings.BASE_DIR) / "docs" / "deploy.md").read_text()
    block = re.search(r"location ~ (\S+) \{(.*?)\n    \}", deploy, re.S)
    assert block is not None
    pattern = re.compile(block.group(1))
    for path in ("/api/v1/reports", "/api/v1/reports/mine/messages", "/my/report/", "/en/report"):
        assert pattern.match(path), path
    assert not pattern.match("/en/guide/")
    assert "access_log off;" in block.group(2) and "X-Request-ID" not in block.group(2)
