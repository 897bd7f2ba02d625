"""Reads and checks a timeline request; every problem raises ZairyuInputError naming its field."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from .data import Status, statuses
from .errors import ZairyuInputError

EVENT_TYPES = frozenset(
    {
        "moved",
        "employer_changed",
        "employer_left",
        "spouse_divorced",
        "spouse_died",
        "card_lost",
        "applied_extension",
        "applied_change",
        "left_japan",
        "returned_japan",
    }
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?")


@dataclass(frozen=True, slots=True)
class Period:
    """A period of stay: months (years × 12 + months) and days; `indefinite` for 永住者 etc."""

    months: int
    days: int
    indefinite: bool = False

    def at_least_months(self, months: int) -> bool:
        return self.indefinite or self.months >= months

    def at_most_days(self, days: int) -> bool:
        return not self.indefinite and self.months == 0 and self.days <= days


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    date: datetime.date
    reentry: str | None = None
    permit_until: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class Case:
    today: date
    status: Status
    period: Period
    expiry: date | None
    birth_date: date | None
    card_expiry: date | None
    events: tuple[Event, ...]


def parse_date(value: Any, field: str, *, required: bool) -> date | None:
    if value is None:
        if required:
            raise ZairyuInputError(field, "a date YYYY-MM-DD is required")
        return None
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ZairyuInputError(field, f"not a date YYYY-MM-DD: {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ZairyuInputError(field, f"impossible date: {value}") from None


def parse_period(value: Any) -> Period:
    if value == "indefinite":
        return Period(0, 0, indefinite=True)
    match = _DURATION.fullmatch(value) if isinstance(value, str) else None
    if match is None or value == "P":
        raise ZairyuInputError(
            "period_of_stay", f"not an ISO 8601 duration or 'indefinite': {value!r}"
        )
    years, months, weeks, days = (int(g) if g else 0 for g in match.groups())
    period = Period(months=years * 12 + months, days=weeks * 7 + days)
    if period.months == 0 and period.days == 0:
        raise ZairyuInputError("period_of_stay", "a period of stay cannot be zero")
    return period


def _parse_event(item: Any, index: int) -> Event:
    where = f"events[{index}]"
    if not isinstance(item, dict):
        raise ZairyuInputError(where, "an event is an object with 'type' and 'date'")
    kind = item.get("type")
    if kind not in EVENT_TYPES:
        raise ZairyuInputError(f"{where}.type", f"unknown event type: {kind!r}")
    day = parse_date(item.get("date"), f"{where}.date", required=True)
    assert day is not None  # noqa: S101 (required=True never returns None)
    if kind != "left_japan":
        return Event(kind, day)
    reentry = item.get("reentry")
    if reentry not in ("special", "permit"):
        raise ZairyuInputError(f"{where}.reentry", "left_japan needs 'special' or 'permit'")
    until = parse_date(
        item.get("permit_until"), f"{where}.permit_until", required=reentry == "permit"
    )
    if until is not None and until < day:
        raise ZairyuInputError(f"{where}.permit_until", "the permit ends before the departure")
    return Event(kind, day, reentry, until)


def parse_case(raw: Any) -> Case:
    if not isinstance(raw, dict):
        raise ZairyuInputError("input", "a JSON object is expected")
    today = parse_date(raw.get("today"), "today", required=True)
    assert today is not None  # noqa: S101
    name = raw.get("status")
    status = statuses().get(name) if isinstance(name, str) else None
    if status is None:
        raise ZairyuInputError("status", f"unknown status of residence: {name!r}")
    if not status.in_force(today):
        raise ZairyuInputError("status", f"{status.name} is not in force on {today}")
    period = parse_period(raw.get("period_of_stay"))
    if period.indefinite != status.indefinite:
        expected = "'indefinite'" if status.indefinite else "a duration such as P1Y"
        raise ZairyuInputError("period_of_stay", f"{status.name} has {expected}")
    expiry = parse_date(raw.get("expiry"), "expiry", required=not status.indefinite)
    if status.indefinite and expiry is not None:
        raise ZairyuInputError("expiry", f"{status.name} has no expiry of its period of stay")
    birth = parse_date(raw.get("birth_date"), "birth_date", required=False)
    card_expiry = parse_date(raw.get("card_expiry"), "card_expiry", required=False)
    start_field = "period_start" if "period_start" in raw else "start"
    start = parse_date(raw.get(start_field), start_field, required=False)
    if expiry is not None and start is not None and expiry < start:
        raise ZairyuInputError("expiry", "the expiry is before the period's start")
    if expiry is not None and birth is not None and expiry < birth:
        raise ZairyuInputError("expiry", "the expiry is before the birth date")
    if card_expiry is not None and birth is not None and card_expiry < birth:
        raise ZairyuInputError("card_expiry", "the card expiry is before the birth date")
    if birth is not None and birth > today:
        raise ZairyuInputError("birth_date", "the birth date is after today")
    raw_events = raw.get("events", [])
    if not isinstance(raw_events, list):
        raise ZairyuInputError("events", "a list of events is expected")
    events = tuple(_parse_event(item, i) for i, item in enumerate(raw_events))
    return Case(today, status, period, expiry, birth, card_expiry, events)
