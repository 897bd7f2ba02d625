import time
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kyosei.accounts.middleware import SESSION_KEY
from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def enrolled(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def test_staff_pages_require_sign_in(client: Client) -> None:
    response = client.get("/en/staff/")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/en/account/login/"


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_sign_in_needs_password_then_totp(client: Client, alice: User) -> None:
    device = enrolled(alice)
    response = client.post(
        "/en/account/login/?next=/en/staff/", {"username": "alice", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/mfa/")
    # Password alone is not enough for staff pages.
    half = client.get("/en/staff/")
    assert half.status_code == 302 and half["Location"].startswith("/en/account/mfa/")
    wrong_code = "000000" if current_code(device) != "000000" else "111111"
    wrong = client.post(response["Location"], {"token": wrong_code})
    assert wrong.status_code == 200
    assert "not correct" in wrong.content.decode()
    done = client.post(response["Location"], {"token": current_code(device)})
    assert done.status_code == 302 and done["Location"] == "/en/staff/"
    assert client.get("/en/staff/").status_code in {200, 302}
    actions = list(AuditEvent.objects.filter(actor=alice).values_list("action", flat=True))
    assert {"auth.login", "auth.mfa_failed", "auth.mfa_verified"} <= set(actions)


def test_first_sign_in_forces_totp_enrolment(client: Client) -> None:
    newcomer = make_user("dana")
    response = client.post("/en/account/login/", {"username": "dana", "password": PASSWORD})
    assert response["Location"].startswith("/en/account/mfa/setup/")
    page = client.get(response["Location"])
    body = page.content.decode()
    assert "data:image/svg+xml" in body
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    import base64
    import binascii

    assert base64.b32encode(binascii.unhexlify(device.key)).decode() in body
    confirm = client.post(response["Location"], {"token": current_code(device)})
    assert confirm.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/en/staff/").status_code == 200
    assert AuditEvent.objects.filter(actor=newcomer, action="auth.mfa_enrolled").exists()


def test_repeated_wrong_codes_are_throttled(client: Client, alice: User) -> None:
    device = enrolled(alice)
    client.post("/en/account/login/", {"username": "alice", "password": PASSWORD})
    wrong_code = "000000" if current_code(device) != "000000" else "111111"
    client.post("/en/account/mfa/", {"token": wrong_code})
    # Even the right code is refused while the throttle delay runs.
    response = client.post("/en/account/mfa/", {"token": current_code(device)})
    assert "Too many wrong codes" in response.content.decode()
    assert client.get("/en/staff/").status_code == 302


def test_failed_logins_are_audited_and_lock_the_account(client: Client, alice: User) -> None:
    for _ in range(5):
        response = client.post("/en/account/login/", {"username": "alice", "password": "wrong"})
        assert response.status_code in {200, 403, 429}
    locked = client.post("/en/account/login/", {"username": "alice", "password": PASSWORD})
    assert locked.status_code in {403, 429}
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert not locked.wsgi_request.user.is_authenticated
    assert AuditEvent.objects.filter(action="auth.login_failed").count() >= 5


def test_password_policy_rejects_short_and_common_passwords(alice: User) -> None:
    for weak in ["short1", "password1234", "123456789012"]:
        with pytest.raises(ValidationError):
            validate_password(weak, alice)
    validate_password("a long passphrase of nine words", alice)


@override_settings(STAFF_IDLE_TIMEOUT=60)
def test_idle_staff_sessions_are_signed_out(alice_client: Client, alice: User) -> None:
    assert alice_client.get("/en/staff/").status_code in {200, 302}
    session = alice_client.session
    session[SESSION_KEY] = int(time.time()) - 61
    session.save()
    response = alice_client.get("/en/staff/")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/en/account/login/"
    assert AuditEvent.objects.filter(actor=alice, action="auth.idle_logout").exists()


def test_admin_requires_a_verified_second_factor(client: Client) -> None:
    root = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(root)
    response = client.get("/admin/", follow=True)
    assert urlsplit(response.redirect_chain[-1][0]).path.endswith("/account/login/")
    from kyosei.conftest import sign_in_verified

    sign_in_verified(client, root)
    assert client.get("/admin/").status_code == 200


def test_sign_out_is_post_only_and_audited(alice_client: Client, alice: User) -> None:
    assert alice_client.get("/en/account/logout/").status_code == 405
    assert alice_client.post("/en/account/logout/").status_code == 302
    assert AuditEvent.objects.filter(actor=alice, action="auth.logout").exists()
    assert alice_client.get("/en/staff/").status_code == 302


def test_open_redirects_are_refused(client: Client, alice: User) -> None:
    enrolled(alice)
    response = client.post(
        "/en/account/login/?next=https://evil.example/", {"username": "alice", "password": PASSWORD}
    )
    assert "evil.example" not in response["Location"]
