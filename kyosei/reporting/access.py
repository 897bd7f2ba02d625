"""Permission-filtered reads of reports: outsiders get 404, never a hint.

Counter staff and supervisors of the receiving organisation work on its reports; every read
of a report, its conversation or a file is audited (the staff member's own request: staff are
not anonymous). Internal notes are read only here, never by the reporter's pages or the API.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kyosei.audit.services import record
from kyosei.counter.access import CASE_ROLES, Reader, reader_of
from kyosei.orgs.access import organisation_for
from kyosei.orgs.models import Organisation, Role
from kyosei.reporting.choices import Status
from kyosei.reporting.models import Report, ReportAttachment

POLICY_ROLES = frozenset({Role.SUPERVISOR, Role.ORG_ADMIN})

__all__ = ["Reader", "reader_of"]


def reporting_for(
    user: Any, slug: str, *, roles: frozenset[str] = CASE_ROLES
) -> tuple[Organisation, set[str]]:
    return organisation_for(user, slug, roles=roles)


def _note(
    reader: Reader, organisation: Organisation, action: str, target: Any = None, **data: Any
) -> None:
    record(
        actor=reader.actor,
        action=action,
        organisation=organisation,
        target=target,
        request=reader.request,
        data={**reader.data, **data} or None,
    )


def overdue(organisation: Organisation) -> QuerySet[Report]:
    """Reports nobody has answered yet whose first answer is due."""
    return Report.objects.filter(
        organisation=organisation,
        first_answered_at__isnull=True,
        first_answer_due__lt=timezone.now(),
    ).exclude(status=Status.CLOSED)


def reports_of(
    organisation: Organisation, *, reader: Reader, status: str = "", mine: bool = False
) -> QuerySet[Report]:
    _note(reader, organisation, "reporting.report.list", status=status, mine=mine)
    reports = Report.objects.filter(organisation=organisation).select_related("assigned_to")
    if status in Status.values:
        reports = reports.filter(status=status)
    if mine:
        reports = reports.filter(assigned_to=reader.actor)
    return reports.defer("employer", "contact")


def report_for(organisation: Organisation, pk: int, *, reader: Reader) -> Report:
    report = get_object_or_404(Report, organisation=organisation, pk=pk)
    _note(reader, organisation, "reporting.report.view", report)
    return report


def attachment_for(organisation: Organisation, pk: int, *, reader: Reader) -> ReportAttachment:
    attachment = get_object_or_404(ReportAttachment, report__organisation=organisation, pk=pk)
    _note(
        reader, organisation, "reporting.attachment.read", attachment, report=attachment.report_id
    )
    return attachment
