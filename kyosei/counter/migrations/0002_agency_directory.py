"""Seeds the shared directory of external agencies and interpretation services.

Contact details are compiled from the agencies' public pages; counters should confirm them
and keep them current in the admin (hours and languages change).
"""

from django.db import migrations

AGENCIES = [
    {
        "kind": "employment",
        "name": "ハローワーク（公共職業安定所）",
        "name_en": "Hello Work (public employment security office)",
        "website": "https://www.hellowork.mhlw.go.jp/",
        "languages": ["ja", "en", "pt", "es", "zh", "vi"],
        "hours": "平日 8:30–17:15",
        "notes": "Local office by address; interpreters at some offices.",
    },
    {
        "kind": "legal",
        "name": "法テラス 多言語情報提供サービス",
        "name_en": "Houterasu (Japan Legal Support Center) multilingual service",
        "phone": "0570-078377",
        "website": "https://www.houterasu.or.jp/multilingual/",
        "languages": ["en", "zh", "ko", "es", "pt", "vi", "tl", "ne", "th", "id"],
        "hours": "平日 9:00–17:00",
    },
    {
        "kind": "labour",
        "name": "労働基準監督署",
        "name_en": "Labour Standards Inspection Office",
        "website": "https://www.mhlw.go.jp/kouseiroudoushou/shozaiannai/roudoukyoku/",
        "languages": ["ja"],
        "hours": "平日 8:30–17:15",
        "notes": "Unpaid wages, working hours, industrial accidents. Local office by workplace.",
    },
    {
        "kind": "immigration",
        "name": "外国人在留総合インフォメーションセンター（地方出入国在留管理局）",
        "name_en": "Immigration Services Agency information centre (regional bureaus)",
        "phone": "0570-013904",
        "website": "https://www.moj.go.jp/isa/consultation/center/index.html",
        "languages": ["ja", "en", "zh", "ko", "es", "pt", "vi", "tl"],
        "hours": "平日 8:30–17:15",
    },
    {
        "kind": "human_rights",
        "name": "外国語人権相談ダイヤル（法務局）",
        "name_en": "Foreign-language human rights hotline (Legal Affairs Bureau)",
        "phone": "0570-090911",
        "website": "https://www.moj.go.jp/JINKEN/jinken21.html",
        "languages": ["en", "zh", "ko", "tl", "pt", "vi", "ne", "es", "id", "th"],
        "hours": "平日 9:00–17:00",
    },
    {
        "kind": "health",
        "name": "保健所",
        "name_en": "Public health centre",
        "languages": ["ja"],
        "hours": "平日",
        "notes": "Local centre by address: infectious disease, mental health, maternal health.",
    },
    {
        "kind": "consumer",
        "name": "消費者ホットライン",
        "name_en": "Consumer hotline",
        "phone": "188",
        "website": "https://www.caa.go.jp/policies/policy/local_cooperation/local_consumer_administration/hotline/",
        "languages": ["ja"],
        "hours": "Depends on the local consumer centre",
    },
    {
        "kind": "police",
        "name": "警察相談専用電話",
        "name_en": "Police consultation line (not for emergencies: 110)",
        "phone": "#9110",
        "languages": ["ja"],
        "hours": "平日 8:30–17:15 (varies by prefecture)",
    },
    {
        "kind": "interpretation",
        "name": "出入国在留管理庁 一元的相談窓口向け電話通訳",
        "name_en": "ISA telephone interpretation for one-stop counters (free, 19 languages)",
        "languages": [],
        "notes": "Free for municipal one-stop counters; the counter calls and conferences "
        "the interpreter in. Languages: check ISA's current list.",
    },
]


def seed(apps, schema_editor):
    Agency = apps.get_model("counter", "Agency")
    for entry in AGENCIES:
        Agency.objects.update_or_create(name=entry["name"], defaults=entry)


def unseed(apps, schema_editor):
    Agency = apps.get_model("counter", "Agency")
    Agency.objects.filter(name__in=[entry["name"] for entry in AGENCIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("counter", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
