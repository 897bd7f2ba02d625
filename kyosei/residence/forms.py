"""The "My residence" form: what is printed on a residence card, and the events since."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from kyosei.core import cldr
from zairyu import statuses
from zairyu.inputs import parse_period

# The periods of stay the Immigration Control Act's enforcement regulations grant
# (入管法施行規則 別表第二), longest first, as ISO 8601 durations the engine reads.
PERIODS = (
    "P5Y", "P4Y3M", "P4Y", "P3Y3M", "P3Y", "P2Y3M", "P2Y", "P1Y3M", "P1Y",
    "P6M", "P4M", "P3M", "P90D", "P30D", "P15D",
)  # fmt: skip
INDEFINITE = "indefinite"
# Engine field → form field, so that the engine's refusal is shown next to what to correct.
FIELDS = {
    "status": "status",
    "period_of_stay": "period_of_stay",
    "expiry": "expiry",
    "card_expiry": "card_expiry",
    "birth_date": "birth_date",
}
EVENTS = {
    "moved_on": "moved",
    "employer_changed_on": "employer_changed",
    "card_lost_on": "card_lost",
}


def period_label(code: str, language: str) -> str:
    """The engine reads the duration (zairyu.inputs.parse_period); CLDR names its parts."""
    period = parse_period(code)
    years, months = divmod(period.months, 12)
    parts = [
        cldr.duration(amount, unit, language)
        for amount, unit in ((years, "years"), (months, "months"), (period.days, "days"))
        if amount
    ]
    return cldr.amounts(parts, language)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class ResidenceForm(forms.Form):
    event_fields: list[str]

    status = forms.ChoiceField(
        label=gettext_lazy("Status of residence (as on your residence card)")
    )
    period_of_stay = forms.ChoiceField(label=gettext_lazy("Period of stay"))
    expiry = forms.DateField(
        label=gettext_lazy("Period of stay ends on"), required=False, widget=DateInput()
    )
    card_expiry = forms.DateField(
        label=gettext_lazy("Residence card valid until"), required=False, widget=DateInput()
    )
    birth_date = forms.DateField(
        label=gettext_lazy("Date of birth"), required=False, widget=DateInput()
    )
    moved_on = forms.DateField(
        label=gettext_lazy("If you moved: the day you moved"), required=False, widget=DateInput()
    )
    employer_changed_on = forms.DateField(
        label=gettext_lazy("If you left or changed your employer or school: the day"),
        required=False,
        widget=DateInput(),
    )
    card_lost_on = forms.DateField(
        label=gettext_lazy("If you lost your residence card: the day you noticed"),
        required=False,
        widget=DateInput(),
    )

    def __init__(self, *args: Any, language: str, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        in_force = [s for s in statuses().values() if s.in_force(today)]
        status_field = self.fields["status"]
        period_field = self.fields["period_of_stay"]
        assert isinstance(status_field, forms.ChoiceField)  # noqa: S101
        assert isinstance(period_field, forms.ChoiceField)  # noqa: S101
        # The name as printed on the card, in Japanese: what the resident can compare.
        status_field.choices = [("", "—"), *((s.name, s.name) for s in in_force)]
        period_field.choices = [
            ("", "—"),
            *((code, period_label(code, language)) for code in PERIODS),
            (INDEFINITE, gettext_lazy("No limit (permanent resident and others)")),
        ]

    def engine_input(self, today: date) -> dict[str, Any]:
        data = self.cleaned_data
        self.event_fields = [field for field in EVENTS if data.get(field)]
        raw: dict[str, Any] = {
            "today": today.isoformat(),
            "status": data["status"],
            "period_of_stay": data["period_of_stay"],
            "events": [
                {"type": EVENTS[field], "date": data[field].isoformat()}
                for field in self.event_fields
            ],
        }
        for name in ("expiry", "card_expiry", "birth_date"):
            if data.get(name):
                raw[name] = data[name].isoformat()
        return raw

    def engine_refused(self, field: str) -> None:
        """The engine's reason is for developers (English); the resident is shown where."""
        target = FIELDS.get(field)
        if field.startswith("events["):
            index = int(field.removeprefix("events[").split("]")[0])
            target = self.event_fields[index]
        self.add_error(target, gettext_lazy("Please check this field."))


class ReminderForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email for reminders"), max_length=254)
