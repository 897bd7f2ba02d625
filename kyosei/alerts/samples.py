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
        "arrival": {"kind": "time", "time": "2024-08-08T16:55:00+09:00"},
    },
    "tsunami_advisory": {
        "tsunami_areas": [["380", "静岡県"]],
        "category": "advisory",
        "height": {"kind": "metres", "value": 1.0, "over": False},
        "arrival": {"kind": "arriving", "time": None},
    },
    "earthquake": {
        "intensity": "5-",
        "subdivisions": [["443", "静岡県西部"]],
        "by_intensity": [["5-", [["443", "静岡県西部"]]], ["4", [["442", "静岡県中部"]]]],
        "time": "2024-08-08T16:43:00+09:00",
        "time_kind": "origin",
        "epicentre": ["487", "遠州灘"],
        "magnitude": 5.8,
        "depth": {"kind": "km", "value": 30.0},
        "tsunami": "none",
    },
    "eew": {
        "intensity": "5-",
        "subdivisions": [["443", "静岡県西部"]],
        "forecasts": [
            {
                "area": ["443", "静岡県西部"],
                "from": "5-",
                "to": "5+",
                "over": False,
                "arriving": True,
                "time": None,
            },
            {
                "area": ["442", "静岡県中部"],
                "from": "4",
                "to": "4",
                "over": False,
                "arriving": False,
                "time": "2024-08-08T16:43:12+09:00",
            },
        ],
        "epicentre": ["487", "遠州灘"],
        "magnitude": 6.1,
        "depth": {"kind": "km", "value": 30.0},
    },
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
    # The shapes below are those ingest.py derives from JMA telegrams (see the tests with the
    # real samples); the preview must show what a resident would read, not "—".
    "eew_forecast": {
        "intensity": "4",
        "subdivisions": [["443", "静岡県西部"], ["442", "静岡県中部"]],
        "epicentre": ["487", "遠州灘"],
    },
    "earthquake_hypocentre": {
        "epicentre": ["487", "遠州灘"],
        "magnitude": 6.1,
        "depth": {"kind": "km", "value": 40.0},
        "tsunami": "slight",
    },
    "earthquake_revised": {
        "epicentre": ["487", "遠州灘"],
        "magnitude": 6.3,
        "depth": {"kind": "km", "value": 30.0},
        "tsunami": "slight",
    },
    "long_period": {
        "lg_class": 2,
        "subdivisions": [["443", "静岡県西部"]],
        "epicentre": ["487", "遠州灘"],
        "magnitude": 6.1,
    },
    "tsunami_info": {
        "tsunami_areas": [["380", "静岡県"]],
        "category": "warning",
        "observed": {
            "kind": "metres",
            "station": ["38005", "御前崎"],
            "area": ["380", "静岡県"],
            "value": 0.8,
            "over": False,
            "rising": True,
        },
        "arrival": {"kind": "arrived", "time": None},
    },
    "tsunami_offshore": {
        "tsunami_areas": [["380", "静岡県"]],
        # offshore stations belong to no forecast area: JMA leaves the area empty
        "observed": {
            "kind": "metres",
            "station": ["38090", "静岡御前崎沖"],
            "area": ["", ""],
            "value": 1.0,
            "over": False,
            "rising": False,
        },
        "arrival": {"kind": "time", "time": "2024-08-08T17:10:00+09:00"},
        "height": {"kind": "metres", "value": 3.0, "over": False},
    },
    "volcano_observation": {
        "volcano": ["306", "浅間山"],
        "phenomenon": "eruption",
        "time": "2020-05-22T14:45:00+09:00",
        "municipalities": [["1042500", "嬬恋村"]],
        "municipality_count": 1,
    },
    # 府県予報区 (220000) as VPOA50, VPHW50 and the 特別警報 notices name it
    "record_rain": {"forecast_areas": [["220000", "静岡県"]]},
    "tornado": {
        "forecast_areas": [["220000", "静岡県"]],
        "valid_until": "2024-08-30T15:40:00+09:00",
        "sighted": False,
    },
    "emergency_warning_notice": {
        "forecast_areas": [["220000", "静岡県"]],
        "kinds": [["大雨特別警報", 4]],
        "places": [
            ["2213001", "浜松市南部"],
            ["2221100", "磐田市"],
            ["2221600", "袋井市"],
            ["2222100", "湖西市"],
            ["2221300", "掛川市"],
        ],
        "place_count": 6,
    },
    "heat": {
        "forecast_areas": [["220000", "静岡県"]],
        "day": "today",
        "date": "2024-08-11",
        "special": False,
    },
}

# Which hazard each family's notices are filed under (the family name when not listed).
_HAZARDS = {
    "tsunami_warning": "tsunami",
    "tsunami_advisory": "tsunami",
    "tsunami_info": "tsunami",
    "tsunami_offshore": "tsunami",
    "nankai": "earthquake",
    "earthquake_hypocentre": "earthquake",
    "earthquake_revised": "earthquake",
    "long_period": "earthquake",
    "eew_forecast": "eew",
    "volcano_observation": "volcano",
    "record_rain": "weather",
    "tornado": "weather",
    "emergency_warning_notice": "weather",
    "heat": "weather",
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
    hazard = _HAZARDS.get(family, "local" if family.startswith("local") else family)
    return Notice(
        hazard=hazard,
        phase=phase,
        template=template,
        codes=[],
        details=details,
        received_at=now,
        created_at=now,
    )
