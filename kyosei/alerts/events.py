"""Which stored events a JMA EventID covers.

When JMA merges the tsunami information of two earthquakes, later telegrams carry both
EventIDs joined by a space ("20151114055157 20151114061750"): such a telegram continues every
event it names, so it is matched with their earlier notices (an advisory issued under the
first EventID is lifted under the merged one), and the banner ends each of them.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q

from kyosei.alerts.models import Event


def event_ids(event_id: str | None) -> list[str]:
    """The EventIDs a telegram's (or an event's) EventID names: one, or several when merged."""
    return (event_id or "").split()


def covered_events(event_id: str | None, *, status: str, type_codes: list[str]) -> list[Event]:
    """Stored events of these types and status whose EventIDs are all named by `event_id`
    (the event of `event_id` itself included), oldest first. None without an EventID."""
    names = set(event_ids(event_id))
    if not names:
        return []
    rows = Event.objects.filter(status=status, type_code__in=type_codes).filter(
        reduce(or_, (Q(event_id__contains=name) for name in names))
    )
    return [
        e for e in rows.order_by("first_received_at", "pk") if set(event_ids(e.event_id)) <= names
    ]


def merging_event(event_id: str | None, *, status: str, type_code: str) -> Event | None:
    """The stored event of this status and type that merged `event_id` with others (it names
    every EventID `event_id` names, and more): the widest, else the oldest. A telegram under a
    single EventID that arrives after JMA merged it belongs there, not to an event of its
    own."""
    names = set(event_ids(event_id))
    if not names:
        return None
    rows = Event.objects.filter(status=status, type_code=type_code).filter(
        reduce(or_, (Q(event_id__contains=name) for name in names))
    )
    wider = [
        e for e in rows.order_by("first_received_at", "pk") if set(event_ids(e.event_id)) > names
    ]
    return max(wider, key=lambda e: len(event_ids(e.event_id)), default=None)
