"""Issue 17's "done when": a trainee files a report in Burmese on a phone with a photo that
carries GPS EXIF, staff answer in Japanese, the trainee reads the answer with the receipt code
and replies. The stored photo has no GPS; the database and the server's log output hold
neither the text nor the EXIF marker, and no client address for the reporter's requests."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from kyosei.audit.models import AuditEvent
from kyosei.browser_tests.test_browser import _sign_in
from kyosei.conftest import make_user
from kyosei.counter.tests.test_plaintext import database_bytes
from kyosei.ops.logs import JsonFormatter
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role
from kyosei.reporting import services
from kyosei.reporting.models import Report
from kyosei.reporting.tests.conftest import jpeg_with_gps

pytestmark = pytest.mark.browser

TEXT = "KYOSEI-BROWSER-CANARY ကုမ္ပဏီက ကျွန်ုပ်၏ နိုင်ငံကူးလက်မှတ်ကို သိမ်းထားသည်။"
REPLY = "KYOSEI-REPLY-CANARY ကျေးဇူးတင်ပါသည်။ ညနေ ၆ နာရီနောက်ပိုင်း ဖုန်းဆက်ပါ။"
ANSWER = "ご連絡ありがとうございます。パスポートの取り上げは違法です。明日お電話します。"
EXIF_MARKER = "KYOSEI-EXIF-MARKER"
PHONE = {
    "viewport": {"width": 393, "height": 851},
    "device_scale_factor": 2.75,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (Linux; Android 14; KYOSEI-UA-CANARY) Mobile Safari/537.36",
    "locale": "my-MM",
}


@pytest.fixture
def server_log() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(old)


def test_a_trainee_reports_in_burmese_staff_answer_in_japanese_and_the_trainee_replies(
    live_server: Any, browser: Any, page: Any, tmp_path: Path, server_log: io.StringIO
) -> None:
    org_services.create_organisation(
        actor=None, slug="centre", name="外国人在留支援センター",
        kind=Organisation.Kind.NATIONAL_CENTRE,
    )  # fmt: skip
    hamamatsu = org_services.create_organisation(
        actor=None, slug="org-a", name="A市", kind=Organisation.Kind.MUNICIPALITY, prefecture="22"
    )
    services.set_route(actor=None, prefecture="22", category="", organisation=hamamatsu)
    bob = make_user("bob")
    org_services.grant_role(actor=None, organisation=hamamatsu, user=bob, role=Role.COUNTER_STAFF)
    device = TOTPDevice.objects.create(user=bob, name="phone", confirmed=True)
    base = live_server.url
    phone = browser.new_context(**PHONE)
    trainee = phone.new_page()
    violations: list[str] = []
    for watched in (trainee, page):
        watched.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
    third_party: list[str] = []
    trainee.on(
        "request",
        lambda r: third_party.append(r.url) if not r.url.startswith(base) else None,
    )

    # The trainee reads the rights first, then reports.
    trainee.goto(f"{base}/my/report/")
    assert "အခွင့်အရေးများ" in trainee.locator("h1").inner_text()
    trainee.locator("a[href='/my/report/new/']").click()
    trainee.locator("input[name=category][value=documents_held]").check()
    trainee.locator("textarea[name=text]").fill(TEXT)
    trainee.locator("select[name=prefecture]").select_option("22")
    trainee.locator("input[name=files]").set_input_files(
        files=[{"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}]
    )
    assert trainee.locator("select[name=language]").input_value() == "my"
    trainee.locator("form button[type=submit]").click()
    code = trainee.locator("[data-receipt]").inner_text().strip()
    assert re.fullmatch(r"([A-Z0-9]{4}-){4}[A-Z0-9]{4}", code), code
    trainee.screenshot(path=str(tmp_path / "receipt.png"), full_page=True)
    report = Report.objects.get()
    assert report.organisation == hamamatsu and report.language == "my"
    (tmp_path / "before").mkdir()
    before_staff = database_bytes(tmp_path / "before")
    assert b"127.0.0.1" not in before_staff and b"KYOSEI-UA-CANARY" not in before_staff

    # Staff answer in Japanese.
    _sign_in(page, base, "bob", device)
    page.wait_for_url(re.compile(r"/en/staff/o/org-a/$"))
    page.goto(f"{base}/ja/staff/o/org-a/reports/")
    assert page.locator(f'tr[data-report="{report.pk}"]').count() >= 1
    page.goto(f"{base}/ja/staff/o/org-a/reports/{report.pk}/")
    assert TEXT in page.locator(".conversation").inner_text()
    page.get_by_label("通報者への返信").fill(ANSWER)
    page.get_by_role("button", name="送信").click()
    page.wait_for_url(re.compile(rf"/reports/{report.pk}/$"))
    assert ANSWER in page.locator(".conversation").inner_text()

    # The trainee comes back with the code, reads the answer and replies.
    trainee.goto(f"{base}/my/report/mine/")
    trainee.locator("input[name=code]").fill(code.lower().replace("-", " "))
    trainee.locator("form button[type=submit]").click()
    assert ANSWER in trainee.locator(".conversation").inner_text()
    trainee.locator("textarea[name=text]").fill(REPLY)
    trainee.locator("input[name=action][value=reply] ~ p button[type=submit]").click()
    assert REPLY in trainee.locator(".conversation").inner_text()
    trainee.screenshot(path=str(tmp_path / "conversation.png"), full_page=True)

    # Quick exit replaces the page in the history: "Back" does not return to the report.
    fresh = phone.new_page()
    fresh.goto(f"{base}/my/report/")
    fresh.locator("[data-quick-exit]").click()
    fresh.wait_for_url(f"{base}/my/")
    fresh.go_back()
    assert "/report/" not in fresh.url
    phone.close()

    assert [m.author for m in services.conversation(report)] == ["reporter", "staff", "reporter"]
    with Image.open(io.BytesIO(services.read_attachment_file(report.attachments.get()))) as photo:
        assert not photo.getexif() and not photo.getexif().get_ifd(0x8825)
    (tmp_path / "after").mkdir()
    raw = database_bytes(tmp_path / "after")
    log = server_log.getvalue()
    assert "/my/report/mine/" in log  # the reporter's requests were logged …
    for secret in (TEXT, REPLY, EXIF_MARKER, code, code.replace("-", "")):
        assert secret.encode() not in raw, secret
        assert secret not in log, secret
    assert "127.0.0.1" not in log and "KYOSEI-UA-CANARY" not in log  # … with no address
    # Staff are audited with their address; nothing the reporter did is.
    reporter_events = AuditEvent.objects.filter(action__startswith="reporting.", actor=None)
    assert reporter_events.count() >= 2
    assert not reporter_events.exclude(source_ip=None).exists()
    assert not reporter_events.exclude(user_agent="").exists()
    assert b"KYOSEI-UA-CANARY" not in raw
    assert not violations, violations
    assert not third_party, third_party
