"""The routing table is data, edited in the Django admin through the audited service. Reports
themselves are never registered here: staff read them through the audited pages."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kyosei.reporting import services
from kyosei.reporting.models import Route


@admin.register(Route)
class RouteAdmin(admin.ModelAdmin[Route]):
    list_display = ["prefecture", "category", "organisation"]
    list_filter = ["category", "organisation"]
    fields = ["prefecture", "category", "organisation"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["prefecture", "category"] if obj is not None else []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Route, form: Any, change: bool) -> None:
        saved = services.set_route(
            actor=request.user,
            prefecture=obj.prefecture,
            category=obj.category,
            organisation=obj.organisation,
            request=request,
        )
        obj.pk = saved.pk
        obj._state.adding = False
