"""A resident's deadlines as an iCalendar file (RFC 5545): one all-day VEVENT per deadline with
reminders 30 and 7 days before, in the resident's language. The file carries dates and rule
texts only, never the status or other input."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from uuid import NAMESPACE_URL, uuid5

from icalendar import Alarm, Calendar, Event

from kyosei.residence.timeline import Result

REMIND_DAYS_BEFORE = (30, 7)
_FIRST_SENTENCE = re.compile(r"^(.+?[.。!?।۔។။])(\s|$)")


def summary_of(what: str) -> str:
    """A calendar shows one line: the first sentence of the rule's text."""
    found = _FIRST_SENTENCE.match(what)
    return found.group(1) if found else what


def calendar_file(result: Result, *, today: date, stamp: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Kyosei//My residence//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    for step in result.steps:
        event = Event()
        # The same deadline downloaded again updates the event instead of adding a second one.
        event.add("uid", f"{uuid5(NAMESPACE_URL, f'kyosei:residence:{step.kind}:{step.day}')}")
        event.add("dtstamp", stamp)
        event.add("dtstart", step.day)
        event.add("dtend", step.day + timedelta(days=1))
        event.add("summary", summary_of(step.what), parameters={"LANGUAGE": step.what_language})
        event.add(
            "description",
            f"{step.what}\n{step.basis}\n{step.source}",
            parameters={"LANGUAGE": step.what_language},
        )
        event.add("url", step.source)
        event.add("transp", "TRANSPARENT")
        for days in REMIND_DAYS_BEFORE:
            if step.day - timedelta(days=days) < today:
                continue
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary_of(step.what))
            alarm.add("trigger", timedelta(days=-days))
            event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
