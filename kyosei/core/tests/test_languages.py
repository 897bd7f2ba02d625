import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kyosei.core.languages import forget_languages, read_language_file, registry
from kyosei.core.models import Language

REQUIRED = [
    "ja", "ja-x-easy", "en", "zh-Hans", "zh-Hant", "ko", "vi", "fil",
    "ne", "id", "th", "km", "my", "mn", "pt-BR", "es",
    "uk", "tr", "si", "bn", "ur",
]  # fmt: skip

pytestmark = pytest.mark.django_db


def html_tag(body: str) -> tuple[str, str]:
    match = re.search(r'<html lang="([^"]+)" dir="([^"]+)">', body)
    assert match, "page has no <html lang dir>"
    return match.group(1), match.group(2)


def hreflangs(body: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', body))


def test_all_sixteen_variants_are_registered_with_native_names_and_direction() -> None:
    languages = {lang.code: lang for lang in registry().languages}
    assert set(REQUIRED) <= set(languages)
    assert languages["ja-x-easy"].native_name == "やさしい にほんご"
    assert languages["ne"].native_name == "नेपाली"
    assert all(
        lang.direction == ("rtl" if lang.code == "ur" else "ltr") for lang in languages.values()
    )
    assert languages["ja-x-easy"].fallback == "ja"


@pytest.mark.parametrize("code", REQUIRED)
def test_home_in_every_variant_has_lang_dir_and_hreflang_alternates(
    client: Client, code: str
) -> None:
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert html_tag(body) == (code, "rtl" if code == "ur" else "ltr")
    alternates = hreflangs(body)
    assert set(alternates) == set(REQUIRED) | {"x-default"}
    assert alternates["pt-BR"] == "http://testserver/pt-BR/"
    assert alternates["x-default"] == "http://testserver/"
    assert response.headers["Content-Language"] == code


def test_ui_strings_are_translated_not_english(client: Client) -> None:
    english = client.get("/en/").content.decode()
    assert "Skip to main content" in english
    for code in REQUIRED:
        if code == "en":
            continue
        body = client.get(f"/{code}/").content.decode()
        assert "Skip to main content" not in body, code
        assert "What do you need?" not in body, code


def test_switcher_keeps_the_current_page(client: Client) -> None:
    body = client.get("/vi/counters/").content.decode()
    assert 'href="/ne/counters/" lang="ne"' in body
    assert 'href="/ja-x-easy/counters/" lang="ja-x-easy"' in body
    assert hreflangs(body)["ko"] == "http://testserver/ko/counters/"


def test_language_codes_are_case_insensitive_and_canonicalised(client: Client) -> None:
    response = client.get("/zh-hans/counters/?q=1")
    assert response.status_code == 301
    assert response["Location"] == "/zh-Hans/counters/?q=1"


def test_unknown_language_is_404_with_the_language_chooser(client: Client) -> None:
    response = client.get("/xx/")
    assert response.status_code == 404
    body = response.content.decode()
    assert 'href="/ja-x-easy/"' in body
    assert "xx" in body


def test_first_visit_shows_chooser_and_the_choice_is_remembered(client: Client) -> None:
    first = client.get("/", HTTP_ACCEPT_LANGUAGE="pt-BR,pt;q=0.9")
    assert first.status_code == 200
    assert 'href="/pt-BR/"' in first.content.decode()
    client.get("/ne/")
    assert client.cookies["kyosei_lang"].value == "ne"
    again = client.get("/")
    assert again.status_code == 302
    assert again["Location"] == "/ne/"


def test_accept_language_matching() -> None:
    reg = registry()
    assert reg.best_match("zh-TW,zh;q=0.8").code == "zh-Hant"  # type: ignore[union-attr]
    assert reg.best_match("zh-CN").code == "zh-Hans"  # type: ignore[union-attr]
    assert reg.best_match("pt;q=0.9, de;q=1").code == "pt-BR"  # type: ignore[union-attr]
    assert reg.best_match("tl").code == "fil"  # type: ignore[union-attr]
    assert reg.best_match("de, fr") is None
    assert reg.best_match("ja;q=0, en;q=0.5").code == "en"  # type: ignore[union-attr]


def test_fallback_chain_ends_in_english_and_japanese() -> None:
    assert registry().fallback_chain("ja-x-easy") == ["ja-x-easy", "ja", "en"]
    assert registry().fallback_chain("zh-Hant") == ["zh-Hant", "zh-Hans", "en", "ja"]


def test_adding_a_language_needs_no_code_change(client: Client) -> None:
    """Persian is added as data only, and pages render right-to-left in it."""
    assert client.get("/fa/").status_code == 404
    Language.objects.create(
        code="fa", native_name="فارسی", name_en="Persian", direction="rtl", position=500
    )
    response = client.get("/fa/counters/")
    assert response.status_code == 200
    body = response.content.decode()
    assert html_tag(body) == ("fa", "rtl")
    assert hreflangs(body)["fa"] == "http://testserver/fa/counters/"
    assert (
        'href="/fa/counters/" lang="fa" dir="rtl"' in client.get("/en/counters/").content.decode()
    )
    with translation.override("fa"):
        assert reverse("core:directory") == "/fa/counters/"


def test_inactive_language_disappears() -> None:
    Language.objects.filter(code="mn").update(is_active=False)
    forget_languages()
    assert registry().get("mn") is None


def test_language_file_and_database_agree() -> None:
    codes = [row["code"] for row in read_language_file()]
    assert codes == [lang.code for lang in registry().languages]


def test_bcp47_validation_rejects_bad_codes() -> None:
    from django.core.exceptions import ValidationError

    from kyosei.core.models import validate_bcp47

    for good in ["ja-x-easy", "zh-Hant", "pt-BR", "fil", "sr-Latn-RS", "es-419"]:
        validate_bcp47(good)
    for bad in ["japanese", "ja_JP", "ja-easy-", "x", ""]:
        with pytest.raises(ValidationError):
            validate_bcp47(bad)


def test_home_query_count_is_constant(
    client: Client, django_assert_max_num_queries: object
) -> None:
    client.get("/en/")  # warm the language cache
    with django_assert_max_num_queries(0):  # type: ignore[operator]
        assert client.get("/ko/").status_code == 200


def test_sinhala_gets_djangos_own_words_from_our_catalog() -> None:
    """Django ships no Sinhala catalog: catches its form errors and month names left in
    English for Sinhala readers (a resident's sign-up form, the day of a heat stroke alert)."""
    from datetime import date

    from django import forms
    from django.utils import formats

    with translation.override("si"):
        field = forms.EmailField()
        with pytest.raises(forms.ValidationError) as empty:
            field.clean("")
        assert empty.value.messages == ["මෙම ක්ෂේත්‍රය පිරවිය යුතුය."]
        with pytest.raises(forms.ValidationError) as wrong:
            field.clean("not an address")
        assert wrong.value.messages == ["වලංගු ඊමේල් ලිපිනයක් ඇතුළත් කරන්න."]
        assert formats.date_format(date(2026, 8, 11), "MONTH_DAY_FORMAT") == "අගෝස්තු 11"
