"""Two real `kyosei alerts poll` processes on PostgreSQL: one polls, one waits; SIGKILL the
active one and the standby takes over within the lease and ingests a new telegram."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from django.conf import settings

from kyosei.alerts.models import Telegram
from kyosei.ops.lease import current
from kyosei.ops.tests.processes import database_url, feed_server, kyosei, on_postgres, stop

LEASE_SECONDS = 3
SAMPLE = "32-39_12_02_250206_VTSE41.xml"


def holder_pid() -> int | None:
    row = current("alerts-poller")
    return int(row.holder.split(":")[1]) if row else None


def wait_for(condition: object, seconds: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():  # type: ignore[operator]
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"not within {seconds} s")


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_the_standby_poller_takes_over_when_the_active_one_is_killed() -> None:
    samples = Path(settings.SHARED_DATA_DIR) / "jma" / "samples"
    if not (samples / SAMPLE).exists():
        pytest.skip("JMA samples not found")
    with feed_server() as feed:
        env = {
            **os.environ,
            "KYOSEI_TESTING": "1",
            "DATABASE_URL": database_url(),
            "JMA_FEED_URLS": feed.url,
            "ALERTS_POLLER_LEASE_SECONDS": str(LEASE_SECONDS),
            "TASK_BACKEND": "dummy",
        }
        args = ("alerts", "poll", "--interval", "0.3")
        pollers = {p.pid: p for p in (kyosei(*args, env=env), kyosei(*args, env=env))}
        try:
            wait_for(lambda: holder_pid() in pollers, 30)
            active = holder_pid()
            assert active is not None
            # Longer than the lease: the standby never takes it while the active one renews.
            # Mutation caught: a standby that ignores expiry takes the lease here.
            time.sleep(LEASE_SECONDS + 1)
            assert holder_pid() == active
            pollers[active].send_signal(signal.SIGKILL)
            pollers[active].wait()
            took = wait_for(lambda: holder_pid() not in (None, active), LEASE_SECONDS * 3)
            # Within the lease plus the standby's check interval (a sixth) and some slack.
            assert took <= LEASE_SECONDS + LEASE_SECONDS / 6 + 1.0, took
            standby = holder_pid()
            assert standby in pollers and standby != active
            feed.files[SAMPLE] = (samples / SAMPLE).read_bytes()
            wait_for(lambda: Telegram.objects.filter(source="feed").exists(), 20)
            print(f"takeover after the kill: {took:.2f} s (lease {LEASE_SECONDS} s)")
            # A clean stop releases the lease at once.
            pollers[standby].send_signal(signal.SIGTERM)
            pollers[standby].wait(timeout=15)
            assert current("alerts-poller") is None
            output = b"".join(p.stdout.read() for p in pollers.values() if p.stdout)
            assert b"standby: another poller holds the lease" in output
        finally:
            for process in pollers.values():
                stop(process)
