"""Forms of case work (assignment, status, tasks for any caseworker), apart from forms.py so
that the two can change independently."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kyosei.counter.choices import CaseStatus, CloseReason
from kyosei.counter.forms import TaskForm


def _worker_choices(workers: list[Any], empty: Any) -> list[tuple[str, Any]]:
    return [("", empty), *((str(u.pk), u.get_username()) for u in workers)]


class AssignForm(forms.Form):
    caseworker = forms.ChoiceField(label=_("Caseworker"), required=False)

    def __init__(self, *args: Any, workers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.workers = {str(u.pk): u for u in workers}
        self.fields["caseworker"].choices = _worker_choices(workers, _("Unassigned"))  # type: ignore[attr-defined]

    def chosen(self) -> Any:
        return self.workers.get(self.cleaned_data["caseworker"])


class CaseStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Case status"), choices=CaseStatus.choices)
    close_reason = forms.ChoiceField(
        label=_("Reason"), choices=[("", "—"), *CloseReason.choices], required=False
    )


class AssignedTaskForm(TaskForm):
    """A follow-up task for any caseworker of the counter (by default the one adding it)."""

    assigned_to = forms.ChoiceField(label=_("Assigned to"), required=False)

    def __init__(self, *args: Any, workers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.workers = {str(u.pk): u for u in workers}
        self.fields["assigned_to"].choices = _worker_choices(workers, "—")  # type: ignore[attr-defined]

    def chosen(self) -> Any:
        return self.workers.get(self.cleaned_data["assigned_to"])
