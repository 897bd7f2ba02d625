"""Writes of the reporting channel. Keyword-only, typed, audited in the same transaction.

A reporter's actions are audited with no actor and no request: the audit log must not hold
the address or user agent of whoever reported.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from kyosei.audit.services import record
from kyosei.core.languages import registry
from kyosei.counter import crypto
from kyosei.counter.access import CASE_ROLES
from kyosei.counter.services import attachment_max_bytes, normalise_newlines
from kyosei.orgs.access import roles_in
from kyosei.orgs.models import Organisation
from kyosei.orgs.prefectures import PREFECTURES
from kyosei.reporting import receipts, sanitise
from kyosei.reporting.choices import Author, Category, CloseReason, Status
from kyosei.reporting.models import (
    Message,
    Note,
    Report,
    ReportAttachment,
    ReportingSettings,
    ReportTally,
    Route,
)

TEXT_MAX_CHARS = 20_000
SHORT_MAX_CHARS = 500
MAX_FILES = 5


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def settings_for(organisation: Organisation) -> ReportingSettings:
    found, _created = ReportingSettings.objects.get_or_create(organisation=organisation)
    return found


# --- routing --------------------------------------------------------------------------------


def national_centre() -> Organisation:
    centre = (
        Organisation.objects.filter(kind=Organisation.Kind.NATIONAL_CENTRE).order_by("pk").first()
    )
    if centre is None:
        raise Organisation.DoesNotExist("no national centre organisation to receive reports")
    return centre


def route_for(*, prefecture: str, category: str) -> Organisation:
    """The most specific route: prefecture and category, then prefecture, then category, then
    the national centre."""
    for pref, cat in ((prefecture, category), (prefecture, ""), ("", category)):
        route = Route.objects.filter(prefecture=pref, category=cat).select_related("organisation")
        if (found := route.first()) is not None:
            return found.organisation
    return national_centre()


@transaction.atomic
def set_route(
    *,
    actor: Any,
    prefecture: str,
    category: str,
    organisation: Organisation,
    request: HttpRequest | None = None,
) -> Route:
    if prefecture and prefecture not in PREFECTURES:
        raise ValidationError({"prefecture": _("Choose a prefecture from the list.")})
    if category and category not in Category.values:
        raise ValidationError({"category": _("Choose what happened from the list.")})
    route, _created = Route.objects.update_or_create(
        prefecture=prefecture, category=category, defaults={"organisation": organisation}
    )
    record(
        actor=actor,
        action="reporting.route.set",
        organisation=organisation,
        target=route,
        request=request,
        data={"prefecture": prefecture, "category": category},
    )
    return route


# --- what a reporter sends ------------------------------------------------------------------


def _check_text(text: str, *, field: str, required: bool, limit: int = TEXT_MAX_CHARS) -> str:
    text = normalise_newlines(text).strip()
    if "\x00" in text:
        raise ValidationError({field: _("The text contains a null character; remove it.")})
    if required and not text:
        raise ValidationError({field: _("Tell us what happened, in your own words.")})
    if len(text) > limit:
        raise ValidationError(
            {
                field: _("The text has %(count)s characters; at most %(limit)s can be sent.")
                % {"count": len(text), "limit": limit}
            }
        )
    return text


def _clean_uploads(uploads: Sequence[Upload]) -> list[tuple[str, sanitise.Clean]]:
    if len(uploads) > MAX_FILES:
        raise ValidationError(
            {
                "attachments": _("At most %(count)s files can be sent at once.")
                % {"count": MAX_FILES}
            }
        )
    limit = attachment_max_bytes()
    cleaned = []
    for upload in uploads:
        if len(upload.data) > limit:
            raise ValidationError(
                {
                    "attachments": _("The file is too large (the limit is %(megabytes)s MB).")
                    % {"megabytes": limit // (1024 * 1024)}
                }
            )
        try:
            clean = sanitise.strip(upload.data)
        except ValidationError as error:
            raise ValidationError({"attachments": error.messages}) from error
        stem = Path(upload.name or "").stem[:100] or "file"
        cleaned.append((stem + sanitise.EXTENSIONS[clean.content_type], clean))
    return cleaned


def attachment_path(storage_name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "reporting" / storage_name


def _store(
    report: Report, message: Message, files: list[tuple[str, sanitise.Clean]]
) -> list[ReportAttachment]:
    stored = []
    for name, clean in files:
        storage_name = uuid.uuid4().hex
        path = attachment_path(storage_name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(crypto.encrypt_bytes(clean.data))
        stored.append(
            ReportAttachment.objects.create(
                report=report,
                message=message,
                storage_name=storage_name,
                filename=name,
                content_type=clean.content_type,
                size=len(clean.data),
            )
        )
    return stored


def _validate_report(*, category: str, prefecture: str, language: str) -> None:
    if category not in Category.values:
        raise ValidationError({"category": _("Choose what happened from the list.")})
    if prefecture not in PREFECTURES:
        raise ValidationError({"prefecture": _("Choose a prefecture from the list.")})
    if registry().get(language) is None:
        raise ValidationError({"language": _("Choose a language from the list.")})


@transaction.atomic
def file_report(
    *,
    category: str,
    text: str,
    prefecture: str,
    language: str,
    employer: str = "",
    contact: str = "",
    callback_requested: bool = False,
    attachments: Sequence[Upload] = (),
) -> tuple[Report, str]:
    """A new report, routed to the organisation that handles it; returns it and its receipt
    code, which exists nowhere else afterwards."""
    _validate_report(category=category, prefecture=prefecture, language=language)
    text = _check_text(text, field="text", required=True)
    employer = _check_text(employer, field="employer", required=False, limit=SHORT_MAX_CHARS)
    contact = _check_text(contact, field="contact", required=False, limit=SHORT_MAX_CHARS)
    files = _clean_uploads(attachments)
    organisation = route_for(prefecture=prefecture, category=category)
    now = timezone.now()
    code = receipts.new_code()
    report = Report.objects.create(
        organisation=organisation,
        receipt_hash=receipts.code_hash(code),
        category=category,
        prefecture=prefecture,
        language=registry().get(language).code,  # type: ignore[union-attr]
        employer=employer,
        contact=contact,
        callback_requested=callback_requested,
        first_answer_due=now + timedelta(days=settings_for(organisation).first_answer_days),
        last_message_at=now,
    )
    message = Message.objects.create(report=report, author=Author.REPORTER, text=text)
    _store(report, message, files)
    ReportTally.objects.create(
        organisation=organisation,
        month=timezone.localdate(now).replace(day=1),
        category=category,
        prefecture=prefecture,
        language=report.language,
    )
    record(
        actor=None,
        action="reporting.report.create",
        organisation=organisation,
        target=report,
        data={"category": category, "prefecture": prefecture, "files": len(files)},
    )
    return report, code


def find_report(code: str) -> Report | None:
    """The report a receipt code opens, or None (a wrong code looks like any other)."""
    normal = receipts.normalise(code)
    if not receipts.is_well_formed(normal):
        return None
    return Report.objects.filter(receipt_hash=receipts.code_hash(normal)).first()


@transaction.atomic
def add_reporter_message(
    *,
    report: Report,
    text: str,
    attachments: Sequence[Upload] = (),
    callback_requested: bool = False,
    consent_to_counter: bool = False,
) -> Message:
    text = _check_text(text, field="text", required=not attachments)
    files = _clean_uploads(attachments)
    message = Message.objects.create(report=report, author=Author.REPORTER, text=text)
    _store(report, message, files)
    changes: dict[str, Any] = {"last_message_at": timezone.now()}
    if callback_requested:
        changes["callback_requested"] = True
    if consent_to_counter:
        changes["consent_to_counter"] = True
    if report.status == Status.CLOSED:
        changes["status"] = Status.INVESTIGATING
        changes["close_reason"] = ""
    Report.objects.filter(pk=report.pk).update(**changes)
    for field, value in changes.items():
        setattr(report, field, value)
    record(
        actor=None,
        action="reporting.message.reporter",
        organisation=report.organisation,
        target=report,
        data={"files": len(files), **{k: True for k in changes if k != "last_message_at"}},
    )
    return message


def _delete_files(report: Report) -> None:
    for storage_name in ReportAttachment.objects.filter(report=report).values_list(
        "storage_name", flat=True
    ):
        attachment_path(storage_name).unlink(missing_ok=True)


@transaction.atomic
def delete_by_reporter(*, report: Report) -> None:
    organisation, pk = report.organisation, report.pk
    _delete_files(report)
    report.delete()
    record(
        actor=None,
        action="reporting.report.delete",
        organisation=organisation,
        data={"report": pk, "by": "reporter"},
    )


def conversation(report: Report) -> list[Message]:
    return list(report.messages.prefetch_related("attachments").order_by("created_at", "id"))


def read_attachment_file(attachment: ReportAttachment) -> bytes:
    return crypto.decrypt_bytes(attachment_path(attachment.storage_name).read_bytes())


# --- what staff do --------------------------------------------------------------------------


def _require_handler(organisation: Organisation, user: Any) -> None:
    if user is not None and not roles_in(user, organisation) & CASE_ROLES:
        raise ValidationError({"assigned_to": _("Choose someone who works on reports here.")})


@transaction.atomic
def answer(
    *,
    actor: Any,
    report: Report,
    text: str,
    attachments: Sequence[Upload] = (),
    request: HttpRequest | None = None,
) -> Message:
    text = _check_text(text, field="text", required=not attachments)
    files = _clean_uploads(attachments)
    message = Message.objects.create(report=report, author=Author.STAFF, staff=actor, text=text)
    _store(report, message, files)
    now = timezone.now()
    changes: dict[str, Any] = {"last_message_at": now}
    if report.first_answered_at is None:
        changes["first_answered_at"] = now
    if report.status == Status.NEW:
        changes["status"] = Status.ACKNOWLEDGED
    Report.objects.filter(pk=report.pk).update(**changes)
    for field, value in changes.items():
        setattr(report, field, value)
    record(
        actor=actor,
        action="reporting.message.staff",
        organisation=report.organisation,
        target=report,
        request=request,
        data={"files": len(files)},
    )
    return message


@transaction.atomic
def add_note(*, actor: Any, report: Report, text: str, request: HttpRequest | None = None) -> Note:
    text = _check_text(text, field="note", required=True)
    note = Note.objects.create(report=report, author=actor, text=text)
    record(
        actor=actor,
        action="reporting.note.add",
        organisation=report.organisation,
        target=report,
        request=request,
    )
    return note


ALLOWED_MOVES = {
    Status.NEW: {Status.ACKNOWLEDGED, Status.INVESTIGATING, Status.REFERRED, Status.CLOSED},
    Status.ACKNOWLEDGED: {Status.INVESTIGATING, Status.REFERRED, Status.CLOSED},
    Status.INVESTIGATING: {Status.REFERRED, Status.CLOSED, Status.ACKNOWLEDGED},
    Status.REFERRED: {Status.INVESTIGATING, Status.CLOSED},
    Status.CLOSED: {Status.INVESTIGATING},
}


@transaction.atomic
def set_status(
    *,
    actor: Any,
    report: Report,
    status: str,
    close_reason: str = "",
    request: HttpRequest | None = None,
) -> Report:
    if status not in Status.values or status not in ALLOWED_MOVES[Status(report.status)]:
        raise ValidationError({"status": _("This report cannot move to that state.")})
    if status == Status.CLOSED and close_reason not in CloseReason.values:
        raise ValidationError({"close_reason": _("Give the reason for closing.")})
    previous = report.status
    report.status = status
    report.close_reason = close_reason if status == Status.CLOSED else ""
    report.save(update_fields=["status", "close_reason"])
    record(
        actor=actor,
        action="reporting.report.status",
        organisation=report.organisation,
        target=report,
        request=request,
        data={"from": previous, "to": status, "reason": report.close_reason},
    )
    return report


@transaction.atomic
def assign(
    *, actor: Any, report: Report, assignee: Any, request: HttpRequest | None = None
) -> Report:
    _require_handler(report.organisation, assignee)
    report.assigned_to = assignee
    report.save(update_fields=["assigned_to"])
    record(
        actor=actor,
        action="reporting.report.assign",
        organisation=report.organisation,
        target=report,
        request=request,
        data={"to": assignee.get_username() if assignee else ""},
    )
    return report


def handlers(organisation: Organisation) -> list[Any]:
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(
            memberships__organisation=organisation,
            memberships__role__in=CASE_ROLES,
            is_active=True,
        )
        .distinct()
        .order_by("username")
    )


@transaction.atomic
def set_policy(
    *,
    actor: Any,
    organisation: Organisation,
    retention_days: int,
    first_answer_days: int,
    request: HttpRequest | None = None,
) -> ReportingSettings:
    if not 30 <= retention_days <= 3650:
        raise ValidationError({"retention_days": _("Choose between 30 and 3650 days.")})
    if not 1 <= first_answer_days <= 30:
        raise ValidationError({"first_answer_days": _("Choose between 1 and 30 days.")})
    policy = settings_for(organisation)
    policy.retention_days = retention_days
    policy.first_answer_days = first_answer_days
    policy.save()
    record(
        actor=actor,
        action="reporting.settings.update",
        organisation=organisation,
        target=policy,
        request=request,
        data={"retention_days": retention_days, "first_answer_days": first_answer_days},
    )
    return policy


def delete_expired(*, now: datetime | None = None) -> int:
    """Delete every report whose last message is older than its organisation's period."""
    now = now or timezone.now()
    deleted = 0
    for organisation in Organisation.objects.filter(reports__isnull=False).distinct():
        cutoff = now - timedelta(days=settings_for(organisation).retention_days)
        expired = list(Report.objects.filter(organisation=organisation, last_message_at__lt=cutoff))
        if not expired:
            continue
        with transaction.atomic():
            for report in expired:
                _delete_files(report)
                report.delete()
            record(
                actor=None,
                action="reporting.report.expire",
                organisation=organisation,
                data={"reports": len(expired)},
            )
        deleted += len(expired)
    return deleted


TOPICS = {
    Category.UNPAID_WAGES: ["employment"],
    Category.DOCUMENTS_HELD: ["employment", "human_rights"],
    Category.VIOLENCE: ["employment", "accident_crime"],
    Category.EXCESSIVE_HOURS: ["employment"],
    Category.FORCED_SAVINGS: ["employment", "consumer"],
    Category.PREGNANCY_ILLNESS: ["employment", "childcare"],
    Category.CHANGE_SITE: ["employment", "residence"],
    Category.OTHER: ["other"],
}


@transaction.atomic
def open_counter_case(*, actor: Any, report: Report, request: HttpRequest | None = None) -> Any:
    """With the reporter's consent given in the conversation, a consultation of the receiving
    organisation's counter that carries only what the reporter wrote (their messages and the
    employer they named): never staff answers, internal notes, contact details or files."""
    from kyosei.counter import services as counter

    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.consent_to_counter:
        raise ValidationError(_("The reporter has not agreed that a consultation case is opened."))
    if report.counter_client_id is not None:
        raise ValidationError(_("A consultation case was already opened for this report."))
    written = [m.text for m in report.messages.filter(author=Author.REPORTER) if m.text]
    if report.employer:
        written.append(report.employer)
    client = counter.create_client(
        actor=actor,
        organisation=report.organisation,
        nickname=f"R{report.pk}",
        preferred_language=report.language,
        request=request,
    )
    counter.create_consultation(
        actor=actor,
        organisation=report.organisation,
        client=client,
        channel="chat",
        topics=TOPICS[Category(report.category)],
        language=report.language,
        narrative="\n\n".join(written),
        request=request,
    )
    report.counter_client = client
    report.save(update_fields=["counter_client"])
    record(
        actor=actor,
        action="reporting.report.counter_case",
        organisation=report.organisation,
        target=report,
        request=request,
        data={"client": client.reference},
    )
    return client


ENCRYPTED_COLUMNS: tuple[tuple[type[Any], tuple[str, ...]], ...] = (
    (Report, ("employer", "contact")),
    (Message, ("text",)),
    (Note, ("text",)),
    (ReportAttachment, ("filename",)),
)


def rotate_keys(*, progress: Callable[[str, int, int], None] | None = None) -> int:
    """Re-encrypt every encrypted field and file with the first configured key."""
    rotated = 0
    for model, fields in ENCRYPTED_COLUMNS:
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), 500):
            with transaction.atomic():
                rows = list(model.objects.filter(pk__in=ids[start : start + 500]).only(*fields))
                model.objects.bulk_update(rows, list(fields))
                rotated += len(rows)
        if progress:
            progress(model._meta.label, len(ids), len(ids))
    names = list(ReportAttachment.objects.values_list("storage_name", flat=True))
    for storage_name in names:
        path = attachment_path(storage_name)
        if path.exists():
            path.write_bytes(crypto.rotate_token(path.read_bytes()))
    if progress:
        progress("attachment files", len(names), len(names))
    record(actor=None, action="reporting.keys.rotate", data={"rows": rotated, "files": len(names)})
    return rotated
