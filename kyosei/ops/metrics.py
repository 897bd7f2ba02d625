"""/metrics in Prometheus's text format (prometheus-client).

Two kinds of figures:

* **From the database**, computed at each scrape, so they are right however many web and
  worker processes on however many machines did the work: telegrams by outcome, telegram →
  first push latency, deliveries by channel and status, the task queue, the poller's last
  successful poll and lease, the scheduler's jobs. Every machine answers the same numbers.
* **Per process** (page-cache hits, counter API errors, HTTP answers by status), counted in the
  web processes. With several gunicorn workers set PROMETHEUS_MULTIPROC_DIR (a directory
  emptied at start, as the systemd unit and the container do) and prometheus-client's
  multiprocess mode adds up the workers of one machine; scrape every web machine.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, DurationField, ExpressionWrapper, F, Max, Q, Sum
from django.utils import timezone
from prometheus_client import CollectorRegistry, Counter, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

CACHE_KEY = "ops:metrics:database"
LATENCY_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)

# Per-process counters (web processes). Label values are fixed small sets, never user data.
PAGE_CACHE = Counter(
    "kyosei_page_cache_requests", "Guide article requests by page-cache result", ["result"]
)
COUNTER_API_ERRORS = Counter(
    "kyosei_counter_api_errors", "Counter API answers with status 400 or more", ["status"]
)
HTTP_RESPONSES = Counter("kyosei_http_responses", "HTTP answers by status class", ["status"])


def _timestamp(value: object) -> float:
    return value.timestamp() if value is not None else 0.0  # type: ignore[attr-defined]


class DatabaseCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        yield from self._telegrams()
        yield self._latency()
        yield self._deliveries()
        yield from self._queue()
        yield from self._poller()
        yield from self._scheduler()

    def _telegrams(self) -> Iterable[Metric]:
        from kyosei.alerts.models import Telegram

        family = CounterMetricFamily(
            "kyosei_alerts_telegrams", "JMA telegrams received, by outcome", labels=["outcome"]
        )
        counts = dict(Telegram.objects.values_list("outcome").annotate(n=Count("id")))
        for outcome in Telegram.Outcome.values:
            family.add_metric([outcome], counts.get(outcome, 0))
        yield family

    def _latency(self) -> Metric:
        from kyosei.alerts.models import Notice

        latency = ExpressionWrapper(F("first_sent_at") - F("received_at"), DurationField())
        sent = Notice.objects.filter(first_sent_at__isnull=False).annotate(latency=latency)
        figures = sent.aggregate(
            count=Count("id"),
            **{
                f"le{i}": Count("id", filter=Q(latency__lte=timedelta(seconds=bound)))
                for i, bound in enumerate(LATENCY_BUCKETS)
            },
        )
        total = sent.aggregate(total=Sum("latency"))["total"] or timedelta(0)
        buckets = [(str(b), figures[f"le{i}"]) for i, b in enumerate(LATENCY_BUCKETS)]
        buckets.append(("+Inf", figures["count"]))
        return HistogramMetricFamily(
            "kyosei_alerts_first_push_latency_seconds",
            "From a telegram's arrival to the first push of each notice",
            buckets=buckets,
            sum_value=total.total_seconds(),
        )

    def _deliveries(self) -> Metric:
        from kyosei.alerts.models import Delivery

        family = CounterMetricFamily(
            "kyosei_alerts_deliveries",
            "Alert deliveries by channel and status (pending and sending are not final)",
            labels=["channel", "status"],
        )
        rows = Delivery.objects.values_list("subscription__channel", "status").annotate(
            n=Count("id")
        )
        for channel, status, n in rows.order_by():
            family.add_metric([channel, status], n)
        return family

    def _queue(self) -> Iterable[Metric]:
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        from kyosei.ops.health import oldest_ready_task

        depth = GaugeMetricFamily(
            "kyosei_tasks_queue_depth", "Tasks waiting to run, by queue", labels=["queue"]
        )
        rows = (
            DBTaskResult.objects.filter(status=TaskResultStatus.READY)
            .values_list("queue_name")
            .annotate(n=Count("id"))
            .order_by()
        )
        for queue, n in rows:
            depth.add_metric([queue], n)
        yield depth
        oldest = oldest_ready_task()
        age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
        yield GaugeMetricFamily(
            "kyosei_tasks_oldest_ready_age_seconds",
            "How long the longest-waiting runnable task has waited",
            value=max(age, 0.0),
        )

    def _poller(self) -> Iterable[Metric]:
        from kyosei.alerts.models import FeedState
        from kyosei.ops.lease import current

        last = GaugeMetricFamily(
            "kyosei_alerts_poller_last_success_timestamp_seconds",
            "Unix time of the last successful poll of any JMA feed",
            value=_timestamp(
                FeedState.objects.filter(last_error="").aggregate(t=Max("checked_at"))["t"]
            ),
        )
        yield last
        yield GaugeMetricFamily(
            "kyosei_alerts_poller_lease_held",
            "1 while a poller holds its lease, 0 when it is stale",
            value=1.0 if current("alerts-poller") else 0.0,
        )

    def _scheduler(self) -> Iterable[Metric]:
        from kyosei.ops.models import JobRun

        finished = GaugeMetricFamily(
            "kyosei_scheduler_last_finished_timestamp_seconds",
            "Unix time a scheduled job last finished",
            labels=["job"],
        )
        failing = GaugeMetricFamily(
            "kyosei_scheduler_job_failing", "1 when a job's last run failed", labels=["job"]
        )
        for run in JobRun.objects.order_by("name"):
            finished.add_metric([run.name], _timestamp(run.last_finished_at))
            failing.add_metric([run.name], 1.0 if run.last_error else 0.0)
        yield finished
        yield failing


def database_exposition() -> bytes:
    """The database figures, shared for METRICS_CACHE_SECONDS through the default cache (Redis
    in production): counting deliveries is a scan (~0.2 s at 100 000 rows on PostgreSQL), and
    every machine's scrape would otherwise repeat it."""
    seconds = settings.METRICS_CACHE_SECONDS
    if seconds > 0 and isinstance(cached := cache.get(CACHE_KEY), bytes):
        return cached
    registry = CollectorRegistry()
    registry.register(DatabaseCollector())
    text = generate_latest(registry)
    if seconds > 0:
        cache.set(CACHE_KEY, text, seconds)
    return text


def exposition() -> bytes:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        for counter in (PAGE_CACHE, COUNTER_API_ERRORS, HTTP_RESPONSES):
            registry.register(counter)
    return generate_latest(registry) + database_exposition()
