"""A worker killed with SIGKILL in the middle of a fan-out loses nothing (PostgreSQL only).

Real worker processes (`kyosei db_worker`) run against the test database; the test kills one
with SIGKILL while it is sending, lets the leases expire, runs the sweep, starts a new worker
and checks that every subscriber received the alert. A request in flight at the moment of the
kill may be repeated; it carries the same Web Push Topic, so the push service collapses it.
The test asserts that such repeats are bounded by what can be in flight (concurrency + one
unrecorded result chunk) and prints how many there were.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from kyosei.alerts.delivery import RECORD_CHUNK
from kyosei.alerts.models import Delivery, Subscription, SubscriptionArea
from kyosei.alerts.services import receive_telegram
from kyosei.alerts.tests.conftest import as_real, sample_bytes
from kyosei.alerts.tests.servers import PushService, SubscriberKeys

SUBSCRIBERS = 3000
CONCURRENCY = 8
KILL_AT = 1100  # mid-batch (batches of 250)


def database_url(db: dict[str, object]) -> str:
    """The test database as a URL for the worker processes (password and all)."""
    user = quote(str(db.get("USER") or ""), safe="")
    password = quote(str(db.get("PASSWORD") or ""), safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{db['NAME']}"


def worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kyosei", "db_worker", "--queue-name", "alerts",
         "--interval", "0.1", "--no-startup-delay"],
        env=env, cwd=settings.BASE_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


@pytest.mark.skipif(
    not os.getenv("DATABASE_URL", "").startswith("postgres"),
    reason="SIGKILL test needs PostgreSQL (several worker processes, SKIP LOCKED); "
    "run with DATABASE_URL=postgres://…",
)
@pytest.mark.django_db(transaction=True)
def test_sigkill_mid_fan_out_loses_nothing(codes: None, samples: Path) -> None:
    service = PushService(decrypt=False, delay=0.004)
    keys = SubscriberKeys()  # one key pair for all: encryption cost is the same
    subs = Subscription.objects.bulk_create(
        [
            Subscription(
                channel="webpush",
                endpoint=service.endpoint(keys),
                p256dh=keys.p256dh,
                auth=keys.auth,
                language=("en", "ne", "pt-BR", "vi")[i % 4],
                confirmed=True,
            )  # fmt: skip
            for i in range(SUBSCRIBERS)
        ]
    )
    SubscriptionArea.objects.bulk_create(
        [SubscriptionArea(subscription=s, code="2213001") for s in subs]
    )
    env = {
        **os.environ,
        "KYOSEI_TESTING": "1",
        "DATABASE_URL": database_url(connection.settings_dict),
        "ALERTS_BATCH_SIZE": "250",
        "ALERTS_LEASE_SECONDS": "3",
        "ALERTS_PUSH_CONCURRENCY": str(CONCURRENCY),
        "TASK_BACKEND": "database",
    }
    first = worker(env)
    try:
        result = receive_telegram(
            raw=as_real(sample_bytes(samples, "32-39_11_02_250206_VTSE41.xml")), source="push"
        )
        notice = next(n for n in result.notices if "2213001" in n.codes)
        deadline = time.monotonic() + 60
        while service.count < KILL_AT and time.monotonic() < deadline:
            time.sleep(0.01)
        assert service.count >= KILL_AT, "the worker never started sending"
        first.send_signal(signal.SIGKILL)
        first.wait()
        sent_at_kill = service.count
        assert sent_at_kill < SUBSCRIBERS, "killed too late to prove anything"
        time.sleep(3.5)  # leases expire
        subprocess.run(
            [sys.executable, "-m", "kyosei", "alerts", "sweep"], env=env, check=True,
            cwd=settings.BASE_DIR, capture_output=True,
        )  # fmt: skip
        second = worker(env)
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                if not Delivery.objects.filter(notice=notice).exclude(status="sent").exists():
                    break
                time.sleep(0.2)
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=20)
    finally:
        if first.poll() is None:
            first.kill()
        service.close()
    assert Delivery.objects.filter(notice=notice).count() == SUBSCRIBERS
    assert not Delivery.objects.filter(notice=notice).exclude(status="sent").exists()
    assert len(service.hits) == SUBSCRIBERS  # nothing lost: every subscriber got a request
    repeats = sum(n - 1 for n in service.hits.values())
    print(f"\nSIGKILL after {sent_at_kill} requests; repeated requests: {repeats}")

    # only what was in flight or not yet recorded
    assert repeats <= CONCURRENCY + RECORD_CHUNK
    # every repeat carries the same Topic, so the push service keeps one message
    assert all(len(topics) == 1 for topics in service.topics.values())
