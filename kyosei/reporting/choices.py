from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    UNPAID_WAGES = "unpaid_wages", _("Unpaid or under-paid wages")
    DOCUMENTS_HELD = "documents_held", _("Passport or residence card held by someone else")
    VIOLENCE = "violence", _("Violence or harassment")
    EXCESSIVE_HOURS = "excessive_hours", _("Excessive working hours")
    FORCED_SAVINGS = "forced_savings", _("Forced savings, deposits or broker fees")
    PREGNANCY_ILLNESS = "pregnancy_illness", _("Threats over pregnancy or illness")
    CHANGE_SITE = "change_site", _("I want to change my training site or workplace")
    OTHER = "other", _("Something else")


class Status(models.TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    INVESTIGATING = "investigating", _("Being investigated")
    REFERRED = "referred", _("Referred")
    CLOSED = "closed", _("Closed")


class CloseReason(models.TextChoices):
    RESOLVED = "resolved", _("Resolved")
    REFERRED_ELSEWHERE = "referred_elsewhere", _("Handed to another authority")
    NO_CONTACT = "no_contact", _("No further contact from the reporter")
    NOT_ACTIONABLE = "not_actionable", _("Nothing we can act on")


class Author(models.TextChoices):
    REPORTER = "reporter", _("You")
    STAFF = "staff", _("Staff")
