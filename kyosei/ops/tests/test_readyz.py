"""/healthz stays one query; /readyz fails on a stale poller lease, an old queue, pending
migrations (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kyosei.counter.tasks import send_task_reminders
from kyosei.ops import health, lease

pytestmark = pytest.mark.django_db


@pytest.fixture
def poller() -> None:
    assert lease.acquire("alerts-poller", holder="test", seconds=60)


def failing(response: Any) -> set[str]:
    return {name for name, c in response.json()["checks"].items() if not c["ok"]}


def test_healthz_stays_one_query(client: Client, django_assert_num_queries: Any) -> None:
    # Mutation caught: healthz running the readiness checks (migrations, queue, lease).
    with django_assert_num_queries(1):
        assert client.get("/healthz").status_code == 200


def test_ready_when_the_poller_holds_its_lease_and_the_queue_is_fresh(
    client: Client, poller: None
) -> None:
    send_task_reminders.enqueue()
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "ok"


def test_not_ready_without_a_poller_or_with_a_stale_lease(client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 503 and failing(response) == {"poller"}
    assert lease.acquire("alerts-poller", holder="dead", seconds=60)
    assert client.get("/readyz").status_code == 200
    lease.release("alerts-poller", holder="dead")  # as a dead poller's lease looks on expiry
    response = client.get("/readyz")
    # Mutation caught: checking that the lease row exists instead of its expiry.
    assert response.status_code == 503 and failing(response) == {"poller"}


def test_the_poller_check_can_be_turned_off_for_push_only_sites(
    client: Client, settings: Any
) -> None:
    settings.READYZ_REQUIRE_POLLER = False
    assert client.get("/readyz").status_code == 200


def test_not_ready_when_the_oldest_runnable_task_waited_too_long(
    client: Client, poller: None, settings: Any
) -> None:
    settings.READYZ_QUEUE_MAX_AGE_SECONDS = 60
    old = send_task_reminders.enqueue()
    DBTaskResult.objects.filter(id=old.id).update(
        enqueued_at=timezone.now() - timedelta(seconds=90)
    )
    response = client.get("/readyz")
    assert response.status_code == 503 and failing(response) == {"queue"}
    # A task delayed into the future is not waiting; one whose delay ended 90 s ago is.
    DBTaskResult.objects.filter(id=old.id).update(status="SUCCESSFUL")
    later = send_task_reminders.using(run_after=timezone.now() + timedelta(hours=1)).enqueue()
    DBTaskResult.objects.filter(id=later.id).update(enqueued_at=timezone.now() - timedelta(hours=2))
    assert client.get("/readyz").status_code == 200
    DBTaskResult.objects.filter(id=later.id).update(
        run_after=timezone.now() - timedelta(seconds=90)
    )
    assert failing(client.get("/readyz")) == {"queue"}


@pytest.mark.django_db(transaction=True)
def test_not_ready_while_migrations_are_pending(client: Client, poller: None) -> None:
    health.forget_migrations_memo()
    call_command("migrate", "ops", "zero", verbosity=0)
    try:
        response = client.get("/readyz")
        assert response.status_code == 503
        checks = response.json()["checks"]
        assert not checks["migrations"]["ok"]
        assert "ops.0001_deploy_leases_and_jobs" in checks["migrations"]["detail"]
    finally:
        call_command("migrate", "ops", verbosity=0)
        health.forget_migrations_memo()
    assert lease.acquire("alerts-poller", holder="test", seconds=60)
    assert client.get("/readyz").status_code == 200
