"""The fan-out's HTTP/1.1 client against a real socket server on 127.0.0.1 (keep-alive, chunked
answers, connections the server drops, garbage, silence)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from kyosei.alerts import sender

HANG_UP = b"<close the connection without an answer>"


class Server:
    """One thread per connection; `answer(path)` gives the raw bytes to send back (or None to
    stay silent). Keeps every accepted socket so a test can drop them."""

    def __init__(self, answer: Callable[[str], bytes | None]) -> None:
        self.answer = answer
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.requests: list[str] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                self.connections.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        buffer = b""
        try:
            while True:
                while b"\r\n\r\n" not in buffer:
                    data = conn.recv(65536)
                    if not data:
                        return
                    buffer += data
                head, _, buffer = buffer.partition(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                length = next(
                    int(line.split(":", 1)[1])
                    for line in lines
                    if line.lower().startswith("content-length:")
                )
                while len(buffer) < length:
                    buffer += conn.recv(65536)
                buffer = buffer[length:]
                path = lines[0].split(" ")[1]
                with self.lock:
                    self.requests.append(path)
                reply = self.answer(path)
                if reply == HANG_UP:
                    conn.close()
                    return
                if reply is not None:
                    conn.sendall(reply)
        except OSError:
            return

    def drop_connections(self) -> None:
        with self.lock:
            for conn in self.connections:
                with contextlib.suppress(OSError):  # some were closed by HANG_UP already
                    conn.shutdown(socket.SHUT_RDWR)
                conn.close()
            self.connections.clear()

    def close(self) -> None:
        self.listener.close()
        self.drop_connections()


@pytest.fixture
def serve() -> Iterator[Callable[[Callable[[str], bytes | None]], Server]]:
    servers: list[Server] = []

    def start(answer: Callable[[str], bytes | None]) -> Server:
        servers.append(Server(answer))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def post(server: Server, paths: list[str], timeout: float = 5) -> dict[str, sender.Result[str]]:
    results: list[sender.Result[str]] = []
    sender.post_all(
        paths,
        lambda path: (f"http://127.0.0.1:{server.port}{path}", {"TTL": "60"}, b"x" * 100),
        results.extend,
        lanes=2,
        timeout=timeout,
        chunk=2,
    )
    return {r.item: r for r in results}


CREATED = b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"


def test_kept_alive_connections_serve_the_next_batch_and_survive_being_dropped(
    serve: Callable[[Callable[[str], bytes | None]], Server],
) -> None:
    server = serve(lambda path: CREATED)
    first = post(server, [f"/a{i}" for i in range(6)])
    assert {r.status for r in first.values()} == {201}
    opened = len(server.connections)
    assert opened <= 2  # two lanes, connections kept alive across requests
    assert {r.status for r in post(server, ["/b0", "/b1"]).values()} == {201}
    assert len(server.connections) == opened  # the next batch reused them

    server.drop_connections()  # the push service closes idle connections
    again = post(server, ["/c0", "/c1", "/c2"])
    assert {r.status for r in again.values()} == {201}, again
    assert sorted(p for p in server.requests if p.startswith("/c")) == ["/c0", "/c1", "/c2"]


def test_a_kept_alive_connection_closed_as_the_request_goes_out_is_retried_once(
    serve: Callable[[Callable[[str], bytes | None]], Server],
) -> None:
    hung_up: list[str] = []

    def answer(path: str) -> bytes | None:
        if path == "/late" and not hung_up:
            hung_up.append(path)  # the server's idle timeout fires as the request arrives
            return HANG_UP
        return CREATED

    server = serve(answer)
    assert {r.status for r in post(server, ["/a", "/b"]).values()} == {201}
    (late,) = post(server, ["/late"]).values()
    assert (late.status, late.error) == (201, None)
    assert server.requests.count("/late") == 2  # once on the old connection, once on a new one

    # A fresh connection closed without an answer is an error, not a silent retry.
    fresh = serve(lambda path: HANG_UP)
    (failed,) = post(fresh, ["/x"]).values()
    assert isinstance(failed.error, ConnectionError) and failed.status is None
    assert fresh.requests == ["/x"]


def test_chunked_and_close_delimited_answers_are_read_whole(
    serve: Callable[[Callable[[str], bytes | None]], Server],
) -> None:
    answers = {
        "/chunked": b"HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
        "/gone": b"HTTP/1.1 410 Gone\r\nContent-Length: 7\r\n\r\nexpired",
    }
    server = serve(lambda path: answers[path])
    results = post(server, ["/chunked", "/gone"])
    assert (results["/chunked"].status, results["/chunked"].body) == (400, b"hello world")
    assert (results["/gone"].status, results["/gone"].body) == (410, b"expired")

    def close_delimited(path: str) -> bytes:
        return b"HTTP/1.0 500 Internal Server Error\r\n\r\nbroken"

    old = serve(close_delimited)
    # An HTTP/1.0 answer without a length ends when the server closes.
    threading.Timer(0.3, old.drop_connections).start()
    (result,) = post(old, ["/x"]).values()
    assert (result.status, result.body, result.error) == (500, b"broken", None)


def test_garbage_silence_and_refusal_become_errors_not_exceptions(
    serve: Callable[[Callable[[str], bytes | None]], Server],
) -> None:
    server = serve(lambda path: b"SMTP ready\r\n\r\n" if path == "/garbage" else None)
    results = post(server, ["/garbage", "/silent"], timeout=1)
    assert isinstance(results["/garbage"].error, sender.ProtocolError)
    assert isinstance(results["/silent"].error, TimeoutError)
    assert "no answer within 1 s" in str(results["/silent"].error)

    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    refused: list[sender.Result[str]] = []
    sender.post_all(
        ["/r"],
        lambda path: (f"http://127.0.0.1:{port}{path}", {}, b""),
        refused.extend,
        lanes=1,
        timeout=2,
        chunk=1,
    )
    assert isinstance(refused[0].error, ConnectionRefusedError)
    assert refused[0].status is None


def test_the_heartbeat_beats_while_requests_are_out(
    serve: Callable[[Callable[[str], bytes | None]], Server],
) -> None:
    def slow(path: str) -> bytes:
        time.sleep(0.25)
        return CREATED

    server = serve(slow)
    beats: list[float] = []
    results: list[sender.Result[str]] = []
    sender.post_all(
        [f"/{i}" for i in range(6)],
        lambda path: (f"http://127.0.0.1:{server.port}{path}", {}, b""),
        results.extend,
        lanes=1,
        timeout=5,
        chunk=1,
        heartbeat=lambda: beats.append(time.monotonic()),
        heartbeat_every=0.3,
    )
    assert [r.status for r in results] == [201] * 6
    assert len(beats) >= 3  # ~1.5 s of sending, a beat every 0.3 s
