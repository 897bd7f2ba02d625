"""Confidential case management for one-stop consultation counters.

Identifying text (full name, contact details, narratives, task notes, referral snapshots,
attachment names and contents) is encrypted with keys kept outside the database
(kyosei.counter.crypto). Statistical fields (dates, topics, language, nationality, channel,
status of residence, interpreter minutes) stay in clear so reports need no decryption and
survive anonymisation.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyosei.counter.choices import (
    AgencyKind,
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
from kyosei.counter.crypto import EncryptedTextField

TOPIC_LABELS = dict(Topic.choices)
CHANNEL_LABELS = dict(Channel.choices)
OUTCOME_LABELS = dict(Outcome.choices)


class CounterSettings(models.Model):
    """Per-organisation policy: how long identifying case data is kept."""

    organisation = models.OneToOneField(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="counter_settings"
    )
    retention_days = models.PositiveIntegerField(
        _("retention period (days)"),
        default=5 * 365,
        help_text=_("After this many days without a consultation, identifying data is removed."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.organisation}: {self.retention_days} d"


class Client(models.Model):
    """A resident who consults the counter; pseudonymous by default."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="counter_clients"
    )
    reference = models.CharField(_("reference"), max_length=16)
    # The reference backwards, so its end is searched like its start (one index range).
    reference_reversed = models.CharField(max_length=16, blank=True, editable=False)
    nickname = models.CharField(
        _("nickname or initials"),
        max_length=60,
        help_text=_("A pseudonym is enough; the full name is optional."),
    )
    # Upper-cased nickname for exact, indexed search ("a.b." finds "A.B.").
    nickname_key = models.CharField(max_length=60, blank=True, editable=False)
    full_name = EncryptedTextField(_("full name"), blank=True)
    nationality = models.CharField(
        _("nationality"), max_length=2, choices=Nationality.choices, blank=True
    )
    preferred_language = models.CharField(_("preferred language"), max_length=35, default="ja")
    # [{"language": "pt", "proficiency": "native"}, …]
    languages = models.JSONField(_("languages"), default=list, blank=True)
    status_of_residence = models.CharField(
        _("status of residence"),
        max_length=40,
        choices=StatusOfResidence.choices,
        default=StatusOfResidence.UNKNOWN,
    )
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    contact = EncryptedTextField(_("contact details"), blank=True)
    contact_preference = models.CharField(
        _("contact preference"),
        max_length=10,
        choices=ContactPreference.choices,
        default=ContactPreference.VISIT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_consulted_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    # Case work: who handles the case and where it stands. Not identifying, not versioned
    # (assigning a case must not make a colleague's open edit of the client stale).
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Caseworker"),
    )
    case_status = models.CharField(
        _("Case status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    close_reason = models.CharField(
        _("Reason"), max_length=12, choices=CloseReason.choices, blank=True
    )
    # Set when this record was a duplicate merged into another (services.merge_clients): it
    # keeps its reference, so an old handoff card still leads to the person, and nothing else.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    # Optimistic locking: every update states the version it read.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"], name="unique_counter_client_reference"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="counter_client_org_recent"),
            models.Index(
                fields=["organisation", "nickname_key"], name="counter_client_org_nickkey"
            ),
            models.Index(
                fields=["organisation", "last_consulted_at"], name="counter_client_retention"
            ),
            models.Index(
                fields=["organisation", "caseworker", "case_status"], name="counter_client_cases"
            ),
            models.Index(
                fields=["organisation", "reference_reversed"], name="counter_client_ref_end"
            ),
        ]

    def __str__(self) -> str:
        # Only the reference: this string is copied into the append-only audit log, which
        # must not keep a nickname after the client is anonymised.
        return self.reference


class ClientPhone(models.Model):
    """A blind index of one phone number in a client's (encrypted) contact details: a keyed
    hash of the normalised number, so staff find a client by phone while the database never
    holds the number (kyosei.counter.matching.phone_numbers, crypto.blind_index)."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="phone_index")
    digest = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["organisation", "digest"], name="counter_phone_lookup")]

    def __str__(self) -> str:
        return f"phone of {self.client_id}"


class ConsentText(models.Model):
    """One version of the consent explanation, in one language."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="counter_consent_texts"
    )
    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=35)
    what_is_recorded = models.TextField(_("what is recorded"))
    who_may_see = models.TextField(_("who may see it"))
    how_long_kept = models.TextField(_("how long it is kept"))
    how_to_withdraw = models.TextField(
        _("How to withdraw consent or have your data erased"), blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "version", "language"], name="unique_consent_text"
            )
        ]

    def __str__(self) -> str:
        return f"v{self.version} ({self.language})"


class ConsentRecord(models.Model):
    """What a client agreed to, against which text, when. Never edited: a new one supersedes."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    consent_text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="+")
    agrees_to_recording = models.BooleanField(_("agrees that the consultation is recorded"))
    shareable_fields = models.JSONField(_("may be shared with referral receivers"), default=list)
    # Set when the text was not in a language the client reads and was interpreted to them.
    interpreted_by = models.CharField(
        _("Interpreter (name or service)"), max_length=200, blank=True
    )
    interpreted_into = models.CharField(_("Interpreted into"), max_length=35, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    given_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-id"]

    def __str__(self) -> str:
        # Japan time, as staff see every other date (this string reaches the audit log).
        return f"{self.client} consent {timezone.localtime(self.given_at):%Y-%m-%d}"


class Consultation(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="counter_consultations"
    )
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="consultations")
    consulted_at = models.DateTimeField(_("date and time"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    # Topics are also denormalised into ConsultationTopic rows for multi-count statistics.
    topics = models.JSONField(_("topics"), default=list)
    language = models.CharField(_("language used"), max_length=35)
    interpreter_mode = models.CharField(
        _("interpreter"),
        max_length=10,
        choices=InterpreterMode.choices,
        default=InterpreterMode.NONE,
    )
    interpreter_language = models.CharField(_("interpretation language"), max_length=35, blank=True)
    interpreter_minutes = models.PositiveIntegerField(_("interpreter minutes"), default=0)
    narrative = EncryptedTextField(_("notes"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.INFORMATION_GIVEN
    )
    minutes_spent = models.PositiveIntegerField(_("time spent (minutes)"), default=10)
    nationality = models.CharField(max_length=2, blank=True)  # copied for statistics
    status_of_residence = models.CharField(max_length=40, blank=True)  # copied for statistics
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-consulted_at", "-id"]
        indexes = [
            models.Index(
                fields=["organisation", "-consulted_at", "-id"], name="counter_cons_recent"
            ),
            models.Index(
                fields=["organisation", "channel", "-consulted_at"], name="counter_cons_channel"
            ),
            models.Index(
                fields=["organisation", "language", "-consulted_at"], name="counter_cons_lang"
            ),
            models.Index(fields=["client", "-consulted_at"], name="counter_cons_client"),
        ]

    def __str__(self) -> str:
        # Japan time: the referral picker and the audit log show this string, and a UTC date
        # names the day before for anything consulted before 09:00.
        local = timezone.localtime(self.consulted_at)
        return f"{local:%Y-%m-%d %H:%M} {self.get_channel_display()}"

    # Plain dict lookups: list pages call these 50 times, and Django's get_FOO_display()
    # re-hashes the whole choices list on every call.
    @property
    def topic_labels(self) -> list[str]:
        return [str(TOPIC_LABELS[topic]) for topic in self.topics if topic in TOPIC_LABELS]

    @property
    def channel_label(self) -> str:
        return str(CHANNEL_LABELS.get(self.channel, self.channel))

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS.get(self.outcome, self.outcome))


class ConsultationTopic(models.Model):
    """One topic of one consultation: a consultation counts once under each of its topics."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="topic_rows"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    consulted_at = models.DateTimeField()
    topic = models.CharField(max_length=20, choices=Topic.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultation", "topic"], name="unique_topic_row")
        ]
        indexes = [
            models.Index(
                fields=["organisation", "topic", "-consulted_at"], name="counter_topic_stats"
            )
        ]

    def __str__(self) -> str:
        return self.topic


class Attachment(models.Model):
    """A file kept encrypted on disk under MEDIA_ROOT; never served inline, never executed."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="attachments"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    storage_name = models.CharField(max_length=64, unique=True)
    filename = EncryptedTextField()
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"attachment {self.pk} ({self.content_type})"


class ResidenceCheck(models.Model):
    """The residence-deadline tool run at the counter and saved to a consultation: what was
    entered (the engine's input) and the deadlines it gave, both encrypted as JSON."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="residence_checks"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    inputs = EncryptedTextField(blank=True)  # JSON of the engine input
    deadlines = EncryptedTextField(blank=True)  # JSON: [{"kind": …, "date": …}], notes
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"residence check {self.pk}"


class FollowUpTask(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="tasks")
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    description = EncryptedTextField(_("what to do"))
    due_on = models.DateField(_("due on"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["organisation", "done_at", "due_on"], name="counter_task_due")
        ]

    def __str__(self) -> str:
        return f"task due {self.due_on}"


class Agency(models.Model):
    """An external office in the referral and interpretation directory (shared by everyone)."""

    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    website = models.URLField(_("website"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    hours = models.CharField(_("hours"), max_length=200, blank=True)
    address = models.CharField(_("Address"), max_length=300, blank=True)
    # What residents read, per language: {"ne": {"name": "…", "address": "…", "hours": "…"}}.
    # `name`, `address` and `hours` above stay the Japanese ones the office itself uses.
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_("Name and address for residents, per language code (JSON)."),
    )
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.translations is None:  # an empty admin field
            self.translations = {}
        if not isinstance(self.translations, dict) or not all(
            isinstance(v, dict) and all(isinstance(t, str) for t in v.values())
            for v in self.translations.values()
        ):
            raise ValidationError(
                {"translations": _("Give a name and an address per language code.")}
            )

    def translated(self, field: str, language: str) -> str:
        """`name`, `address` or `hours` in `language`, through its fallback chain (the
        English name before the Japanese one)."""
        from kyosei.core.languages import registry

        for code in registry().fallback_chain(language):
            text = str((self.translations.get(code) or {}).get(field, "")).strip()
            if text:
                return text
            if code == "en" and field == "name" and self.name_en:
                return self.name_en
        return str(getattr(self, field))


class Referral(models.Model):
    """A handoff to another Kyosei organisation or an external agency.

    The receiver sees only `snapshot`: the fields the client consented to share, frozen at
    referral time and encrypted. It never gets access to the client record itself.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the receiver")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CLOSED = "closed", _("Closed")
        RETURNED = "returned", _("Answered and returned")

    from_organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="counter_referrals_sent"
    )
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="referrals")
    consultation = models.ForeignKey(
        Consultation, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    to_organisation = models.ForeignKey(
        "orgs.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="counter_referrals_received",
    )
    to_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    code = models.CharField(max_length=12, unique=True)
    shared_fields = models.JSONField(default=list)
    snapshot = EncryptedTextField()  # JSON of the shared fields
    client_language = models.CharField(max_length=35, default="ja")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    response_note = EncryptedTextField(blank=True)
    # The receiver's answer when it returns the case to the sender (the national centre
    # answering a counter's question): encrypted, stripped with the client's data.
    answer = EncryptedTextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # The receiver's own client record, created from the snapshot (no retelling). Only the
    # receiver ever follows this link; the sender's pages never show it.
    receiver_client = models.ForeignKey(
        Client, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(to_organisation__isnull=False)
                | models.Q(to_agency__isnull=False),
                name="referral_has_receiver",
            )
        ]

    def __str__(self) -> str:
        return f"referral {self.code}"

    @property
    def receiver_name(self) -> str:
        receiver = self.to_organisation or self.to_agency
        return str(receiver) if receiver else ""


class InterpretationRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        PROVIDED = "provided", _("Provided")
        UNAVAILABLE = "unavailable", _("Not available")

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    consultation = models.ForeignKey(
        Consultation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretation_requests",
    )
    service = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(_("language"), max_length=35)
    mode = models.CharField(_("mode"), max_length=10, choices=InterpreterMode.choices)
    minutes = models.PositiveIntegerField(_("minutes"), default=0)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.language} {self.mode}"


class ErasureRequest(models.Model):
    """Erasure of a client's identifying data, executed only after a supervisor approves."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a supervisor")
        APPROVED = "approved", _("Approved and erased")
        REJECTED = "rejected", _("Rejected")

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="erasure_requests")
    reason = models.TextField(_("reason"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"erasure of {self.client_id} ({self.status})"


class ApiKey(models.Model):
    """A per-organisation key for integrations; only a hash is stored."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="counter_api_keys"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class FormSubmission(models.Model):
    """A form token that was already used. Each intake or new-client form carries a random token;
    a second POST of the same form (a double click, a resent request) finds the row and gets the
    first result instead of creating a second consultation or client."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="counter_form_submissions"
    )
    token = models.CharField(max_length=80)  # "api:" + an Idempotency-Key of up to 64
    client = models.ForeignKey(Client, null=True, on_delete=models.CASCADE, related_name="+")
    consultation = models.ForeignKey(
        Consultation, null=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "token"], name="counter_form_token_once"
            )
        ]

    def __str__(self) -> str:
        return f"form {self.token[:8]}…"
