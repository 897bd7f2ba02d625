"""Production smoke test (PostgreSQL and Redis; run by `make test` on PostgreSQL, so by CI).

DEBUG off, production settings (no KYOSEI_TESTING), Redis as the cache, static files
collected as the Containerfile does, and every process started from the systemd units in
deploy/systemd/ as docs/deploy.md says: the web server (`kyosei web`, gated by
`check --deploy`), two task workers, two pollers (one active, one standby) and the scheduler,
against a local JMA feed and a local push service. It checks that a telegram put in the feed
reaches every subscriber, that killing the worker that is sending a batch (SIGKILL, pushes in
flight) loses nothing, that killing the active poller hands over to the standby within its
lease and the standby's telegram is delivered too, and that /readyz and /metrics report it.
There is no container engine here: the image's entry points are the same commands.

Not on SQLite (it skips, saying so): production shares one PostgreSQL database between
machines, and several processes writing one SQLite file is not a deployment docs/deploy.md
describes. Without Redis on 127.0.0.1:6379 it skips, and fails under CI=true.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from cryptography.fernet import Fernet
from django.conf import settings
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from kyosei.alerts.models import Delivery, Subscription, SubscriptionArea, Telegram
from kyosei.alerts.tests.conftest import as_real
from kyosei.alerts.tests.servers import PushService, SubscriberKeys
from kyosei.ops.lease import current
from kyosei.ops.tests.processes import FeedServer, database_url
from kyosei.ops.tests.units import start_unit

SUBSCRIBERS = 2000
KILL_WORKER_AT = 600
POLLER_LEASE = 3
FIRST = "32-39_11_02_250206_VTSE41.xml"  # a tsunami warning for 静岡県 (浜松市)
SECOND = "32-39_12_07_250206_VTSE41.xml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(condition: Callable[[], object], seconds: float, what: str) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"{what}: not within {seconds} s")


def redis_up() -> bool:
    try:
        return bool(redis.Redis.from_url("redis://127.0.0.1:6379/0").ping())
    except redis.RedisError:
        return False


def worker_ids(logs: dict[str, Path]) -> dict[str, str]:
    """django-tasks worker id -> process name, from each worker's first log line."""
    found = {}
    for name, path in logs.items():
        if name.startswith("worker"):
            text = path.read_text(errors="replace")
            if match := re.search(r"Starting worker worker_id=(\S+)", text):
                found[match[1]] = name
    return found


def batch_sender(logs: dict[str, Path]) -> str | None:
    """The worker process running a send_batch task at this moment, if any."""
    ids = worker_ids(logs)
    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, task_path="kyosei.alerts.tasks.send_batch"
    ).values_list("worker_ids", flat=True)
    return next((ids[w[-1]] for w in running if w and w[-1] in ids), None)


def vapid_pair(env: dict[str, str]) -> dict[str, str]:
    out = subprocess.run(
        [sys.executable, "-m", "kyosei", "vapid_keys"], env={**env, "KYOSEI_TESTING": "1"},
        cwd=settings.BASE_DIR, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return dict(line.split("=", 1) for line in out.splitlines() if line.startswith("VAPID_"))


class Site:
    def __init__(self, base: str, token: str) -> None:
        self.base, self.token = base, token

    def get(self, path: str, **headers: str) -> tuple[int, bytes]:
        # As the TLS reverse proxy forwards it (BEHIND_TLS_PROXY=1).
        request = urllib.request.Request(  # noqa: S310  # http://127.0.0.1 only
            self.base + path, headers={"X-Forwarded-Proto": "https", **headers}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except OSError:
            return 0, b""

    def metrics(self) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
        status, body = self.get("/metrics", Authorization=f"Bearer {self.token}")
        assert status == 200
        return {
            (s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(body.decode())
            for s in family.samples
        }


@pytest.fixture
def processes() -> Iterator[dict[str, subprocess.Popen[bytes]]]:
    running: dict[str, subprocess.Popen[bytes]] = {}
    yield running
    for process in running.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in running.values():
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.skipif(
    not os.getenv("DATABASE_URL", "").startswith("postgres"),
    reason="production smoke test: production runs on PostgreSQL (several machines, one "
    "database); CI runs it in its PostgreSQL pass. Run it with DATABASE_URL=postgres://…",
)
@pytest.mark.django_db(transaction=True)
def test_production_smoke(
    codes: None, samples: Path, tmp_path: Path, processes: dict[str, subprocess.Popen[bytes]]
) -> None:
    if not redis_up():
        message = "the production smoke test needs Redis on 127.0.0.1:6379 (the cache)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    began = time.monotonic()
    timeline: list[str] = []

    def mark(what: str) -> None:
        timeline.append(f"{what} {time.monotonic() - began:.1f}")

    push = PushService(decrypt=False, delay=0.004)
    feed = FeedServer()
    token = secrets.token_urlsafe(24)
    port = free_port()
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process (Playwright's sync API
    # runs an event loop); production must not inherit it, and `check --deploy` refuses it.
    test_only = {"KYOSEI_TESTING", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base_env = {k: v for k, v in os.environ.items() if k not in test_only}
    env = {
        **base_env,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"https://127.0.0.1:{port}",
        "BEHIND_TLS_PROXY": "1",
        "DATABASE_URL": database_url(),
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "CACHE_KEY_PREFIX": f"kyosei-smoke-{os.getpid()}",
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "EMAIL_URL": "console://",
        "DEFAULT_FROM_EMAIL": "kyosei@example.org",
        "VAPID_SUBJECT": "mailto:alerts@example.org",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "BIND": f"127.0.0.1:{port}",
        "WEB_WORKERS": "2",
        "METRICS_TOKEN": token,
        "LOG_FORMAT": "json",
        "JMA_FEED_URLS": feed.url,
        "ALERTS_POLL_INTERVAL_SECONDS": "0.5",
        "ALERTS_POLLER_LEASE_SECONDS": str(POLLER_LEASE),
        "ALERTS_LEASE_SECONDS": "3",
        "ALERTS_BATCH_SIZE": "250",
        "ALERTS_PUSH_CONCURRENCY": "8",
        # The local push service is plain http on loopback, not a known push service.
        "ALERTS_CHECK_OUTBOUND_URLS": "0",
        "PUBLIC_RATE_LIMIT": "100000",
    }
    env.update(vapid_pair(env))
    log_paths = {name: tmp_path / f"{name}.log" for name in
                 ("web", "worker1", "worker2", "pollerA", "pollerB", "scheduler")}  # fmt: skip
    logs = {name: path.open("wb") for name, path in log_paths.items()}
    site = Site(f"http://127.0.0.1:{port}", token)
    try:
        # As the Containerfile does at build time.
        subprocess.run(
            [sys.executable, "-m", "kyosei", "collectstatic", "--no-input", "-v", "0"],
            env=env, cwd=settings.BASE_DIR, check=True, capture_output=True,
        )  # fmt: skip
        processes["web"] = start_unit(
            "kyosei-web.service", env, log=logs["web"],
            overrides={"PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics")},
        )  # fmt: skip
        for n in ("1", "2"):
            processes[f"worker{n}"] = start_unit(
                "kyosei-worker@.service", env, log=logs[f"worker{n}"], instance=n
            )
        for name in ("pollerA", "pollerB"):
            processes[name] = start_unit("kyosei-poller.service", env, log=logs[name])
        processes["scheduler"] = start_unit("kyosei-scheduler.service", env, log=logs["scheduler"])
        mark("started")
        wait_for(lambda: site.get("/healthz")[0] == 200, 60, "web answering /healthz")
        wait_for(lambda: site.get("/readyz")[0] == 200, 30, "/readyz")
        mark("ready")
        status, body = site.get("/en/")
        assert status == 200 and b"/static/" in body  # collected, hashed static files
        assert site.get("/metrics")[0] == 404  # no token

        keys = SubscriberKeys()
        subs = Subscription.objects.bulk_create(
            Subscription(channel="webpush", endpoint=push.endpoint(keys), p256dh=keys.p256dh,
                         auth=keys.auth, language=("en", "vi", "pt-BR")[i % 3], confirmed=True)
            for i in range(SUBSCRIBERS)
        )  # fmt: skip
        SubscriptionArea.objects.bulk_create(
            SubscriptionArea(subscription=s, code="2213001") for s in subs
        )

        # 1. A telegram in the feed reaches the push endpoint.
        feed.files[FIRST] = as_real((samples / FIRST).read_bytes())
        put_at = time.monotonic()
        wait_for(lambda: push.count >= 1, 30, "first push")
        first_push = (push.first_at or put_at) - put_at
        # 2. Kill the worker that is sending a batch, pushes in flight: nothing is lost.
        # Mutation caught: a sweep that does not re-queue expired "sending" rows (or a batch
        # that marks rows sent before pushing) leaves subscribers unreached here.
        wait_for(lambda: push.count >= KILL_WORKER_AT, 60, "fan-out under way")
        victim = ""

        def sending_worker() -> bool:
            nonlocal victim
            victim = batch_sender(log_paths) or ""
            return bool(victim)

        wait_for(sending_worker, 30, "a worker sending a batch")
        processes[victim].send_signal(signal.SIGKILL)
        processes[victim].wait()
        at_kill = push.count
        in_flight = Delivery.objects.filter(status="sending").count()
        assert at_kill < SUBSCRIBERS, "the fan-out finished before the kill; proves nothing"
        assert in_flight > 0, "no delivery was being sent at the kill; proves nothing"
        mark(f"{victim} killed")
        wait_for(
            lambda: (
                len(push.hits) == SUBSCRIBERS
                and not Delivery.objects.exclude(status="sent").exists()
            ),
            90,
            "every subscriber reached after the worker was killed",
        )
        repeated = push.count - SUBSCRIBERS
        assert Delivery.objects.filter(status="sent").count() == SUBSCRIBERS
        mark("all delivered")

        # 3. Kill the active poller: the standby takes over within the lease.
        holder = current("alerts-poller")
        assert holder is not None
        active_pid = int(holder.holder.split(":")[1])
        active = next(n for n in ("pollerA", "pollerB") if processes[n].pid == active_pid)
        standby = "pollerB" if active == "pollerA" else "pollerA"
        processes[active].send_signal(signal.SIGKILL)
        processes[active].wait()
        took = wait_for(
            lambda: (
                (row := current("alerts-poller")) is not None
                and int(row.holder.split(":")[1]) == processes[standby].pid
            ),
            POLLER_LEASE * 4,
            "standby poller taking over",
        )
        assert took <= POLLER_LEASE + POLLER_LEASE / 6 + 1.5, took
        mark("handed over")
        feed.files[SECOND] = as_real((samples / SECOND).read_bytes())
        wait_for(
            lambda: Telegram.objects.filter(source="feed").count() == 2, 30, "standby ingesting"
        )
        # The standby's telegram is delivered as well (every subscriber, once more).
        # Mutation caught: a standby that polls but never runs the sweep or queues fan-outs.
        wait_for(
            lambda: (
                Delivery.objects.filter(status="sent").count() == 2 * SUBSCRIBERS
                and all(hits >= 2 for hits in push.hits.values())
            ),
            60,
            "the second telegram reaching every subscriber",
        )
        mark("second telegram delivered")

        # 4. Readiness and metrics tell the same story.
        wait_for(lambda: site.get("/readyz")[0] == 200, 10, "/readyz after the handover")
        figures = site.metrics()
        sent = (("channel", "webpush"), ("status", "sent"))
        assert figures[("kyosei_alerts_deliveries_total", sent)] >= SUBSCRIBERS
        assert figures[("kyosei_alerts_telegrams_total", (("outcome", "applied"),))] >= 1
        assert figures[("kyosei_alerts_poller_lease_held", ())] == 1
        assert figures[("kyosei_alerts_first_push_latency_seconds_count", ())] >= 1
        # The scheduler unit ran its jobs, none failing. Mutation caught: a scheduler unit
        # starting a command that never runs the jobs (or a job that raises).
        jobs = {dict(labels)["job"]: v for (name, labels), v in figures.items()
                if name == "kyosei_scheduler_job_failing"}  # fmt: skip
        assert "alerts-sweep" in jobs and not any(jobs.values()), jobs
        answered = sum(
            v for (name, _), v in figures.items() if name == "kyosei_http_responses_total"
        )
        assert answered >= 4  # added up over both gunicorn workers (multiprocess mode)
        print(
            f"\nsmoke: first push {first_push:.2f} s after the telegram entered the feed; "
            f"{victim} killed at {at_kill}/{SUBSCRIBERS} with {in_flight} deliveries being "
            f"sent, {repeated} requests repeated, {SUBSCRIBERS}/{SUBSCRIBERS} delivered; "
            f"poller handover {took:.2f} s (lease {POLLER_LEASE} s); "
            f"timeline (s): {', '.join(timeline)}"
        )
    except BaseException:
        for name, handle in logs.items():  # what each process said, for the CI log
            handle.flush()
            tail = (tmp_path / f"{name}.log").read_text(errors="replace")[-3000:]
            print(f"\n----- {name} -----\n{tail}")
        push.close()
        raise
    finally:
        feed.close()
    try:
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes.values():
            process.wait(timeout=30)
    finally:
        push.close()
        for handle in logs.values():
            handle.close()
    web_log = (tmp_path / "web.log").read_text().splitlines()
    request_lines = [json.loads(x) for x in web_log if x.startswith("{") and '"request"' in x]
    assert request_lines and all(entry.get("request_id") for entry in request_lines)
    assert not any("127.0.0.1" in line for line in web_log if '"request"' in line)
    assert current("alerts-poller") is None  # the standby released its lease on SIGTERM
