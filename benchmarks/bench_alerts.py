"""Alerts delivery, measured in one run (PostgreSQL when reachable, else SQLite, and it says so).

1. Latency: telegram received → first Web Push request at a local push endpoint, with one
   `db_worker` polling every 20 ms. 20 telegrams; p50 and p95. Target p50 < 0.5 s.
2. Throughput: 100 000 Web Push subscribers in one municipality; one tsunami telegram; time
   until every delivery has been handed to the local push endpoint (encrypted with RFC 8291,
   VAPID-signed, one Delivery row and one DeliveryAttempt row each), with WORKERS worker
   processes. Target < 20 s on a 2-core machine with PostgreSQL.
3. Ratio: a raw HTTP client (http.client, keep-alive, same number of threads, same body size,
   no encryption, no database) sending the same number of requests to the same endpoint.
   Ratio = raw time ÷ Kyosei time (goal ≥ 0.5).

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/kyosei_alerts_dev),
BENCH_SUBSCRIBERS (100000), BENCH_WORKERS (2), KYOSEI_SHARED_DIR for the JMA samples.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyosei.settings")
os.environ["KYOSEI_TESTING"] = "1"
os.environ["TASK_BACKEND"] = "database"
SUBSCRIBERS = int(os.getenv("BENCH_SUBSCRIBERS", "100000"))
WORKERS = int(os.getenv("BENCH_WORKERS", "2"))
CONCURRENCY = int(os.getenv("ALERTS_PUSH_CONCURRENCY", "16"))
os.environ["ALERTS_PUSH_CONCURRENCY"] = str(CONCURRENCY)


def choose_database() -> str:
    url = os.getenv("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kyosei_alerts_dev")
    if url.startswith("postgres"):
        try:
            import psycopg

            psycopg.connect(url.replace("postgres://", "postgresql://"), connect_timeout=3).close()
            return url
        except Exception as exc:  # report and fall back
            print(f"PostgreSQL not reachable ({exc}); falling back to SQLite", flush=True)
    return f"sqlite:///{tempfile.mkdtemp()}/bench_alerts.sqlite3"


os.environ["DATABASE_URL"] = choose_database()

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from kyosei.alerts.models import (  # noqa: E402
    Area,
    Delivery,
    DeliveryAttempt,
    Event,
    Notice,
    Subscription,
    SubscriptionArea,
    Telegram,
)
from kyosei.alerts.services import receive_telegram  # noqa: E402

SAMPLE = "32-39_11_02_250206_VTSE41.xml"  # real tsunami advisory incl. 静岡県 (380)
CODE = "2213001"


def sink() -> tuple[subprocess.Popen[bytes], int]:
    port_file = Path(tempfile.mkdtemp()) / "port"
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "benchmarks" / "pushsink.py"), str(port_file)]
    )
    for _ in range(100):
        if port_file.exists() and port_file.read_text():
            return proc, int(port_file.read_text())
        time.sleep(0.05)
    raise RuntimeError("push sink did not start")


def stats(port: int) -> dict[str, object]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/stats")
    data: dict[str, object] = json.loads(conn.getresponse().read())
    conn.close()
    return data


def workers(count: int, interval: str) -> list[subprocess.Popen[bytes]]:
    return [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kyosei",
                "db_worker",
                "--queue-name",
                "alerts",
                "--interval",
                interval,
                "--no-startup-delay",
            ],
            cwd=ROOT,
            # Workers keep their database connection between tasks (the README's advice for
            # worker processes): otherwise each batch opens a new PostgreSQL session.
            env={**os.environ, "DB_CONN_MAX_AGE": "600"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(count)
    ]


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of these processes so far (Linux /proc; 0 elsewhere)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def postgres_pids() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if (entry / "comm").read_text().strip() == "postgres":
                    found.append(int(entry.name))
    return found


def stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        proc.send_signal(signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def telegram(template: bytes, n: int) -> bytes:
    """A unique real telegram: new EventID and report time, same content."""
    raw = template.replace("<Status>訓練</Status>".encode(), "<Status>通常</Status>".encode())
    raw = raw.replace(b"20110311144640", f"2026112800{n:04d}".encode())
    return raw.replace(
        b"2011-03-11T14:49:00+09:00", f"2011-03-11T14:{n % 60:02d}:30+09:00".encode()
    )


def clean() -> None:
    from django_tasks_db.models import DBTaskResult

    DeliveryAttempt.objects.all().delete()
    Delivery.objects.all().delete()
    Notice.objects.all().delete()
    Telegram.objects.all().delete()
    Event.objects.all().delete()
    SubscriptionArea.objects.all().delete()
    Subscription.objects.all().delete()
    DBTaskResult.objects.all().delete()
    if connection.vendor == "postgresql":
        # Deleting 100 000 subscribers leaves dead rows and stale statistics until autovacuum
        # comes by; a planner that believes them scans every dead row (measured: +150 ms).
        with connection.cursor() as cursor:
            for model in (Subscription, SubscriptionArea, Delivery, DeliveryAttempt, Notice):
                cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")


def make_subscribers(port: int, count: int) -> None:
    from kyosei.alerts.tests.servers import SubscriberKeys

    keys = SubscriberKeys()
    languages = [
        lang.code
        for lang in __import__("kyosei.core.languages", fromlist=["x"]).registry().languages
    ]
    batch = 5000
    for start in range(0, count, batch):
        subs = Subscription.objects.bulk_create(
            [
                Subscription(
                    channel="webpush",
                    endpoint=f"http://127.0.0.1:{port}/p/{i}",
                    p256dh=keys.p256dh,
                    auth=keys.auth,
                    language=languages[i % len(languages)],
                    confirmed=True,
                )  # fmt: skip
                for i in range(start, min(start + batch, count))
            ]
        )
        SubscriptionArea.objects.bulk_create(
            [SubscriptionArea(subscription=s, code=CODE) for s in subs]
        )
    if connection.vendor == "postgresql":
        # A subscriber table that grew over months has the statistics autovacuum keeps; one
        # just filled by a bulk insert does not until autovacuum comes by.
        with connection.cursor() as cursor:
            for model in (Subscription, SubscriptionArea):
                cursor.execute(f"ANALYZE {model._meta.db_table}")


def latency(port: int, template: bytes) -> list[float]:
    make_subscribers(port, 1)
    procs = workers(1, "0.02")
    time.sleep(2)  # worker start-up
    found = []
    try:
        for n in range(20):
            started = time.time()
            result = receive_telegram(raw=telegram(template, n), source="push")
            notice = next(x for x in result.notices if CODE in x.codes)
            topic = f"kyosei-n{notice.pk}"
            deadline = time.time() + 10
            while time.time() < deadline:
                first = stats(port)["topics"]
                assert isinstance(first, dict)
                if topic in first:
                    found.append(float(first[topic]) - started)
                    break
                time.sleep(0.005)
            else:
                raise RuntimeError(f"no push for {topic}")
            time.sleep(0.1)
    finally:
        stop(procs)
    return found


def throughput(port: int, template: bytes, sink_pid: int) -> tuple[float, float, int, str]:
    clean()
    print(f"creating {SUBSCRIBERS} subscribers …", flush=True)
    make_subscribers(port, SUBSCRIBERS)
    procs = workers(WORKERS, "0.05")
    time.sleep(2)
    before = int(str(stats(port)["count"]))
    pg = postgres_pids()
    cpu_before = [cpu_seconds([p.pid for p in procs]), cpu_seconds([sink_pid]), cpu_seconds(pg)]
    try:
        started = time.time()
        result = receive_telegram(raw=telegram(template, 999), source="push")
        notice = next(x for x in result.notices if CODE in x.codes)
        deadline = started + 600
        while time.time() < deadline:
            if int(str(stats(port)["count"])) - before >= SUBSCRIBERS:
                break
            time.sleep(0.05)
        handed = time.time() - started
        while time.time() < deadline:
            if not Delivery.objects.filter(notice=notice).exclude(status="sent").exists():
                break
            time.sleep(0.1)
        recorded = time.time() - started
        new_pg = [pid for pid in postgres_pids() if pid not in pg]  # sessions opened since
        cpu_after = [
            cpu_seconds([p.pid for p in procs]),
            cpu_seconds([sink_pid]),
            cpu_seconds(pg) + cpu_seconds(new_pg),
        ]
        sent = Delivery.objects.filter(notice=notice, status="sent").count()
        timeline = describe_timeline(port, started, notice)
    finally:
        stop(procs)
    used = [after - before for before, after in zip(cpu_before, cpu_after, strict=True)]
    cpu = (
        f"CPU seconds during the fan-out: workers {used[0]:.1f} "
        f"({used[0] / SUBSCRIBERS * 1e6:.0f} µs per push), push endpoint {used[1]:.1f}, "
        f"PostgreSQL {used[2]:.1f}; the machine had {recorded * (os.cpu_count() or 1):.1f}"
    )
    return handed, recorded, sent, f"{cpu}\n{timeline}"


def describe_timeline(port: int, started: float, notice: Notice) -> str:
    """When the fan-out's deliveries existed, when the first push arrived, and pushes per
    second: a second with few pushes is a stall worth explaining."""
    data = stats(port)
    topics = data["topics"]
    per_second = data["per_second"]
    assert isinstance(topics, dict) and isinstance(per_second, dict)
    notice.refresh_from_db(fields=["fanned_out_at"])
    created = notice.fanned_out_at.timestamp() - started if notice.fanned_out_at else float("nan")
    first = float(topics.get(f"kyosei-n{notice.pk}", "nan")) - started
    counts = [per_second.get(str(s), 0) for s in range(int(started), int(time.time()) + 1)]
    while counts and counts[-1] == 0:
        counts.pop()
    return (
        f"deliveries created after {created:.2f} s, first push after {first:.2f} s; "
        f"pushes per second: {' '.join(str(c) for c in counts)}"
    )


def raw_client(port: int, total: int, threads: int, body_size: int) -> float:
    body = os.urandom(body_size)
    counter = iter(range(total))
    lock = threading.Lock()

    def run() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            conn.request(
                "POST", f"/p/{i}", body=body, headers={"TTL": "60", "Content-Encoding": "aes128gcm"}
            )
            conn.getresponse().read()
        conn.close()

    pool = [threading.Thread(target=run) for _ in range(threads)]
    started = time.time()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return time.time() - started


def main() -> None:
    vendor = connection.vendor
    call_command("migrate", verbosity=0)
    codes_dir = Path(settings.SHARED_DATA_DIR) / "jma" / "codes"
    samples = Path(settings.SHARED_DATA_DIR) / "jma" / "samples"
    if not samples.is_dir():
        print(f"SKIPPED: JMA samples not found at {samples}")
        return
    if codes_dir.is_dir():
        call_command("alerts", "import-codes", str(codes_dir), verbosity=0)
    else:
        Area.objects.update_or_create(
            kind="municipality",
            code=CODE,
            defaults={"name": "浜松市南部", "tsunami_area_code": "380"},
        )
    template = (samples / SAMPLE).read_bytes()
    load_before = os.getloadavg()[0]
    proc, port = sink()
    try:
        clean()
        lat = latency(port, template)
        handed, recorded, sent, cpu = throughput(port, template, proc.pid)
        payload_size = 4096 // 4  # a typical encrypted alert payload is ~0.5–1.5 KB
        raw = raw_client(port, SUBSCRIBERS, WORKERS * CONCURRENCY, payload_size)
    finally:
        proc.kill()
        clean()
    lat.sort()
    p50 = statistics.median(lat)
    p95 = lat[int(len(lat) * 0.95) - 1]
    print(
        f"database: {vendor}; workers: {WORKERS} × {CONCURRENCY} lanes; cpus: {os.cpu_count()}; "
        f"load average before/after: {load_before:.1f}/{os.getloadavg()[0]:.1f} "
        "(other processes on the machine skew every figure)"
    )
    print(
        f"latency telegram → first push request: p50 {p50 * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms (target p50 < 500 ms)"
    )
    print(
        f"{SUBSCRIBERS} subscribers: all handed to the push endpoint in {handed:.1f} s "
        f"({SUBSCRIBERS / handed:.0f}/s), all recorded sent in {recorded:.1f} s; "
        f"{sent} deliveries sent (target < 20 s)"
    )
    print(cpu)
    print(f"raw HTTP client, same requests: {raw:.1f} s ({SUBSCRIBERS / raw:.0f}/s)")
    print(f"ratio raw ÷ Kyosei = {raw / handed:.2f} (goal ≥ 0.5)")


if __name__ == "__main__":
    main()
