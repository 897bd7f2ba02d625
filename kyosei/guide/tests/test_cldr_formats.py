"""Dates, numbers and units per language from CLDR on resident pages (issue #13 item 7)."""

import pytest
from django.test import Client

from kyosei.guide import content

pytestmark = pytest.mark.django_db


def page(client: Client, lang: str, slug: str) -> str:
    return client.get(f"/{lang}/guide/national-centre/{slug}/").content.decode()


def test_dates_are_written_as_each_language_writes_them(client: Client) -> None:
    """Mutation caught: going back to Django's DATE_FORMAT (my and fil fell back to English
    "Nov. 20, 2026", pt-BR capitalised "Novembro", vi "Ngày 20" mid-sentence)."""
    content.load_content()
    expected = {
        "my": "2026 နိုဝင်ဘာ 20",
        "fil": "Nobyembre 20, 2026",
        "pt-BR": "20 de novembro de 2026",
        "vi": "20 tháng 11, 2026",
        "en": "November 20, 2026",
        "ja": "2026年11月20日",
        "uk": "20 листопада 2026",
    }
    for lang, day in expected.items():
        text = page(client, lang, "moving-in-notification")
        assert day in text, lang
        assert "Nov. 20, 2026" not in text and "Novembro" not in text and "Ngày" not in text


def test_durations_take_the_plural_of_the_language(client: Client) -> None:
    """Mutation caught: `{{ fact:key.unit }}` not supported (raw placeholder) or formatted
    without CLDR's plural rules ("1 year(s)")."""
    content.load_content()
    for lang, words in {
        "en": ("at most 1 year after", "**1 month**"),
        "pt-BR": ("1 ano", "1 mês"),
        "es": ("1 año", "1 mes"),
        "uk": ("не довше ніж 1 рік після", "**1 місяць**"),
    }.items():
        bicycles = page(client, lang, "bicycles-and-driving")
        work = page(client, lang, "hello-work")
        assert words[0] in bicycles, lang
        assert words[1].strip("*") in work, lang
        assert "(s)" not in bicycles + work and "(es)" not in bicycles + work, lang


def test_numbers_use_the_languages_separators(client: Client) -> None:
    content.load_content()
    assert "500.000" in page(client, "pt-BR", "childbirth-and-child-allowance")
    assert "500,000" in page(client, "en", "childbirth-and-child-allowance")
