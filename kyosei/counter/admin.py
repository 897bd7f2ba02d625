"""Only the shared directory is edited in the Django admin. Case data is never registered
here: every read and write of a case goes through the audited services and views."""

from django.contrib import admin

from kyosei.counter.models import Agency


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin[Agency]):
    list_display = ["name", "kind", "phone", "hours", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "name_en"]
