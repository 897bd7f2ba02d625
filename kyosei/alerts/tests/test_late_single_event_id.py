"""A telegram under a single EventID that arrives after JMA merged that EventID with another
belongs to the merged event, on JMA's own sequence 38-39_02 (2015-11-14, 薩摩半島西方沖):
38-39_02_02 is the VTSE51 of EventID 20151114055157 (05:58, serial 1); 38-39_02_03 and _05
continue it under "20151114055157 20151114061750" (06:55 and 07:24, serials 2 and 3), and
38-39_02_04 lifts the advisory.

Before, 38-39_02_02 arriving last was taken for a second event: it found no earlier notice
and told 37 municipalities, after the lifting, that a 津波注意報 was in force."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyosei.alerts.ingest import ingest
from kyosei.alerts.models import Event, Notice, Telegram

pytestmark = pytest.mark.django_db

MERGED = "20151114055157 20151114061750"


def _sample(samples: Path, number: str) -> bytes:
    (path,) = samples.glob(f"38-39_02_{number}_*.xml")
    return path.read_bytes()


def _replay(samples: Path, numbers: list[str]) -> None:
    for number in numbers:
        result = ingest(_sample(samples, number), source="replay")
        assert result.telegram.outcome == Telegram.Outcome.APPLIED, number


def test_a_late_single_event_id_telegram_joins_the_merged_event(codes: None, samples: Path) -> None:
    """Catches: a second event for the late telegram, and old information (an advisory in
    force) sent after the lifting of the merged event."""
    _replay(samples, ["01", "03", "04", "05"])
    merged = Event.objects.get(type_code="VTSE51", event_id=MERGED)
    notices_before = Notice.objects.count()

    late = ingest(_sample(samples, "02"), source="replay")

    assert late.telegram.event_id == merged.pk
    assert late.telegram.jma_event_id == "20151114055157"
    assert not Event.objects.filter(type_code="VTSE51", event_id="20151114055157").exists()
    # Reported at 05:58, before the merged event's 06:55 and 07:24 telegrams: it is older than
    # what residents were already told, so it is kept (STALE) and sends nothing.
    assert late.telegram.outcome == Telegram.Outcome.STALE
    assert late.notices == [] and Notice.objects.count() == notices_before


def test_a_late_single_event_id_telegram_newer_than_the_merge_is_applied_to_it(
    codes: None, samples: Path
) -> None:
    """The same telegram reported after the merged event's newest one (07:30) is applied to
    the merged event as an update of it: not STALE (serials count per EventID, so its serial
    1 is no reason), not lost, not a second event with an "issue" of its own."""
    _replay(samples, ["01", "03"])
    merged = Event.objects.get(type_code="VTSE51", event_id=MERGED)
    told = {code for n in Notice.objects.filter(event=merged) for code in n.codes}
    raw = _sample(samples, "02")
    later = raw.replace(b"2015-11-14T05:58:00+09:00", b"2015-11-14T07:30:00+09:00")
    assert later != raw

    result = ingest(later, source="replay")

    assert result.telegram.outcome == Telegram.Outcome.APPLIED
    assert result.telegram.event_id == merged.pk
    assert Event.objects.filter(type_code="VTSE51").count() == 1
    # It continues what the merged event told the same municipalities: an update, not an issue.
    assert result.notices
    assert {n.template for n in result.notices} == {"tsunami_info.update"}
    assert {code for n in result.notices for code in n.codes} <= told
    merged.refresh_from_db()
    assert merged.latest_report_at is not None
    assert merged.latest_report_at.isoformat().startswith("2015-11-13T22:30")
