from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kyosei.alerts.areas import IMPORTED_AREA_FIELDS, forget_names
from kyosei.alerts.models import Area, Notice, Subscription, Telegram
from kyosei.audit.services import record

AREA_FIELDS = ("kind", "code", *IMPORTED_AREA_FIELDS)


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin[Area]):
    """A municipality's tsunami forecast areas are derived on import (JMA's tables and
    data/tsunami_coasts.json); an admin who knows the one area it faces sets it here, and that
    area then replaces the derived ones."""

    list_display = [
        "code",
        "name",
        "kind",
        "subdivision_code",
        "tsunami_area_code",
        "tsunami_area_codes",
    ]
    list_filter = ["kind"]
    search_fields = ["code", "name", "kana"]
    fields = AREA_FIELDS
    # Everything comes from JMA's tables except the tsunami area an admin may set by hand.
    readonly_fields = [f for f in AREA_FIELDS if f != "tsunami_area_code"]

    def save_model(self, request: HttpRequest, obj: Area, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        forget_names()
        record(
            actor=request.user,
            action="alerts.area.update",
            target=obj,
            request=request,
            data={"tsunami_area_code": obj.tsunami_area_code},
        )


@admin.register(Telegram)
class TelegramAdmin(admin.ModelAdmin[Telegram]):
    list_display = [
        "received_at",
        "type_code",
        "jma_event_id",
        "serial",
        "info_type",
        "status",
        "outcome",
    ]
    list_filter = ["outcome", "source", "status", "type_code"]
    search_fields = ["jma_event_id", "title"]
    exclude = ["raw"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin[Notice]):
    list_display = ["created_at", "template", "is_drill", "organisation", "first_sent_at"]
    list_filter = ["hazard", "phase", "is_drill"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin[Subscription]):
    """Read-only: residents manage their own subscriptions (one-click unsubscribe)."""

    list_display = ["id", "channel", "language", "confirmed", "is_active", "created_at"]
    list_filter = ["channel", "language", "is_active"]
    exclude = ["p256dh", "auth", "secret", "token", "email", "endpoint"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
