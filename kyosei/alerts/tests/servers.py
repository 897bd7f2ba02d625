"""Local servers speaking the real protocols, for tests and the benchmark (127.0.0.1 only).

* PushService: a Web Push endpoint that checks the VAPID JWT (RFC 8292) and DECRYPTS the
  aes128gcm payload (RFC 8188/8291) with the subscription's private key, so a test proves the
  encryption, not just that bytes arrived. Per-path behaviour: "ok", "gone" (410), "missing"
  (404), "error" (500), "hang" (sleeps past the client's timeout).
* SubscriberKeys: a browser's side of a push subscription (P-256 key pair + auth secret).
"""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class SubscriberKeys:
    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth_secret: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def p256dh(self) -> str:
        return b64url(
            self.private_key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    @property
    def auth(self) -> str:
        return b64url(self.auth_secret)


def verify_vapid(header: str, audience: str) -> dict[str, Any]:
    """Check `vapid t=JWT,k=KEY`: ES256 signature with k, aud, exp in the future."""
    parts = dict(p.strip().split("=", 1) for p in header.removeprefix("vapid ").split(","))
    token, key = parts["t"], parts["k"]
    head, payload, signature = token.split(".")
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
    raw = unb64url(signature)
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    public.verify(der, f"{head}.{payload}".encode(), ec.ECDSA(hashes.SHA256()))
    claims: dict[str, Any] = json.loads(unb64url(payload))
    if claims["aud"] != audience or claims["exp"] < time.time():
        raise ValueError("bad VAPID claims")
    claims["_key"] = key
    return claims


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    payload: dict[str, Any] | None
    vapid: dict[str, Any] | None
    error: str = ""


class PushService:
    """A local push service. Register keys per path with `endpoint(keys, mode)`."""

    def __init__(
        self, *, decrypt: bool = True, hang_seconds: float = 3.0, delay: float = 0.0
    ) -> None:
        self.delay = delay
        self.hits: dict[str, int] = {}
        self.topics: dict[str, set[str]] = {}
        self.keys: dict[str, SubscriberKeys] = {}
        self.modes: dict[str, str] = {}
        self.received: list[Received] = []
        self.count = 0
        self.decrypt = decrypt
        self.hang_seconds = hang_seconds
        self.lock = threading.Lock()
        self.first_at: float | None = None
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                status = service.handle(self.path, dict(self.headers.items()), body)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def endpoint(self, keys: SubscriberKeys, mode: str = "ok", name: str | None = None) -> str:
        path = "/push/" + (name or b64url(os.urandom(9)))
        self.keys[path] = keys
        self.modes[path] = mode
        return self.base + path

    def handle(self, path: str, headers: dict[str, str], body: bytes) -> int:
        with self.lock:
            self.count += 1
            if self.first_at is None:
                self.first_at = time.monotonic()
            self.hits[path] = self.hits.get(path, 0) + 1
            self.topics.setdefault(path, set()).add(headers.get("Topic", ""))
        if self.delay:
            time.sleep(self.delay)
        mode = self.modes.get(path, "ok")
        if mode == "hang":
            time.sleep(self.hang_seconds)
            return 201
        if mode == "gone":
            return 410
        if mode == "missing":
            return 404
        if mode == "error":
            return 500
        received = Received(path, headers, None, None)
        if self.decrypt:
            try:
                received.vapid = verify_vapid(headers.get("Authorization", ""), self.base)
                keys = self.keys[path]
                plain = http_ece.decrypt(
                    body,
                    private_key=keys.private_key,
                    auth_secret=keys.auth_secret,
                    version=headers.get("Content-Encoding", "aes128gcm"),
                )
                received.payload = json.loads(plain)
            except Exception as exc:  # recorded for the test to assert on
                received.error = f"{type(exc).__name__}: {exc}"
        with self.lock:
            self.received.append(received)
        return 400 if received.error else 201

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
