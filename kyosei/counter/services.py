"""Writes of counter data. Keyword-only, typed, audited; reads of case data are audited too."""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kyosei.audit.services import record
from kyosei.counter import crypto
from kyosei.counter.access import follow_merges
from kyosei.counter.choices import (
    CaseStatus,
    Channel,
    CloseReason,
    ContactPreference,
    InterpreterMode,
    Nationality,
    Outcome,
    Proficiency,
    ShareableField,
    StatusOfResidence,
    Topic,
)
from kyosei.counter.labels import language_name, languages_display
from kyosei.counter.matching import phone_numbers, search_key
from kyosei.counter.models import (
    Agency,
    ApiKey,
    Attachment,
    Client,
    ClientPhone,
    ConsentRecord,
    ConsentText,
    Consultation,
    ConsultationTopic,
    CounterSettings,
    ErasureRequest,
    FollowUpTask,
    FormSubmission,
    InterpretationRequest,
    Referral,
    ResidenceCheck,
)
from kyosei.orgs.access import roles_in
from kyosei.orgs.models import Membership, Organisation, Role
from kyosei.residence.timeline import ZairyuInputError, reworded, stored, timeline_for

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone
ANONYMISED_NICKNAME = "—"


class StaleVersionError(Exception):
    """Someone else saved this record after it was read: reload, nothing was overwritten."""


def _versioned_update(
    model: type[Client] | type[Consultation],
    pk: int,
    expected_version: int,
    changes: dict[str, Any],
) -> None:
    # One conditional UPDATE: the version check and the write cannot be separated by another
    # writer, on SQLite or PostgreSQL.
    updated = model.objects.filter(pk=pk, version=expected_version).update(
        **changes, version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise StaleVersionError


def new_code(length: int = 8) -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(length))


def settings_for(organisation: Organisation) -> CounterSettings:
    found, _created = CounterSettings.objects.get_or_create(organisation=organisation)
    return found


# --- erasure is final ----------------------------------------------------------------------


def refuse_if_erased(client_id: int) -> None:
    """After an approved erasure (or anonymisation at the end of the retention period) nothing
    identifying is added about the client again, by any path.

    Called inside the writer's transaction with a row lock on the client, so an erasure that
    commits in between is seen: either the write commits first and the erasure then strips
    it, or the erasure commits first and the write is refused.
    """
    if (
        Client.objects.select_for_update()
        .filter(pk=client_id, anonymised_at__isnull=False)
        .exists()
    ):
        raise ValidationError(
            _("This client's data was erased: nothing can be added to their case any more.")
        )


# --- clients -------------------------------------------------------------------------------

CLIENT_EDITABLE = (
    "nickname",
    "full_name",
    "nationality",
    "preferred_language",
    "languages",
    "status_of_residence",
    "municipality",
    "contact",
    "contact_preference",
)


# Stripped by erasure and anonymisation (or encrypted): the audit log, which is never
# stripped, records only that they changed, never a value.
IDENTIFYING_CLIENT_FIELDS = frozenset({"nickname", "full_name", "municipality", "contact"})
IDENTIFYING_CONSULTATION_FIELDS = frozenset({"narrative"})


def _audit_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return _japan_time(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _same_minute(before: Any, after: Any) -> bool:
    """The edit form shows times to the minute: saving it unchanged is no change."""
    if not (isinstance(before, datetime) and isinstance(after, datetime)):
        return False
    return before.replace(second=0, microsecond=0) == after.replace(second=0, microsecond=0)


def field_changes(
    current: Any, changes: dict[str, Any], *, identifying: frozenset[str]
) -> dict[str, dict[str, Any]]:
    """What an edit really changes, per field, for the audit row: before and after for
    statistical fields, only that it changed for identifying ones."""
    changed: dict[str, dict[str, Any]] = {}
    for name, value in changes.items():
        before = getattr(current, name)
        if before == value or _same_minute(before, value):
            continue
        if name in identifying:
            changed[name] = {"changed": True}
        else:
            changed[name] = {"from": _audit_value(before), "to": _audit_value(value)}
    return changed


def index_phones(client_id: int, organisation_id: int, contact: str) -> None:
    """Replace the client's phone blind index with the numbers in `contact`."""
    ClientPhone.objects.filter(client_id=client_id).delete()
    ClientPhone.objects.bulk_create(
        ClientPhone(
            organisation_id=organisation_id,
            client_id=client_id,
            digest=crypto.blind_index(organisation_id, number),
        )
        for number in phone_numbers(contact)
    )


def clean_languages(languages: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    cleaned = []
    for entry in languages:
        code = str(entry.get("language", "")).strip()
        level = str(entry.get("proficiency", ""))
        if not code:
            continue
        if level not in Proficiency.values:
            raise ValidationError(_("Choose a proficiency for every language."))
        cleaned.append({"language": code[:35], "proficiency": level})
    return cleaned


def _validate_client_fields(fields: dict[str, Any]) -> None:
    if "nickname" in fields and not str(fields["nickname"]).strip():
        raise ValidationError(_("Give at least a nickname or initials."))
    if fields.get("nationality", "") not in Nationality.values:
        raise ValidationError(_("Choose a nationality from the list."))
    if fields.get("status_of_residence", StatusOfResidence.UNKNOWN) not in StatusOfResidence.values:
        raise ValidationError(_("Choose a status of residence from the list."))
    if fields.get("contact_preference", ContactPreference.VISIT) not in ContactPreference.values:
        raise ValidationError(_("Choose a contact preference from the list."))


@transaction.atomic
def create_client(
    *,
    actor: Any,
    organisation: Organisation,
    nickname: str,
    full_name: str = "",
    nationality: str = "",
    preferred_language: str = "ja",
    languages: Iterable[dict[str, str]] = (),
    status_of_residence: str = StatusOfResidence.UNKNOWN,
    municipality: str = "",
    contact: str = "",
    contact_preference: str = ContactPreference.VISIT,
    request: HttpRequest | None = None,
) -> Client:
    fields: dict[str, Any] = {
        "nickname": nickname.strip()[:60],
        "full_name": full_name.strip(),
        "nationality": nationality,
        "preferred_language": preferred_language or "ja",
        "languages": clean_languages(languages),
        "status_of_residence": status_of_residence,
        "municipality": municipality.strip()[:100],
        "contact": contact.strip(),
        "contact_preference": contact_preference,
    }
    _validate_client_fields(fields)
    reference = new_code()
    client = Client.objects.create(
        organisation=organisation,
        reference=reference,
        reference_reversed=reference[::-1],
        created_by=actor,
        nickname_key=search_key(fields["nickname"]),
        **fields,
    )
    index_phones(client.pk, organisation.pk, fields["contact"])
    record(
        actor=actor,
        action="counter.client.create",
        organisation=organisation,
        target=client,
        request=request,
    )
    return client


@transaction.atomic
def update_client(
    *,
    actor: Any,
    client: Client,
    expected_version: int,
    changes: dict[str, Any],
    request: HttpRequest | None = None,
) -> Client:
    """Apply `changes` only if nobody saved since `expected_version` was read."""
    unknown = set(changes) - set(CLIENT_EDITABLE)
    if unknown:
        raise ValidationError(f"not editable: {sorted(unknown)}")
    if "languages" in changes:
        changes["languages"] = clean_languages(changes["languages"])
    _validate_client_fields({**{f: getattr(client, f) for f in CLIENT_EDITABLE}, **changes})
    if client.anonymised_at:
        raise ValidationError(_("This client was anonymised and can no longer be edited."))
    refuse_if_erased(client.pk)
    current = Client.objects.select_for_update().get(pk=client.pk)
    if current.version != expected_version:
        raise StaleVersionError
    changed = field_changes(current, changes, identifying=IDENTIFYING_CLIENT_FIELDS)
    writes = {name: changes[name] for name in changed}
    if "nickname" in writes:
        writes["nickname_key"] = search_key(writes["nickname"])
    _versioned_update(Client, client.pk, expected_version, writes)
    if "contact" in writes:
        index_phones(client.pk, client.organisation_id, writes["contact"])
    record(
        actor=actor,
        action="counter.client.update",
        organisation=client.organisation,
        target=client,
        request=request,
        data={"fields": sorted(changed), "changes": changed},
    )
    return Client.objects.get(pk=client.pk)


# --- merging duplicates ------------------------------------------------------------------

# Filled on the kept client from the merged one when the kept one has none; never overwritten.
MERGE_FILLS = ("full_name", "nationality", "municipality", "contact")


@transaction.atomic
def merge_clients(
    *,
    actor: Any,
    organisation: Organisation,
    keep: Client,
    duplicate: Client,
    request: HttpRequest | None = None,
) -> Client:
    """Merge `duplicate` into `keep`: its consultations (with their files, tasks and
    interpretation requests), consents, referrals, decided erasure requests and saved forms
    move to `keep`; blanks of `keep` are filled from it; `duplicate` keeps only its reference
    and a pointer to `keep`. Both must belong to `organisation`, neither may be erased,
    anonymised, already merged or waiting for an erasure decision."""
    if keep.organisation_id != organisation.pk or duplicate.organisation_id != organisation.pk:
        raise PermissionDenied
    if keep.pk == duplicate.pk:
        raise ValidationError(_("A client cannot be merged into itself."))
    locked = {
        client.pk: client
        for client in Client.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk])
    }
    keep, duplicate = locked[keep.pk], locked[duplicate.pk]
    if keep.merged_into_id or duplicate.merged_into_id:
        raise ValidationError(_("This record was already merged into another client."))
    if keep.anonymised_at or duplicate.anonymised_at:
        raise ValidationError(_("An erased client cannot be merged."))
    if ErasureRequest.objects.filter(
        client__in=[keep, duplicate], status=ErasureRequest.Status.PENDING
    ).exists():
        raise ValidationError(_("Decide the pending erasure request first."))
    moved = {
        "consultations": Consultation.objects.filter(client=duplicate).update(client=keep),
        "consents": ConsentRecord.objects.filter(client=duplicate).update(client=keep),
        "referrals": Referral.objects.filter(client=duplicate).update(client=keep),
    }
    ErasureRequest.objects.filter(client=duplicate).update(client=keep)
    Referral.objects.filter(receiver_client=duplicate).update(receiver_client=keep)
    FormSubmission.objects.filter(client=duplicate).update(client=keep)
    # One consent in force: the newest; older ones are superseded as by record_consent.
    current = ConsentRecord.objects.filter(client=keep, withdrawn_at__isnull=True).first()
    if current is not None:
        ConsentRecord.objects.filter(client=keep, withdrawn_at__isnull=True).exclude(
            pk=current.pk
        ).update(withdrawn_at=timezone.now())
    filled = [name for name in MERGE_FILLS if not getattr(keep, name) and getattr(duplicate, name)]
    changes: dict[str, Any] = {name: getattr(duplicate, name) for name in filled}
    if keep.caseworker_id is None and duplicate.caseworker_id is not None:
        changes["caseworker_id"] = duplicate.caseworker_id
    latest = max(
        (t for t in (keep.last_consulted_at, duplicate.last_consulted_at) if t), default=None
    )
    now = timezone.now()
    Client.objects.filter(pk=keep.pk).update(
        **changes, last_consulted_at=latest, version=F("version") + 1, updated_at=now
    )
    if "contact" in filled:
        index_phones(keep.pk, organisation.pk, duplicate.contact)
    ClientPhone.objects.filter(client=duplicate).delete()
    Client.objects.filter(pk=duplicate.pk).update(
        merged_into=keep,
        nickname=ANONYMISED_NICKNAME,
        nickname_key=ANONYMISED_NICKNAME,
        full_name="",
        contact="",
        municipality="",
        contact_preference=ContactPreference.NONE,
        caseworker=None,
        case_status=CaseStatus.CLOSED,
        close_reason=CloseReason.OTHER,
        # Nothing may be added to the merged record again: refuse_if_erased refuses it.
        anonymised_at=now,
        version=F("version") + 1,
        updated_at=now,
    )
    record(
        actor=actor,
        action="counter.client.merge",
        organisation=organisation,
        target=keep,
        request=request,
        data={"merged": duplicate.pk, "moved": moved, "filled": filled},
    )
    record(
        actor=actor,
        action="counter.client.merged_into",
        organisation=organisation,
        target=duplicate,
        request=request,
        data={"into": keep.pk},
    )
    return Client.objects.get(pk=keep.pk)


# --- case work: assignment, transfer, status ------------------------------------------------

CASE_WORKER_ROLES = (Role.COUNTER_STAFF, Role.SUPERVISOR)
# open → in progress → referred → closed; a referred case can be taken up again, a closed one
# reopened.
CASE_TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.OPEN: frozenset({CaseStatus.IN_PROGRESS, CaseStatus.REFERRED, CaseStatus.CLOSED}),
    CaseStatus.IN_PROGRESS: frozenset({CaseStatus.REFERRED, CaseStatus.CLOSED}),
    CaseStatus.REFERRED: frozenset({CaseStatus.IN_PROGRESS, CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset({CaseStatus.OPEN}),
}


def case_workers(organisation: Organisation) -> list[Any]:
    """Members who may hold a case or a task: counter staff and supervisors."""
    memberships = (
        Membership.objects.filter(
            organisation=organisation, role__in=CASE_WORKER_ROLES, user__is_active=True
        )
        .select_related("user")
        .order_by("user__username")
    )
    return list({m.user_id: m.user for m in memberships}.values())


def _require_case_worker(organisation: Organisation, user: Any) -> None:
    if user is not None and user.pk not in {u.pk for u in case_workers(organisation)}:
        raise ValidationError(_("Choose a member of this counter."))


@transaction.atomic
def assign_case(
    *, actor: Any, client: Client, caseworker: Any, request: HttpRequest | None = None
) -> Client:
    """Assign (or transfer) the case to a caseworker of the organisation; None unassigns."""
    _require_case_worker(client.organisation, caseworker)
    previous = client.caseworker_id
    Client.objects.filter(pk=client.pk).update(caseworker=caseworker, updated_at=timezone.now())
    record(
        actor=actor,
        action="counter.case.assign",
        organisation=client.organisation,
        target=client,
        request=request,
        data={"from": previous, "to": caseworker.pk if caseworker else None},
    )
    return Client.objects.get(pk=client.pk)


@transaction.atomic
def set_case_status(
    *,
    actor: Any,
    client: Client,
    status: str,
    close_reason: str = "",
    request: HttpRequest | None = None,
) -> Client:
    current = Client.objects.select_for_update().get(pk=client.pk).case_status
    if status not in CASE_TRANSITIONS.get(current, frozenset()):
        raise ValidationError(_("A case cannot go from this status to that one."))
    if status == CaseStatus.CLOSED and close_reason not in CloseReason.values:
        raise ValidationError(_("Give a reason for closing the case."))
    reason = close_reason if status == CaseStatus.CLOSED else ""
    Client.objects.filter(pk=client.pk).update(
        case_status=status, close_reason=reason, updated_at=timezone.now()
    )
    record(
        actor=actor,
        action="counter.case.status",
        organisation=client.organisation,
        target=client,
        request=request,
        data={"from": current, "to": status, "reason": reason},
    )
    return Client.objects.get(pk=client.pk)


# --- consent -------------------------------------------------------------------------------


CONSENT_TEXTS_FILE = Path(__file__).resolve().parent / "data" / "consent_texts.json"
# Languages a client may be asked to read instead of their own, if their recorded proficiency
# says they read it: Plain Japanese, Japanese, English.
READS = frozenset({Proficiency.NATIVE, Proficiency.FLUENT, Proficiency.READS_ONLY})


def shipped_consent_wording(retention_days: int) -> dict[str, dict[str, str]]:
    """The consent text Kyosei ships, per language variant, with this retention period."""
    shipped: dict[str, dict[str, str]] = json.loads(CONSENT_TEXTS_FILE.read_text("utf-8"))
    # Whole years from two up ("1 years" would be wrong in several languages); else days.
    in_years = retention_days % 365 == 0 and retention_days >= 730
    wording = {}
    for language, parts in shipped.items():
        period = parts["how_long_kept_years" if in_years else "how_long_kept_days"]
        wording[language] = {
            "what_is_recorded": parts["what_is_recorded"],
            "who_may_see": parts["who_may_see"],
            "how_long_kept": period.format(years=retention_days // 365, days=retention_days),
            "how_to_withdraw": parts["how_to_withdraw"],
        }
    return wording


def _ensure_consent_texts(organisation: Organisation) -> None:
    """An organisation that has published nothing starts with the shipped texts (version 1)."""
    if ConsentText.objects.filter(organisation=organisation).exists():
        return
    wording = shipped_consent_wording(settings_for(organisation).retention_days)
    for language, parts in wording.items():
        ConsentText.objects.get_or_create(
            organisation=organisation, version=1, language=language, defaults=parts
        )


def consent_languages(client: Client) -> list[str]:
    """The languages the client reads, most preferred first: their own, the languages they
    read per their recorded proficiency, and Plain Japanese with Japanese."""
    readable = [client.preferred_language]
    for entry in client.languages:
        code, level = entry.get("language", ""), entry.get("proficiency", "")
        if level in READS:
            readable.append(code)
        if code in {"ja", "ja-x-easy"} and level in READS | {Proficiency.PLAIN_JAPANESE}:
            readable.append("ja-x-easy")
    if "ja" in readable:
        readable.append("ja-x-easy")
    return list(dict.fromkeys(code for code in readable if code))


def current_consent_text(organisation: Organisation, language: str) -> ConsentText | None:
    """The newest version's text in exactly `language`, or None: never another language."""
    _ensure_consent_texts(organisation)
    texts = ConsentText.objects.filter(organisation=organisation)
    latest = texts.order_by("-version").values_list("version", flat=True).first()
    if latest is None:
        return None
    return texts.filter(version=latest, language__iexact=language).first()


def consent_text_for(client: Client) -> ConsentText | None:
    """The current text in the first language the client reads, or None (then staff use an
    interpreter and record it)."""
    for language in consent_languages(client):
        text = current_consent_text(client.organisation, language)
        if text is not None:
            return text
    return None


@transaction.atomic
def publish_consent_text(
    *,
    actor: Any,
    organisation: Organisation,
    language: str,
    what_is_recorded: str,
    who_may_see: str,
    how_long_kept: str,
    how_to_withdraw: str = "",
    new_version: bool = True,
    request: HttpRequest | None = None,
) -> ConsentText:
    """A new version, or (new_version=False) a translation of the current one.

    Consent records keep pointing at the exact text the client saw.
    """
    latest = (
        ConsentText.objects.filter(organisation=organisation)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
        or 0
    )
    version = latest + 1 if new_version or latest == 0 else latest
    if ConsentText.objects.filter(
        organisation=organisation, version=version, language=language
    ).exists():
        raise ValidationError(
            _("This version already has a text in that language; publish a new version.")
        )
    text = ConsentText.objects.create(
        organisation=organisation,
        version=version,
        language=language,
        what_is_recorded=what_is_recorded,
        who_may_see=who_may_see,
        how_long_kept=how_long_kept,
        how_to_withdraw=how_to_withdraw,
    )
    record(
        actor=actor,
        action="counter.consent_text.publish",
        organisation=organisation,
        target=text,
        request=request,
        data={"version": version, "language": language},
    )
    return text


@dataclass(frozen=True)
class Interpretation:
    """Consent given on a text the client does not read: who interpreted it, into what."""

    interpreter: str
    into_language: str


@transaction.atomic
def record_consent(
    *,
    actor: Any,
    client: Client,
    consent_text: ConsentText,
    agrees_to_recording: bool,
    shareable_fields: Iterable[str],
    interpretation: Interpretation | None = None,
    request: HttpRequest | None = None,
) -> ConsentRecord:
    """Consent counts only against a text the client reads, or one interpreted to them (then
    the record says who interpreted it and into which language)."""
    if consent_text.organisation_id != client.organisation_id:
        raise PermissionDenied
    refuse_if_erased(client.pk)
    readable = {code.lower() for code in consent_languages(client)}
    interpreted = interpretation is not None and bool(
        interpretation.interpreter.strip() and interpretation.into_language.strip()
    )
    if consent_text.language.lower() not in readable and not interpreted:
        raise ValidationError(
            _(
                "This text is not in a language the client reads: record who interpreted it "
                "and into which language."
            )
        )
    fields = sorted(set(shareable_fields) & set(ShareableField.values))
    now = timezone.now()
    ConsentRecord.objects.filter(client=client, withdrawn_at__isnull=True).update(withdrawn_at=now)
    consent = ConsentRecord.objects.create(
        client=client,
        consent_text=consent_text,
        agrees_to_recording=agrees_to_recording,
        shareable_fields=fields,
        interpreted_by=interpretation.interpreter.strip()[:200]
        if interpretation and interpreted
        else "",
        interpreted_into=interpretation.into_language.strip()[:35]
        if interpretation and interpreted
        else "",
        recorded_by=actor,
        given_at=now,
    )
    record(
        actor=actor,
        action="counter.consent.record",
        organisation=client.organisation,
        target=client,
        request=request,
        data={
            "text_version": consent_text.version,
            "text_language": consent_text.language,
            "interpreted_into": consent.interpreted_into,
            "shareable": fields,
        },
    )
    return consent


def active_consent(client: Client) -> ConsentRecord | None:
    return (
        ConsentRecord.objects.filter(client=client, withdrawn_at__isnull=True)
        .select_related("consent_text")
        .first()
    )


# --- consultations -------------------------------------------------------------------------


# Notes longer than this belong in an attachment; counted in characters after CR LF -> LF,
# exactly as the page's counter counts them (forms.NotesField, counter.js).
NARRATIVE_MAX_CHARS = 20_000


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_notes(text: str, *, max_chars: int = NARRATIVE_MAX_CHARS) -> None:
    """The one check of free-text notes, for the forms and the API alike."""
    if "\x00" in text:
        raise ValidationError(
            {"narrative": _("The notes contain a null character (U+0000); remove it.")}
        )
    if len(text) > max_chars:
        raise ValidationError(
            {
                "narrative": _(
                    "The notes have %(count)s characters; at most %(limit)s can be saved. "
                    "Nothing was saved and your text is kept here: shorten it, or save the "
                    "rest as a text file and attach it to the consultation."
                )
                % {"count": f"{len(text):,}", "limit": f"{max_chars:,}"}
            }
        )


def _validate_consultation(fields: dict[str, Any]) -> None:
    check_notes(fields["narrative"])
    if fields["channel"] not in Channel.values:
        raise ValidationError(_("Choose a channel."))
    topics = fields["topics"]
    if not topics or any(t not in Topic.values for t in topics):
        raise ValidationError(_("Choose at least one topic."))
    if fields["interpreter_mode"] not in InterpreterMode.values:
        raise ValidationError(_("Choose an interpreter option."))
    if fields["outcome"] not in Outcome.values:
        raise ValidationError(_("Choose an outcome."))
    if fields["consulted_at"] > timezone.now() + timedelta(minutes=5):
        raise ValidationError(_("A consultation cannot be in the future."))


@transaction.atomic
def create_consultation(
    *,
    actor: Any,
    organisation: Organisation,
    client: Client,
    channel: str,
    topics: Iterable[str],
    language: str,
    consulted_at: datetime | None = None,
    interpreter_mode: str = InterpreterMode.NONE,
    interpreter_language: str = "",
    interpreter_minutes: int = 0,
    narrative: str = "",
    outcome: str = Outcome.INFORMATION_GIVEN,
    minutes_spent: int = 10,
    request: HttpRequest | None = None,
) -> Consultation:
    if client.organisation_id != organisation.pk:
        raise PermissionDenied
    refuse_if_erased(client.pk)
    fields: dict[str, Any] = {
        "channel": channel,
        "topics": sorted(set(topics)),
        "language": language or client.preferred_language,
        "consulted_at": consulted_at or timezone.now(),
        "interpreter_mode": interpreter_mode,
        "interpreter_language": interpreter_language if interpreter_mode != "none" else "",
        "interpreter_minutes": max(0, int(interpreter_minutes or 0)),
        "narrative": normalise_newlines(narrative),
        "outcome": outcome,
        "minutes_spent": max(0, int(minutes_spent or 0)),
    }
    _validate_consultation(fields)
    _check_recording_consent(client, fields["narrative"])
    consultation = Consultation.objects.create(
        organisation=organisation,
        client=client,
        staff=actor if getattr(actor, "is_authenticated", False) else None,
        nationality=client.nationality,
        status_of_residence=client.status_of_residence,
        **fields,
    )
    ConsultationTopic.objects.bulk_create(
        ConsultationTopic(
            consultation=consultation,
            organisation=organisation,
            consulted_at=consultation.consulted_at,
            topic=topic,
        )
        for topic in fields["topics"]
    )
    Client.objects.filter(pk=client.pk).filter(
        last_consulted_at__lt=consultation.consulted_at
    ).update(last_consulted_at=consultation.consulted_at)
    Client.objects.filter(pk=client.pk, last_consulted_at__isnull=True).update(
        last_consulted_at=consultation.consulted_at
    )
    record(
        actor=actor,
        action="counter.consultation.create",
        organisation=organisation,
        target=consultation,
        request=request,
        data={"client": client.pk, "topics": fields["topics"], "channel": channel},
    )
    return consultation


def _check_recording_consent(client: Client, narrative: str) -> None:
    """A client who declined recording is still counted, but no notes are kept about them."""
    consent = active_consent(client)
    if narrative.strip() and consent is not None and not consent.agrees_to_recording:
        raise ValidationError(
            {
                "narrative": _(
                    "The client did not agree that notes are recorded: leave the notes empty."
                )
            }
        )


CONSULTATION_EDITABLE = (
    "channel",
    "topics",
    "language",
    "consulted_at",
    "interpreter_mode",
    "interpreter_language",
    "interpreter_minutes",
    "narrative",
    "outcome",
    "minutes_spent",
)


@transaction.atomic
def update_consultation(
    *,
    actor: Any,
    consultation: Consultation,
    expected_version: int,
    changes: dict[str, Any],
    request: HttpRequest | None = None,
) -> Consultation:
    unknown = set(changes) - set(CONSULTATION_EDITABLE)
    if unknown:
        raise ValidationError(f"not editable: {sorted(unknown)}")
    refuse_if_erased(consultation.client_id)
    if "topics" in changes:
        changes["topics"] = sorted(set(changes["topics"]))
    if "narrative" in changes:
        changes["narrative"] = normalise_newlines(changes["narrative"])
    _validate_consultation(
        {**{f: getattr(consultation, f) for f in CONSULTATION_EDITABLE}, **changes}
    )
    if changes.get("narrative"):
        _check_recording_consent(consultation.client, changes["narrative"])
    current = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if current.version != expected_version:
        raise StaleVersionError
    changed = field_changes(current, changes, identifying=IDENTIFYING_CONSULTATION_FIELDS)
    # The EncryptedTextField encrypts in UPDATE too (get_db_prep_save), so the narrative stays
    # ciphertext on this path.
    _versioned_update(
        Consultation,
        consultation.pk,
        expected_version,
        {name: changes[name] for name in changed},
    )
    fresh = Consultation.objects.get(pk=consultation.pk)
    if "topics" in changed or "consulted_at" in changed:
        ConsultationTopic.objects.filter(consultation=fresh).delete()
        ConsultationTopic.objects.bulk_create(
            ConsultationTopic(
                consultation=fresh,
                organisation_id=fresh.organisation_id,
                consulted_at=fresh.consulted_at,
                topic=topic,
            )
            for topic in fresh.topics
        )
    record(
        actor=actor,
        action="counter.consultation.update",
        organisation=consultation.organisation,
        target=fresh,
        request=request,
        data={"fields": sorted(changed), "changes": changed, "client": fresh.client_id},
    )
    return fresh


# --- one creation per form (double submit) -------------------------------------------------


@dataclass(frozen=True)
class IntakeResult:
    client: Client
    consultation: Consultation | None
    repeated: bool  # the same form was already saved: this is the first save's result


def _claim_form_token(organisation: Organisation, token: str) -> FormSubmission | None:
    """Insert the token, or return the earlier submission that used it.

    The unique constraint does the locking: a concurrent second POST with the same token waits
    on PostgreSQL's unique index (SQLite: on the IMMEDIATE write lock) until the first commits,
    then finds its row. If the first rolled back (a validation error), the second proceeds."""
    try:
        with transaction.atomic():
            FormSubmission.objects.create(organisation=organisation, token=token)
    except IntegrityError:
        return FormSubmission.objects.select_related("client", "consultation").get(
            organisation=organisation, token=token
        )
    return None


def form_already_saved(organisation: Organisation, token: str) -> bool:
    """The same form sent again: answer with the first result, ask nothing more."""
    return (
        bool(token)
        and FormSubmission.objects.filter(organisation=organisation, token=token).exists()
    )


@transaction.atomic
def create_client_once(
    *, actor: Any, organisation: Organisation, form_token: str, **fields: Any
) -> IntakeResult:
    """create_client, at most once per form token."""
    earlier = _claim_form_token(organisation, form_token) if form_token else None
    if earlier is not None and earlier.client is not None:
        return IntakeResult(client=earlier.client, consultation=None, repeated=True)
    client = create_client(actor=actor, organisation=organisation, **fields)
    if form_token:
        FormSubmission.objects.filter(organisation=organisation, token=form_token).update(
            client=client
        )
    return IntakeResult(client=client, consultation=None, repeated=False)


@transaction.atomic
def record_intake(
    *,
    actor: Any,
    organisation: Organisation,
    form_token: str,
    client_reference: str = "",
    new_client: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
    **consultation_fields: Any,
) -> IntakeResult:
    """The quick intake (page and API): find or create the client and record the consultation,
    once per form token."""
    earlier = _claim_form_token(organisation, form_token) if form_token else None
    if earlier is not None and earlier.consultation is not None and earlier.client is not None:
        return IntakeResult(client=earlier.client, consultation=earlier.consultation, repeated=True)
    if client_reference:
        client = follow_merges(
            Client.objects.filter(
                organisation=organisation, reference=client_reference.strip().upper()
            )
        )
        if client is None:
            raise ValidationError(
                {"client_reference": _("No client of this counter has that reference.")}
            )
    else:
        client = create_client(
            actor=actor, organisation=organisation, request=request, **(new_client or {})
        )
    consultation = create_consultation(
        actor=actor,
        organisation=organisation,
        client=client,
        request=request,
        **consultation_fields,
    )
    if form_token:
        FormSubmission.objects.filter(organisation=organisation, token=form_token).update(
            client=client, consultation=consultation
        )
    return IntakeResult(client=client, consultation=consultation, repeated=False)


# --- attachments ---------------------------------------------------------------------------

# Magic numbers of the only types a counter needs: scans, photos, PDFs and plain text.
SNIFFERS: tuple[tuple[str, Callable[[bytes], bool]], ...] = (
    ("application/pdf", lambda head: head.startswith(b"%PDF-")),
    ("image/png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ("image/webp", lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
)


def attachment_max_bytes() -> int:
    return int(getattr(settings, "COUNTER_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))


def sniff_content_type(data: bytes) -> str | None:
    """The real type from the bytes, never from the name or the browser's claim."""
    for content_type, matches in SNIFFERS:
        if matches(data[:16]):
            return content_type
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    # Control characters mean a binary format (zip, office files), not a note.
    if any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text):
        return None
    # Markup is refused even as text: a browser that ignored our headers could render it.
    if text.lstrip()[:1] == "<":
        return None
    return "text/plain"


def attachment_path(storage_name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "counter" / storage_name


@transaction.atomic
def add_attachment(
    *,
    actor: Any,
    consultation: Consultation,
    upload: UploadedFile[Any],
    request: HttpRequest | None = None,
) -> Attachment:
    refuse_if_erased(consultation.client_id)
    limit = attachment_max_bytes()
    if (upload.size or 0) > limit:
        raise ValidationError(
            _("The file is too large (the limit is %(megabytes)s MB).")
            % {"megabytes": limit // (1024 * 1024)}
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("The file is too large (the limit is %(megabytes)s MB).")
            % {"megabytes": limit // (1024 * 1024)}
        )
    content_type = sniff_content_type(data)
    if content_type is None:
        raise ValidationError(_("Only PDF, PNG, JPEG, WebP and plain-text files can be attached."))
    storage_name = uuid.uuid4().hex
    path = attachment_path(storage_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(crypto.encrypt_bytes(data))
    # The name the browser sent is kept only for display on download, stripped of paths.
    filename = Path(upload.name or "attachment").name[:150] or "attachment"
    attachment = Attachment.objects.create(
        consultation=consultation,
        organisation_id=consultation.organisation_id,
        storage_name=storage_name,
        filename=filename,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    record(
        actor=actor,
        action="counter.attachment.add",
        organisation=consultation.organisation,
        target=attachment,
        request=request,
        data={"consultation": consultation.pk, "type": content_type, "size": len(data)},
    )
    return attachment


def read_attachment(
    *, actor: Any, attachment: Attachment, request: HttpRequest | None = None
) -> bytes:
    data = crypto.decrypt_bytes(attachment_path(attachment.storage_name).read_bytes())
    record(
        actor=actor,
        action="counter.attachment.read",
        organisation=attachment.organisation,
        target=attachment,
        request=request,
    )
    return data


def _delete_attachment_files(attachments: Iterable[Attachment]) -> None:
    for attachment in attachments:
        attachment_path(attachment.storage_name).unlink(missing_ok=True)


# --- follow-up tasks -----------------------------------------------------------------------


@transaction.atomic
def add_task(
    *,
    actor: Any,
    consultation: Consultation,
    description: str,
    due_on: date,
    assigned_to: Any = None,
    request: HttpRequest | None = None,
) -> FollowUpTask:
    if not description.strip():
        raise ValidationError(_("Describe the follow-up task."))
    refuse_if_erased(consultation.client_id)
    _require_case_worker(consultation.organisation, assigned_to)
    task = FollowUpTask.objects.create(
        consultation=consultation,
        organisation_id=consultation.organisation_id,
        description=description.strip(),
        due_on=due_on,
        assigned_to=assigned_to or actor,
    )
    record(
        actor=actor,
        action="counter.task.add",
        organisation=consultation.organisation,
        target=task,
        request=request,
        data={"due_on": due_on.isoformat()},
    )
    return task


@transaction.atomic
def complete_task(
    *, actor: Any, task: FollowUpTask, request: HttpRequest | None = None
) -> FollowUpTask:
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
        record(
            actor=actor,
            action="counter.task.done",
            organisation=task.organisation,
            target=task,
            request=request,
        )
    return task


def tasks_due_for_reminder(*, today: date | None = None) -> list[FollowUpTask]:
    today = today or timezone.localdate()
    return list(
        FollowUpTask.objects.filter(
            done_at__isnull=True, reminded_at__isnull=True, due_on__lte=today + timedelta(days=1)
        ).select_related("assigned_to", "organisation")
    )


def send_task_reminders(*, today: date | None = None) -> int:
    """Email each assignee about open tasks due by tomorrow; mark them reminded."""
    from django.core.mail import send_mail

    sent = 0
    for task in tasks_due_for_reminder(today=today):
        user = task.assigned_to
        if user is not None and user.email:
            # The mail says only that something is due: case details stay in Kyosei.
            send_mail(
                subject=_("Kyosei: a follow-up task is due"),
                message=_("A follow-up task at %(organisation)s is due on %(due)s.")
                % {"organisation": task.organisation.name, "due": task.due_on.isoformat()},
                from_email=None,
                recipient_list=[user.email],
            )
            sent += 1
        task.reminded_at = timezone.now()
        task.save(update_fields=["reminded_at"])
        record(
            actor=None,
            action="counter.task.remind",
            organisation=task.organisation,
            target=task,
        )
    return sent


# --- residence deadlines ------------------------------------------------------------------


@transaction.atomic
def save_residence_check(
    *,
    actor: Any,
    consultation: Consultation,
    inputs: dict[str, Any],
    request: HttpRequest | None = None,
) -> ResidenceCheck:
    """Keep the residence-deadline tool's input and the deadlines it gives with the
    consultation, encrypted; the audit row says how many, never which days."""
    refuse_if_erased(consultation.client_id)
    try:
        result = timeline_for(inputs, "ja")
    except ZairyuInputError as refused:
        raise ValidationError(_("Please check this field."), code=refused.field) from refused
    kept = stored(result)
    check = ResidenceCheck.objects.create(
        consultation=consultation,
        organisation_id=consultation.organisation_id,
        inputs=json.dumps(inputs, ensure_ascii=False),
        deadlines=json.dumps(kept, ensure_ascii=False),
        created_by=actor,
    )
    record(
        actor=actor,
        action="counter.residence.save",
        organisation=consultation.organisation,
        target=check,
        request=request,
        data={"consultation": consultation.pk, "deadlines": len(kept["steps"])},
    )
    return check


def residence_inputs(check: ResidenceCheck) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(check.inputs) if check.inputs else {}
    return loaded


def residence_deadlines(check: ResidenceCheck) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(check.deadlines) if check.deadlines else {}
    return loaded


def latest_residence_check(consultation: Consultation | None) -> ResidenceCheck | None:
    if consultation is None:
        return None
    return consultation.residence_checks.exclude(deadlines="").first()


# --- referrals -----------------------------------------------------------------------------


def shareable_snapshot(
    client: Client, consultation: Consultation | None, fields: Iterable[str], summary: str
) -> dict[str, Any]:
    snapshot: dict[str, Any] = {}
    allowed = set(fields)
    if "nickname" in allowed:
        snapshot["nickname"] = client.nickname
    if "full_name" in allowed and client.full_name:
        snapshot["full_name"] = client.full_name
    if "contact" in allowed and client.contact:
        snapshot["contact"] = client.contact
        snapshot["contact_preference"] = client.contact_preference
    if "nationality" in allowed:
        snapshot["nationality"] = client.nationality
    if "languages" in allowed:
        snapshot["preferred_language"] = client.preferred_language
        snapshot["languages"] = client.languages
    if "status_of_residence" in allowed:
        snapshot["status_of_residence"] = client.status_of_residence
    if "municipality" in allowed:
        snapshot["municipality"] = client.municipality
    if "topics" in allowed and consultation is not None:
        snapshot["topics"] = consultation.topics
    if "summary" in allowed and summary.strip():
        snapshot["summary"] = summary.strip()
    check = latest_residence_check(consultation) if "residence_deadlines" in allowed else None
    if check is not None:
        snapshot["residence_deadlines"] = residence_deadlines(check)
    return snapshot


@transaction.atomic
def create_referral(
    *,
    actor: Any,
    client: Client,
    consultation: Consultation | None = None,
    to_organisation: Organisation | None = None,
    to_agency: Agency | None = None,
    summary: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """Refer a client, sharing only what their active consent allows."""
    if (to_organisation is None) == (to_agency is None):
        raise ValidationError(_("Choose one receiver: an organisation or an agency."))
    if to_organisation is not None and to_organisation.pk == client.organisation_id:
        raise ValidationError(_("A referral goes to another organisation."))
    if consultation is not None and consultation.client_id != client.pk:
        raise PermissionDenied
    refuse_if_erased(client.pk)
    consent = active_consent(client)
    if consent is None or not consent.shareable_fields:
        raise ValidationError(
            _("The client has not consented to sharing anything: record their consent first.")
        )
    snapshot = shareable_snapshot(client, consultation, consent.shareable_fields, summary)
    referral = Referral.objects.create(
        from_organisation_id=client.organisation_id,
        client=client,
        consultation=consultation,
        to_organisation=to_organisation,
        to_agency=to_agency,
        code=new_code(10),
        shared_fields=sorted(snapshot),
        snapshot=json.dumps(snapshot, ensure_ascii=False),
        client_language=client.preferred_language,
        created_by=actor,
    )
    Client.objects.filter(
        pk=client.pk, case_status__in=[CaseStatus.OPEN, CaseStatus.IN_PROGRESS]
    ).update(case_status=CaseStatus.REFERRED)
    data = {"shared_fields": sorted(snapshot), "consent": consent.pk}
    record(
        actor=actor,
        action="counter.referral.create",
        organisation=client.organisation,
        target=referral,
        request=request,
        data={**data, "to": referral.receiver_name},
    )
    if to_organisation is not None:
        # The receiver's log shows what arrived, without the content.
        record(
            actor=actor,
            action="counter.referral.receive",
            organisation=to_organisation,
            target=referral,
            request=request,
            data=data,
        )
    return referral


def referral_snapshot(referral: Referral) -> dict[str, Any]:
    if not referral.snapshot:
        return {}
    loaded: dict[str, Any] = json.loads(referral.snapshot)
    return loaded


@transaction.atomic
def respond_to_referral(
    *,
    actor: Any,
    referral: Referral,
    receiver: Organisation,
    accept: bool,
    note: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    if referral.to_organisation_id != receiver.pk:
        raise PermissionDenied
    if referral.status != Referral.Status.PENDING:
        raise ValidationError(_("This referral was already answered."))
    if note.strip():
        # The receiver's note is about the person: not kept once the sender erased them.
        refuse_if_erased(referral.client_id)
    referral.status = Referral.Status.ACCEPTED if accept else Referral.Status.DECLINED
    referral.responded_by = actor
    referral.responded_at = timezone.now()
    referral.response_note = note.strip()
    referral.save(update_fields=["status", "responded_by", "responded_at", "response_note"])
    for organisation in (receiver, referral.from_organisation):
        record(
            actor=actor,
            action="counter.referral.respond",
            organisation=organisation,
            target=referral,
            request=request,
            data={"status": referral.status},
        )
    return referral


@transaction.atomic
def return_referral(
    *,
    actor: Any,
    referral: Referral,
    receiver: Organisation,
    answer: str,
    request: HttpRequest | None = None,
) -> Referral:
    """The receiver (another counter, the national centre) answers an accepted referral and
    returns the case to the sender, whose caseworker takes it up again."""
    if referral.to_organisation_id != receiver.pk:
        raise PermissionDenied
    if referral.status != Referral.Status.ACCEPTED:
        raise ValidationError(_("Accept the referral before answering it."))
    answer = normalise_newlines(answer).strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer for the referring office.")})
    check_notes(answer)
    refuse_if_erased(referral.client_id)
    referral.status = Referral.Status.RETURNED
    referral.answer = answer
    referral.answered_at = timezone.now()
    referral.save(update_fields=["status", "answer", "answered_at"])
    Client.objects.filter(pk=referral.client_id, case_status=CaseStatus.REFERRED).update(
        case_status=CaseStatus.IN_PROGRESS, updated_at=timezone.now()
    )
    for organisation in (receiver, referral.from_organisation):
        record(
            actor=actor,
            action="counter.referral.return",
            organisation=organisation,
            target=referral,
            request=request,
        )
    return referral


@transaction.atomic
def adopt_referral(
    *,
    actor: Any,
    referral: Referral,
    receiver: Organisation,
    request: HttpRequest | None = None,
) -> Client:
    """The receiver opens its own client record from the shared snapshot, once."""
    if referral.to_organisation_id != receiver.pk:
        raise PermissionDenied
    if referral.status != Referral.Status.ACCEPTED:
        raise ValidationError(_("Accept the referral before opening a client record from it."))
    if referral.receiver_client_id:
        return Client.objects.get(pk=referral.receiver_client_id)
    refuse_if_erased(referral.client_id)
    shared = referral_snapshot(referral)
    nationality = shared.get("nationality", "")
    status = shared.get("status_of_residence", StatusOfResidence.UNKNOWN)
    client = create_client(
        actor=actor,
        organisation=receiver,
        nickname=shared.get("nickname") or referral.code,
        full_name=shared.get("full_name", ""),
        nationality=nationality if nationality in Nationality.values else "",
        preferred_language=shared.get("preferred_language", referral.client_language),
        languages=shared.get("languages", []),
        status_of_residence=status if status in StatusOfResidence.values else "unknown",
        municipality=shared.get("municipality", ""),
        contact=shared.get("contact", ""),
        contact_preference=shared.get("contact_preference", ContactPreference.VISIT),
        request=request,
    )
    referral.receiver_client = client
    referral.save(update_fields=["receiver_client"])
    record(
        actor=actor,
        action="counter.referral.adopt",
        organisation=receiver,
        target=referral,
        request=request,
        data={"client": client.pk},
    )
    return client


@transaction.atomic
def record_agency_outcome(
    *, actor: Any, referral: Referral, status: str, request: HttpRequest | None = None
) -> Referral:
    """External agencies are not on Kyosei: the sender records what the agency said."""
    if referral.to_agency_id is None or status not in Referral.Status.values:
        raise ValidationError(_("Only referrals to external agencies are updated by the sender."))
    referral.status = status
    referral.responded_by = actor
    referral.responded_at = timezone.now()
    referral.save(update_fields=["status", "responded_by", "responded_at"])
    record(
        actor=actor,
        action="counter.referral.agency_outcome",
        organisation=referral.from_organisation,
        target=referral,
        request=request,
        data={"status": status},
    )
    return referral


# --- interpretation ------------------------------------------------------------------------


@transaction.atomic
def log_interpretation_request(
    *,
    actor: Any,
    organisation: Organisation,
    language: str,
    mode: str,
    service: Agency | None = None,
    consultation: Consultation | None = None,
    minutes: int = 0,
    status: str = InterpretationRequest.Status.REQUESTED,
    request: HttpRequest | None = None,
) -> InterpretationRequest:
    if mode not in InterpreterMode.values or mode == InterpreterMode.NONE:
        raise ValidationError(_("Choose how the interpretation is given."))
    if not language:
        raise ValidationError(_("Choose the language to interpret."))
    if consultation is not None and consultation.organisation_id != organisation.pk:
        raise PermissionDenied
    if consultation is not None:
        refuse_if_erased(consultation.client_id)
    logged = InterpretationRequest.objects.create(
        organisation=organisation,
        consultation=consultation,
        service=service,
        language=language,
        mode=mode,
        minutes=max(0, minutes),
        status=status,
        requested_by=actor,
    )
    record(
        actor=actor,
        action="counter.interpretation.request",
        organisation=organisation,
        target=logged,
        request=request,
        data={"language": language, "mode": mode},
    )
    return logged


# --- privacy: anonymisation, erasure, subject access ---------------------------------------


def _strip_identifying_data(client: Client) -> None:
    """Remove what identifies the person; keep what statistics count. The consent goes with
    it: nothing may be shared or recorded about them on its strength any more."""
    now = timezone.now()
    ConsentRecord.objects.filter(client=client, withdrawn_at__isnull=True).update(withdrawn_at=now)
    ClientPhone.objects.filter(client=client).delete()
    Client.objects.filter(pk=client.pk).update(
        nickname=ANONYMISED_NICKNAME,
        nickname_key=ANONYMISED_NICKNAME,
        full_name="",
        contact="",
        municipality="",
        contact_preference=ContactPreference.NONE,
        anonymised_at=now,
        version=F("version") + 1,
        updated_at=now,
    )
    consultations = Consultation.objects.filter(client=client)
    consultations.update(narrative="", version=F("version") + 1, updated_at=now)
    attachments = list(Attachment.objects.filter(consultation__client=client))
    Attachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()
    transaction.on_commit(lambda: _delete_attachment_files(attachments))
    FollowUpTask.objects.filter(consultation__client=client).update(description="")
    ResidenceCheck.objects.filter(consultation__client=client).update(inputs="", deadlines="")
    Referral.objects.filter(client=client).update(snapshot="", response_note="", answer="")


@transaction.atomic
def request_erasure(
    *, actor: Any, client: Client, reason: str = "", request: HttpRequest | None = None
) -> ErasureRequest:
    existing = ErasureRequest.objects.filter(
        client=client, status=ErasureRequest.Status.PENDING
    ).first()
    if existing:
        return existing
    erasure = ErasureRequest.objects.create(
        organisation_id=client.organisation_id, client=client, reason=reason, requested_by=actor
    )
    record(
        actor=actor,
        action="counter.erasure.request",
        organisation=client.organisation,
        target=erasure,
        request=request,
    )
    return erasure


@transaction.atomic
def decide_erasure(
    *,
    actor: Any,
    erasure: ErasureRequest,
    approve: bool,
    request: HttpRequest | None = None,
) -> ErasureRequest:
    """Only a supervisor decides, and never on their own request (four eyes)."""
    if Role.SUPERVISOR not in roles_in(actor, erasure.organisation):
        raise PermissionDenied
    if erasure.requested_by_id == actor.pk:
        raise ValidationError(_("Another supervisor must approve an erasure you requested."))
    if erasure.status != ErasureRequest.Status.PENDING:
        raise ValidationError(_("This request was already decided."))
    erasure.status = ErasureRequest.Status.APPROVED if approve else ErasureRequest.Status.REJECTED
    erasure.decided_by = actor
    erasure.decided_at = timezone.now()
    erasure.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        _strip_identifying_data(erasure.client)
    record(
        actor=actor,
        action="counter.erasure.approve" if approve else "counter.erasure.reject",
        organisation=erasure.organisation,
        target=erasure,
        request=request,
        data={"client": erasure.client_id},
    )
    return erasure


@dataclass(frozen=True)
class AnonymisationResult:
    clients: int


def anonymise_expired(
    *,
    organisation: Organisation | None = None,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AnonymisationResult:
    """Anonymise clients whose last consultation is older than their organisation's policy."""
    now = now or timezone.now()
    organisations = [organisation] if organisation else list(Organisation.objects.order_by("pk"))
    done = 0
    for org in organisations:
        cutoff = now - timedelta(days=settings_for(org).retention_days)
        expired = Client.objects.filter(organisation=org, anonymised_at__isnull=True).filter(
            last_consulted_at__lt=cutoff
        ) | Client.objects.filter(
            organisation=org,
            anonymised_at__isnull=True,
            last_consulted_at__isnull=True,
            created_at__lt=cutoff,
        )
        ids = list(expired.values_list("pk", flat=True))
        for index, client in enumerate(Client.objects.filter(pk__in=ids).iterator(), start=1):
            with transaction.atomic():
                _strip_identifying_data(client)
            done += 1
            if progress:
                progress(index, len(ids))
        if ids:
            record(
                actor=None,
                action="counter.retention.anonymise",
                organisation=org,
                data={"clients": len(ids), "retention_days": settings_for(org).retention_days},
            )
    return AnonymisationResult(clients=done)


@transaction.atomic
def set_retention(
    *,
    actor: Any,
    organisation: Organisation,
    retention_days: int,
    request: HttpRequest | None = None,
) -> CounterSettings:
    if not 30 <= retention_days <= 36500:
        raise ValidationError(_("Choose a retention period between 30 days and 100 years."))
    policy = settings_for(organisation)
    previous = policy.retention_days
    policy.retention_days = retention_days
    policy.save(update_fields=["retention_days", "updated_at"])
    record(
        actor=actor,
        action="counter.retention.set",
        organisation=organisation,
        target=policy,
        request=request,
        data={"from": previous, "to": retention_days},
    )
    return policy


def _japan_time(moment: datetime) -> str:
    """ISO 8601 with the explicit offset (+09:00): what staff saw on screen, unambiguous."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _residence_export(check: ResidenceCheck, language: str) -> dict[str, Any]:
    worded = reworded(residence_deadlines(check), language, timezone.localdate())
    return {
        _("Date"): _japan_time(check.created_at),
        _("What was entered"): residence_inputs(check),
        _("Residence deadlines"): [
            *(f"{step.day.isoformat()}: {step.what}" for step in worded.steps),
            *(note.what for note in worded.notes),
        ],
    }


def subject_access_export(
    *, actor: Any, client: Client, request: HttpRequest | None = None
) -> dict[str, Any]:
    """Everything held about the client, labelled in their language (GDPR-style access)."""
    with translation.override(client.preferred_language):
        consultations = []
        for consultation in Consultation.objects.filter(client=client).order_by("consulted_at"):
            consultations.append(
                {
                    _("Date"): _japan_time(consultation.consulted_at),
                    _("Channel"): str(consultation.get_channel_display()),
                    _("Topics"): [str(Topic(t).label) for t in consultation.topics],
                    _("Language used"): language_name(consultation.language),
                    _("Interpreter"): str(consultation.get_interpreter_mode_display()),
                    _("Notes"): consultation.narrative,
                    _("Outcome"): str(consultation.get_outcome_display()),
                    _("Residence deadlines"): [
                        _residence_export(check, client.preferred_language)
                        for check in consultation.residence_checks.exclude(inputs="")
                    ],
                }
            )
        export = {
            _("Reference"): client.reference,
            _("Organisation"): client.organisation.name,
            _("Nickname or initials"): client.nickname,
            _("Full name"): client.full_name,
            _("Nationality"): str(client.get_nationality_display()),
            _("Languages"): languages_display(client.languages),
            _("Status of residence"): str(client.get_status_of_residence_display()),
            _("Municipality"): client.municipality,
            _("Contact details"): client.contact,
            _("Consultations"): consultations,
            _("Consents"): [
                {
                    _("Date"): _japan_time(c.given_at),
                    _("Consent text version"): c.consent_text.version,
                    _("Language"): c.consent_text.language,
                    _("Interpreter (name or service)"): c.interpreted_by,
                    _("Interpreted into"): c.interpreted_into,
                    _("Agrees that the consultation is recorded"): c.agrees_to_recording,
                    _("May be shared with referral receivers"): [
                        str(ShareableField(f).label) for f in c.shareable_fields
                    ],
                }
                for c in client.consents.select_related("consent_text")
            ],
            _("Referrals"): [
                {
                    _("Date"): _japan_time(r.created_at),
                    _("To"): r.receiver_name,
                    **({_("Answer from the receiver"): r.answer} if r.answer else {}),
                }
                for r in client.referrals.select_related("to_organisation", "to_agency")
            ],
        }
    record(
        actor=actor,
        action="counter.client.export",
        organisation=client.organisation,
        target=client,
        request=request,
    )
    return export


# --- API keys ------------------------------------------------------------------------------


def hash_api_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_api_key(
    *, actor: Any, organisation: Organisation, name: str, request: HttpRequest | None = None
) -> tuple[ApiKey, str]:
    """Returns the key and its secret, which is shown once and never stored."""
    prefix = secrets.token_hex(4)
    secret = f"ky_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(
        organisation=organisation,
        name=name.strip()[:100] or "integration",
        prefix=prefix,
        key_hash=hash_api_key(secret),
        created_by=actor,
    )
    record(
        actor=actor,
        action="counter.api_key.create",
        organisation=organisation,
        target=key,
        request=request,
    )
    return key, secret


@transaction.atomic
def revoke_api_key(*, actor: Any, key: ApiKey, request: HttpRequest | None = None) -> ApiKey:
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        record(
            actor=actor,
            action="counter.api_key.revoke",
            organisation=key.organisation,
            target=key,
            request=request,
        )
    return key


def organisation_for_api_key(secret: str) -> ApiKey | None:
    parts = secret.split("_")
    if len(parts) < 3 or parts[0] != "ky":
        return None
    key = (
        ApiKey.objects.filter(prefix=parts[1], revoked_at__isnull=True)
        .select_related("organisation")
        .first()
    )
    if key is None or not secrets.compare_digest(key.key_hash, hash_api_key(secret)):
        return None
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key


# --- key rotation --------------------------------------------------------------------------

ENCRYPTED_COLUMNS: tuple[tuple[type[Any], tuple[str, ...]], ...] = (
    (Client, ("full_name", "contact")),
    (Consultation, ("narrative",)),
    (FollowUpTask, ("description",)),
    (ResidenceCheck, ("inputs", "deadlines")),
    (Referral, ("snapshot", "response_note", "answer")),
    (Attachment, ("filename",)),
)


def rotate_keys(
    *, progress: Callable[[str, int, int], None] | None = None, batch: int = 500
) -> int:
    """Re-encrypt every encrypted field and attachment file with the first configured key."""
    rotated = 0
    for model, fields in ENCRYPTED_COLUMNS:
        total = model.objects.count()
        done = 0
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch):
            with transaction.atomic():
                # Loading decrypts with any key; writing encrypts with the first one.
                rows = list(model.objects.filter(pk__in=ids[start : start + batch]).only(*fields))
                model.objects.bulk_update(rows, list(fields))
                rotated += len(rows)
            done = min(total, start + batch)
            if progress:
                progress(model._meta.label, done, total)
    reindex_phones(progress=progress, batch=batch)
    attachments = list(Attachment.objects.values_list("storage_name", flat=True))
    for index, storage_name in enumerate(attachments, start=1):
        path = attachment_path(storage_name)
        if path.exists():
            path.write_bytes(crypto.rotate_token(path.read_bytes()))
        if progress:
            progress("attachment files", index, len(attachments))
    record(
        actor=None, action="counter.keys.rotate", data={"rows": rotated, "files": len(attachments)}
    )
    return rotated


def reindex_phones(
    *, progress: Callable[[str, int, int], None] | None = None, batch: int = 500
) -> int:
    """Recompute every phone blind index (after COUNTER_SEARCH_KEY changed)."""
    ids = list(Client.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        with transaction.atomic():
            rows = Client.objects.filter(pk__in=ids[start : start + batch]).only(
                "organisation_id", "contact"
            )
            for client in rows:
                index_phones(client.pk, client.organisation_id, client.contact)
        if progress:
            progress("phone index", min(len(ids), start + batch), len(ids))
    return len(ids)


# --- the shared agency directory (edited in the Django admin) -------------------------------

AGENCY_FIELDS = (
    "kind",
    "name",
    "name_en",
    "phone",
    "website",
    "languages",
    "hours",
    "address",
    "translations",
    "notes",
)
AGENCY_ADMIN_FIELDS = (*AGENCY_FIELDS, "is_active")


@transaction.atomic
def save_agency(
    *,
    actor: Any,
    agency: Agency | None,
    changes: dict[str, Any],
    request: HttpRequest | None = None,
) -> Agency:
    """Create (agency None) or change a directory entry; audited with the fields changed.
    Entries are retired with is_active, never deleted: referrals point at them."""
    unknown = set(changes) - set(AGENCY_ADMIN_FIELDS)
    if unknown:
        raise ValueError(f"not an agency field: {sorted(unknown)}")
    creating = agency is None
    agency = agency or Agency()
    changed = [f for f in AGENCY_ADMIN_FIELDS if f in changes and getattr(agency, f) != changes[f]]
    if not changed and not creating:
        return agency
    for name in changed:
        setattr(agency, name, changes[name])
    agency.full_clean()
    agency.save()
    record(
        actor=actor,
        action="counter.agency_create" if creating else "counter.agency_update",
        target=agency,
        request=request,
        data={"fields": changed},
    )
    return agency
