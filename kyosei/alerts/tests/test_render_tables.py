"""Rendering the official VTSE51 sample 32-39_12_11 (77 notices) reads its tables once.

Tide-station names are transliterated through municipality readings; each guess was one query,
3 342 queries for the 84 × 16 renders of this sample (7 s). The speed is measured in
benchmarks/bench_alerts_render.py; this test pins the cause: queries do not grow with renders.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kyosei.alerts.areas import forget_names
from kyosei.alerts.models import Notice
from kyosei.alerts.render import render, station_name
from kyosei.alerts.services import receive_telegram
from kyosei.core.languages import registry

pytestmark = pytest.mark.django_db

TARGET = "32-39_12_11_250206_VTSE51.xml"


def test_the_official_vtse51_sample_renders_with_a_bounded_number_of_queries(
    samples: Path, codes: None, django_assert_max_num_queries: Any
) -> None:
    for path in sorted(samples.glob("32-39_12_*.xml")):
        result = receive_telegram(raw=path.read_bytes(), source="replay", dispatch=False)
        if path.name == TARGET:
            break
    notices = list(Notice.objects.filter(telegram=result.telegram))
    assert len(notices) == 77  # one per group of coasts that the telegram treats alike
    languages = [lang.code for lang in registry().languages]
    forget_names()
    # Area names of the notices' codes are looked up once each (cached per process); the
    # station readings are one query in all. Before: 3 342 queries.
    with django_assert_max_num_queries(100):
        rendered = [render(n, lang) for n in notices for lang in languages]
    assert len(rendered) == len(notices) * len(languages)
    assert all(r.body for r in rendered)


def test_station_names_still_read_through_municipalities(codes: None) -> None:
    forget_names()
    assert station_name("釜石", "en") == "Kamaishi"
    assert station_name("釜石", "ko") == "가마이시"
    assert station_name("釜石", "ja") == "釜石"
