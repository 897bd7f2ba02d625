"""`kyosei alerts render` (dry run) derives with exactly the code and the state ingest uses."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from kyosei.alerts.models import Notice, Telegram
from kyosei.core.languages import read_language_file

pytestmark = pytest.mark.django_db

# Only the outcome a resident sees: which template, to whom, saying what.
KEYS = ("template", "phase", "codes", "severity", "is_drill", "details")


def _dry_run(path: Path) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]]]:
    out = StringIO()
    call_command("alerts", "render", str(path), "--all", "--json", stdout=out)
    data = json.loads(out.getvalue())
    notices = [{k: n[k] for k in KEYS} for n in data["event"]["notices"]]
    return data["event"]["outcome"], notices, data["messages"]


def test_render_and_replay_agree_on_every_shared_sample_in_sequence_order(
    samples: Path, codes: None
) -> None:
    """Catches: render deriving without the event's stored state (the third telegram of a
    tsunami sequence said "No notice" where replay stored tsunami_advisory.lifting, the second
    said `issue` where replay stored `update`), or render storing anything."""
    from kyosei.alerts.delivery import notice_json

    files = sorted(p for p in samples.iterdir() if p.suffix == ".xml")
    disagreements = []
    for path in files:
        before = Telegram.objects.count()
        outcome, dry, messages = _dry_run(path)
        assert Telegram.objects.count() == before, path.name  # the dry run stored nothing
        out = StringIO()
        call_command("alerts", "replay", str(path), "--no-send", stdout=out)
        telegram = Telegram.objects.order_by("-pk").first()
        assert telegram is not None
        stored = [
            {k: notice_json(n)[k] for k in KEYS}
            for n in Notice.objects.filter(telegram=telegram).order_by("pk")
        ]
        replayed = out.getvalue().split(": ", 1)[1].split(" ", 1)[0]
        if replayed == "duplicate":  # a telegram received before sends nothing again
            stored = []
        if (outcome, dry) != (replayed, stored):
            disagreements.append((path.name, outcome, replayed, dry, stored))
        # every notice in every language
        assert len(messages) == len(read_language_file()) * len(dry), path.name
    assert not disagreements, disagreements[:3]
    assert Notice.objects.exists()


def test_render_of_a_real_sequence_uses_what_was_stored_before(samples: Path, codes: None) -> None:
    """Official sequence 32-39_13: after the advisory (02) and its information (03), the dry
    run of the third telegram (07, the lifting) says tsunami_advisory.lifting, as replay does
    (it said "No notice"); in 32-39_12 the dry run of the second VTSE41 says `update`, not
    `issue`. Catches: render deriving with had_notice=False instead of the event's state."""

    def replay(name: str) -> None:
        call_command("alerts", "replay", str(samples / name), "--no-send", stdout=StringIO())

    replay("32-39_13_02_250206_VTSE41.xml")
    replay("32-39_13_03_250206_VTSE51.xml")
    _outcome, dry, _messages = _dry_run(samples / "32-39_13_07_250206_VTSE41.xml")
    assert [n["template"] for n in dry] == ["tsunami_advisory.lifting"]
    replay("32-39_12_02_250206_VTSE41.xml")
    _outcome, dry, _messages = _dry_run(samples / "32-39_12_07_250206_VTSE41.xml")
    assert dry and {n["phase"] for n in dry} == {"update"}
