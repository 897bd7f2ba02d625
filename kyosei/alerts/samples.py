"""Sample placeholder values per template, for staff test-sends and previews."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from kyosei.alerts.models import Notice
from kyosei.orgs.models import Organisation

SAMPLE_DETAILS: dict[str, dict[str, Any]] = {
    "tsunami_warning": {
        "tsunami_areas": [["380", "静岡県"]],
        "category": "warning",
        "height": {"kind": "metres", "value": 3.0, "over": False},
    },
    "tsunami_advisory": {
        "tsunami_areas": [["380", "静岡県"]],
        "category": "advisory",
        "height": {"kind": "metres", "value": 1.0, "over": False},
    },
    "earthquake": {
        "intensity": "5-",
        "subdivisions": [["443", "静岡県西部"]],
        "epicentre": ["485", "静岡県西部"],
        "magnitude": 5.8,
    },
    "eew": {"intensity": "5-", "subdivisions": [["443", "静岡県西部"]]},
    "weather": {
        "kinds": [["大雨警報", 2]],
        "municipalities": [["2213001", "浜松市南部"]],
        "municipality_count": 1,
    },
    "nankai": {"status": "warning", "prefectures": ["22", "23", "39"]},
    "volcano": {
        "volcano": ["306", "浅間山"],
        "level": 3,
        "kind_name": "レベル３（入山規制）",
        "municipalities": [["1042500", "嬬恋村"]],
        "municipality_count": 1,
    },
}


def sample_notice(template: str, organisation: Organisation) -> Notice:
    family, phase = template.rsplit(".", 1)
    details = dict(SAMPLE_DETAILS.get(family, {}))
    if family.startswith("local"):
        details = {
            "district": {"ja": "中央区 佐鳴台", "en": "Sanarudai, Chuo-ku"},
            "shelter": {"ja": "佐鳴台小学校", "en": "Sanarudai Elementary School"},
            "organisation": {
                "ja": organisation.name,
                "en": organisation.name_en or organisation.name,
            },
        }
    now = timezone.now()
    hazards = {"tsunami_warning": "tsunami", "tsunami_advisory": "tsunami", "nankai": "earthquake"}
    hazard = hazards.get(family, "local" if family.startswith("local") else family)
    return Notice(
        hazard=hazard,
        phase=phase,
        template=template,
        codes=[],
        details=details,
        received_at=now,
        created_at=now,
    )
