import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kyosei.conftest import PASSWORD, make_user
from kyosei.core.models import Language
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role

pytestmark = pytest.mark.browser


def html_lang_dir(page: object) -> tuple[str, str]:
    lang, direction = page.evaluate(  # type: ignore[attr-defined]
        "() => [document.documentElement.lang,"
        " getComputedStyle(document.documentElement).direction]"
    )
    return str(lang), str(direction)


def test_resident_switches_language_and_keeps_the_page(live_server: object, page: object) -> None:
    page.goto(f"{live_server.url}/en/counters/")  # type: ignore[attr-defined]
    assert html_lang_dir(page) == ("en", "ltr")
    page.locator("details.lang-switch summary").click()  # type: ignore[attr-defined]
    page.get_by_role("link", name="नेपाली").click()  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/ne/counters/$"))  # type: ignore[attr-defined]
    assert html_lang_dir(page) == ("ne", "ltr")
    page.locator("details.lang-switch summary").click()  # type: ignore[attr-defined]
    page.get_by_role("link", name="やさしい にほんご").click()  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/ja-x-easy/counters/$"))  # type: ignore[attr-defined]
    assert html_lang_dir(page) == ("ja-x-easy", "ltr")
    # The choice is remembered: the root now goes straight to Plain Japanese.
    page.goto(f"{live_server.url}/")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/ja-x-easy/$"))  # type: ignore[attr-defined]


def test_an_added_rtl_language_renders_right_to_left(live_server: object, page: object) -> None:
    Language.objects.create(code="fa", native_name="فارسی", name_en="Persian", direction="rtl")
    page.goto(f"{live_server.url}/fa/")  # type: ignore[attr-defined]
    assert html_lang_dir(page) == ("fa", "rtl")
    skip_link = page.locator("a.skip-link")  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    assert skip_link.evaluate("el => el === document.activeElement")


def _world() -> tuple[Organisation, Organisation]:
    org_a = org_services.create_organisation(
        actor=None, slug="org-a", name="A市", kind=Organisation.Kind.MUNICIPALITY, prefecture="22"
    )
    org_b = org_services.create_organisation(
        actor=None, slug="org-b", name="B町", kind=Organisation.Kind.MUNICIPALITY, prefecture="10"
    )
    return org_a, org_b


def _sign_in(page: object, base: str, username: str, device: TOTPDevice) -> None:
    page.goto(f"{base}/en/staff/")  # type: ignore[attr-defined]
    page.get_by_label("User name").fill(username)  # type: ignore[attr-defined]
    page.get_by_label("Password").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/en/account/mfa/"))  # type: ignore[attr-defined]
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    page.get_by_label("Six-digit code from your authenticator app").fill(code)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Verify").click()  # type: ignore[attr-defined]


def test_staff_member_signs_in_with_totp(live_server: object, page: object) -> None:
    org_a, _ = _world()
    bob = make_user("bob")
    org_services.grant_role(actor=None, organisation=org_a, user=bob, role=Role.COUNTER_STAFF)
    device = TOTPDevice.objects.create(user=bob, name="phone", confirmed=True)
    _sign_in(page, live_server.url, "bob", device)  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/en/staff/o/org-a/$"))  # type: ignore[attr-defined]
    assert page.get_by_role("heading", level=1).inner_text() == "A市"  # type: ignore[attr-defined]


def test_charlie_is_refused_org_a(live_server: object, page: object) -> None:
    _, org_b = _world()
    charlie = make_user("charlie")
    org_services.grant_role(actor=None, organisation=org_b, user=charlie, role=Role.ORG_ADMIN)
    device = TOTPDevice.objects.create(user=charlie, name="phone", confirmed=True)
    _sign_in(page, live_server.url, "charlie", device)  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/en/staff/o/org-b/$"))  # type: ignore[attr-defined]
    for path in ("/en/staff/o/org-a/", "/en/staff/o/org-a/members/", "/en/staff/o/org-a/audit/"):
        response = page.goto(f"{live_server.url}{path}")  # type: ignore[attr-defined]
        assert response.status == 404, path
        assert "Page not found" in page.content()  # type: ignore[attr-defined]


def test_staff_member_adds_a_passkey_and_signs_in_with_it(
    live_server: object, page: object
) -> None:
    from django.test import override_settings

    org_a, _ = _world()
    bob = make_user("bob")
    org_services.grant_role(actor=None, organisation=org_a, user=bob, role=Role.COUNTER_STAFF)
    device = TOTPDevice.objects.create(user=bob, name="phone", confirmed=True)
    base = live_server.url  # type: ignore[attr-defined]
    # A virtual authenticator stands in for the phone's passkey (Chromium DevTools protocol).
    cdp = page.context.new_cdp_session(page)  # type: ignore[attr-defined]
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    with override_settings(OTP_WEBAUTHN_ALLOWED_ORIGINS=[base], OTP_WEBAUTHN_RP_ID="localhost"):
        _sign_in(page, base, "bob", device)
        page.wait_for_url(re.compile(r"/en/staff/o/org-a/$"))  # type: ignore[attr-defined]
        page.goto(f"{base}/en/account/security/")  # type: ignore[attr-defined]
        page.get_by_role("button", name="Add a passkey").click()  # type: ignore[attr-defined]
        page.wait_for_function(  # type: ignore[attr-defined]
            "() => document.getElementById('passkey-register-status-message')"
            ".textContent.trim().length > 0"
        )
        assert bob.webauthncredential_set.filter(confirmed=True).count() == 1  # type: ignore[attr-defined]
        page.get_by_role("button", name="Sign out").first.click()  # type: ignore[attr-defined]
        page.goto(f"{base}/en/staff/")  # type: ignore[attr-defined]
        page.get_by_label("User name").fill("bob")  # type: ignore[attr-defined]
        page.get_by_label("Password").fill(PASSWORD)  # type: ignore[attr-defined]
        page.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]
        page.wait_for_url(re.compile(r"/en/account/mfa/"))  # type: ignore[attr-defined]
        page.get_by_role("button", name="Verify with a passkey").click()  # type: ignore[attr-defined]
        page.wait_for_url(re.compile(r"/en/staff/"))  # type: ignore[attr-defined]
        assert page.get_by_role("heading", level=1).inner_text() == "A市"  # type: ignore[attr-defined]
    from kyosei.audit.models import AuditEvent

    actions = set(AuditEvent.objects.filter(actor=bob).values_list("action", flat=True))
    assert {"auth.passkey_registered", "auth.passkey_verified"} <= actions
