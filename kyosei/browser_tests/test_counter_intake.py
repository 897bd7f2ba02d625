"""The quick intake in a real browser: keyboard only, no CSP violation, a handful of keys."""

import re
import time
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from kyosei.browser_tests.test_browser import _sign_in
from kyosei.conftest import make_user
from kyosei.counter.models import Consultation
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role

pytestmark = pytest.mark.browser


def test_a_phone_consultation_is_recorded_from_the_keyboard(
    live_server: object,
    page: object,
    tmp_path: Path,
) -> None:
    org = org_services.create_organisation(
        actor=None, slug="org-a", name="A市", kind=Organisation.Kind.MUNICIPALITY, prefecture="22"
    )
    bob = make_user("bob")
    org_services.grant_role(actor=None, organisation=org, user=bob, role=Role.COUNTER_STAFF)
    device = TOTPDevice.objects.create(user=bob, name="phone", confirmed=True)
    violations: list[str] = []
    page.on(  # type: ignore[attr-defined]
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    _sign_in(page, live_server.url, "bob", device)  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/en/staff/o/org-a/$"))  # type: ignore[attr-defined]
    page.goto(f"{live_server.url}/en/staff/o/org-a/counter/intake/")  # type: ignore[attr-defined]
    page.screenshot(path=str(tmp_path / "intake.png"), full_page=True)  # type: ignore[attr-defined]
    started = time.monotonic()
    page.get_by_label("New client: nickname or initials").fill("T.N.")  # type: ignore[attr-defined]
    page.get_by_label("Nationality").select_option("VN")  # type: ignore[attr-defined]
    page.get_by_role("radio", name="Phone").press("Space")  # type: ignore[attr-defined]
    page.get_by_label("Language used").select_option("vi")  # type: ignore[attr-defined]
    page.get_by_label("Tax", exact=True).press("Space")  # type: ignore[attr-defined]
    page.get_by_label("Interpretation and translation").press("Space")  # type: ignore[attr-defined]
    page.get_by_label("Interpretation and translation").press("Enter")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/counter/consultations/\d+/$"))  # type: ignore[attr-defined]
    elapsed = time.monotonic() - started
    page.screenshot(path=str(tmp_path / "intake-done.png"), full_page=True)  # type: ignore[attr-defined]
    consultation = Consultation.objects.get()
    assert consultation.channel == "phone"  # chosen: the intake guesses no channel
    assert consultation.topics == ["interpretation", "tax"]
    assert elapsed < 30
    assert not violations
