"""gunicorn's configuration for `kyosei web` (every value from the environment).

The access log is off by default: Kyosei's own request line (kyosei/ops/middleware.py, JSON)
replaces it, with a request id and the URL route, never a client address or a token in a path.
An operator who wants gunicorn's log anyway (ACCESS_LOG=-) gets a format without the client
address unless ACCESS_LOG_FORMAT says otherwise.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

bind = os.getenv("BIND", "127.0.0.1:8000")
# One process per core, one thread each: threads in one process fight over the GIL, which
# doubled p95 in the guide benchmark (README).
workers = int(os.getenv("WEB_WORKERS", str(os.cpu_count() or 1)))
threads = int(os.getenv("WEB_THREADS", "1"))
timeout = int(os.getenv("WEB_TIMEOUT_SECONDS", "30"))
graceful_timeout = 30
# The reverse proxy buffers slow clients; gunicorn's sync workers must not.
keepalive = 5
accesslog = os.getenv("ACCESS_LOG") or None
access_log_format = os.getenv(
    "ACCESS_LOG_FORMAT", '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}o)s'
)
errorlog = "-"
loglevel = os.getenv("WEB_LOG_LEVEL", "warning")
# Requests larger than this never reach Django (attachments are capped at 5 MB by default).
limit_request_field_size = 8190


def _metrics_dir() -> Path | None:
    value = os.getenv("PROMETHEUS_MULTIPROC_DIR")
    return Path(value) if value else None


def on_starting(server: Any) -> None:
    """Counts of an earlier run would be added to this one's: start from an empty directory."""
    if (path := _metrics_dir()) is not None:
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True, exist_ok=True)


def child_exit(server: Any, worker: Any) -> None:
    if _metrics_dir() is not None:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]
