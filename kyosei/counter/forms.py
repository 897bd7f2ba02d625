import re
import secrets
from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyosei.counter import services
from kyosei.counter.choices import (
    Channel,
    ContactPreference,
    InterpreterMode,
    Nationality,
    Outcome,
    Proficiency,
    ShareableField,
    StatusOfResidence,
    Topic,
)
from kyosei.counter.labels import EXTRA_LANGUAGES, language_choices

__all__ = ["EXTRA_LANGUAGES", "language_choices"]

FORM_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_form_token() -> str:
    return secrets.token_urlsafe(24)


class FormTokenField(forms.CharField):
    """The random token of one rendered form: the server creates once per token, so a double
    click or a resent POST returns the first result (services.record_intake)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault(
            "error_messages",
            {"required": _("This form is out of date: check the fields and save again.")},
        )
        super().__init__(min_length=16, max_length=64, **kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not FORM_TOKEN_RE.fullmatch(value):
            raise forms.ValidationError(self.error_messages["required"], code="required")


class NotesField(forms.CharField):
    """Long free text counted as the server counts it.

    The browser submits each line break as CR LF while its own `maxlength` counts it as one
    character, so a text the page accepted could be refused here; worse, `maxlength` cuts a
    long paste without a word. So: no `maxlength` (the text is never cut), line breaks
    normalised before counting, and the page's counter (counter.js) counts the same way."""

    def __init__(self, *, max_chars: int, **kwargs: Any) -> None:
        self.max_chars = max_chars
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        return services.normalise_newlines(super().to_python(value) or "")

    def validate(self, value: Any) -> None:
        super().validate(value)
        try:
            services.check_notes(value, max_chars=self.max_chars)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.messages) from error

    def widget_attrs(self, widget: Any) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs["data-max-chars"] = str(self.max_chars)
        # counter.js fills in both numbers, formatted for the page's language.
        attrs["data-count-label"] = _("%(count)s of %(limit)s characters") % {
            "count": "{count}",
            "limit": "{limit}",
        }
        return attrs


class LanguageField(forms.ChoiceField):
    def __init__(self, *, blank: bool = False, **kwargs: Any) -> None:
        # blank: an explicit choice is required (nothing guessed from the staff UI language).
        super().__init__(choices=_blank_language_choices if blank else language_choices, **kwargs)


def _blank_language_choices() -> list[tuple[str, Any]]:
    return [("", _("Choose the language")), *language_choices()]


class ClientForm(forms.Form):
    form_token = FormTokenField(required=False)
    confirm_new = forms.BooleanField(
        label=_("This is a different person: register a new client"), required=False
    )
    nickname = forms.CharField(
        label=_("Nickname or initials"),
        max_length=60,
        help_text=_("A pseudonym is enough; the full name is optional."),
    )
    full_name = forms.CharField(label=_("Full name (optional)"), max_length=200, required=False)
    nationality = forms.ChoiceField(
        label=_("Nationality"), choices=Nationality.choices, required=False
    )
    preferred_language = LanguageField(label=_("Preferred language"), initial="ja")
    status_of_residence = forms.ChoiceField(
        label=_("Status of residence"),
        choices=StatusOfResidence.choices,
        initial=StatusOfResidence.UNKNOWN,
    )
    municipality = forms.CharField(label=_("Municipality"), max_length=100, required=False)
    contact = forms.CharField(label=_("Contact details (optional)"), max_length=300, required=False)
    contact_preference = forms.ChoiceField(
        label=_("Contact preference"),
        choices=ContactPreference.choices,
        initial=ContactPreference.VISIT,
    )
    language_1 = forms.ChoiceField(
        label=_("Language 1"), choices=[("", "—"), *EXTRA_LANGUAGES], required=False
    )
    proficiency_1 = forms.ChoiceField(
        label=_("Proficiency 1"), choices=Proficiency.choices, required=False
    )
    language_2 = forms.ChoiceField(label=_("Language 2"), choices=(), required=False)
    proficiency_2 = forms.ChoiceField(
        label=_("Proficiency 2"), choices=Proficiency.choices, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("language_1", "language_2"):
            self.fields[name].choices = [("", "—"), *language_choices()]  # type: ignore[attr-defined]

    def client_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        languages = [
            {"language": data[f"language_{n}"], "proficiency": data[f"proficiency_{n}"]}
            for n in (1, 2)
            if data.get(f"language_{n}")
        ]
        return {
            "nickname": data["nickname"],
            "full_name": data["full_name"],
            "nationality": data["nationality"],
            "preferred_language": data["preferred_language"],
            "languages": languages,
            "status_of_residence": data["status_of_residence"],
            "municipality": data["municipality"],
            "contact": data["contact"],
            "contact_preference": data["contact_preference"],
        }

    @staticmethod
    def initial_for(client: Any) -> dict[str, Any]:
        initial = {
            name: getattr(client, name)
            for name in (
                "nickname",
                "full_name",
                "nationality",
                "preferred_language",
                "status_of_residence",
                "municipality",
                "contact",
                "contact_preference",
                "version",
            )
        }
        for n, entry in enumerate(client.languages[:2], start=1):
            initial[f"language_{n}"] = entry["language"]
            initial[f"proficiency_{n}"] = entry["proficiency"]
        return initial


class ConsultationFields(forms.Form):
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the client reached the counter.")},
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )
    language = LanguageField(label=_("Language used"))
    interpreter_mode = forms.ChoiceField(
        label=_("Interpreter"), choices=InterpreterMode.choices, initial=InterpreterMode.NONE
    )
    interpreter_language = forms.ChoiceField(
        label=_("Interpretation language"), choices=(), required=False
    )
    interpreter_minutes = forms.IntegerField(
        label=_("Interpreter minutes"), min_value=0, max_value=1440, initial=0
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, initial=Outcome.INFORMATION_GIVEN
    )
    minutes_spent = forms.IntegerField(
        label=_("Time spent (minutes)"), min_value=0, max_value=1440, initial=10
    )
    narrative = NotesField(
        label=_("Notes (encrypted)"), required=False, max_chars=services.NARRATIVE_MAX_CHARS
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interpreter_language"].choices = [("", "—"), *language_choices()]  # type: ignore[attr-defined]

    def consultation_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "channel",
                "topics",
                "language",
                "interpreter_mode",
                "interpreter_language",
                "interpreter_minutes",
                "outcome",
                "minutes_spent",
                "narrative",
            )
        }


class IntakeForm(ConsultationFields):
    """The quick intake: one page, a new or returning client. Channel and language are chosen
    explicitly: a default (the phone, the staff's own UI language) was saved unnoticed."""

    DETAIL_FIELDS = (
        "interpreter_mode",
        "interpreter_language",
        "interpreter_minutes",
        "outcome",
        "minutes_spent",
        "narrative",
    )

    form_token = FormTokenField()
    language = LanguageField(
        label=_("Language used"),
        blank=True,
        error_messages={"required": _("Choose the language the consultation was held in.")},
    )
    client_reference = forms.CharField(
        label=_("Returning client: reference"), max_length=16, required=False
    )
    nickname = forms.CharField(
        label=_("New client: nickname or initials"), max_length=60, required=False
    )
    nationality = forms.ChoiceField(
        label=_("Nationality"), choices=Nationality.choices, required=False
    )
    status_of_residence = forms.ChoiceField(
        label=_("Status of residence"),
        choices=StatusOfResidence.choices,
        initial=StatusOfResidence.UNKNOWN,
        required=False,
    )
    confirm_new = forms.BooleanField(
        label=_("This is a different person: register a new client"), required=False
    )

    field_order = [
        "client_reference",
        "nickname",
        "nationality",
        "status_of_residence",
        "channel",
        "language",
        "topics",
    ]

    @property
    def details_open(self) -> bool:
        """The collapsed section opens when it holds an error or text: nothing hides there."""
        return any(name in self.errors for name in self.DETAIL_FIELDS) or bool(
            self.is_bound and self.data.get("narrative")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("client_reference") and not data.get("nickname"):
            raise forms.ValidationError(
                _("Give the reference of a returning client or a nickname for a new one.")
            )
        return data


class ApiIntakeForm(IntakeForm):
    """The API's quick intake: the same fields and checks as the page, plus an optional time."""

    form_token = FormTokenField(required=False)  # the API's token is the Idempotency-Key
    consulted_at = forms.DateTimeField(required=False)

    def clean_consulted_at(self) -> Any:
        value = self.cleaned_data["consulted_at"]
        if value and value > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("A consultation cannot be in the future."))
        return value


class ConsultationForm(ConsultationFields):
    consulted_at = forms.DateTimeField(
        label=_("Date and time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    field_order = ["consulted_at", "channel"]

    def clean_consulted_at(self) -> Any:
        value = self.cleaned_data["consulted_at"]
        if value > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("A consultation cannot be in the future."))
        return value


class ConsentForm(forms.Form):
    agrees_to_recording = forms.BooleanField(
        label=_("The client agrees that the consultation is recorded"), required=False
    )
    shareable_fields = forms.MultipleChoiceField(
        label=_("The client agrees that these may be shared with an office we refer them to"),
        choices=ShareableField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # Only when the text is not in a language the client reads (the service checks).
    interpreted_by = forms.CharField(
        label=_("Interpreter (name or service)"), max_length=200, required=False
    )
    interpreted_into = forms.ChoiceField(
        label=_("Interpreted into"),
        choices=lambda: [("", "—"), *language_choices()],
        required=False,
    )


class ReferralForm(forms.Form):
    receiver = forms.ChoiceField(label=_("Refer to"), choices=())
    consultation = forms.ChoiceField(label=_("About the consultation"), choices=(), required=False)
    summary = forms.CharField(
        label=_("Summary for the receiver"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shared only if the client consented to sharing a summary."),
    )


class RespondForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=(("accept", _("Accept")), ("decline", _("Decline"))),
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the sender"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TaskForm(forms.Form):
    description = forms.CharField(label=_("Follow-up task"), max_length=1000)
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Attach a file (PDF, PNG, JPEG, WebP or text)"))


class InterpretationForm(forms.Form):
    language = LanguageField(label=_("Language"))
    mode = forms.ChoiceField(
        label=_("Mode"), choices=[c for c in InterpreterMode.choices if c[0] != "none"]
    )
    service = forms.ChoiceField(label=_("Service"), choices=(), required=False)
    minutes = forms.IntegerField(label=_("Minutes"), min_value=0, max_value=1440, initial=0)

    def __init__(self, *args: Any, consultation: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if consultation is None:
            return
        # What the consultation already records is not asked again: taken from it, shown as text.
        known = {"language": consultation.interpreter_language or consultation.language}
        if consultation.interpreter_mode != InterpreterMode.NONE:
            known["mode"] = consultation.interpreter_mode
        if consultation.interpreter_minutes:
            known["minutes"] = consultation.interpreter_minutes
        for name, value in known.items():
            self.fields[name].initial = value
            self.fields[name].widget = forms.HiddenInput()
            self.fields[name].required = False
        self.from_consultation = known

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data.update(getattr(self, "from_consultation", {}))
        return data


class RetentionForm(forms.Form):
    retention_days = forms.IntegerField(
        label=_("Retention period (days)"), min_value=30, max_value=36500
    )


class ApiKeyForm(forms.Form):
    name = forms.CharField(label=_("Name of the integration"), max_length=100)


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ConsentTextForm(forms.Form):
    language = LanguageField(label=_("Language"))
    new_version = forms.BooleanField(
        label=_("Start a new version (otherwise: a translation of the current version)"),
        required=False,
        initial=True,
    )
    what_is_recorded = forms.CharField(
        label=_("What is recorded"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    who_may_see = forms.CharField(
        label=_("Who may see it"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    how_long_kept = forms.CharField(
        label=_("How long it is kept"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    how_to_withdraw = forms.CharField(
        label=_("How to withdraw consent or have your data erased"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class MergeForm(forms.Form):
    keep_reference = forms.CharField(
        label=_("Reference of the client to keep"), max_length=16, strip=True
    )


class ReturnForm(forms.Form):
    answer = NotesField(
        label=_("Your answer for the referring office"),
        max_chars=services.NARRATIVE_MAX_CHARS,
    )
