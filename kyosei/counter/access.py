"""Permission-filtered reads of counter data: outsiders get 404, never a hint.

Every function that fetches case data takes a `Reader` (keyword-only, no default) and records
the read in the audit log itself, so a view cannot show case data without leaving a trace.

Roles: counter staff and supervisors work with their organisation's cases; supervisors also
approve erasure, manage retention, API keys and exports; auditors see the audit log only (in the
console), not cases. A receiving organisation (another counter, the national centre) sees only
the consented snapshot of the referrals sent to it, never the sender's client record.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Model, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kyosei.audit.models import AuditEvent
from kyosei.audit.services import record
from kyosei.counter.choices import CaseStatus
from kyosei.counter.crypto import blind_index
from kyosei.counter.matching import phone_query, reference_part, reference_range, search_key
from kyosei.counter.models import (
    Agency,
    ApiKey,
    Attachment,
    Client,
    ClientPhone,
    Consultation,
    ErasureRequest,
    FollowUpTask,
    InterpretationRequest,
    Referral,
    ResidenceCheck,
)
from kyosei.orgs.access import organisation_for
from kyosei.orgs.models import Organisation, Role

CASE_ROLES = frozenset({Role.COUNTER_STAFF, Role.SUPERVISOR})
SUPERVISOR_ROLES = frozenset({Role.SUPERVISOR})
KEY_MANAGERS = frozenset({Role.SUPERVISOR, Role.ORG_ADMIN})


@dataclass(frozen=True)
class Reader:
    """Who reads, for the audit row every fetch of case data writes (API calls: actor None and
    the key's prefix in `data`)."""

    actor: Any
    request: HttpRequest | None = None
    data: Mapping[str, Any] = field(default_factory=dict)


def reader_of(request: HttpRequest, **data: Any) -> Reader:
    return Reader(actor=request.user, request=request, data=data)


def _note(
    reader: Reader,
    organisation: Organisation,
    action: str,
    target: Model | None = None,
    **data: Any,
) -> None:
    record(
        actor=reader.actor,
        action=action,
        organisation=organisation,
        target=target,
        request=reader.request,
        data={**reader.data, **data} or None,
    )


def counter_for(
    user: Any, slug: str, *, roles: frozenset[str] = CASE_ROLES
) -> tuple[Organisation, set[str]]:
    """The organisation when `user` holds one of `roles` there, else 404."""
    return organisation_for(user, slug, roles=roles)


def clients_of(
    organisation: Organisation, *, reader: Reader, search: str = "", caseworker: Any = None
) -> QuerySet[Client]:
    """Clients, optionally only the open cases of one caseworker ("my cases")."""
    _note(
        reader,
        organisation,
        "counter.client.list",
        q=bool(search),
        phone=bool(phone_query(search)),
        mine=bool(caseworker),
    )
    clients = (
        Client.objects.filter(organisation=organisation)
        .defer("full_name", "contact")
        .select_related("caseworker")
    )
    if caseworker is not None:
        clients = clients.filter(caseworker=caseworker).exclude(case_status=CaseStatus.CLOSED)
    if search:
        clients = clients.filter(_search_terms(organisation, search))
    return clients


def _search_terms(organisation: Organisation, search: str) -> Q:
    """What a search matches, each term one index range: the nickname key (tolerant of
    punctuation, spaces and full-width forms: "Ｒ．Ｔ．" finds "R.T."), the reference or its
    first or last four or more characters, and a phone number in any common format through
    its blind index (contact details are encrypted and never searched themselves)."""
    key = search_key(search)
    terms = Q(nickname_key=key) | Q(reference=key)
    part = reference_part(search)
    if part:
        low, high = reference_range(part)
        end_low, end_high = reference_range(part[::-1])
        terms |= Q(reference__gte=low, reference__lte=high, reference__startswith=part)
        terms |= Q(
            reference_reversed__gte=end_low,
            reference_reversed__lte=end_high,
            reference_reversed__startswith=part[::-1],
        )
    phone = phone_query(search)
    if phone:
        # Looked up first: as a subquery inside the OR, PostgreSQL scans the organisation's
        # clients instead (460 ms at 333 000 clients); a list of ids stays one index range.
        digest = blind_index(organisation.pk, phone)
        found = list(
            ClientPhone.objects.filter(organisation=organisation, digest=digest).values_list(
                "client_id", flat=True
            )[:50]
        )
        if found:
            terms |= Q(pk__in=found)
    return terms


def client_for(organisation: Organisation, pk: int, *, reader: Reader) -> Client:
    client = get_object_or_404(Client, organisation=organisation, pk=pk)
    _note(reader, organisation, "counter.client.view", client)
    return client


def _ids(queryset: QuerySet[Any]) -> list[str]:
    return [str(pk) for pk in queryset.values_list("pk", flat=True)]


def _merged_records(client: Client) -> list[int]:
    """The client and every record merged into it, directly or through another merge."""
    found = [client.pk]
    frontier = [client.pk]
    while frontier:
        frontier = list(
            Client.objects.filter(merged_into__in=frontier).values_list("pk", flat=True)
        )
        found += frontier
    return found


def client_history(
    organisation: Organisation, pk: int, *, reader: Reader
) -> tuple[Client, QuerySet[AuditEvent]]:
    """A client and what this organisation's audit log holds about it, newest first: every
    read and change of the client record, its consultations, attachments, tasks, referrals,
    interpretation requests and erasure requests. Supervisors only (the view checks the role);
    looking is itself recorded."""
    client = get_object_or_404(Client, organisation=organisation, pk=pk)
    _note(reader, organisation, "counter.client.history", client)
    consultations = Consultation.objects.filter(client=client)
    targets = {
        "counter.client": [str(pk) for pk in _merged_records(client)],
        "counter.consultation": _ids(consultations),
        "counter.attachment": _ids(Attachment.objects.filter(consultation__in=consultations)),
        "counter.followuptask": _ids(FollowUpTask.objects.filter(consultation__in=consultations)),
        "counter.referral": _ids(Referral.objects.filter(client=client)),
        "counter.erasurerequest": _ids(ErasureRequest.objects.filter(client=client)),
        "counter.interpretationrequest": _ids(
            InterpretationRequest.objects.filter(consultation__in=consultations)
        ),
        "counter.residencecheck": _ids(
            ResidenceCheck.objects.filter(consultation__in=consultations)
        ),
    }
    about = Q()
    for object_type, ids in targets.items():
        if ids:
            about |= Q(object_type=object_type, object_id__in=ids)
    events = AuditEvent.objects.filter(about, organisation=organisation).order_by("-at", "-id")
    return client, events


def lookalikes_of(
    organisation: Organisation, *, reader: Reader, nickname: str, nationality: str = ""
) -> list[Client]:
    """Clients who may be the person being registered: the same nickname key (so "R.T",
    "RT" and "Ｒ．Ｔ．" all match "R.T.") and no conflicting nationality. One index lookup;
    a look-up that finds someone is recorded like a search."""
    key = search_key(nickname)
    if not key:
        return []
    found = Client.objects.filter(
        organisation=organisation, nickname_key=key, anonymised_at__isnull=True
    ).defer("full_name", "contact")
    if nationality:
        found = found.filter(nationality__in=[nationality, ""])
    clients = list(found.order_by("-last_consulted_at", "-id")[:5])
    if clients:
        _note(reader, organisation, "counter.client.list", duplicate_check=[c.pk for c in clients])
    return clients


def returning_client(
    organisation: Organisation, reference: str, *, reader: Reader
) -> Client | None:
    """The client a reference names, to show staff who they are recording for (recorded)."""
    reference = reference.strip().upper()[:16]
    if not reference:
        return None
    client = follow_merges(Client.objects.filter(organisation=organisation, reference=reference))
    if client is not None:
        _note(reader, organisation, "counter.client.view", client)
    return client


def follow_merges(found: QuerySet[Client]) -> Client | None:
    """The client a reference names, or the record a merged duplicate points to (an old
    handoff card still finds the person); None when erased or anonymised."""
    client = found.first()
    while client is not None and client.merged_into_id is not None:
        client = Client.objects.filter(pk=client.merged_into_id).first()
    return client if client is not None and client.anonymised_at is None else None


def _day_bounds(day: date, *, end: bool) -> datetime:
    return datetime.combine(
        day, time.max if end else time.min, tzinfo=timezone.get_current_timezone()
    )


def consultations_of(
    organisation: Organisation,
    *,
    reader: Reader,
    channel: str = "",
    language: str = "",
    topic: str = "",
    outcome: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[Consultation]:
    """List rows without narratives: nothing is decrypted until someone opens a case."""
    _note(reader, organisation, "counter.consultation.list")
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


def consultation_for(organisation: Organisation, pk: int, *, reader: Reader) -> Consultation:
    consultation = get_object_or_404(
        Consultation.objects.select_related("client", "staff"), organisation=organisation, pk=pk
    )
    _note(reader, organisation, "counter.consultation.view", consultation)
    return consultation


def residence_checks_for(
    organisation: Organisation, consultation: Consultation, *, reader: Reader
) -> list[ResidenceCheck]:
    """The residence checks saved to a consultation, newest first (erased ones left out)."""
    checks = list(
        ResidenceCheck.objects.filter(organisation=organisation, consultation=consultation)
        .exclude(deadlines="")
        .select_related("created_by")
    )
    if checks:
        _note(
            reader,
            organisation,
            "counter.residence.view",
            consultation,
            checks=[check.pk for check in checks],
        )
    return checks


def attachment_for(organisation: Organisation, pk: int) -> Attachment:
    # Metadata only: the content is decrypted by services.read_attachment, which records it.
    return get_object_or_404(Attachment, organisation=organisation, pk=pk)


def _open_tasks(organisation: Organisation) -> QuerySet[FollowUpTask]:
    return FollowUpTask.objects.filter(organisation=organisation, done_at__isnull=True)


def tasks_of(
    organisation: Organisation, *, reader: Reader, open_only: bool = True
) -> QuerySet[FollowUpTask]:
    _note(reader, organisation, "counter.task.list")
    tasks = FollowUpTask.objects.filter(organisation=organisation).select_related(
        "consultation__client", "assigned_to"
    )
    return tasks.filter(done_at__isnull=True) if open_only else tasks


def task_for(organisation: Organisation, pk: int) -> FollowUpTask:
    # For writes only (marking done): nothing of the task is shown.
    return get_object_or_404(FollowUpTask, organisation=organisation, pk=pk)


def referrals_sent_by(organisation: Organisation, *, reader: Reader) -> QuerySet[Referral]:
    _note(reader, organisation, "counter.referral.list", sent=True)
    return Referral.objects.filter(from_organisation=organisation).select_related(
        "client", "to_organisation", "to_agency"
    )


def referrals_received_by(organisation: Organisation, *, reader: Reader) -> QuerySet[Referral]:
    _note(reader, organisation, "counter.referral.list", received=True)
    return _received(organisation)


def _received(organisation: Organisation) -> QuerySet[Referral]:
    # No select_related("client"): the receiver must not even load the sender's client row.
    return (
        Referral.objects.filter(to_organisation=organisation)
        .select_related("from_organisation")
        .defer("client_id")
    )


def referral_for(
    organisation: Organisation, pk: int, *, reader: Reader, action: str = "counter.referral.view"
) -> tuple[Referral, bool]:
    """The referral and whether `organisation` is its sender (else it is the receiver)."""
    referral = get_object_or_404(
        Referral.objects.select_related("from_organisation", "to_organisation", "to_agency"),
        Q(from_organisation=organisation) | Q(to_organisation=organisation),
        pk=pk,
    )
    _note(reader, organisation, action, referral)
    return referral, referral.from_organisation_id == organisation.pk


def erasure_for(organisation: Organisation, pk: int) -> ErasureRequest:
    # For the decision only (a write, audited by services.decide_erasure).
    return get_object_or_404(ErasureRequest, organisation=organisation, pk=pk)


def _pending_erasures(organisation: Organisation) -> QuerySet[ErasureRequest]:
    return ErasureRequest.objects.filter(
        organisation=organisation, status=ErasureRequest.Status.PENDING
    ).select_related("client", "requested_by")


def pending_erasures(organisation: Organisation, *, reader: Reader) -> QuerySet[ErasureRequest]:
    _note(reader, organisation, "counter.erasure.list")
    return _pending_erasures(organisation)


@dataclass(frozen=True)
class Workload:
    caseworker: Any
    open_cases: int
    overdue_tasks: int


@dataclass(frozen=True)
class Overview:
    open_tasks: int
    pending_referrals: int
    pending_erasures: int
    workload: list[Workload]


def _workload(organisation: Organisation, today: date) -> list[Workload]:
    """Open cases and overdue tasks per caseworker: two grouped counts on indexed columns.

    Only assigned cases: counting the unassigned ones would scan every client the counter
    ever had (330 000 at a million consultations; 300 ms on the dashboard).
    """
    cases: dict[int | None, int] = dict(
        Client.objects.filter(
            organisation=organisation, caseworker__isnull=False, anonymised_at__isnull=True
        )
        .exclude(case_status=CaseStatus.CLOSED)
        .values_list("caseworker")
        .annotate(n=Count("id"))
        .order_by()
    )
    overdue: dict[int | None, int] = dict(
        _open_tasks(organisation)
        .filter(due_on__lt=today)
        .values_list("assigned_to")
        .annotate(n=Count("id"))
        .order_by()
    )
    ids = {pk for pk in [*cases, *overdue] if pk is not None}
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=ids)}
    rows = [Workload(users[pk], cases.get(pk, 0), overdue.get(pk, 0)) for pk in users]
    return sorted(rows, key=lambda w: (-w.overdue_tasks, -w.open_cases, w.caseworker.pk))


def overview(organisation: Organisation, *, reader: Reader) -> Overview:
    """The dashboard's counts: one audit row for the page, not one per count."""
    _note(reader, organisation, "counter.dashboard.view")
    return Overview(
        open_tasks=_open_tasks(organisation).count(),
        pending_referrals=_received(organisation).filter(status=Referral.Status.PENDING).count(),
        pending_erasures=_pending_erasures(organisation).count(),
        workload=_workload(organisation, timezone.localdate()),
    )


def agencies(*, kind: str = "") -> QuerySet[Agency]:
    found = Agency.objects.filter(is_active=True)
    return found.filter(kind=kind) if kind else found


def interpretation_requests_of(
    organisation: Organisation, *, reader: Reader
) -> QuerySet[InterpretationRequest]:
    _note(reader, organisation, "counter.interpretation.list")
    return InterpretationRequest.objects.filter(organisation=organisation).select_related(
        "service", "requested_by"
    )


def api_keys_of(organisation: Organisation) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(organisation=organisation).select_related("created_by")


def receiving_organisations(organisation: Organisation) -> QuerySet[Organisation]:
    return Organisation.objects.exclude(pk=organisation.pk).order_by("kind", "name")
