"""Concurrent HTTP POSTs for a fan-out: asyncio lanes with kept-alive connections.

Why not a thread pool with an HTTP library: at 100 000 requests the per-request Python cost
decides the time, and an event loop writing HTTP/1.1 by hand costs a fraction of a thread
switch plus a general-purpose client. The event loop runs in a helper thread; results come
back to the calling thread, which writes them to the database (so all ORM work stays in the
caller's thread and transaction). A window of credits keeps the lanes from racing ahead of
the recording: at most `window` results can be sent but not yet recorded.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")


@dataclass
class Result(Generic[T]):
    item: T
    status: int | None
    body: bytes
    error: Exception | None
    duration_ms: int


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    def close(self) -> None:
        self.writer.close()


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            key, value = line.split(":", 1)
            headers[key.strip().lower()] = value.strip()
    if status in {204, 304} or 100 <= status < 200:
        return status, headers, b""
    if "content-length" in headers:
        return status, headers, await reader.readexactly(int(headers["content-length"]))
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0].strip(), 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                return status, headers, body
            body += await reader.readexactly(size)
            await reader.readexactly(2)
    headers["connection"] = "close"
    return status, headers, await reader.read()


async def _post(
    pool: dict[tuple[str, str, int], _Connection],
    url: str,
    headers: dict[str, str],
    body: bytes,
    timeout: float,
    tls: ssl.SSLContext,
) -> tuple[int, bytes]:
    parts = urlsplit(url)
    https = parts.scheme == "https"
    host = parts.hostname or ""
    origin = (parts.scheme, host, parts.port or (443 if https else 80))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    head = f"POST {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Length: {len(body)}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    request = head.encode("latin-1") + body
    for attempt in (1, 2):
        conn = pool.get(origin)
        reused = conn is not None
        if conn is None:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(
                    host,
                    origin[2],
                    ssl=tls if https else None,
                    server_hostname=host if https else None,
                )
            conn = pool[origin] = _Connection(reader, writer)
        try:
            conn.writer.write(request)
            await conn.writer.drain()
            # asyncio.timeout, not wait_for: wait_for creates a task per request
            async with asyncio.timeout(timeout):
                status, response_headers, data = await _read_response(conn.reader)
        except (ConnectionError, asyncio.IncompleteReadError):
            conn.close()
            pool.pop(origin, None)
            if reused and attempt == 1:
                continue  # the server closed an idle kept-alive connection: reopen once
            raise
        except BaseException:
            conn.close()
            pool.pop(origin, None)
            raise
        if response_headers.get("connection", "").lower() == "close":
            conn.close()
            pool.pop(origin, None)
        return status, data
    raise ConnectionError("connection closed twice")


def post_all(
    items: Sequence[T],
    build: Callable[[T], tuple[str, dict[str, str], bytes]],
    record: Callable[[list[Result[T]]], None],
    *,
    lanes: int,
    timeout: float,
    chunk: int,
) -> None:
    """POST one request per item (built in the event loop), calling `record` in this thread
    with chunks of results. At most `chunk + lanes` results exist unrecorded at any time."""
    if not items:
        return
    # Results go through a deque and an Event rather than a Queue: one wake-up of this thread
    # per chunk instead of a lock round-trip per request (measured: ~5% of a fan-out's CPU).
    finished: collections.deque[Result[T]] = collections.deque()
    ready = threading.Event()
    done = threading.Event()
    loop = asyncio.new_event_loop()
    window = chunk + lanes
    state: dict[str, asyncio.Semaphore] = {}
    tls = _tls_context()

    async def main() -> None:
        credits = state["credits"] = asyncio.Semaphore(window)
        pending = iter(items)

        async def lane() -> None:
            pool: dict[tuple[str, str, int], _Connection] = {}
            try:
                while True:
                    await credits.acquire()
                    item = next(pending, None)
                    if item is None:
                        credits.release()
                        return
                    started = time.monotonic()
                    try:
                        url, headers, body = build(item)
                        status, data = await _post(pool, url, headers, body, timeout, tls)
                        outcome = Result(item, status, data, None, _ms(started))
                    except Exception as exc:  # every failure becomes a result to record
                        if isinstance(exc, asyncio.TimeoutError):
                            exc = TimeoutError(f"no answer within {timeout:g} s")
                        outcome = Result(item, None, b"", exc, _ms(started))
                    finished.append(outcome)
                    if len(finished) >= chunk:
                        ready.set()
            finally:
                for conn in pool.values():
                    conn.close()

        try:
            await asyncio.gather(*(lane() for _ in range(max(1, lanes))))
        finally:
            done.set()
            ready.set()

    def release(count: int) -> None:
        for _ in range(count):
            state["credits"].release()

    def cancel() -> None:
        for task in asyncio.all_tasks(loop):
            task.cancel()

    def run() -> None:
        with contextlib.suppress(asyncio.CancelledError):
            loop.run_until_complete(main())

    def take() -> list[Result[T]]:
        batch: list[Result[T]] = []
        while finished and len(batch) < chunk:
            batch.append(finished.popleft())
        return batch

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        while True:
            # A short wait bounds how long a slow trickle of results stays unrecorded.
            ready.wait(timeout=0.02)
            ready.clear()
            last = done.is_set()
            batch = take()
            while batch:
                record(batch)
                loop.call_soon_threadsafe(release, len(batch))
                batch = take() if (last or len(finished) >= chunk) else []
            if last and not finished:
                break
    except BaseException:
        # Recording failed (database down?): stop sending, so nothing goes out unrecorded
        # beyond the window; the claimed rows' leases expire and the sweep retries them.
        loop.call_soon_threadsafe(cancel)
        raise
    finally:
        thread.join()
        loop.close()


_tls: list[ssl.SSLContext] = []


def _tls_context() -> ssl.SSLContext:
    # Loading the system's CA store costs ~50 ms: once per process, not once per batch.
    if not _tls:
        _tls.append(ssl.create_default_context())
    return _tls[0]


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
