"""Disaster alerts: JMA telegrams → events → notices → deliveries to subscribers.

A *telegram* is one received JMA XML document (stored once, however often it arrives). An
*event* groups the telegrams of one JMA EventID and type. A *notice* is one message Kyosei
decides to send (issue, update, correction, cancellation, lifting, or an organisation's own
alert), with the municipalities it targets. A *delivery* is one (notice, subscription) pair:
its uniqueness is the idempotency key that keeps anybody from getting the same notice twice.
Every attempt to hand a delivery to a push service, SMTP server or webhook is a
*delivery attempt* row.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from kyosei.orgs.models import Organisation


class Area(models.Model):
    """A named JMA area: municipality, earthquake subdivision, tsunami forecast area, ..."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        SUBDIVISION = "subdivision", _("Earthquake subdivision")
        TSUNAMI = "tsunami", _("Tsunami forecast area")
        FORECAST = "forecast", _("Forecast area")
        PREFECTURE = "prefecture", _("Prefecture")
        VOLCANO = "volcano", _("Volcano")
        EPICENTRE = "epicentre", _("Epicentre")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    code = models.CharField(max_length=12)
    name = models.CharField(max_length=200)
    kana = models.CharField(max_length=300, blank=True)
    # Municipalities only: where the municipality sits in JMA's other area systems.
    subdivision_code = models.CharField(max_length=12, blank=True, db_index=True)
    forecast_area_code = models.CharField(max_length=12, blank=True)
    # The precise area where an admin knows better than data/tsunami_coasts.json.
    # When set it wins over tsunami_area_codes (see areas.municipalities_in_tsunami_areas).
    tsunami_area_code = models.CharField(
        max_length=12,
        blank=True,
        db_index=True,
        help_text=_(
            "JMA tsunami forecast area code for this coastal municipality. When set, it replaces "
            "the areas derived from JMA's code tables."
        ),
    )
    # Derived at import from JMA's tables: every tsunami forecast area of the prefecture for a
    # coastal municipality, [] inland (areas.import_code_tables). A list, not one code, because
    # the tables do not say which of its prefecture's coasts a municipality faces.
    tsunami_area_codes = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            "Tsunami forecast areas derived from JMA's code tables on import: all areas of the "
            "prefecture for a coastal municipality, none inland."
        ),
    )

    # JMA's own names of the area in other languages (its multilingual dictionary, loaded by
    # `kyosei alerts import-dictionary`): language code -> name. They win over data/area_names.
    names = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="unique_area")]
        ordering = ["kind", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Event(models.Model):
    """One JMA event (EventID) of one telegram type, drill or real."""

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40)
    type_code = models.CharField(max_length=20)
    event_id = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=10)  # 通常 / 訓練 / 試験
    title = models.CharField(max_length=300, blank=True)
    # ordering_key of the newest telegram applied, so an older one arriving late is not applied
    latest_serial = models.IntegerField(default=-1)
    latest_report_at = models.DateTimeField(null=True, blank=True)
    is_cancelled = models.BooleanField(default=False)
    first_received_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.type_code} {self.event_id} {self.title}"

    @property
    def is_real(self) -> bool:
        return self.status == "通常"


class Telegram(models.Model):
    class Source(models.TextChoices):
        FEED = "feed", _("JMA Atom feed")
        PUSH = "push", _("Push endpoint")
        REPLAY = "replay", _("Replay from file")

    class Outcome(models.TextChoices):
        APPLIED = "applied", _("Applied")
        STALE = "stale", _("Older than what was already applied")
        VOID = "void", _("Event already cancelled")
        IGNORED = "ignored", _("Not an alert type")
        REJECTED = "rejected", _("Could not be parsed")

    digest = models.CharField(max_length=64, unique=True)  # sha256 of the raw bytes
    # Same telegram re-sent with different bytes (another feed, re-encoded): same identity.
    identity = models.CharField(max_length=64, unique=True, null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    received_at = models.DateTimeField(db_index=True)
    raw = models.TextField()
    type_code = models.CharField(max_length=20, blank=True)
    jma_event_id = models.CharField(max_length=100, blank=True)
    serial = models.IntegerField(null=True, blank=True)
    info_type = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=10, blank=True)
    report_at = models.DateTimeField(null=True, blank=True)
    title = models.CharField(max_length=300, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    error = models.TextField(blank=True)
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="telegrams"
    )

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.type_code} {self.jma_event_id} #{self.serial} {self.info_type}"


class Hazard(models.TextChoices):
    TSUNAMI = "tsunami", _("Tsunami")
    EARTHQUAKE = "earthquake", _("Earthquake")
    EEW = "eew", _("Earthquake early warning")
    WEATHER = "weather", _("Weather warning")
    VOLCANO = "volcano", _("Volcano")
    LOCAL = "local", _("Alert from your municipality")


class Phase(models.TextChoices):
    ISSUE = "issue", _("Issued")
    UPDATE = "update", _("Updated")
    CORRECTION = "correction", _("Correction")
    CANCELLATION = "cancellation", _("Cancellation")
    LIFTING = "lifting", _("Lifted")


class Notice(models.Model):
    """One message to send, rendered per language at delivery time from message templates."""

    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    telegram = models.ForeignKey(
        Telegram, null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    hazard = models.CharField(max_length=20, choices=Hazard.choices)
    phase = models.CharField(max_length=20, choices=Phase.choices)
    template = models.CharField(max_length=60)  # key into kyosei.alerts.messages.TEMPLATES
    # One telegram can give one template several groups of recipients with different details
    # (each coast its own first-wave time): part numbers them.
    part = models.PositiveSmallIntegerField(default=0)
    severity = models.PositiveSmallIntegerField(default=0)
    is_drill = models.BooleanField(default=False)
    # Municipality codes targeted and, for earthquakes, the intensity rank per code.
    codes = models.JSONField(default=list)
    intensity_by_code = models.JSONField(default=dict, blank=True)
    details = models.JSONField(default=dict, blank=True)  # placeholders for the templates
    received_at = models.DateTimeField()  # when the telegram arrived (latency is from here)
    created_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    fanned_out_at = models.DateTimeField(null=True, blank=True)
    # Until when its fan-out, queued or under way, holds this notice; after that, while
    # fanned_out_at is still empty, the sweep starts it again (its worker died, its task was
    # lost). Empty: no fan-out was ever scheduled (a replay with --no-send).
    fan_out_lease_until = models.DateTimeField(null=True, blank=True)
    first_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["telegram", "template", "part"], name="unique_notice_part"
            )
        ]

    def __str__(self) -> str:
        when = f"{self.created_at:%Y-%m-%d %H:%M}"
        return f"{self.get_hazard_display()} {self.get_phase_display()} ({when})"


def new_token() -> str:
    return secrets.token_urlsafe(24)


def preference_field(hazard: str) -> str:
    """The Subscription flag saying whether a subscriber wants alerts of `hazard` (a Hazard
    value); a test checks every hazard has one."""
    return f"want_{hazard}"


class Subscription(models.Model):
    """A resident's subscription (no account): Web Push, email or an organisation's webhook."""

    class Channel(models.TextChoices):
        WEBPUSH = "webpush", _("Web Push")
        EMAIL = "email", _("Email")
        WEBHOOK = "webhook", _("Webhook")

    channel = models.CharField(max_length=10, choices=Channel.choices)
    language = models.CharField(max_length=35)
    # Web Push: endpoint + keys. Webhook: endpoint = URL, secret signs the body.
    endpoint = models.URLField(max_length=1000, blank=True)
    p256dh = models.CharField(max_length=200, blank=True)
    auth = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    secret = models.CharField(max_length=100, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="webhooks"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    confirmed = models.BooleanField(default=False)  # email double opt-in
    is_active = models.BooleanField(default=True)
    disabled_reason = models.CharField(max_length=200, blank=True)
    want_tsunami = models.BooleanField(default=True)
    want_earthquake = models.BooleanField(default=True)
    want_eew = models.BooleanField(default=True)
    want_weather = models.BooleanField(default=True)
    want_volcano = models.BooleanField(default=True)
    want_local = models.BooleanField(default=True)
    min_intensity = models.PositiveSmallIntegerField(
        default=4, help_text=_("Intensity rank 0–9 (4 = intensity 4, 5 = 5-, ...)")
    )
    include_drills = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["channel", "endpoint"], name="alerts_sub_endpoint")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} #{self.pk} ({self.language})"


class SubscriptionArea(models.Model):
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(max_length=7)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "code"], name="unique_sub_area")
        ]
        indexes = [models.Index(fields=["code", "subscription"], name="alerts_subarea_code")]

    def __str__(self) -> str:
        return f"{self.subscription_id}:{self.code}"


class Delivery(models.Model):
    """(notice, subscription): unique, so a notice reaches a subscription at most once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        GONE = "gone", _("Subscription gone")

    # No index of its own: unique_delivery (notice, subscription) serves lookups by notice. Every
    # index here is written twice per delivery (claimed, then sent) during a fan-out.
    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="deliveries", db_index=False
    )
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    lease_until = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["notice", "subscription"], name="unique_delivery")
        ]
        # Only unfinished rows are looked up by status (batches, the sweep); a sent row leaves
        # this index instead of being rewritten in it.
        indexes = [
            models.Index(
                fields=["notice", "id"],
                condition=models.Q(status__in=["pending", "sending"]),
                name="alerts_delivery_unfinished",
            )
        ]

    def __str__(self) -> str:
        return f"{self.idempotency_key} {self.status}"

    @property
    def idempotency_key(self) -> str:
        return self.key_for(self.notice_id, self.subscription_id)

    @staticmethod
    def key_for(notice_id: int, subscription_id: int) -> str:
        return f"kyosei-{notice_id}-{subscription_id}"


class DeliveryAttempt(models.Model):
    # No database constraint: only record_outcomes() writes attempts, for rows it has just
    # claimed, and the deferred per-row check cost PostgreSQL as much as the insert itself.
    # Deleting a delivery still deletes its attempts (Django's on_delete).
    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, related_name="attempt_rows", db_constraint=False
    )
    at = models.DateTimeField()
    ok = models.BooleanField()
    status_code = models.IntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.delivery_id} {'ok' if self.ok else self.error}"


class FeedState(models.Model):
    """What the poller last saw of one JMA Atom feed (for If-Modified-Since and dedup)."""

    url = models.URLField(max_length=500, unique=True)
    last_modified = models.CharField(max_length=100, blank=True)
    seen = models.JSONField(default=list, blank=True)  # recent entry ids, newest last
    checked_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return self.url
