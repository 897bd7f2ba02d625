"""The reporter's pages, as a phone without JavaScript uses them: plain forms, the code only
in POST bodies, every answer private."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kyosei.orgs.models import Organisation
from kyosei.reporting import services
from kyosei.reporting.models import Report
from kyosei.reporting.tests.conftest import CANARY, jpeg_with_gps

pytestmark = pytest.mark.django_db

CODE = re.compile(r"data-receipt><bdi>([A-Z0-9-]{24})</bdi>")


def file_report(client: Client, **extra: Any) -> Any:
    data = {
        "category": "documents_held",
        "text": CANARY,
        "prefecture": "22",
        "employer": "",
        "contact": "",
        "language": "my",
        **extra,
    }
    return client.post("/my/report/new/", data)


def test_the_rights_come_first_with_a_quick_exit_and_nothing_from_elsewhere(
    client: Client,
) -> None:
    response = client.get("/my/report/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "data-quick-exit" in page and 'href="/my/"' in page
    assert page.index("<h1>") < page.index('href="/my/report/new/"')
    assert "0120-811-610" in page
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    policy = response["Content-Security-Policy"]
    assert policy.startswith("default-src 'none'") and "unsafe" not in policy
    # Every resource the page loads is our own.
    for attribute in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', page):
        assert attribute.startswith("/"), attribute
    assert "serviceWorker" not in page and "manifest" not in page


def test_a_report_from_a_phone_shows_the_code_once_and_opens_the_conversation(
    client: Client, centre: Organisation, bob: Any
) -> None:
    response = file_report(
        client, files=[SimpleUploadedFile("photo.jpg", jpeg_with_gps(), "image/jpeg")]
    )
    assert response.status_code == 201
    code = CODE.search(response.content.decode())
    assert code is not None
    report = Report.objects.get()
    assert report.language == "my" and report.category == "documents_held"
    assert b"KYOSEI-EXIF-MARKER" not in services.read_attachment_file(report.attachments.get())
    services.answer(actor=bob, report=report, text="スタッフの返事")
    page = client.post("/my/report/mine/", {"code": code.group(1).lower(), "action": "read"})
    text = page.content.decode()
    assert page.status_code == 200 and CANARY in text and "スタッフの返事" in text
    reply = client.post(
        "/my/report/mine/",
        {
            "code": code.group(1),
            "action": "reply",
            "text": "ကျေးဇူးတင်ပါတယ်",
            "callback_requested": "on",
        },
    )
    assert reply.status_code == 200 and "ကျေးဇူးတင်ပါတယ်" in reply.content.decode()
    report.refresh_from_db()
    assert report.callback_requested
    download = client.post(
        "/my/report/mine/file/",
        {"code": code.group(1), "attachment": str(report.attachments.get().pk)},
    )
    assert download.status_code == 200 and download["Content-Type"] == "image/jpeg"
    assert b"KYOSEI-EXIF-MARKER" not in download.content


def test_errors_name_the_field_and_keep_what_was_typed(
    client: Client, centre: Organisation
) -> None:
    response = file_report(client, category="", text="my words stay")
    assert response.status_code == 400
    page = response.content.decode()
    assert "has-error" in page and "my words stay" in page
    bad_file = file_report(client, files=[SimpleUploadedFile("x.exe", b"MZ\x90\x00", "image/jpeg")])
    assert bad_file.status_code == 400 and not Report.objects.exists()


def test_a_wrong_code_is_404_and_too_many_are_429(
    client: Client, centre: Organisation, settings: Any
) -> None:
    settings.REPORTING_RATE_LIMITS = {**settings.REPORTING_RATE_LIMITS, "code": (2, 900)}
    wrong = {"code": "ABCD-EFGH-JKLM-NPQR-STUV", "action": "read"}
    assert [client.post("/my/report/mine/", wrong).status_code for _ in range(3)] == [404, 404, 429]


def test_the_reporter_deletes_the_report_with_the_code(
    client: Client, centre: Organisation
) -> None:
    code = CODE.search(file_report(client).content.decode())
    assert code is not None
    confirm = client.post("/my/report/mine/", {"code": code.group(1), "action": "delete"})
    assert confirm.status_code == 200 and Report.objects.exists()
    done = client.post("/my/report/mine/", {"code": code.group(1), "action": "delete-confirmed"})
    assert done.status_code == 200 and not Report.objects.exists()


def test_the_code_never_appears_in_a_url(client: Client, centre: Organisation) -> None:
    code = CODE.search(file_report(client).content.decode())
    assert code is not None
    page = client.post("/my/report/mine/", {"code": code.group(1), "action": "read"})
    for target in re.findall(r'(?:href|action)="([^"]+)"', page.content.decode()):
        assert code.group(1) not in target and code.group(1).replace("-", "") not in target


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("my", "ဂျပန်နိုင်ငံတွင် အလုပ်လုပ်ရာ၌ သင်၏ အခွင့်အရေးများ"),
        ("vi", "Quyền lợi của bạn khi làm việc tại Nhật Bản"),
        ("ja-x-easy", "にほんで はたらく あなたの けんり"),
        ("ne", "जापानमा काम गर्दा तपाईंका अधिकार"),
    ],
)
def test_the_rights_page_speaks_the_readers_language(
    client: Client, language: str, heading: str
) -> None:
    page = client.get(f"/{language}/report/").content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert f'lang="{language}"' in page


def test_the_reporter_gets_no_cookie_but_the_language(client: Client, centre: Organisation) -> None:
    responses = [client.get("/my/report/"), client.get("/my/report/new/"), file_report(client)]
    code = CODE.search(responses[-1].content.decode())
    assert code is not None
    responses.append(client.post("/my/report/mine/", {"code": code.group(1), "action": "read"}))
    for response in responses:
        assert set(response.cookies) <= {"kyosei_lang"}, response.cookies


def test_every_resident_page_links_to_the_channel(client: Client) -> None:
    assert 'href="/vi/report/"' in client.get("/vi/").content.decode()


def test_a_file_of_another_report_is_404_with_ones_own_code(
    client: Client, centre: Organisation
) -> None:
    photo = SimpleUploadedFile("a.jpg", jpeg_with_gps(), "image/jpeg")
    theirs = CODE.search(file_report(client, files=[photo]).content.decode())
    mine = CODE.search(file_report(client).content.decode())
    assert theirs is not None and mine is not None
    their_file = Report.objects.get(attachments__isnull=False).attachments.get()
    for wanted in (str(their_file.pk), "x", ""):
        response = client.post(
            "/my/report/mine/file/", {"code": mine.group(1), "attachment": wanted}
        )
        assert response.status_code == 404
    own = client.post(
        "/my/report/mine/file/", {"code": theirs.group(1), "attachment": str(their_file.pk)}
    )
    assert own.status_code == 200
