"""The poller process: one active across machines (a database lease), the others on standby.

`kyosei alerts poll` may run on several machines for redundancy. Only the holder of the
`alerts-poller` lease polls JMA's feeds and runs the sweep; a standby asks for the lease every
sixth of its length and takes over once the holder stopped renewing it (killed, hung, machine
gone), at most ALERTS_POLLER_LEASE_SECONDS + a sixth of it after its last renewal. A clean stop
(SIGTERM) releases the lease so a standby takes over at once.

Two pollers polling at once, briefly (a holder that lost its lease in the middle of a round),
is harmless: every telegram is stored once (unique digest and identity).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.conf import settings

from kyosei.alerts.poller import PollResult, poll_all
from kyosei.ops.singleton import Singleton

LEASE_NAME = "alerts-poller"


def run(
    *,
    long: bool,
    once: bool,
    interval: float,
    stop: threading.Event,
    report: Callable[[list[PollResult]], None],
    on_standby: Callable[[], None] = lambda: None,
) -> None:
    from kyosei.alerts.tasks import sweep

    with Singleton(LEASE_NAME, seconds=settings.ALERTS_POLLER_LEASE_SECONDS) as singleton:
        while not stop.is_set():
            if not singleton.held.is_set():
                on_standby()
                if not singleton.wait(stop):
                    return
            report(poll_all(long=long))
            sweep.call()
            singleton.beat()
            if once:
                return
            stop.wait(interval)
