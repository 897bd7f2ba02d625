"""How drills and earthquake early warnings go out, on every channel, from real telegrams.

* A drill (the official drill sample 32-39_12_02, 訓練) carries 「訓練」/"[DRILL]" first in the
  title and the body of the push, the email (subject, text and HTML) and every language of
  the webhook. Before, an email had no label at all and a push carried it only as a payload
  field the service worker added.
* An EEW (the real VXSE43 of 2024-04-17, 豊後水道) is pushed with a TTL of at most two
  minutes and `Urgency: high`; older than that it is sent on no channel. Before: TTL 86 400 s,
  so a phone switched on hours later showed "strong shaking is coming".
"""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone, translation

from kyosei.alerts import delivery, messages, services
from kyosei.alerts.ingest import ingest
from kyosei.alerts.models import Area, Delivery, Notice, Subscription
from kyosei.alerts.render import render
from kyosei.alerts.tasks import fan_out
from kyosei.alerts.tests.conftest import make_push_subscription, sample_bytes
from kyosei.alerts.tests.servers import PushService
from kyosei.conftest import SmtpInbox
from kyosei.core.languages import read_language_file, registry

pytestmark = pytest.mark.django_db

DRILL = "32-39_12_02_250206_VTSE41.xml"
EEW = "37_01_01_240613_VXSE43.xml"
CODE = "2213001"


def _drill() -> Notice:
    # A tsunami warning telegram gives one notice per group of coasts: the one for CODE.
    return next(
        n for n in Notice.objects.filter(template="tsunami_warning.issue") if CODE in n.codes
    )


def labels(language: str) -> tuple[str, str]:
    """The catalog's drill title prefix and drill line in `language`."""
    with translation.override(language):
        prefix = str(messages.DRILL_TITLE) % {"title": ""}
        return prefix, str(messages.DRILL_LINE)


def _text(message: Message, kind: str) -> str:
    for part in message.walk():
        if part.get_content_type() == kind:
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError(f"no {kind} part")


def test_the_drill_label_is_translated_in_every_catalog() -> None:
    english = labels("en")
    assert english == ("[DRILL] ", "[DRILL] This is a drill, not a real alert.")
    for language in registry().languages:
        prefix, line = labels(language.code)
        assert prefix.strip() and line.startswith(prefix.strip())
        if not language.code.startswith("en"):
            assert (prefix, line) != english, language.code  # really translated
    assert labels("ja")[0] == "【訓練】" and "訓練" in labels("ja-x-easy")[0]


def test_a_drill_push_and_email_put_the_label_first(
    codes: None, samples: Path, push_service: PushService, smtp: SmtpInbox
) -> None:
    ingest(sample_bytes(samples, DRILL), source="feed")
    notice = _drill()
    for language in ("en", "ja", "ne"):
        make_push_subscription(push_service, codes=[CODE], language=language, include_drills=True)
    email = Subscription.objects.create(
        channel="email", email="r@example.org", language="pt-BR", confirmed=True,
        include_drills=True,
    )  # fmt: skip
    email.areas.create(code=CODE)
    assert fan_out.call(notice.pk) == 4
    payloads = {r.payload["lang"]: r.payload for r in push_service.received if r.payload}
    assert set(payloads) == {"en", "ja", "ne"}
    for language, payload in payloads.items():
        prefix, line = labels(language)
        plain = render(notice, language)
        assert payload["title"] == prefix + plain.title
        assert payload["body"].startswith(line + "\n")  # before "your area" and the text
        assert plain.body in payload["body"]
    assert payloads["ja"]["title"].startswith("【訓練】")
    (message,) = [m for m in smtp.messages if m["To"] == "r@example.org"]
    prefix, line = labels("pt-BR")
    assert str(message["Subject"]).strip().startswith(prefix.strip())
    text = _text(message, "text/plain")
    assert text.startswith(prefix.strip())  # the title, then the label line, then the text
    assert text.index(line) < text.index(render(notice, "pt-BR").body)
    html = _text(message, "text/html")
    assert f"<h1>{prefix}" in html and f"<p>{line}<br>" in html


def test_a_drill_webhook_labels_every_language(codes: None, samples: Path, org_a: Any) -> None:
    got: list[bytes] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            got.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(204)
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        services.add_webhook(
            actor=None,
            organisation=org_a,
            url=f"http://127.0.0.1:{server.server_address[1]}/hook",
            secret="s3cret-signing-key-123",
            include_drills=True,
        )
        ingest(sample_bytes(samples, DRILL), source="feed")
        fan_out.call(_drill().pk)
    finally:
        server.shutdown()
        server.server_close()
    data = json.loads(got[0])
    assert data["notice"]["is_drill"] is True and len(data["messages"]) == len(read_language_file())
    for message in data["messages"]:
        prefix, line = labels(message["lang"])
        assert message["title"].startswith(prefix), message["lang"]
        assert message["body"].startswith(line + "\n"), message["lang"]


def _eew_code() -> str:
    # 愛媛県南予 (622) is among the subdivisions the warning names.
    return str(
        Area.objects.filter(kind="municipality", subdivision_code="622")
        .order_by("code")
        .values_list("code", flat=True)[0]
    )


def test_an_eew_push_lives_two_minutes_and_is_urgent(
    codes: None, samples: Path, push_service: PushService
) -> None:
    result = ingest(sample_bytes(samples, EEW), source="feed")
    (notice,) = [n for n in result.notices if n.hazard == "eew"]
    make_push_subscription(push_service, codes=[_eew_code()])
    assert fan_out.call(notice.pk) == 1
    (received,) = push_service.received
    assert 0 < int(received.headers["TTL"]) <= 120
    assert received.headers["Urgency"] == "high"


def test_an_eew_older_than_two_minutes_is_sent_on_no_channel(
    codes: None, samples: Path, push_service: PushService, smtp: SmtpInbox
) -> None:
    received_at = timezone.now() - timedelta(minutes=3)
    result = ingest(sample_bytes(samples, EEW), source="feed", received_at=received_at)
    (notice,) = [n for n in result.notices if n.hazard == "eew"]
    code = _eew_code()
    make_push_subscription(push_service, codes=[code])
    email = Subscription.objects.create(
        channel="email", email="late@example.org", language="en", confirmed=True
    )
    email.areas.create(code=code)
    fan_out.call(notice.pk)
    assert push_service.received == []
    assert [m for m in smtp.messages if m["To"] == "late@example.org"] == []
    rows = Delivery.objects.filter(notice=notice)
    assert rows.count() == 2
    assert set(rows.values_list("status", "last_error")) == {("failed", delivery.EXPIRED)}
    assert list(delivery.stuck_batches(timezone.now() + timedelta(hours=1))) == []  # for good
