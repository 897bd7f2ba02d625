"""/metrics: protected, Prometheus text format, figures derived from the database and counted
per request (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from prometheus_client.parser import text_string_to_metric_families

from kyosei.alerts.models import Notice
from kyosei.alerts.services import receive_telegram
from kyosei.alerts.tasks import fan_out
from kyosei.alerts.tests.conftest import as_real, make_push_subscription, sample_bytes
from kyosei.alerts.tests.servers import PushService
from kyosei.guide import content
from kyosei.ops import lease

pytestmark = pytest.mark.django_db
TOKEN = "scrape-token-for-tests-0123456789"
ARTICLE = "/en/guide/national-centre/moving-in-notification/"


@pytest.fixture
def token(settings: Any) -> str:
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


def scrape(client: Client) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def value(samples: dict[Any, float], name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_are_off_without_a_token_or_network(client: Client) -> None:
    assert client.get("/metrics").status_code == 404


def test_metrics_need_the_token_or_a_listed_network(
    client: Client, token: str, settings: Any
) -> None:
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    settings.METRICS_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    # Mutation caught: trusting X-Forwarded-For lets anyone claim a listed address.
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="10.1.2.3").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200


def test_alert_figures_come_from_the_database(
    client: Client, token: str, codes: None, samples: Path, push_service: PushService
) -> None:
    for language in ("en", "vi", "ne"):
        make_push_subscription(push_service, codes=["2213001"], language=language)
    make_push_subscription(push_service, codes=["2213001"], mode="gone")
    raw = as_real(sample_bytes(samples, "32-39_11_02_250206_VTSE41.xml"))
    result = receive_telegram(raw=raw, source="feed", dispatch=False)
    receive_telegram(raw=raw, source="push", dispatch=False)  # the same telegram: one row
    receive_telegram(raw=b"<broken", source="push", dispatch=False)
    for notice in result.notices:
        fan_out.call(notice.pk)
    assert lease.acquire("alerts-poller", holder="test", seconds=60)
    figures = scrape(client)
    assert value(figures, "kyosei_alerts_telegrams_total", outcome="applied") == 1
    assert value(figures, "kyosei_alerts_telegrams_total", outcome="rejected") == 1
    assert value(figures, "kyosei_alerts_deliveries_total", channel="webpush", status="sent") == 3
    assert value(figures, "kyosei_alerts_deliveries_total", channel="webpush", status="gone") == 1
    sent = Notice.objects.filter(first_sent_at__isnull=False)
    latencies = [(n.first_sent_at - n.received_at).total_seconds() for n in sent if n.first_sent_at]
    assert latencies
    histogram = "kyosei_alerts_first_push_latency_seconds"
    assert value(figures, histogram + "_count") == len(latencies)
    assert value(figures, histogram + "_bucket", le="+Inf") == len(latencies)
    assert value(figures, histogram + "_sum") == pytest.approx(sum(latencies), abs=0.01)
    # Mutation caught: a bucket counting latencies above its bound.
    assert value(figures, histogram + "_bucket", le="0.1") == sum(x <= 0.1 for x in latencies)
    assert value(figures, histogram + "_bucket", le="300.0") == len(latencies)
    assert value(figures, "kyosei_alerts_poller_lease_held") == 1


def test_queue_depth_and_age(client: Client, token: str) -> None:
    from kyosei.counter.tasks import send_task_reminders

    for _ in range(3):
        send_task_reminders.enqueue()
    figures = scrape(client)
    assert value(figures, "kyosei_tasks_queue_depth", queue="default") == 3
    assert 0 <= value(figures, "kyosei_tasks_oldest_ready_age_seconds") < 60


def test_page_cache_hits_and_counter_api_errors_are_counted(client: Client, token: str) -> None:
    content.load_content()
    before = scrape(client)
    for _ in range(3):
        assert client.get(ARTICLE).status_code == 200
    assert client.get("/api/v1/counter/consultations").status_code == 401  # no API key
    after = scrape(client)

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("kyosei_page_cache_requests_total", result="miss") == 1
    assert delta("kyosei_page_cache_requests_total", result="hit") == 2
    assert delta("kyosei_counter_api_errors_total", status="401") == 1


def test_database_figures_are_shared_for_the_cache_period(
    client: Client, token: str, settings: Any
) -> None:
    from kyosei.counter.tasks import send_task_reminders

    settings.METRICS_CACHE_SECONDS = 60
    assert value(scrape(client), "kyosei_tasks_queue_depth", queue="default") == 0
    send_task_reminders.enqueue()
    # Within the period the figures are the cached ones; Mutation caught: no caching.
    assert value(scrape(client), "kyosei_tasks_queue_depth", queue="default") == 0
    settings.METRICS_CACHE_SECONDS = 0
    assert value(scrape(client), "kyosei_tasks_queue_depth", queue="default") == 1
