"""Reminders of My residence's deadlines: the only thing the tool keeps, and only on request.

A row holds the deadline's day and kind, the language and channel of the reminder, the
address to reach (the email encrypted at rest, or a browser's push subscription), the random
token of its one-click delete link and when it was sent. Nothing else the resident entered
(status, card dates, birth date, events) is stored."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from kyosei.counter.crypto import EncryptedTextField


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Reminder(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        PUSH = "push", _("Web Push")

    due = models.DateField()
    kind = models.CharField(max_length=40)
    language = models.CharField(max_length=35)
    channel = models.CharField(max_length=5, choices=Channel.choices)
    email = EncryptedTextField(blank=True)
    endpoint = models.URLField(max_length=1000, blank=True)
    p256dh = models.CharField(max_length=200, blank=True)
    auth = models.CharField(max_length=100, blank=True)
    # One token for the reminders of one request: its link deletes them all.
    token = models.CharField(max_length=64, db_index=True, default=new_token)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["due", "id"],
                condition=models.Q(sent_at__isnull=True),
                name="residence_reminder_unsent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.due} ({self.channel}, {self.language})"
