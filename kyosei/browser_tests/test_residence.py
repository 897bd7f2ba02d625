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


@pytest.mark.django_db(transaction=True)
def test_a_resident_asks_for_email_reminders_confirms_and_deletes_them(
    live_server: Any, browser: Any
) -> None:
    """Vietnamese, on a phone: the email reminder asked for from the result page, confirmed from
    the link in the mail, deleted with the page's button; the push button shown by push.js says
    it could not subscribe (Chromium has no push service here) and offers the email field.
    Mutations caught: the reminder button posting the form elsewhere, rows stored before the
    link is opened, a delete that keeps them, push.js not loaded."""
    import re

    from django.core import mail

    from kyosei.residence.models import Reminder

    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, permissions=["notifications"]
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/vi/residence/")
        page.select_option("#id_status", STATUS)
        page.select_option("#id_period_of_stay", "P1Y")
        page.fill("#id_expiry", "2027-08-31")
        page.locator("form.residence-form button[type=submit]").first.click()
        page.wait_for_selector(".residence-steps")
        push = page.locator("#residence-push")
        push.wait_for(state="visible")
        assert page.locator("#residence-push-note").is_visible()
        push.click()
        status = page.locator("#residence-push-status[data-state=failed]")
        status.wait_for(timeout=30000)
        assert status.inner_text() == "Không thể bật thông báo trên thiết bị này."
        assert page.evaluate("document.activeElement.name") == "email"
        assert Reminder.objects.count() == 0
        page.fill("#id_email", "an@example.org")
        page.get_by_role("button", name="Nhắc tôi qua email một tuần trước mỗi thời hạn").click()
        page.get_by_text("Chúng tôi đã gửi email cho bạn").wait_for()
        assert Reminder.objects.count() == 0
        (message,) = mail.outbox
        url = re.search(r"http\S+/confirm/\S+/", str(message.body))
        assert url
        page.goto(live_server.url + "/" + url.group(0).split("/", 3)[3])
        assert page.locator("h1").inner_text() == "Đã đặt lời nhắc của bạn."
        assert Reminder.objects.filter(language="vi").count() > 0
        page.get_by_role("button", name="Xóa lời nhắc của tôi").click()
        page.get_by_text("Đã xóa lời nhắc của bạn.").wait_for()
        assert Reminder.objects.count() == 0
    finally:
        context.close()
