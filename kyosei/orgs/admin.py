from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kyosei.orgs import services
from kyosei.orgs.models import Membership, MunicipalityCode, Organisation


class MunicipalityCodeInline(admin.TabularInline[MunicipalityCode, Organisation]):
    model = MunicipalityCode
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "prefecture", "slug"]
    list_filter = ["kind", "prefecture"]
    search_fields = ["name", "name_en", "slug"]
    inlines = [MunicipalityCodeInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    """Grants and revocations go through the same audited services as the console."""

    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
    fields = ["user", "organisation", "role"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        saved = services.grant_role(
            actor=request.user,
            organisation=obj.organisation,
            user=obj.user,
            role=obj.role,
            request=request,
        )
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        services.revoke_role(
            actor=request.user,
            organisation=obj.organisation,
            user=obj.user,
            role=obj.role,
            request=request,
        )

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for membership in queryset.select_related("user", "organisation"):
            self.delete_model(request, membership)
