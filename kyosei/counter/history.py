"""A client's history for supervisors, read from the audit log: who viewed or changed the
record and when, and per changed field what the audit row recorded.

Identifying fields (nickname, full name, municipality, contact details, notes) are recorded
only as changed (services.field_changes): the audit log outlives erasure and must never hold
them. Rows written before field-level recording name the fields without values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyosei.audit.models import AuditEvent
from kyosei.counter.choices import (
    CaseStatus,
    Channel,
    CloseReason,
    ContactPreference,
    InterpreterMode,
    Nationality,
    Outcome,
    StatusOfResidence,
    Topic,
)
from kyosei.counter.labels import language_name, languages_display
from kyosei.counter.models import Client, Consultation

# What only shows data; everything else the log holds about a client is a change.
READ_ACTIONS = frozenset(
    {
        "counter.client.view",
        "counter.client.export",
        "counter.client.history",
        "counter.consultation.view",
        "counter.referral.view",
        "counter.referral.card",
        "counter.attachment.read",
        "counter.residence.view",
    }
)

OBJECT_LABELS = {
    "counter.client": gettext_lazy("Client"),
    "counter.consultation": gettext_lazy("Consultation"),
    "counter.attachment": gettext_lazy("Attachment"),
    "counter.followuptask": gettext_lazy("Follow-up task"),
    "counter.referral": gettext_lazy("Referral"),
    "counter.erasurerequest": gettext_lazy("Erasure"),
    "counter.interpretationrequest": gettext_lazy("Interpretation"),
    "counter.residencecheck": gettext_lazy("Residence deadlines"),
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str
    values_recorded: bool


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    who: str
    is_read: bool
    object_label: str
    object_repr: str
    changes: list[FieldChange]


def _choice(choices: Iterable[tuple[str, Any]]) -> Callable[[Any], str]:
    labels = dict(choices)
    return lambda value: str(labels.get(value, value))


def _time(value: Any) -> str:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _topics(value: Any) -> str:
    labels = dict(Topic.choices)
    return ", ".join(str(labels.get(topic, topic)) for topic in value or [])


SHOW: dict[str, Callable[[Any], str]] = {
    "nationality": _choice(Nationality.choices),
    "preferred_language": language_name,
    "language": language_name,
    "interpreter_language": language_name,
    "languages": lambda value: languages_display(value or []),
    "status_of_residence": _choice(StatusOfResidence.choices),
    "contact_preference": _choice(ContactPreference.choices),
    "channel": _choice(Channel.choices),
    "interpreter_mode": _choice(InterpreterMode.choices),
    "outcome": _choice(Outcome.choices),
    "topics": _topics,
    "consulted_at": _time,
    "case_status": _choice(CaseStatus.choices),
    "close_reason": _choice(CloseReason.choices),
}


def _field_label(object_type: str, name: str) -> str:
    model = Consultation if object_type == "counter.consultation" else Client
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(capfirst(getattr(field, "verbose_name", name)))


def _shown(name: str, value: Any) -> str:
    if value in (None, "", []):
        return "—"
    return SHOW.get(name, str)(value) or "—"


def _field_changes(event: AuditEvent, usernames: dict[int, str]) -> list[FieldChange]:
    data = event.data or {}
    if event.action == "counter.case.assign":
        return [
            FieldChange(
                field=_("Caseworker"),
                before=usernames.get(data.get("from") or 0, "—"),
                after=usernames.get(data.get("to") or 0, "—"),
                values_recorded=True,
            )
        ]
    if event.action == "counter.case.status":
        changes = [
            FieldChange(
                field=_("Case status"),
                before=_shown("case_status", data.get("from")),
                after=_shown("case_status", data.get("to")),
                values_recorded=True,
            )
        ]
        if data.get("reason"):
            changes.append(
                FieldChange(
                    field=_("Reason"),
                    before="—",
                    after=_shown("close_reason", data["reason"]),
                    values_recorded=True,
                )
            )
        return changes
    if not event.action.endswith(".update"):
        return []
    recorded: dict[str, dict[str, Any]] = data.get("changes") or {}
    rows = []
    for name in data.get("fields", []):
        change = recorded.get(name, {})
        with_values = "from" in change or "to" in change
        rows.append(
            FieldChange(
                field=_field_label(event.object_type, name),
                before=_shown(name, change.get("from")) if with_values else "",
                after=_shown(name, change.get("to")) if with_values else "",
                values_recorded=with_values,
            )
        )
    return rows


def history_rows(events: Iterable[AuditEvent]) -> list[HistoryRow]:
    events = list(events)
    user_ids = {
        int(pk)
        for event in events
        if event.action == "counter.case.assign"
        for pk in ((event.data or {}).get("from"), (event.data or {}).get("to"))
        if pk
    }
    usernames = {
        pk: name
        for pk, name in get_user_model()
        .objects.filter(pk__in=user_ids)
        .values_list("pk", "username")
    }
    return [
        HistoryRow(
            at=event.at,
            who=event.actor_label,
            is_read=event.action in READ_ACTIONS,
            object_label=str(OBJECT_LABELS.get(event.object_type, event.object_type)),
            object_repr=event.object_repr,
            changes=_field_changes(event, usernames),
        )
        for event in events
    ]
