"""My residence (#15 part 2): the engine's deadlines on a page and in a calendar file, in the
resident's language, with nothing they entered kept anywhere."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import pytest
import vobject
from django.apps import apps
from django.test import Client
from django.utils import timezone

from kyosei.core import cldr
from kyosei.residence.calendar import summary_of
from kyosei.residence.timeline import timeline_for, what_language
from zairyu import build_timeline, parse_case
from zairyu.data import what_texts

pytestmark = pytest.mark.django_db

STATUS = "技術・人文知識・国際業務"
FORM = {
    "status": STATUS,
    "period_of_stay": "P3Y",
    "expiry": "2028-02-29",
    "moved_on": "2026-12-01",
}


def engine_input(today: date) -> dict[str, Any]:
    return {
        "today": today.isoformat(),
        "status": STATUS,
        "period_of_stay": "P3Y",
        "expiry": "2028-02-29",
        "events": [{"type": "moved", "date": "2026-12-01"}],
    }


def engine_days(today: date) -> list[date]:
    return sorted(d.date for d in build_timeline(parse_case(engine_input(today))).deadlines)


def rows() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.managed}


@pytest.mark.parametrize("language", ["en", "vi", "ja"])
def test_the_page_lists_every_deadline_the_engine_computes(client: Client, language: str) -> None:
    response = client.post(f"/{language}/residence/", FORM)
    assert response.status_code == 200
    body = response.content.decode()
    days = engine_days(timezone.localdate())
    assert days
    for day in days:
        assert f'<time datetime="{day.isoformat()}">{cldr.day(day, language)}</time>' in body
    # 入管法19条の7: 14 days from the day after moving (民法140条) → 15 December
    assert date(2026, 12, 15) in days
    # the extension fee on the day the window opens, from the dated fee table (2025-04-01)
    assert f"¥{cldr.number(6000, language)}" in body
    assert response.headers["Cache-Control"].startswith("max-age=0")
    assert "no-store" in response.headers["Cache-Control"]


def test_nothing_entered_is_stored_or_logged(client: Client, caplog: Any) -> None:
    before = rows()
    with caplog.at_level(logging.DEBUG):
        client.post("/en/residence/", FORM)
        client.post("/en/residence/calendar.ics", FORM)
    assert rows() == before
    logged = "\n".join(r.getMessage() + str(r.__dict__) for r in caplog.records)
    for entered in ("2028-02-29", "2026-12-01", STATUS, "P3Y"):
        assert entered not in logged


def test_the_calendar_file_has_one_event_per_deadline_with_reminders(client: Client) -> None:
    response = client.post("/pt-BR/residence/calendar.ics", FORM)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="kyosei-residence.ics"'
    parsed = vobject.readOne(response.content.decode())
    events = parsed.vevent_list
    today = timezone.localdate()
    kinds = {step.day: step.kind for step in timeline_for(engine_input(today), "pt-BR").steps}
    assert sorted(e.dtstart.value for e in events) == engine_days(today)
    for event in events:
        assert event.dtend.value == event.dtstart.value + (date(2000, 1, 2) - date(2000, 1, 1))
        triggers = sorted(a.trigger.value.days for a in getattr(event, "valarm_list", []))
        expected = sorted(
            -d for d in (30, 7) if event.dtstart.value.toordinal() - d >= today.toordinal()
        )
        assert triggers == expected, event.summary.value
        # the rule texts of the resident's own language, tagged with its registry code
        assert event.summary.params["LANGUAGE"] == ["pt-BR"] == [what_language("pt-BR")]
        assert event.summary.value == summary_of(what_texts("pt-BR")[kinds[event.dtstart.value]])
        assert STATUS not in event.description.value  # the input is not in the file
    uids = [e.uid.value for e in events]
    assert len(set(uids)) == len(uids)
    again = vobject.readOne(client.post("/pt-BR/residence/calendar.ics", FORM).content.decode())
    assert [e.uid.value for e in again.vevent_list] == uids  # a new download updates, not adds


def test_refusals_name_the_field_to_correct(client: Client) -> None:
    permanent = {"status": "永住者", "period_of_stay": "indefinite", "expiry": "2030-01-01"}
    response = client.post("/en/residence/", permanent)
    assert response.status_code == 400
    assert response.context["form"].errors == {"expiry": ["Please check this field."]}
    missing = client.post("/en/residence/", {"period_of_stay": "P1Y"})
    assert missing.status_code == 400 and "status" in missing.context["form"].errors
    bad = client.post("/en/residence/calendar.ics", {**FORM, "moved_on": "2026-02-30"})
    assert bad.status_code == 400 and "moved_on" in bad.context["form"].errors


def test_a_guide_link_opens_the_tool_with_the_status_chosen(client: Client) -> None:
    response = client.get("/en/residence/", {"status": "永住者", "period_of_stay": "indefinite"})
    assert response.status_code == 200
    body = response.content.decode()
    assert '<option value="永住者" selected>永住者</option>' in body
    assert '<option value="indefinite" selected>' in body


def test_the_residence_card_article_opens_the_tool_for_permanent_residents(client: Client) -> None:
    from kyosei.guide import content

    content.load_content()
    body = client.get("/en/guide/national-centre/residence-card-and-renewal/").content.decode()
    assert (
        'href="/en/residence/?status=%E6%B0%B8%E4%BD%8F%E8%80%85&amp;period_of_stay=indefinite"'
        in body
    )
    assert 'href="/en/residence/"' in client.get("/en/").content.decode()


@pytest.mark.parametrize("language", ["en", "km", "my", "ur", "ne"])
def test_a_calendar_summary_is_the_first_sentence_of_the_rule_text(language: str) -> None:
    # catches: a script's full stop (Khmer ។, Burmese ။, Urdu ۔, Devanagari ।) not recognised,
    # which puts the whole paragraph in the calendar's one-line title
    text = what_texts(language)["revocation_risk_from"]
    summary = summary_of(text)
    assert text.startswith(summary) and len(summary) < len(text)
