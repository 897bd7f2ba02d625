"""Rendering: 16 variants from human-written templates, exact ja/en, Plain Japanese furigana."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import timezone, translation

from kyosei.alerts import messages as m
from kyosei.alerts.areas import area_name, forget_names
from kyosei.alerts.ingest import ingest
from kyosei.alerts.models import Notice
from kyosei.alerts.render import placeholders, render, render_all
from kyosei.alerts.samples import SAMPLE_DETAILS, sample_notice
from kyosei.alerts.tests.conftest import as_real, sample_bytes
from kyosei.alerts.transliterate import hangul, romanised_place
from kyosei.core.languages import read_language_file, registry
from kyosei.core.models import Language
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def tsunami_notice(phase: str = "issue", category: str = "warning") -> Notice:
    family = "tsunami_advisory" if category == "advisory" else "tsunami_warning"
    now = timezone.now()
    return Notice(
        hazard="tsunami",
        phase=phase,
        template=f"{family}.{phase}",
        codes=["2213001"],
        details={
            "tsunami_areas": [["380", "静岡県"]],
            "category": category,
            "height": {"kind": "metres", "value": 3.0, "over": False},
            "arrival": {"kind": "time", "time": "2024-08-08T16:55:00+09:00"},
        },
        received_at=now,
        created_at=now,
    )


def test_every_template_has_every_phase_and_formats_in_every_language() -> None:
    families = {key.rsplit(".", 1)[0] for key in m.TEMPLATES if not key.startswith("local.")}
    for family in families:
        for phase in m.PHASES:
            assert f"{family}.{phase}" in m.TEMPLATES
    for key in m.TEMPLATES:
        notice = sample_notice(key, organisation=_org())
        for message in render_all(notice):
            assert message.title.strip() and message.body.strip() and message.action.strip()
            assert "%(" not in message.title + message.body, (key, message.lang)


def _org() -> Organisation:
    return Organisation(slug="x", name="浜松市", name_en="Hamamatsu City")


def test_every_variant_is_rendered() -> None:
    # How fast: bench_alerts.py measures telegram → first push, rendering included.
    messages = render_all(tsunami_notice())
    assert len(messages) == len(registry().languages) == len(read_language_file())
    assert {msg.lang for msg in messages} == {lang.code for lang in registry().languages}


def test_english_tsunami_warning_exact_text() -> None:
    message = render(tsunami_notice(), "en")
    assert message.text_lang == "en"
    assert message.title == "Tsunami warning for Shizuoka Prefecture — go to high ground now"
    assert message.body == (
        "The Japan Meteorological Agency has issued a tsunami warning for Shizuoka "
        "Prefecture. Expected height: 3 m. The first wave is expected at about 16:55 Japan time."
    )
    assert message.action.startswith("Go to high ground")


def test_japanese_tsunami_warning_exact_text() -> None:
    message = render(tsunami_notice(), "ja")
    assert message.title == "津波警報　静岡県　ただちに避難"
    assert message.body == (
        "気象庁は静岡県に津波警報を発表しました。予想される津波の高さは3mです。"
        "第1波の到達予想時刻は8日16時55分ごろです。"
    )
    assert message.action.startswith("ただちに高台や津波避難ビル")


def test_english_and_japanese_cancellation_exact_text_differs_from_issue() -> None:
    issue_en, cancel_en = (
        render(tsunami_notice(), "en"),
        render(tsunami_notice("cancellation"), "en"),
    )
    assert cancel_en.title == "Cancelled: the earlier tsunami warning for Shizuoka Prefecture"
    assert cancel_en.action == "You do not need to act on the earlier message."
    assert cancel_en.title != issue_en.title and cancel_en.body != issue_en.body
    cancel_ja = render(tsunami_notice("cancellation"), "ja")
    assert cancel_ja.title == "取消　静岡県の津波警報"
    assert cancel_ja.body == "気象庁は先に静岡県に発表した津波の情報を取り消しました。"
    for lang in registry().languages:
        issued = render(tsunami_notice(), lang.code)
        cancelled = render(tsunami_notice("cancellation"), lang.code)
        assert issued.title != cancelled.title, lang.code


def test_each_phase_has_its_own_wording() -> None:
    titles = {render(tsunami_notice(phase), "en").title for phase in m.PHASES}
    assert len(titles) == len(m.PHASES)


def test_plain_japanese_has_furigana_for_kanji() -> None:
    message = render(tsunami_notice(), "ja-x-easy")
    assert message.text_lang == "ja-x-easy"
    assert "<ruby>" in message.html_body and "<rt>" in message.html_body
    assert "にげて" in message.title


def test_the_right_language_is_active_while_rendering() -> None:
    message = render(tsunami_notice(), "pt-BR")
    # Until the pt-BR catalog has the string, the text falls back along the chain to English,
    # and says so; the area name comes from the pt-BR names file when present.
    assert message.lang == "pt-BR"
    assert message.text_lang in {"pt-BR", "en"}
    assert "Shizuoka" in message.title


def test_a_language_added_later_renders_through_its_fallback(db: None) -> None:
    Language.objects.create(
        code="fa", native_name="فارسی", name_en="Persian", direction="rtl",
        fallback=Language.objects.get(code="en"),
    )  # fmt: skip
    message = render(tsunami_notice(), "fa")
    assert message.lang == "fa" and message.text_lang == "en"
    assert "Shizuoka" in message.title


def test_area_names_fall_back_to_romaji_hangul_and_kanji(codes: None) -> None:
    forget_names()
    assert romanised_place("浜松市南部", "はままつしなんぶ") == "Hamamatsu-shi Nanbu"
    assert romanised_place("大泉町", "おおいずみまち") == "Oizumi-machi"
    assert hangul("はままつ") == "하마마쓰"
    # No names file has municipality entries: fall back by script.
    assert area_name("municipality", "2222100", "vi") == "Kosai-shi"
    assert area_name("municipality", "2222100", "ko") == "고사이시"
    assert area_name("municipality", "2222100", "zh-Hans") == "湖西市"
    assert area_name("municipality", "2222100", "ja") == "湖西市"
    assert area_name("municipality", "9999999", "en", fallback="謎市") == "謎市"


def test_prefecture_and_tsunami_area_names_are_translated() -> None:
    assert area_name("tsunami", "380", "en") == "Shizuoka Prefecture"
    assert area_name("prefecture", "22", "en").startswith("Shizuoka")
    assert area_name("tsunami", "380", "ja", fallback="静岡県") == "静岡県"


def test_turkish_area_names_are_turkish_not_the_english_fallback() -> None:
    """Catches: Turkish readers given the English names of their fallback ("Western Shizuoka
    Prefecture") because tr.json is missing or unread."""
    assert area_name("subdivision", "443", "tr") == "Batı Shizuoka ili"
    assert area_name("tsunami", "380", "tr") == "Shizuoka ili"
    assert area_name("epicentre", "487", "tr") == "Enshu-nada Denizi"


def test_a_broken_translation_never_stops_an_alert() -> None:
    from kyosei.alerts.render import _fill

    notice = tsunami_notice()
    assert _fill("%(areas)s %(", {"areas": "x"}, notice) == "%(areas)s %("
    assert _fill("%(nothing)s", {}, notice) == ""  # logged as a bug, never a stand-in "—"


def test_nepali_tsunami_message_is_not_the_english_one() -> None:
    """Alerts in gettext languages come from the translated catalogs, not English."""
    nepali, english = render(tsunami_notice(), "ne"), render(tsunami_notice(), "en")
    assert nepali.text_lang == "ne"
    assert nepali.title != english.title and nepali.body != english.body


def test_render_of_real_sample_fills_every_placeholder(codes: None, samples: Path) -> None:
    result = ingest(as_real(sample_bytes(samples, "32-39_12_02_250206_VTSE41.xml")), source="feed")
    for notice in result.notices:
        for message in render_all(notice):
            assert "%(" not in message.title + message.body
            assert "for —" not in message.title and "—　" not in message.title


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@pytest.mark.parametrize("key", sorted(m.TEMPLATES))
def test_staff_sample_of_every_template_fills_every_placeholder_in_every_language(
    key: str,
) -> None:
    """A family added without SAMPLE_DETAILS would preview and test-send with "—" blanks."""
    family = key.rsplit(".", 1)[0]
    assert family.startswith("local.") or family in SAMPLE_DETAILS, family
    notice = sample_notice(key, organisation=_org())
    template = m.TEMPLATES[key]
    # "—" is what render gives a placeholder it has no value for (and _time a missing time)
    sources = [str(template.title), str(template.body)]
    for language in registry().languages:
        message = render(notice, language.code)
        assert "%(" not in message.title + message.body, (key, language.code)
        used = set(_PLACEHOLDER.findall("".join(sources)))
        with translation.override(language.code):  # a translation may use the placeholders too
            used |= set(_PLACEHOLDER.findall(str(template.title) + str(template.body)))
        values = placeholders(notice, language.code)
        for name in sorted(used):
            value = values.get(name, "—")
            assert value.strip() and "—" not in value, (key, language.code, name, value)


def test_sinhala_heat_alert_names_the_month_in_sinhala() -> None:
    """Catches "අද (August 11)": Django has no Sinhala catalog, so the month names of the
    date format come from ours."""
    title = render(sample_notice("heat.issue", organisation=_org()), "si").title
    assert "අගෝස්තු 11" in title and "August" not in title
