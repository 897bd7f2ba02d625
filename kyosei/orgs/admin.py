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
    """Every write goes through the audited services, as in the console. Organisations are
    not deleted here (their cases and articles would go with them): make them non-public."""

    list_display = ["name", "kind", "prefecture", "slug"]
    list_filter = ["kind", "prefecture"]
    search_fields = ["name", "name_en", "slug"]
    fields = ["slug", *services.ADMIN_FIELDS]
    inlines = [MunicipalityCodeInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["slug"] if obj is not None else []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if not change:
            details = {f: data[f] for f in services.ADMIN_FIELDS if f in data}
            created = services.create_organisation(
                actor=request.user,
                slug=data["slug"],
                name=details.pop("name"),
                kind=details.pop("kind"),
                request=request,
                **details,
            )
            obj.pk = created.pk
            obj._state.adding = False
            return
        # The form has already copied its values onto obj: the service compares with the row.
        stored = Organisation.objects.get(pk=obj.pk)
        services.update_organisation(
            actor=request.user,
            organisation=stored,
            changes={f: data[f] for f in form.changed_data if f in services.ADMIN_FIELDS},
            request=request,
        )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not MunicipalityCode:
            super().save_formset(request, form, formset, change)
            return
        organisation = form.instance
        changed = formset.save(commit=False)  # fills deleted_objects; writes nothing
        for area in formset.deleted_objects:
            services.remove_municipality_code(
                actor=request.user, organisation=organisation, code=area.code, request=request
            )
        for area in changed:
            if area.pk is not None:
                old = MunicipalityCode.objects.get(pk=area.pk).code
                if old != area.code:
                    services.remove_municipality_code(
                        actor=request.user, organisation=organisation, code=old, request=request
                    )
            services.set_municipality_code(
                actor=request.user,
                organisation=organisation,
                code=area.code,
                name=area.name,
                request=request,
            )


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
