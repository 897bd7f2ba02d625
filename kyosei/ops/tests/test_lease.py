"""Database leases (SQLite and PostgreSQL): one holder at a time, expiry by the database's
clock, takeover bumps the generation, release hands over at once."""

from __future__ import annotations

import time

import pytest

from kyosei.ops import lease
from kyosei.ops.models import Lease

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_second_holder_waits_while_the_first_renews() -> None:
    first = lease.acquire("poller", holder="a", seconds=1)
    assert first is not None and first.generation == 1
    # Mutation caught: taking over without checking expiry hands the lease to "b" here.
    assert lease.acquire("poller", holder="b", seconds=1) is None
    for _ in range(3):  # renewed past its first expiry: still a's
        time.sleep(0.5)
        renewed = lease.acquire("poller", holder="a", seconds=1)
        assert renewed is not None and renewed.generation == 1
        assert lease.acquire("poller", holder="b", seconds=1) is None
    assert Lease.objects.get(name="poller").holder == "a"


def test_an_expired_lease_is_taken_over_and_the_old_holder_cannot_renew() -> None:
    assert lease.acquire("poller", holder="a", seconds=0.5) is not None
    time.sleep(0.7)
    assert lease.current("poller") is None  # stale by the database's clock
    taken = lease.acquire("poller", holder="b", seconds=5)
    assert taken is not None and taken.generation == 2
    # Mutation caught: renewing by name alone (not holder) lets "a" steal it back.
    assert lease.acquire("poller", holder="a", seconds=5) is None
    current = lease.current("poller")
    assert current is not None and current.holder == "b"


def test_release_hands_over_at_once_and_only_by_its_holder() -> None:
    assert lease.acquire("scheduler", holder="a", seconds=60) is not None
    assert not lease.release("scheduler", holder="b")  # not b's to release
    assert lease.acquire("scheduler", holder="b", seconds=60) is None
    assert lease.release("scheduler", holder="a")
    taken = lease.acquire("scheduler", holder="b", seconds=60)
    assert taken is not None and taken.holder == "b"


def test_leases_of_different_roles_are_independent() -> None:
    assert lease.acquire("alerts-poller", holder="a", seconds=60) is not None
    assert lease.acquire("scheduler", holder="b", seconds=60) is not None
