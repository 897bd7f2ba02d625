import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# RFC 5646 "langtag" or private-use tags, loosely: language, optional script/region/variants, x-.
BCP47_RE = re.compile(
    r"^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?(-([a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*"
    r"(-x(-[a-zA-Z0-9]{1,8})+)?$"
)


def validate_bcp47(value: str) -> None:
    if not BCP47_RE.match(value):
        raise ValidationError(
            _("%(value)s is not a valid BCP 47 language tag."), params={"value": value}
        )


class Language(models.Model):
    class Direction(models.TextChoices):
        LTR = "ltr", _("Left to right")
        RTL = "rtl", _("Right to left")

    code = models.CharField(max_length=35, unique=True, validators=[validate_bcp47])
    native_name = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    direction = models.CharField(max_length=3, choices=Direction.choices, default=Direction.LTR)
    fallback = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveIntegerField(default=1000)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.native_name} ({self.code})"

    def save(self, *args: object, **kwargs: object) -> None:
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        from kyosei.core.languages import forget_languages

        forget_languages()

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        result = super().delete(*args, **kwargs)  # type: ignore[arg-type]
        from kyosei.core.languages import forget_languages

        forget_languages()
        return result
