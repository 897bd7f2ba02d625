"""Permission-filtered reads for alerts."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from kyosei.alerts.events import event_ids
from kyosei.alerts.models import (
    Delivery,
    Hazard,
    Notice,
    Phase,
    Subscription,
    SubscriptionArea,
    Telegram,
)
from kyosei.orgs.models import Organisation, Role

ISSUERS = {Role.ORG_ADMIN, Role.SUPERVISOR, Role.EDITOR}
WEBHOOK_MANAGERS = {Role.ORG_ADMIN}


def org_codes(organisation: Organisation) -> list[str]:
    return list(organisation.areas.values_list("code", flat=True))


def _touches(codes: list[str], notice: Notice) -> bool:
    return bool(set(codes) & set(notice.codes))


def organisation_subscriptions(organisation: Organisation) -> QuerySet[Subscription, int]:
    """Ids of the subscriptions an organisation's staff may see: its own webhooks, and the
    residents' subscriptions that follow one of its municipalities (a resident following two
    organisations' places is seen by both). Never another organisation's webhook."""
    followers = SubscriptionArea.objects.filter(code__in=org_codes(organisation)).values(
        "subscription_id"
    )
    return Subscription.objects.filter(
        Q(organisation=organisation) | Q(organisation__isnull=True, id__in=followers)
    ).values_list("id", flat=True)


def _counted(status: Q, organisation: Organisation) -> Count:
    return Count(
        "deliveries",
        filter=status & Q(deliveries__subscription_id__in=organisation_subscriptions(organisation)),
    )


def _with_counts(rows: QuerySet[Notice], organisation: Organisation) -> QuerySet[Notice]:
    """Delivery counts of the organisation's own subscriptions only."""
    unfinished = [Delivery.Status.PENDING, Delivery.Status.SENDING]
    return rows.annotate(
        sent=_counted(Q(deliveries__status=Delivery.Status.SENT), organisation),
        failed=_counted(Q(deliveries__status=Delivery.Status.FAILED), organisation),
        pending=_counted(Q(deliveries__status__in=unfinished), organisation),
        gone=_counted(Q(deliveries__status=Delivery.Status.GONE), organisation),
    )


def notices_for(organisation: Organisation, *, days: int = 30) -> list[Notice]:
    """The organisation's own notices and JMA notices targeting its municipalities, with the
    delivery counts of its own subscriptions."""
    since = timezone.now() - timedelta(days=days)
    codes = org_codes(organisation)
    rows = _with_counts(
        Notice.objects.filter(created_at__gte=since)
        .filter(Q(organisation=organisation) | Q(organisation__isnull=True))
        .select_related("event", "organisation"),
        organisation,
    ).order_by("-created_at")[:500]
    return [n for n in rows if n.organisation_id == organisation.pk or _touches(codes, n)]


def notice_for(organisation: Organisation, pk: int) -> Notice:
    """One notice the organisation may see, with its own delivery counts; 404 otherwise."""
    notice = (
        _with_counts(Notice.objects.select_related("event", "organisation"), organisation)
        .filter(pk=pk)
        .first()
    )
    if notice is None:
        raise Http404
    if notice.organisation_id == organisation.pk:
        return notice
    if notice.organisation_id is None and _touches(org_codes(organisation), notice):
        return notice
    raise Http404


def failures_for(notice: Notice, organisation: Organisation) -> QuerySet[Delivery]:
    """The notice's failed or retrying deliveries to the organisation's own subscriptions:
    `last_error` can hold a resident's address, never shown to another organisation."""
    return (
        Delivery.objects.filter(notice=notice)
        .filter(subscription_id__in=organisation_subscriptions(organisation))
        .exclude(status=Delivery.Status.SENT)
        .exclude(last_error="")
        .select_related("subscription")
        .order_by("-id")[:100]
    )


def with_issue_time(notices: QuerySet[Notice]) -> QuerySet[Notice]:
    """`issued_at`: JMA's report time of the telegram (what JMA says it issued, not when we
    received it); our own time for a notice staff issued by hand."""
    return notices.annotate(issued_at=Coalesce(F("telegram__report_at"), F("created_at")))


def issue_time(notice: Notice) -> datetime:
    """The `issued_at` of a notice read through with_issue_time."""
    value: datetime = notice.issued_at  # type: ignore[attr-defined]  # an annotation
    return value


def public_notices(*, code: str | None = None, hours: int = 24) -> list[Notice]:
    """Real (non-drill) notices of the last `hours`, newest first, optionally for one code."""
    since = timezone.now() - timedelta(hours=hours)
    rows = list(
        with_issue_time(Notice.objects.filter(created_at__gte=since, is_drill=False))
        .select_related("event")
        .order_by("-created_at")[:200]
    )
    if code:
        rows = [n for n in rows if code in n.codes]
    return rows


# Phases that say a matter is over.
OVER = {Phase.CANCELLATION, Phase.LIFTING}
# Telegram types that list everything in force each time: one that gives no notice (every
# coast lifted, e.g. an advisory whose issue was never received here) ends its matter.
ENDS_WHEN_SILENT = {"VTSE41"}
BANNER_HOURS = 12

Matter = tuple[str, str]


def _matters(notice: Notice) -> list[Matter]:
    """What a notice is about, so that its lifting can end it: the hazard of each JMA EventID
    (a tsunami warning, its tsunami information and a telegram naming two merged EventIDs
    are one matter), else its event (weather warnings of an office), else its organisation."""
    if notice.event is not None:
        tokens = event_ids(notice.event.event_id)
        if tokens:
            return [(notice.hazard, token) for token in tokens]
        return [("event", str(notice.event_id))]
    return [("organisation", str(notice.organisation_id))]


def _order(notice: Notice) -> int:
    # JMA matters are ordered by telegram (as applied), an organisation's by its notices.
    return notice.telegram_id if notice.telegram_id is not None else notice.pk


def _endings(rows: list[Notice], since: datetime) -> dict[Matter, int]:
    """For each matter, the last telegram (by pk, the order applied) that ended it: one whose
    notices are all liftings or cancellations, a cancelled event, or a silent VTSE41."""
    by_telegram: dict[tuple[bool, int], list[Notice]] = {}
    for notice in rows:
        by_telegram.setdefault((notice.telegram_id is None, _order(notice)), []).append(notice)
    ends: dict[Matter, int] = {}

    def end(matters: list[Matter], at: int) -> None:
        for matter in matters:
            ends[matter] = max(ends.get(matter, at), at)

    for (_own, order), notices in by_telegram.items():
        if all(n.phase in OVER for n in notices):
            end([m for n in notices for m in _matters(n)], order)
    for notice in rows:
        if notice.event is not None and notice.event.is_cancelled:
            end(_matters(notice), 2**62)
    silent = Telegram.objects.filter(
        received_at__gte=since,
        outcome=Telegram.Outcome.APPLIED,
        status="通常",
        type_code__in=ENDS_WHEN_SILENT,
        notices__isnull=True,
    ).values_list("pk", "event__event_id")
    for pk, event_id in silent:
        end([(Hazard.TSUNAMI, token) for token in event_ids(event_id)], pk)
    return ends


def active_banner_notice(code: str | None = None) -> Notice | None:
    """The newest severe notice still in force (for the portal banner).

    In force: real, not expired, of its event's newest telegram with notices (an older update
    never comes back), and no later telegram lifted or cancelled its matter (see _matters).
    A lifting ends its matter even after its own ValidDateTime has passed."""
    now = timezone.now()
    since = now - timedelta(hours=BANNER_HOURS)
    rows = list(
        Notice.objects.filter(created_at__gte=since, is_drill=False)
        .select_related("event")
        .order_by("-created_at", "-pk")[:5000]
    )
    ends = _endings(rows, since)
    newest: dict[int, int] = {}
    for notice in rows:
        if notice.event_id is not None and notice.telegram_id is not None:
            newest[notice.event_id] = max(newest.get(notice.event_id, 0), notice.telegram_id)
    current = [
        n
        for n in rows
        if n.phase not in OVER
        and n.severity >= 2
        and not (n.expires_at and n.expires_at < now)
        and (n.event_id is None or n.telegram_id == newest.get(n.event_id))
        and all(ends.get(m, -1) < _order(n) for m in _matters(n))
        and (code is None or code in n.codes)
    ]
    if not current:
        return None
    # One telegram can make a major warning for one coast and an advisory for another at the
    # same instant: the banner shows the graver of the newest telegram's notices.
    first = current[0]
    same = [n for n in current if n.telegram_id is not None and n.telegram_id == first.telegram_id]
    return max(same or [first], key=lambda n: n.severity)
