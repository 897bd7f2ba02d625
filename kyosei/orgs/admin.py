from django.contrib import admin

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
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
