"""A minimal, fast HTTP/1.1 push endpoint for the alerts benchmark (asyncio, keep-alive).

Run as `python benchmarks/pushsink.py PORTFILE`: listens on 127.0.0.1 (a free port written to
PORTFILE), answers every POST with 201, counts requests and the time of the first and last.
GET /stats returns {"count", "first", "last", "topics"} (monotonic clock of this process is
not comparable, so times are time.time()). It does not decrypt: the tests prove encryption;
this measures throughput.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

STATS = {"count": 0, "first": 0.0, "last": 0.0}
FIRST_BY_TOPIC: dict[str, float] = {}


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path = lines[0].split(" ")[:2]
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    key, value = line.split(":", 1)
                    headers[key.strip().lower()] = value.strip()
            length = int(headers.get("content-length", "0"))
            if length:
                await reader.readexactly(length)
            if method == "GET" and path == "/stats":
                body = json.dumps({**STATS, "topics": FIRST_BY_TOPIC}).encode()
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + str(len(body)).encode()
                    + b"\r\n\r\n"
                    + body
                )
            else:
                now = time.time()
                STATS["count"] += 1
                STATS["first"] = STATS["first"] or now
                STATS["last"] = now
                topic = headers.get("topic")
                if topic and topic not in FIRST_BY_TOPIC:
                    FIRST_BY_TOPIC[topic] = now
                writer.write(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main(port_file: str) -> None:
    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    with open(port_file, "w") as fh:
        fh.write(str(port))
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
