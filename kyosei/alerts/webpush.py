"""Web Push message encryption (RFC 8291, aes128gcm per RFC 8188).

Written directly on `cryptography` because it is the hot path of a fan-out: pywebpush's
`encode()` costs about 1 ms per message here, this about 0.2 ms. The tests decrypt every
message with `http_ece` (the library pywebpush itself uses) using the subscriber's private
key, so both sides of the RFC are checked against an independent implementation.
"""

from __future__ import annotations

import base64
import hmac
import os
import threading

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

RECORD_SIZE = 4096


def _b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _hmac(key: bytes, data: bytes) -> bytes:
    return hmac.digest(key, data, "sha256")  # one-shot C path: ~5x cheaper than hmac.new


class _Salts:
    """16 random bytes per message from the OS's CSPRNG, fetched 4 KB at a time: one
    getrandom() call per 256 messages instead of one per message."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buffer = b""
        self._offset = 0

    def forget(self) -> None:
        self._buffer, self._offset = b"", 0

    def take(self) -> bytes:
        with self._lock:
            if self._offset + 16 > len(self._buffer):
                self._buffer, self._offset = os.urandom(4096), 0
            salt = self._buffer[self._offset : self._offset + 16]
            self._offset += 16
            return salt


_salts = _Salts()
# A forked worker must not hand out the same bytes as its parent.
os.register_at_fork(after_in_child=_salts.forget)


def encrypt(payload: bytes, p256dh: str, auth: str) -> bytes:
    """The aes128gcm body for one subscription: header (salt, rs, keyid) + one record."""
    receiver_bytes = _b64(p256dh)
    receiver = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), receiver_bytes)
    sender = ec.generate_private_key(ec.SECP256R1())
    sender_bytes = sender.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    shared = sender.exchange(ec.ECDH(), receiver)
    # RFC 8291 §3.4: IKM = HKDF(auth_secret, ecdh_secret, "WebPush: info" || ua || as, 32)
    prk_key = _hmac(_b64(auth), shared)
    ikm = _hmac(prk_key, b"WebPush: info\x00" + receiver_bytes + sender_bytes + b"\x01")
    # RFC 8188 §2.2: CEK and nonce from HKDF(salt, IKM)
    salt = _salts.take()
    prk = _hmac(salt, ikm)
    cek = _hmac(prk, b"Content-Encoding: aes128gcm\x00\x01")[:16]
    nonce = _hmac(prk, b"Content-Encoding: nonce\x00\x01")[:12]
    if len(payload) + 17 > RECORD_SIZE:
        raise ValueError("push payload too large for one record")
    record = AESGCM(cek).encrypt(nonce, payload + b"\x02", None)  # \x02: last record
    header = salt + RECORD_SIZE.to_bytes(4, "big") + bytes([len(sender_bytes)]) + sender_bytes
    return header + record
