"""Dates, numbers and durations per language from CLDR (Babel), for resident pages.

Why not Django's formats: Django ships format files for a few of our languages only, so
Burmese and Filipino fell back to English ("Nov. 20, 2026"), and some that exist read oddly in
a sentence (pt-BR "20 de Novembro", vi "Ngày 08 tháng 11"). CLDR covers every variant we
serve, including its plural rules for units ("1 year", "2 years").
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_datetime_format
from babel.numbers import format_decimal
from babel.units import format_unit
from django.utils import timezone, translation

DURATION_UNITS = {"days": "duration-day", "months": "duration-month", "years": "duration-year"}


@lru_cache(maxsize=64)
def babel_locale(language: str) -> str:
    """Our language code → a CLDR locale: Plain Japanese is Japanese, "pt-BR" is "pt_BR";
    a language CLDR does not know falls back along its fallback chain, then to English."""
    from kyosei.core.languages import registry

    for code in [language, *registry().fallback_chain(language)]:
        candidate = "ja" if code.lower().startswith("ja") else code.replace("-", "_")
        try:
            return str(Locale.parse(candidate))
        except (UnknownLocaleError, ValueError):
            continue
    return "en"


def _language(language: str | None) -> str:
    return language or translation.get_language() or "en"


def day(value: date | datetime, language: str | None = None) -> str:
    """A day as written in running text ("20 November 2026", "2026年11月20日")."""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return str(format_date(value, "long", locale=babel_locale(_language(language))))


def moment(value: datetime, language: str | None = None) -> str:
    """A time of day with its day, in Japan time (where every resident reading us lives):
    "March 11, 2026, 2:46 PM", "2026年3月11日 14:46", joined by CLDR's own pattern."""
    locale = babel_locale(_language(language))
    local = timezone.localtime(value)
    pattern = str(get_datetime_format("medium", locale=locale))
    when = format_time(local, "short", locale=locale)
    return pattern.replace("{1}", format_date(local, "long", locale=locale)).replace("{0}", when)


def number(value: int | float | Decimal, language: str | None = None) -> str:
    """A number with the language's grouping and decimal signs ("500,000", "500.000")."""
    if isinstance(value, Decimal) and value == value.to_integral():
        value = int(value)
    return str(format_decimal(value, locale=babel_locale(_language(language))))


def duration(value: int | float | Decimal, kind: str, language: str | None = None) -> str:
    """A number of days, months or years with the unit in the right plural form."""
    if isinstance(value, Decimal) and value == value.to_integral():
        value = int(value)
    locale = babel_locale(_language(language))
    return str(format_unit(value, DURATION_UNITS[kind], length="long", locale=locale))
