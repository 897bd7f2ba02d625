"""Only the shared directory is edited in the Django admin. Case data is never registered
here: every read and write of a case goes through the audited services and views."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kyosei.counter import services
from kyosei.counter.models import Agency


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin[Agency]):
    """Writes go through `services.save_agency` (audited); entries are retired, not deleted."""

    list_display = ["name", "kind", "phone", "hours", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "name_en"]
    fields = list(services.AGENCY_ADMIN_FIELDS)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Agency, form: Any, change: bool) -> None:
        # The form has already copied its values onto obj: the service compares with the row.
        stored = Agency.objects.get(pk=obj.pk) if change else None
        fields = form.changed_data if change else list(services.AGENCY_ADMIN_FIELDS)
        saved = services.save_agency(
            actor=request.user,
            agency=stored,
            changes={f: form.cleaned_data[f] for f in fields if f in services.AGENCY_ADMIN_FIELDS},
            request=request,
        )
        obj.pk = saved.pk
        obj._state.adding = False
