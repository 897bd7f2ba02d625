"""`{% load cldr %}`: `{{ day|cldr_date }}`, `{{ when|cldr_moment }}`, `{{ n|cldr_number }}` in the
page's language."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django import template

from kyosei.core import cldr

register = template.Library()


@register.filter
def cldr_date(value: date | datetime | None) -> str:
    return cldr.day(value) if value else ""


@register.filter
def cldr_moment(value: datetime | None) -> str:
    return cldr.moment(value) if value else ""


@register.filter
def cldr_number(value: int | float | Decimal | None) -> str:
    return cldr.number(value) if value is not None else ""
