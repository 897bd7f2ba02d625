"""Run a loop on one machine at a time: wait for the lease, keep it renewed from a heartbeat
thread while the loop makes progress, give it up on a clean stop.

The heartbeat renews every third of the lease, so a slow feed fetch does not lose it. It stops
renewing when the loop has not called `beat()` for `stall_seconds` (a hung process must not
keep the role for ever): the lease then expires and a standby takes over.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from types import TracebackType

from django.db import DatabaseError, close_old_connections, connection

from kyosei.ops import lease

log = logging.getLogger(__name__)


class Singleton:
    def __init__(self, name: str, *, seconds: float, stall_seconds: float = 600.0) -> None:
        self.name = name
        self.seconds = seconds
        self.stall_seconds = stall_seconds
        self.holder = lease.new_holder_id()
        self.held = threading.Event()
        self._last_beat = time.monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _try(self) -> bool:
        try:
            got = lease.acquire(self.name, holder=self.holder, seconds=self.seconds)
        except DatabaseError as exc:  # database unreachable: we cannot know, so we do not hold
            log.warning("lease %s: database error: %s", self.name, type(exc).__name__)
            close_old_connections()
            got = None
        if got is not None and not self.held.is_set():
            log.info("lease %s taken by %s (generation %s)", self.name, self.holder, got.generation)
        if got is None and self.held.is_set():
            log.error("lease %s lost by %s", self.name, self.holder)
        (self.held.set if got is not None else self.held.clear)()
        return got is not None

    def wait(self, stop: threading.Event) -> bool:
        """Block until this process holds the lease (True) or `stop` is set (False). A standby
        asks every sixth of the lease, so it takes over at most that long after expiry."""
        while not stop.is_set():
            if self.held.is_set() or self._try():
                self.beat()
                self._start_heartbeat()
                return True
            stop.wait(max(self.seconds / 6, 0.05))
        return False

    def beat(self) -> None:
        self._last_beat = time.monotonic()

    def _start_heartbeat(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._heartbeat, name="lease", daemon=True)
            self._thread.start()

    def _heartbeat(self) -> None:
        try:
            while not self._stop.wait(self.seconds / 3):
                if time.monotonic() - self._last_beat > self.stall_seconds:
                    log.error("lease %s: the loop is stuck; no longer renewing", self.name)
                    self.held.clear()
                    continue
                if self.held.is_set():
                    self._try()
        finally:
            connection.close()

    def __enter__(self) -> Singleton:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.seconds)
        if self.held.is_set():
            with contextlib.suppress(DatabaseError):  # else it expires on its own
                lease.release(self.name, holder=self.holder)
            self.held.clear()
