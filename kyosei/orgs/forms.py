from django import forms
from django.utils.translation import gettext_lazy as _

from kyosei.orgs.models import Organisation
from kyosei.orgs.services import DETAIL_FIELDS


class OrganisationDetailsForm(forms.ModelForm[Organisation]):
    """The contact details residents see in the counter directory, kept by the org admin."""

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = list(DETAIL_FIELDS)
        labels = {"address": _("Address"), "phone": _("Phone")}
        widgets = {
            "latitude": forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
            "longitude": forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
        }
