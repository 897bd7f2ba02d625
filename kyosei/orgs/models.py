import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kyosei.orgs.prefectures import PREFECTURE_CHOICES, PREFECTURES

JMA_CODE_RE = re.compile(r"^\d{7}$")


def validate_jma_code(value: str) -> None:
    if not JMA_CODE_RE.match(value):
        raise ValidationError(_("A JMA municipality code has exactly 7 digits."))


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality counter")
        ASSOCIATION = "association", _("International association")
        NATIONAL_CENTRE = "national_centre", _("National centre")

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    prefecture = models.CharField(max_length=2, choices=PREFECTURE_CHOICES, blank=True)
    address = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    languages_offered = models.JSONField(default=list, blank=True)
    # What residents read, per language: {"pt-BR": {"name": "…", "address": "…"}, …}; the
    # Japanese `name`/`address` above stay the official ones (and what a map is searched for).
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_("Name and address for residents, per language code (JSON)."),
    )
    # Where residents go in person (WGS 84), for "near me"; empty for phone/online-only services.
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90.0), MaxValueValidator(90.0)],
        help_text=_("Of the counter's entrance, in decimal degrees (e.g. 34.7036)."),
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180.0), MaxValueValidator(180.0)],
        help_text=_("In decimal degrees (e.g. 137.7327)."),
    )
    is_public = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "prefecture", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not isinstance(self.translations, dict) or not all(
            isinstance(v, dict) and all(isinstance(t, str) for t in v.values())
            for v in self.translations.values()
        ):
            raise ValidationError(
                {"translations": _("Give a name and an address per language code.")}
            )
        if self.kind == self.Kind.MUNICIPALITY and not self.prefecture:
            raise ValidationError({"prefecture": _("A municipality must name its prefecture.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))

    @property
    def coordinates(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return (self.latitude, self.longitude)

    def translated(self, field: str, language: str) -> str:
        """`name` or `address` in `language`, through its fallback chain to the Japanese."""
        from kyosei.core.languages import registry

        for code in registry().fallback_chain(language):
            text = (self.translations.get(code) or {}).get(field, "").strip()
            if text:
                return str(text)
            if code == "en" and field == "name" and self.name_en:
                return self.name_en
            if code == "ja":  # the official Japanese comes before any other language
                break
        return str(getattr(self, field))

    @property
    def prefecture_names(self) -> tuple[str, str]:
        return PREFECTURES.get(self.prefecture, ("", ""))


class MunicipalityCode(models.Model):
    """A JMA 7-digit municipality code (AreaInformationCity) that this organisation covers."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(max_length=7, validators=[validate_jma_code])
    name = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="unique_org_area")
        ]
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class Role(models.TextChoices):
    ORG_ADMIN = "org_admin", _("Organisation admin")
    EDITOR = "editor", _("Editor")
    TRANSLATOR = "translator", _("Translator")
    COUNTER_STAFF = "counter_staff", _("Counter staff")
    SUPERVISOR = "supervisor", _("Supervisor")
    AUDITOR = "auditor", _("Auditor")


class Membership(models.Model):
    """One role of one staff member in one organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership_role"
            )
        ]
        ordering = ["organisation__name", "role"]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


class Invitation(models.Model):
    """A role offered to a staff account that is not yet a member of the organisation: an org
    admin cannot enrol another organisation's staff (or a fresh account) without that person's
    acceptance. Answered once: accepted (the role is granted) or declined."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the receiver")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=models.Q(status="pending"),
                name="one_pending_invitation_per_role",
            )
        ]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation} ({self.get_role_display()})"
