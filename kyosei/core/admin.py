from django.contrib import admin

from kyosei.core.models import Language


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin[Language]):
    list_display = ["code", "native_name", "name_en", "direction", "position", "is_active"]
    list_editable = ["position", "is_active"]
