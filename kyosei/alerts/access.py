"""Permission-filtered reads for alerts."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kyosei.alerts.models import Delivery, Notice
from kyosei.orgs.models import Organisation, Role

ISSUERS = {Role.ORG_ADMIN, Role.SUPERVISOR, Role.EDITOR}
WEBHOOK_MANAGERS = {Role.ORG_ADMIN}


def org_codes(organisation: Organisation) -> list[str]:
    return list(organisation.areas.values_list("code", flat=True))


def _touches(codes: list[str], notice: Notice) -> bool:
    return bool(set(codes) & set(notice.codes))


def notices_for(organisation: Organisation, *, days: int = 30) -> list[Notice]:
    """The organisation's own notices and JMA notices targeting its municipalities."""
    since = timezone.now() - timedelta(days=days)
    codes = org_codes(organisation)
    rows = (
        Notice.objects.filter(created_at__gte=since)
        .filter(Q(organisation=organisation) | Q(organisation__isnull=True))
        .select_related("event", "organisation")
        .annotate(
            sent=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
            failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
            pending=Count(
                "deliveries",
                filter=Q(deliveries__status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]),
            ),
            gone=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.GONE)),
        )
        .order_by("-created_at")[:500]
    )
    return [n for n in rows if n.organisation_id == organisation.pk or _touches(codes, n)]


def notice_for(organisation: Organisation, pk: int) -> Notice:
    notice = Notice.objects.select_related("event", "organisation").filter(pk=pk).first()
    if notice is None:
        raise Http404
    if notice.organisation_id == organisation.pk:
        return notice
    if notice.organisation_id is None and _touches(org_codes(organisation), notice):
        return notice
    raise Http404


def failures_for(notice: Notice) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(notice=notice)
        .exclude(status=Delivery.Status.SENT)
        .exclude(last_error="")
        .select_related("subscription")
        .order_by("-id")[:100]
    )


def public_notices(*, code: str | None = None, hours: int = 24) -> list[Notice]:
    """Real (non-drill) notices of the last `hours`, newest first, optionally for one code."""
    since = timezone.now() - timedelta(hours=hours)
    rows = list(
        Notice.objects.filter(created_at__gte=since, is_drill=False)
        .select_related("event")
        .order_by("-created_at")[:200]
    )
    if code:
        rows = [n for n in rows if code in n.codes]
    return rows


def active_banner_notice(code: str | None = None) -> Notice | None:
    """The newest severe, unexpired, uncancelled real notice (for the portal banner)."""
    now = timezone.now()
    rows = public_notices(code=code, hours=12)
    for notice in rows:
        if notice.expires_at and notice.expires_at < now:
            continue
        if notice.event_id and notice.event and notice.event.is_cancelled:
            continue
        if notice.phase in {"cancellation", "lifting"}:
            return None  # the newest word on the matter is that it is over
        if notice.severity >= 2:
            # One telegram can make a major warning for one coast and an advisory for another
            # at the same instant: the banner shows the graver of them.
            same = [
                n
                for n in rows
                if n.telegram_id is not None
                and n.telegram_id == notice.telegram_id
                and n.phase not in {"cancellation", "lifting"}
            ]
            return max(same or [notice], key=lambda n: n.severity)
    return None
