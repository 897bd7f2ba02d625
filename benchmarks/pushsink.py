"""A fast HTTP/1.1 push endpoint for the alerts benchmark (uvloop + httptools, keep-alive).

Run as `python benchmarks/pushsink.py PORTFILE`: listens on 127.0.0.1 (a free port written to
PORTFILE), answers every POST with 201, counts requests and the time of the first and last.
GET /stats returns {"count", "first", "last", "topics", "per_second", "cpu"}: times are
time.time() (this process's monotonic clock is not comparable), "cpu" is the CPU seconds this
process used, so the benchmark can say how much of the machine the endpoint itself took.
It does not decrypt: the tests prove encryption; this measures throughput. A real push service
is not written in Python; the lighter this stand-in, the more of the 2 cores is left to what
is measured.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import cast

import httptools
import uvloop

STATS = {"count": 0, "first": 0.0, "last": 0.0}
FIRST_BY_TOPIC: dict[str, float] = {}
PER_SECOND: dict[int, int] = {}  # requests per wall-clock second: shows where a run stalled
CREATED = b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"


class PushEndpoint(asyncio.Protocol):
    def __init__(self) -> None:
        self.parser = httptools.HttpRequestParser(self)
        self.transport: asyncio.Transport | None = None
        self.topic = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        # The Topic header, found in the bytes rather than through a callback per header: the
        # endpoint's own CPU is taken from what the benchmark measures.
        at = data.find(b"\r\nTopic: ")
        end = data.find(b"\r\n", at + 9) if at >= 0 else -1
        if end >= 0:  # a header split across reads is not timed; the count is unaffected
            self.topic = data[at + 9 : end]
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError:
            assert self.transport is not None
            self.transport.close()

    def on_message_complete(self) -> None:
        assert self.transport is not None
        if self.parser.get_method() == b"GET":
            stats = {
                **STATS,
                "topics": FIRST_BY_TOPIC,
                "per_second": PER_SECOND,
                "cpu": time.process_time(),
            }
            body = json.dumps(stats).encode()
            self.transport.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + str(len(body)).encode()
                + b"\r\n\r\n"
                + body
            )
            return
        now = time.time()
        STATS["count"] += 1
        STATS["first"] = STATS["first"] or now
        STATS["last"] = now
        second = int(now)
        PER_SECOND[second] = PER_SECOND.get(second, 0) + 1
        if self.topic:
            FIRST_BY_TOPIC.setdefault(self.topic.decode("latin-1"), now)
            self.topic = b""
        self.transport.write(CREATED)


async def main(port_file: str) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(PushEndpoint, "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    with open(port_file, "w") as fh:
        fh.write(str(port))
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    uvloop.run(main(sys.argv[1]))
