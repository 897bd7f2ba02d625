"""Structured logs: one JSON object per line, with the request id of the request being served.

What must never reach a log line — case data, reporter identifiers, push endpoints — is kept
out in three ways: Kyosei's own log calls never pass such values; the request line names the
URL *route* (`/<lang>/alerts/unsubscribe/<token>/` is logged as its pattern, never the token)
and never the client address; and as a last guard every message and traceback is scrubbed of
URL paths and query strings (a push endpoint's identifying part) and of email addresses.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

URL_TAIL = re.compile(r"\b((?:https?|wss?)://[^/\s\"'<>]+)[^\s\"'<>]*")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Fields a log call may pass with `extra=`: numbers and fixed names, never user data.
EXTRA_FIELDS = ("event", "method", "route", "status", "duration_ms", "cache", "job", "lease")


def scrub(text: str) -> str:
    return EMAIL.sub("[email]", URL_TAIL.sub(r"\1/…", text))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
        }
        if rid := request_id.get():
            entry["request_id"] = rid
        for field in EXTRA_FIELDS:
            if (value := record.__dict__.get(field)) is not None:
                entry[field] = value
        if record.exc_info:
            entry["exception"] = scrub(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def logging_config(*, log_format: str, level: str) -> dict[str, Any]:
    formatter = (
        {"()": "kyosei.ops.logs.JsonFormatter"}
        if log_format == "json"
        else {"format": "%(levelname)s %(name)s %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"main": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "main"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "axes": {"level": "WARNING"},
            # Pillow's debug lines echo every EXIF tag of an image it opens, GPS position
            # included: a reporter's photo must not reach a log at any level.
            "PIL": {"level": "WARNING"},
            # Django's own request logger prints the raw path (tokens) on 4xx/5xx; our request
            # line replaces it. Server errors are still logged with their traceback below.
            "django.request": {"level": "ERROR"},
            "django.server": {"level": "WARNING"},
        },
    }
