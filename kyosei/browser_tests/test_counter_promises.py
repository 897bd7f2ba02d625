"""The counter's promises in a real browser: consent in the client's language (Vietnamese, and
Urdu right to left), none for a Hindi reader until an interpreter is recorded, a referral card
in Nepali, and an erased case that takes no more writes. No CSP violation on the way."""

import re
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from kyosei.browser_tests.test_browser import _sign_in
from kyosei.conftest import make_user
from kyosei.counter import services
from kyosei.counter.models import ConsentRecord, Consultation
from kyosei.counter.tests.factories import consent, make_client, make_consultation
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role

pytestmark = pytest.mark.browser
WRITTEN_IN = "Nguyen Van An 090-1234-5678"


def test_consent_languages_and_a_final_erasure(
    live_server: object, page: object, tmp_path: Path
) -> None:
    org = org_services.create_organisation(
        actor=None, slug="org-a", name="A市", kind=Organisation.Kind.MUNICIPALITY, prefecture="22"
    )
    bob = make_user("bob")
    alice = make_user("alice")
    org_services.grant_role(actor=None, organisation=org, user=bob, role=Role.COUNTER_STAFF)
    org_services.grant_role(actor=None, organisation=org, user=alice, role=Role.SUPERVISOR)
    device = TOTPDevice.objects.create(user=bob, name="phone", confirmed=True)
    vietnamese = make_client(org, nickname="V.A.", nationality="VN", preferred_language="vi")
    hindi = make_client(org, nickname="K.A.", nationality="IN", preferred_language="hi")
    urdu = make_client(org, nickname="U.A.", nationality="PK", preferred_language="ur")
    nepali = make_client(org, nickname="N.A.", nationality="NP", preferred_language="ne")
    consent(nepali, "nickname")
    centre = org_services.create_organisation(
        actor=None,
        slug="centre",
        name="外国人在留支援センター",
        kind=Organisation.Kind.NATIONAL_CENTRE,
    )
    referral = services.create_referral(actor=None, client=nepali, to_organisation=centre)
    violations: list[str] = []
    page.on(  # type: ignore[attr-defined]
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    base = f"{live_server.url}/en/staff/o/org-a/counter"  # type: ignore[attr-defined]
    _sign_in(page, live_server.url, "bob", device)  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/en/staff/o/org-a/$"))  # type: ignore[attr-defined]

    # Vietnamese: the Vietnamese text, recorded against it.
    page.goto(f"{base}/clients/{vietnamese.pk}/consent/")  # type: ignore[attr-defined]
    assert page.locator('section.consent-text[lang="vi"]').is_visible()  # type: ignore[attr-defined]
    page.get_by_label("The client agrees that the consultation is recorded").check()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Record consent").click()  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(rf"/clients/{vietnamese.pk}/$"))  # type: ignore[attr-defined]
    assert ConsentRecord.objects.get(client=vietnamese).consent_text.language == "vi"

    # Urdu: the Urdu text, laid out right to left inside the English staff page.
    page.goto(f"{base}/clients/{urdu.pk}/consent/")  # type: ignore[attr-defined]
    section = page.locator('section.consent-text[lang="ur"]')  # type: ignore[attr-defined]
    assert section.get_attribute("dir") == "rtl"
    assert section.evaluate("(s) => getComputedStyle(s).direction") == "rtl"
    page.get_by_label("The client agrees that the consultation is recorded").check()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Record consent").click()  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(rf"/clients/{urdu.pk}/$"))  # type: ignore[attr-defined]
    assert ConsentRecord.objects.get(client=urdu).consent_text.language == "ur"

    # Nepali: the referral card speaks Nepali on the resident's side, Japanese on the other.
    page.goto(f"{base}/referrals/{referral.pk}/card/")  # type: ignore[attr-defined]
    sides = page.locator("section.handoff-side")  # type: ignore[attr-defined]
    assert sides.evaluate_all("(all) => all.map((s) => s.lang)") == ["ne", "ja"]
    assert re.search("[\u0900-\u097f]{3}", sides.first.inner_text())
    page.screenshot(path=str(tmp_path / "referral-card-ne.png"), full_page=True)  # type: ignore[attr-defined]

    # Hindi: no text, no form; English through a recorded interpreter.
    page.goto(f"{base}/clients/{hindi.pk}/consent/")  # type: ignore[attr-defined]
    assert page.locator("#consent-no-text").is_visible()  # type: ignore[attr-defined]
    assert page.get_by_role("button", name="Record consent").count() == 0  # type: ignore[attr-defined]
    page.get_by_label("Show the consent text in").select_option("en")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Show").click()  # type: ignore[attr-defined]
    assert page.locator("#consent-interpreter-needed").is_visible()  # type: ignore[attr-defined]
    page.get_by_label("Interpreter (name or service)").fill("Ms Sharma")  # type: ignore[attr-defined]
    page.get_by_label("Interpreted into").select_option("hi")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Record consent").click()  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(rf"/clients/{hindi.pk}/$"))  # type: ignore[attr-defined]
    given = ConsentRecord.objects.get(client=hindi)
    assert (given.consent_text.language, given.interpreted_into) == ("en", "hi")
    page.screenshot(path=str(tmp_path / "consent.png"), full_page=True)  # type: ignore[attr-defined]

    # Erased: the edit form and a task are refused with a message; nothing is stored.
    consultation = make_consultation(org, vietnamese, language="vi", narrative="")
    erasure = services.request_erasure(actor=bob, client=vietnamese)
    services.decide_erasure(actor=alice, erasure=erasure, approve=True)
    page.goto(f"{base}/consultations/{consultation.pk}/edit/")  # type: ignore[attr-defined]
    page.get_by_label("Notes").fill(WRITTEN_IN)  # type: ignore[attr-defined]
    page.locator("form.counter-form button[type=submit]").first.click()  # type: ignore[attr-defined]
    assert page.get_by_text("nothing can be added to their case").first.is_visible()  # type: ignore[attr-defined]
    page.goto(f"{base}/consultations/{consultation.pk}/")  # type: ignore[attr-defined]
    page.get_by_label("Follow-up task").fill(WRITTEN_IN)  # type: ignore[attr-defined]
    page.get_by_label("Due on").fill("2026-12-31")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Add task").click()  # type: ignore[attr-defined]
    assert page.get_by_text("nothing can be added to their case").first.is_visible()  # type: ignore[attr-defined]
    page.screenshot(path=str(tmp_path / "erased.png"), full_page=True)  # type: ignore[attr-defined]
    stored = Consultation.objects.get(pk=consultation.pk)
    assert stored.narrative == "" and not stored.tasks.exists()
    assert not violations
