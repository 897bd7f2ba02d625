"""My residence on a phone (#15 part 2, "Done when"): the form filled in Portuguese and in
Urdu, the deadlines read on the page, the calendar file downloaded and read by an iCalendar
parser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import vobject
from django.utils import timezone

from kyosei.residence.timeline import timeline_for

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
STATUS = "技術・人文知識・国際業務"


@pytest.mark.parametrize("language", ["pt-BR", "ur"])
def test_a_resident_fills_the_form_and_downloads_the_calendar(
    live_server: Any, browser: Any, language: str
) -> None:
    """Mutations caught: a deadline dropped between the engine and the page or the file, the
    calendar button posting elsewhere (or by GET, putting the dates in the URL), a layout wider
    than a phone in right-to-left."""
    today = timezone.localdate()
    expected = timeline_for(
        {
            "today": today.isoformat(),
            "status": STATUS,
            "period_of_stay": "P1Y",
            "expiry": "2027-08-31",
            "events": [{"type": "moved", "date": today.isoformat()}],
        },
        language,
    ).steps
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, accept_downloads=True
    )
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(f"{r.method} {r.url}"))
    try:
        page.goto(f"{live_server.url}/{language}/residence/")
        page.select_option("#id_status", STATUS)
        page.select_option("#id_period_of_stay", "P1Y")
        page.fill("#id_expiry", "2027-08-31")
        page.fill("#id_moved_on", today.isoformat())
        page.locator("form.residence-form button[type=submit]").first.click()
        page.wait_for_selector(".residence-steps")
        shown = page.locator(".residence-steps time").evaluate_all(
            "(ts) => ts.map((t) => t.dateTime)"
        )
        assert shown == [step.day.isoformat() for step in expected]
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0

        with page.expect_download() as download_info:
            page.locator("form.residence-form button[formaction$='calendar.ics']").click()
        download = download_info.value
        assert download.suggested_filename == "kyosei-residence.ics"
        parsed = vobject.readOne(Path(download.path()).read_text(encoding="utf-8"))
        assert sorted(e.dtstart.value for e in parsed.vevent_list) == [s.day for s in expected]
        assert all("2027-08-31" not in r and "residence/?" not in r for r in requests)
    finally:
        context.close()
