"""The anonymous reporting channel (issue 17).

Nothing here identifies the reporter: no address, no user agent, no account. The receipt code
is kept only as a slow hash (kyosei.reporting.receipts). Report text, messages, notes,
employer names, contact details and attachment names are encrypted with the field keys kept
outside the database (kyosei.counter.crypto), attachment files on disk likewise. Category,
prefecture, language, status and dates stay in clear for routing, triage and statistics.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kyosei.counter.crypto import EncryptedTextField
from kyosei.orgs.prefectures import PREFECTURE_CHOICES
from kyosei.reporting.choices import Author, Category, CloseReason, Status


class ReportingSettings(models.Model):
    """Per-organisation policy for the reports it receives."""

    organisation = models.OneToOneField(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="reporting_settings"
    )
    retention_days = models.PositiveIntegerField(
        _("Keep reports for (days)"),
        default=2 * 365,
        help_text=_(
            "Reports and conversations are deleted this many days after their last message."
        ),
    )
    first_answer_days = models.PositiveIntegerField(_("First answer due within (days)"), default=3)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.organisation}: {self.retention_days} d"


class Route(models.Model):
    """Which organisation handles reports from a prefecture and of a category. An empty
    prefecture or category matches any; without a matching row the national centre does."""

    prefecture = models.CharField(
        _("Prefecture"), max_length=2, choices=PREFECTURE_CHOICES, blank=True
    )
    category = models.CharField(
        _("What happened?"), max_length=20, choices=Category.choices, blank=True
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="reporting_routes"
    )

    class Meta:
        ordering = ["prefecture", "category"]
        constraints = [
            models.UniqueConstraint(fields=["prefecture", "category"], name="reporting_route_once")
        ]

    def __str__(self) -> str:
        return f"{self.prefecture or '*'}/{self.category or '*'} → {self.organisation_id}"


class Report(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="reports"
    )
    receipt_hash = models.CharField(max_length=64, unique=True, editable=False)
    category = models.CharField(_("What happened?"), max_length=20, choices=Category.choices)
    prefecture = models.CharField(_("Prefecture"), max_length=2, choices=PREFECTURE_CHOICES)
    language = models.CharField(_("Preferred language"), max_length=35)
    employer = EncryptedTextField(_("Employer or supervising organisation (optional)"), blank=True)
    contact = EncryptedTextField(_("How may we contact you? (optional)"), blank=True)
    callback_requested = models.BooleanField(default=False)
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.NEW)
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Assigned to"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    first_answer_due = models.DateTimeField()
    first_answered_at = models.DateTimeField(null=True, blank=True)
    last_message_at = models.DateTimeField()
    consent_to_counter = models.BooleanField(default=False)
    counter_client = models.ForeignKey(
        "counter.Client", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status", "-created_at"], name="report_triage"),
            models.Index(
                fields=["organisation", "first_answered_at", "first_answer_due"],
                name="report_overdue",
            ),
            models.Index(fields=["organisation", "last_message_at"], name="report_retention"),
        ]

    def __str__(self) -> str:
        # Only the number: this string is copied into the append-only audit log.
        return f"report {self.pk}"

    @property
    def language_name(self) -> str:
        from kyosei.core.languages import registry

        found = registry().get(self.language)
        return found.native_name if found else self.language


class Message(models.Model):
    """One turn of the conversation; what the reporter sees."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=8, choices=Author.choices)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"message {self.pk}"


class Note(models.Model):
    """Staff's internal note: never shown to the reporter."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"note {self.pk}"


class ReportAttachment(models.Model):
    """A file stripped of its metadata, kept encrypted on disk under MEDIA_ROOT/reporting."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    storage_name = models.CharField(max_length=64, unique=True)
    filename = EncryptedTextField()
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"attachment {self.pk} ({self.content_type})"


class ReportTally(models.Model):
    """One filed report, counted for the yearly statistics: month, category, prefecture and
    language only, no link to the report. It outlives the report (deleted by its reporter or
    at the end of the retention period), so the year's figures stay whole."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()
    category = models.CharField(max_length=20, choices=Category.choices)
    prefecture = models.CharField(max_length=2, choices=PREFECTURE_CHOICES)
    language = models.CharField(max_length=35)

    class Meta:
        indexes = [models.Index(fields=["organisation", "month"], name="report_tally_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.category}"
