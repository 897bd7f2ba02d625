"""Database leases: at most one holder of a role (the JMA poller, the scheduler) across every
machine that shares the database.

A lease is one row. Taking, renewing and releasing are single conditional UPDATEs evaluated
with the database's clock, so two machines never both believe they hold it (a row update is
atomic on PostgreSQL and SQLite) and clock skew between machines does not matter. The holder
renews well before expiry; when it dies, the lease expires and a standby takes it over,
bumping `generation`.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, ExpressionWrapper, F
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Now

from kyosei.ops.models import Lease


def new_holder_id() -> str:
    """Host, process and a random part: a restarted process on the same host is a new holder."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class Held:
    name: str
    holder: str
    generation: int
    expires_at: datetime


def _until(seconds: float) -> ExpressionWrapper[CombinedExpression]:
    return ExpressionWrapper(Now() + timedelta(seconds=seconds), output_field=DateTimeField())


def acquire(name: str, *, holder: str, seconds: float) -> Held | None:
    """Renew the lease if `holder` has it, take it if it expired, create it if it never
    existed. None while someone else holds it."""
    with transaction.atomic():
        # Renewing does not look at expiry: if nobody took an expired lease it is still ours.
        changed = Lease.objects.filter(name=name, holder=holder).update(
            renewed_at=Now(), expires_at=_until(seconds)
        )
        if not changed:
            changed = Lease.objects.filter(name=name, expires_at__lte=Now()).update(
                holder=holder,
                generation=F("generation") + 1,
                acquired_at=Now(),
                renewed_at=Now(),
                expires_at=_until(seconds),
            )
        if not changed:
            try:
                with transaction.atomic():
                    Lease.objects.create(
                        name=name,
                        holder=holder,
                        generation=1,
                        acquired_at=Now(),
                        renewed_at=Now(),
                        expires_at=_until(seconds),
                    )
            except IntegrityError:  # another process created it first: theirs
                return None
        row = Lease.objects.filter(name=name, holder=holder).first()
    if row is None:
        return None
    return Held(name=name, holder=holder, generation=row.generation, expires_at=row.expires_at)


def release(name: str, *, holder: str) -> bool:
    """Give the lease up at once (a clean stop), so a standby need not wait for expiry."""
    return bool(
        Lease.objects.filter(name=name, holder=holder).update(expires_at=Now(), renewed_at=Now())
    )


def current(name: str) -> Lease | None:
    """The lease row if it is held now (by the database's clock), else None."""
    return Lease.objects.filter(name=name, expires_at__gt=Now()).first()
