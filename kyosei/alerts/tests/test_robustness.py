"""Bad input on the push endpoint and in the feed: a documented rejection, never a 500, never
a stopped poller. Every case starts from a real JMA telegram of the shared samples."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings

from jmaparse import MAX_BYTES
from jmaparse.tests import test_fuzz
from kyosei.alerts.models import FeedState, Telegram
from kyosei.alerts.poller import poll
from kyosei.alerts.tests.conftest import sample_bytes
from kyosei.alerts.tests.test_poller_and_cli import FeedServer
from kyosei.alerts.tests.test_views import SECRET, signed

pytestmark = pytest.mark.django_db

QUAKE = "32-35_07_06_240613_VXSE53.xml"
URL = "/alerts/jma/push"


def declared(raw: bytes, codec: str) -> bytes:
    return re.sub(rb'encoding="[^"]*"', f'encoding="{codec}"'.encode(), raw, count=1)


def push(client: Client, body: bytes) -> tuple[int, dict[str, Any]]:
    response = client.post(URL, body, content_type="application/xml", headers=signed(body))
    return response.status_code, response.json()


@override_settings(JMA_PUSH_SECRET=SECRET)
@pytest.mark.parametrize("codec", test_fuzz.CODECS)
def test_a_foreign_codec_is_stored_as_rejected(client: Client, samples: Path, codec: str) -> None:
    """Before: LookupError/UnicodeError from jmaparse → HTTP 500, nothing stored."""
    body = declared(sample_bytes(samples, QUAKE), codec)
    status, data = push(client, body)
    assert status == 422
    telegram = Telegram.objects.get(pk=data["telegram"])
    assert telegram.outcome == Telegram.Outcome.REJECTED
    assert telegram.error.startswith("EncodingError: only UTF-8")


@override_settings(JMA_PUSH_SECRET=SECRET)
def test_a_serial_out_of_range_is_rejected_not_a_500(client: Client, samples: Path) -> None:
    """Before: the integer column overflowed (OverflowError on SQLite, DataError on PostgreSQL)."""
    body = sample_bytes(samples, QUAKE).replace(
        b"<Serial>1</Serial>", b"<Serial>99999999999999999999</Serial>"
    )
    status, data = push(client, body)
    assert status == 422
    assert Telegram.objects.get(pk=data["telegram"]).error.startswith("OutOfRange: Head/Serial")


@override_settings(JMA_PUSH_SECRET=SECRET)
def test_a_telegram_with_nul_bytes_is_kept_as_rejected(client: Client, samples: Path) -> None:
    """PostgreSQL text cannot hold NUL: storing the rejected telegram itself failed (500)."""
    raw = sample_bytes(samples, QUAKE)
    body = raw[:200] + b"\x00\x00" + raw[200:]
    status, data = push(client, body)
    assert status == 422
    telegram = Telegram.objects.get(pk=data["telegram"])
    assert telegram.outcome == Telegram.Outcome.REJECTED and "\x00" not in telegram.raw


@override_settings(JMA_PUSH_SECRET=SECRET)
def test_fuzzed_telegrams_never_answer_500(client: Client, samples: Path) -> None:
    """The engine's mutations (codecs, truncation, entity bombs, huge numbers, deep nesting,
    random bytes) through the real endpoint: every answer is 202, 200 or 422."""
    rng = random.Random(test_fuzz.SEED)
    statuses: dict[int, int] = {}
    for name in [QUAKE, "32-39_11_02_250206_VTSE41.xml", "15_16_03_241226_VPWW55.xml"]:
        raw = sample_bytes(samples, name)
        for _ in range(12):
            body = rng.choice(test_fuzz.MUTATIONS)(raw, rng)
            status, data = push(client, body)
            statuses[status] = statuses.get(status, 0) + 1
            assert status in {200, 202, 422}, (status, data)
            if status == 422:
                assert Telegram.objects.get(pk=data["telegram"]).outcome == "rejected"
    assert statuses.get(422)


def test_a_bad_feed_entry_is_rejected_and_the_poll_goes_on(samples: Path, codes: None) -> None:
    """Before: the rot13 entry raised out of poll(), the feed state was never saved, and every
    later poll stopped at the same entry, so the warning behind it was never fetched."""
    warning = "32-39_12_02_250206_VTSE41.xml"
    server = FeedServer(
        {
            "rot13.xml": declared(sample_bytes(samples, QUAKE), "rot13"),
            "serial.xml": sample_bytes(samples, QUAKE).replace(
                b"<Serial>1</Serial>", b"<Serial>99999999999999999999</Serial>"
            ),
            "huge.xml": sample_bytes(samples, QUAKE).replace(
                b"</Report>", b"<!--" + b"x" * MAX_BYTES + b"--></Report>"
            ),
            warning: sample_bytes(samples, warning),
        }
    )
    try:
        url = server.base + "/feed.xml"
        result = poll(url)
        assert (result.entries, result.new, result.errors) == (4, 4, 0)
        outcomes = sorted(Telegram.objects.values_list("outcome", flat=True))
        assert outcomes == ["applied", "rejected", "rejected", "rejected"]
        assert Telegram.objects.filter(error__startswith="LimitExceeded").count() == 1
        assert len(FeedState.objects.get(url=url).seen) == 4  # the bad ones are not retried
        FeedState.objects.filter(url=url).update(last_modified="")
        assert poll(url).new == 0
    finally:
        server.http.shutdown()
        server.http.server_close()
