"""#15 part 3 in a real browser: counter staff in Japanese run the residence-deadline tool on a
consultation of a Vietnamese-speaking client, save it, and print the handoff card with the
deadlines in Vietnamese and Japanese."""

import re
from pathlib import Path

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from kyosei.browser_tests.test_browser import _sign_in
from kyosei.conftest import make_user
from kyosei.core import cldr
from kyosei.counter import services
from kyosei.counter.models import ResidenceCheck
from kyosei.counter.tests.factories import consent, make_client, make_consultation
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role
from kyosei.residence.timeline import timeline_for

pytestmark = pytest.mark.browser

STATUS = "技術・人文知識・国際業務"


def test_staff_save_the_deadlines_and_the_card_carries_them(
    live_server: object, page: object, tmp_path: Path
) -> None:
    """Mutations caught: the save button not reaching the service; the client's side worded
    in Japanese; a CSP violation from the new page."""
    org = org_services.create_organisation(
        actor=None, slug="org-a", name="A市", kind=Organisation.Kind.MUNICIPALITY, prefecture="22"
    )
    bob = make_user("bob")
    org_services.grant_role(actor=None, organisation=org, user=bob, role=Role.COUNTER_STAFF)
    device = TOTPDevice.objects.create(user=bob, name="phone", confirmed=True)
    client = make_client(org, preferred_language="vi", nationality="VN")
    consent(client, "nickname", "residence_deadlines")
    consultation = make_consultation(org, client, language="vi")
    today = timezone.localdate()
    expected = timeline_for(
        {
            "today": today.isoformat(),
            "status": STATUS,
            "period_of_stay": "P1Y",
            "expiry": "2027-08-31",
            "events": [{"type": "moved", "date": today.isoformat()}],
        },
        "vi",
    ).steps
    violations: list[str] = []
    page.on(  # type: ignore[attr-defined]
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    _sign_in(page, live_server.url, "bob", device)  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/staff/o/org-a/$"))  # type: ignore[attr-defined]
    base = f"{live_server.url}/ja/staff/o/org-a/counter"  # type: ignore[attr-defined]
    page.goto(f"{base}/consultations/{consultation.pk}/")  # type: ignore[attr-defined]
    page.get_by_role("link", name="在留期限").click()  # type: ignore[attr-defined]
    page.select_option("#id_status", STATUS)  # type: ignore[attr-defined]
    page.select_option("#id_period_of_stay", "P1Y")  # type: ignore[attr-defined]
    page.fill("#id_expiry", "2027-08-31")  # type: ignore[attr-defined]
    page.fill("#id_moved_on", today.isoformat())  # type: ignore[attr-defined]
    page.get_by_role("button", name="相談記録に保存").click()  # type: ignore[attr-defined]
    page.wait_for_selector("article.card .residence-steps")  # type: ignore[attr-defined]
    page.screenshot(path=str(tmp_path / "residence.png"), full_page=True)  # type: ignore[attr-defined]
    check = ResidenceCheck.objects.get()
    assert check.consultation_id == consultation.pk
    vietnamese = page.locator(  # type: ignore[attr-defined]
        "article.card section[lang=vi] .residence-steps time"
    ).all_inner_texts()
    assert vietnamese == [cldr.day(step.day, "vi") for step in expected]

    referral = services.create_referral(
        actor=bob,
        client=client,
        consultation=consultation,
        # Earlier live-server tests flush the agencies the migration seeded: a receiver of its own.
        to_organisation=org_services.create_organisation(
            actor=None,
            slug="centre",
            name="外国人在留支援センター",
            kind=Organisation.Kind.NATIONAL_CENTRE,
        ),
    )
    page.goto(f"{base}/referrals/{referral.pk}/card/")  # type: ignore[attr-defined]
    resident = page.locator("section.handoff-side[lang=vi]").inner_text()  # type: ignore[attr-defined]
    japanese = page.locator("section.handoff-side[lang=ja]").inner_text()  # type: ignore[attr-defined]
    for step in expected:
        assert f"{cldr.day(step.day, 'vi')}: {step.what}" in resident
        assert cldr.day(step.day, "ja") in japanese
    assert not violations
