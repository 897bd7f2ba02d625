"""Permission-filtered reads of counter data: outsiders get 404, never a hint.

Roles: counter staff and supervisors work with their organisation's cases; supervisors also
approve erasure, manage retention, API keys and exports; auditors see the audit log only (in the
console), not cases. A receiving organisation (another counter, the national centre) sees only
the consented snapshot of the referrals sent to it, never the sender's client record.
"""

from datetime import date, datetime, time
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kyosei.counter.matching import search_key
from kyosei.counter.models import (
    Agency,
    ApiKey,
    Attachment,
    Client,
    Consultation,
    ErasureRequest,
    FollowUpTask,
    InterpretationRequest,
    Referral,
)
from kyosei.orgs.access import organisation_for
from kyosei.orgs.models import Organisation, Role

CASE_ROLES = frozenset({Role.COUNTER_STAFF, Role.SUPERVISOR})
SUPERVISOR_ROLES = frozenset({Role.SUPERVISOR})
KEY_MANAGERS = frozenset({Role.SUPERVISOR, Role.ORG_ADMIN})


def counter_for(
    user: Any, slug: str, *, roles: frozenset[str] = CASE_ROLES
) -> tuple[Organisation, set[str]]:
    """The organisation when `user` holds one of `roles` there, else 404."""
    return organisation_for(user, slug, roles=roles)


def clients_of(organisation: Organisation, *, search: str = "") -> QuerySet[Client]:
    clients = Client.objects.filter(organisation=organisation).defer("full_name", "contact")
    if search:
        # Only clear-text pseudonymous fields are searchable, and only exactly (indexed):
        # encrypted ones never are.
        # Tolerant of punctuation, spaces and full-width forms ("Ｒ．Ｔ．" finds "R.T."):
        # kyosei.counter.matching.
        key = search_key(search)
        clients = clients.filter(Q(nickname_key=key) | Q(reference=key))
    return clients


def client_for(organisation: Organisation, pk: int) -> Client:
    return get_object_or_404(Client, organisation=organisation, pk=pk)


def _day_bounds(day: date, *, end: bool) -> datetime:
    return datetime.combine(
        day, time.max if end else time.min, tzinfo=timezone.get_current_timezone()
    )


def consultations_of(
    organisation: Organisation,
    *,
    channel: str = "",
    language: str = "",
    topic: str = "",
    outcome: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[Consultation]:
    """List rows without narratives: nothing is decrypted until someone opens a case."""
    consultations = (
        Consultation.objects.filter(organisation=organisation)
        .select_related("client")
        .only(
            "id",
            "consulted_at",
            "channel",
            "topics",
            "language",
            "interpreter_mode",
            "outcome",
            "minutes_spent",
            "version",
            "organisation_id",
            "client__id",
            "client__reference",
            "client__nickname",
        )
    )
    if channel:
        consultations = consultations.filter(channel=channel)
    if language:
        consultations = consultations.filter(language=language)
    if outcome:
        consultations = consultations.filter(outcome=outcome)
    if since:
        consultations = consultations.filter(consulted_at__gte=_day_bounds(since, end=False))
    if until:
        consultations = consultations.filter(consulted_at__lte=_day_bounds(until, end=True))
    if topic:
        consultations = consultations.filter(topic_rows__topic=topic)
    return consultations


def consultation_for(organisation: Organisation, pk: int) -> Consultation:
    return get_object_or_404(
        Consultation.objects.select_related("client", "staff"), organisation=organisation, pk=pk
    )


def attachment_for(organisation: Organisation, pk: int) -> Attachment:
    return get_object_or_404(Attachment, organisation=organisation, pk=pk)


def tasks_of(organisation: Organisation, *, open_only: bool = True) -> QuerySet[FollowUpTask]:
    tasks = FollowUpTask.objects.filter(organisation=organisation).select_related(
        "consultation__client", "assigned_to"
    )
    return tasks.filter(done_at__isnull=True) if open_only else tasks


def task_for(organisation: Organisation, pk: int) -> FollowUpTask:
    return get_object_or_404(FollowUpTask, organisation=organisation, pk=pk)


def referrals_sent_by(organisation: Organisation) -> QuerySet[Referral]:
    return Referral.objects.filter(from_organisation=organisation).select_related(
        "client", "to_organisation", "to_agency"
    )


def referrals_received_by(organisation: Organisation) -> QuerySet[Referral]:
    # No select_related("client"): the receiver must not even load the sender's client row.
    return (
        Referral.objects.filter(to_organisation=organisation)
        .select_related("from_organisation")
        .defer("client_id")
    )


def referral_for(organisation: Organisation, pk: int) -> tuple[Referral, bool]:
    """The referral and whether `organisation` is its sender (else it is the receiver)."""
    referral = get_object_or_404(
        Referral.objects.select_related("from_organisation", "to_organisation", "to_agency"),
        Q(from_organisation=organisation) | Q(to_organisation=organisation),
        pk=pk,
    )
    return referral, referral.from_organisation_id == organisation.pk


def erasure_for(organisation: Organisation, pk: int) -> ErasureRequest:
    return get_object_or_404(ErasureRequest, organisation=organisation, pk=pk)


def pending_erasures(organisation: Organisation) -> QuerySet[ErasureRequest]:
    return ErasureRequest.objects.filter(
        organisation=organisation, status=ErasureRequest.Status.PENDING
    ).select_related("client", "requested_by")


def agencies(*, kind: str = "") -> QuerySet[Agency]:
    found = Agency.objects.filter(is_active=True)
    return found.filter(kind=kind) if kind else found


def interpretation_requests_of(organisation: Organisation) -> QuerySet[InterpretationRequest]:
    return InterpretationRequest.objects.filter(organisation=organisation).select_related(
        "service", "requested_by"
    )


def api_keys_of(organisation: Organisation) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(organisation=organisation).select_related("created_by")


def receiving_organisations(organisation: Organisation) -> QuerySet[Organisation]:
    return Organisation.objects.exclude(pk=organisation.pk).order_by("kind", "name")
