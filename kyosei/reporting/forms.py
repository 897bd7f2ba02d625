from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kyosei.core.languages import registry
from kyosei.orgs.prefectures import PREFECTURES
from kyosei.reporting.choices import Category, CloseReason, Status


def language_choices() -> list[tuple[str, str]]:
    return [(lang.code, lang.native_name) for lang in registry().languages]


def prefecture_choices(language: str) -> list[tuple[str, str]]:
    japanese = language.startswith("ja")
    return [("", "—")] + [
        (code, ja if japanese else f"{en} ({ja})") for code, (ja, en) in PREFECTURES.items()
    ]


class ReportForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What happened?"), choices=Category.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Tell us what happened, in your own words."),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Any language is fine. Write what you can: when, where, who."),
    )
    prefecture = forms.ChoiceField(label=_("Prefecture where you work"))
    employer = forms.CharField(
        label=_("Employer or supervising organisation (optional)"), required=False, max_length=500
    )
    contact = forms.CharField(
        label=_("How may we contact you? (optional)"),
        required=False,
        max_length=500,
        help_text=_("Only if it is safe for you, for example a phone number or a messaging app."),
    )
    callback_requested = forms.BooleanField(
        label=_("Please call me back in my language, with an interpreter."), required=False
    )
    language = forms.ChoiceField(label=_("Your language"))

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"language": language})
        super().__init__(*args, **kwargs)
        self.fields["prefecture"].choices = prefecture_choices(language)  # type: ignore[attr-defined]
        self.fields["language"].choices = language_choices()  # type: ignore[attr-defined]


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=60,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    callback_requested = forms.BooleanField(
        label=_("Please call me back in my language, with an interpreter."), required=False
    )
    consent_to_counter = forms.BooleanField(
        label=_("You may open a consultation case for me with what I wrote here."),
        required=False,
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer to the reporter"), widget=forms.Textarea(attrs={"rows": 5})
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Internal note (never shown to the reporter)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("State"), choices=Status.choices)
    close_reason = forms.ChoiceField(
        label=_("Reason for closing"),
        choices=[("", "—"), *CloseReason.choices],
        required=False,
    )


class AssignForm(forms.Form):
    assigned_to = forms.ChoiceField(label=_("Assigned to"), required=False)

    def __init__(self, *args: Any, handlers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.handlers = {str(user.pk): user for user in handlers}
        self.fields["assigned_to"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (str(user.pk), user.get_username()) for user in handlers
        ]


class PolicyForm(forms.Form):
    retention_days = forms.IntegerField(
        label=_("Keep reports for (days)"), min_value=30, max_value=3650
    )
    first_answer_days = forms.IntegerField(
        label=_("First answer due within (days)"), min_value=1, max_value=30
    )
