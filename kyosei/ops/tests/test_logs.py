"""JSON-line logs: a request id on every line of a request, the route instead of the path,
no client address, no push endpoint, no email address, no case data."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client

from kyosei.alerts.ingest import ingest
from kyosei.alerts.tasks import fan_out
from kyosei.alerts.tests.conftest import make_push_subscription, sample_bytes
from kyosei.alerts.tests.servers import PushService
from kyosei.counter.seeding import CANARY
from kyosei.ops.logs import JsonFormatter, scrub

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """Everything any logger writes, at DEBUG, through the production formatter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def test_each_request_has_an_id_its_route_and_no_address_or_token(
    client: Client, json_log: io.StringIO
) -> None:
    secret_token = "tok3n-of-a-resident-0000"
    response = client.get(
        f"/en/alerts/unsubscribe/{secret_token}/?email=resident@example.org",
        REMOTE_ADDR="203.0.113.77",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
        HTTP_X_REQUEST_ID="proxy-given-id-42",
    )
    assert response["X-Request-ID"] == "proxy-given-id-42"
    text = json_log.getvalue()
    request_lines = [e for e in lines(json_log) if e.get("event") == "request"]
    assert request_lines and request_lines[-1]["route"] == "/en/alerts/unsubscribe/<str:token>/"
    assert all(e.get("request_id") == "proxy-given-id-42" for e in request_lines)
    # Mutations caught: logging the path (token), the query, or the client address.
    for secret in (secret_token, "resident@example.org", "203.0.113.77", "198.51.100.9"):
        assert secret not in text, secret


def test_a_malformed_incoming_request_id_is_replaced(client: Client) -> None:
    response = client.get("/healthz", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert response["X-Request-ID"] != "bad id\nwith newline"
    assert len(response["X-Request-ID"]) == 32


def test_failed_pushes_and_seeded_cases_leave_no_endpoint_or_narrative_in_the_log(
    codes: None, samples: Path, push_service: PushService, json_log: io.StringIO
) -> None:
    from django.core.management import call_command

    endpoints = [
        make_push_subscription(push_service, codes=["2213001"], mode=mode, include_drills=True)[
            0
        ].endpoint
        for mode in ("ok", "gone", "missing", "error")
    ]
    result = ingest(sample_bytes(samples, "32-39_12_02_250206_VTSE41.xml"), source="feed")
    for notice in result.notices:
        fan_out.call(notice.pk)
    call_command("counter", "seed", "--consultations", "20", stdout=io.StringIO())
    text = json_log.getvalue()
    assert "fanned out" in text  # the log was captured at all
    for endpoint in endpoints:
        assert endpoint.rsplit("/", 1)[1] not in text
    assert CANARY not in text
    for entry in lines(json_log):
        assert {"time", "level", "logger", "message"} <= set(entry)


def test_the_last_guard_scrubs_url_paths_and_email_addresses() -> None:
    assert (
        scrub("push to https://fcm.googleapis.com/fcm/send/abc:DEF?x=1 failed for a@b.example")
        == "push to https://fcm.googleapis.com/… failed for [email]"
    )
