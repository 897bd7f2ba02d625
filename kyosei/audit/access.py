from datetime import date, datetime, time
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from kyosei.audit.models import AuditEvent


def events_for_organisation(
    organisation: Any,
    *,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    """Audit events of one organisation, filtered. Callers check the viewer's role first."""
    events = AuditEvent.objects.filter(organisation=organisation)
    if actor:
        events = events.filter(actor_label__icontains=actor)
    if action:
        events = events.filter(action=action)
    if object_type:
        events = events.filter(object_type=object_type)
    tz = timezone.get_current_timezone()
    if since:
        events = events.filter(at__gte=datetime.combine(since, time.min, tzinfo=tz))
    if until:
        events = events.filter(at__lte=datetime.combine(until, time.max, tzinfo=tz))
    return events


def actions_of(organisation: Any) -> list[str]:
    return list(
        AuditEvent.objects.filter(organisation=organisation)
        .order_by("action")
        .values_list("action", flat=True)
        .distinct()
    )
