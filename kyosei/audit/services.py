from typing import Any

from django.db import models
from django.http import HttpRequest

from kyosei.audit.models import AuditEvent
from kyosei.core.ratelimit import client_address


def record(
    *,
    actor: Any,
    action: str,
    organisation: Any = None,
    target: models.Model | None = None,
    request: HttpRequest | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event. `actor` is a user or None for the system."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    event = AuditEvent(
        actor=actor if is_user else None,
        actor_label=actor.get_username() if is_user else "system",
        organisation=organisation,
        action=action,
        data=data or {},
    )
    if target is not None:
        event.object_type = target._meta.label_lower
        event.object_id = str(target.pk)
        event.object_repr = str(target)[:300]
    if request is not None:
        event.source_ip = client_address(request) if request.META.get("REMOTE_ADDR") else None
        event.user_agent = request.headers.get("User-Agent", "")[:400]
    event.save()
    return event
