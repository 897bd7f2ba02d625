"""The counter directory in the resident's language (issue 13, item 5): names, addresses,
opening hours and the prefecture are translated data; the demo counters carry real public
details (no invented phone numbers)."""

import re
from typing import Any

import pytest
from django.test import Client

from kyosei.core import demo
from kyosei.core.languages import registry
from kyosei.orgs.models import Organisation

PLACEHOLDER_PHONE = re.compile(r"\b0\d{1,4}-0{2,4}-0{3,4}\b")


@pytest.fixture
def demo_world(settings: Any, db: None) -> None:
    settings.DEBUG = True
    demo.load_demo()


def test_khmer_reader_sees_khmer_names_prefectures_and_hours(
    client: Client, demo_world: None
) -> None:
    """Catches the card falling back to "静岡県 (Shizuoka)", the Japanese name with an English
    subtitle, or hours that are not translated."""
    page = client.get("/km/counters/").content.decode()
    assert "静岡県 (Shizuoka)" not in page and "(Shizuoka)" not in page
    assert "ខេត្តស៊ីហ្ស៊ូអូកា" in page  # Shizuoka prefecture, in Khmer
    for spec in demo.ORGANISATIONS:
        assert spec["translations"]["km"]["name"] in page
    fresc = demo.ORGANISATIONS[2]["hours"]["km"]
    assert fresc in page and "9:00–17:00" in fresc
    # The official Japanese name stays beside it, marked as Japanese, for the sign on the door.
    assert (
        '<span class="subtle counter-official" lang="ja">外国人在留支援センター（FRESC）</span>'
        in page
    )


def test_portuguese_and_japanese_readers(client: Client, demo_world: None) -> None:
    pt = client.get("/pt-BR/counters/").content.decode()
    assert "Prefeitura de Oizumi, Seção de Integração e Assuntos Multiculturais" in pt
    assert "De segunda a sexta, das 8h30 às 17h15" in pt
    assert "55-1 Hinode, Oizumi-machi, Ora-gun, Gunma 370-0595" in pt
    ja = client.get("/ja/counters/").content.decode()
    assert "大泉町役場 多文化協働課" in ja and "群馬県" in ja and "counter-official" not in ja
    easy = client.get("/ja-x-easy/counters/").content.decode()
    assert "おおいずみまち やくば たぶんか きょうどう か" in easy and "ぐんまけん" in easy


def test_demo_counters_have_real_details_in_every_language(demo_world: None) -> None:
    """Catches invented numbers (0570-000-000) and a language left without a name."""
    codes = [lang.code for lang in registry().languages if lang.code != "ja"]
    for org in Organisation.objects.all():
        assert not PLACEHOLDER_PHONE.search(org.phone), org.phone
        for code in codes:
            assert org.translations[code]["name"].strip(), (org.slug, code)
    for spec in demo.ORGANISATIONS:
        assert spec["source"].startswith("https://"), spec["slug"]
    fresc = Organisation.objects.get(slug="national-centre")
    assert fresc.phone == "0570-011000" and "四谷1-6-1" in fresc.address


def test_old_demo_databases_get_the_real_details(demo_world: None) -> None:
    oizumi = Organisation.objects.get(slug="oizumi")
    Organisation.objects.filter(pk=oizumi.pk).update(phone="0276-00-0000", translations={})
    demo.load_demo()
    oizumi.refresh_from_db()
    assert oizumi.phone == "0276-63-3111" and oizumi.translated("name", "es").startswith("Muni")


def test_translation_fallbacks(db: None) -> None:
    org = Organisation(
        name="テスト窓口",
        name_en="Test counter",
        address="東京都",
        translations={"zh-Hans": {"name": "测试窗口"}, "pt-BR": {"name": "Balcão"}},
    )
    assert org.translated("name", "zh-Hant") == "测试窗口"  # zh-Hant falls back to zh-Hans
    assert org.translated("name", "km") == "Test counter"  # then English
    assert org.translated("name", "ja-x-easy") == "テスト窓口"  # Japanese before English
    assert org.translated("address", "pt-BR") == "東京都"
