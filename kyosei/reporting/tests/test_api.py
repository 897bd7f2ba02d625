"""The API contract of issue 17, as a client outside the project would call it."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from PIL import Image

from kyosei.orgs.models import Organisation
from kyosei.reporting import services
from kyosei.reporting.models import Report
from kyosei.reporting.tests.conftest import CANARY, b64, jpeg_with_gps, report_body

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"


def post(client: Client, body: Any, address: str = ADDRESS) -> Any:
    return client.post(
        "/api/v1/reports",
        json.dumps(body) if not isinstance(body, bytes) else body,
        content_type="application/json",
        REMOTE_ADDR=address,
    )


def receipt_header(code: str) -> dict[str, Any]:
    return {"HTTP_AUTHORIZATION": f"Receipt {code}", "REMOTE_ADDR": ADDRESS}


def test_a_report_with_a_photo_gets_a_grouped_receipt_and_reads_back(
    client: Client, centre: Organisation
) -> None:
    response = post(
        client,
        report_body(attachments=[{"name": "payslip.jpg", "content_base64": b64(jpeg_with_gps())}]),
    )
    assert response.status_code == 201, response.content
    receipt = response.json()["receipt"]
    assert len(receipt.replace("-", "")) == 20 and receipt.count("-") == 4
    mine = client.get("/api/v1/reports/mine", **receipt_header(receipt))
    assert mine.status_code == 200
    body = mine.json()
    assert body["status"] == "new"
    [message] = body["messages"]
    assert message["from"] == "reporter" and CANARY in message["text"] and message["at"]
    [attachment] = message["attachments"]
    assert attachment["name"] == "payslip.jpg"
    photo = client.get(
        f"/api/v1/reports/mine/attachments/{attachment['id']}", **receipt_header(receipt)
    )
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert photo["Content-Disposition"].startswith("attachment;")
    assert b"KYOSEI-EXIF-MARKER" not in photo.content
    with Image.open(io.BytesIO(photo.content)) as image:
        assert not image.getexif().get_ifd(0x8825)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"language": None}, "language"),
        ({"language": "xx"}, "language"),
        ({"category": "gossip"}, "category"),
        ({"prefecture": "99"}, "prefecture"),
        ({"text": ""}, "text"),
        ({"text": 42}, "text"),
        ({"attachments": [{"name": "a.jpg", "content_base64": "%%%"}]}, "attachments[0]"),
        ({"attachments": [{"name": "a.exe", "content_base64": b64(b"MZ\x90\x00")}]}, "attachments"),
        ({"attachments": "no"}, "attachments"),
    ],
)
def test_invalid_input_is_400_naming_the_field_and_stores_nothing(
    client: Client, centre: Organisation, change: dict[str, Any], field: str
) -> None:
    body = report_body()
    body.update(change)
    if change.get("language", "") is None:
        del body["language"]
    response = post(client, body)
    assert response.status_code == 400, response.content
    assert response.json()["field"] == field
    assert not Report.objects.exists()


def test_a_body_that_is_not_json_is_400(client: Client, centre: Organisation) -> None:
    response = post(client, b"category=unpaid_wages")
    assert response.status_code == 400 and response.json()["field"] == "body"


def test_too_many_reports_from_one_source_is_429_and_the_source_is_not_stored(
    client: Client, centre: Organisation, settings: Any
) -> None:
    settings.REPORTING_RATE_LIMITS = {**settings.REPORTING_RATE_LIMITS, "report": (2, 3600)}
    assert [post(client, report_body()).status_code for _ in range(3)] == [201, 201, 429]
    assert Report.objects.count() == 2
    # Another source is counted apart.
    assert post(client, report_body(), address="198.51.100.9").status_code == 201
    held = repr(cache.__dict__.get("_cache", {})) + repr(list(getattr(cache, "_cache", {})))
    assert "rpt:report:" in held
    assert ADDRESS not in held and "198.51.100.9" not in held


def test_a_wrong_code_is_404_and_many_wrong_codes_are_429(
    client: Client, centre: Organisation, settings: Any
) -> None:
    settings.REPORTING_RATE_LIMITS = {**settings.REPORTING_RATE_LIMITS, "code": (3, 900)}
    receipt = post(client, report_body()).json()["receipt"]
    assert client.get("/api/v1/reports/mine").status_code == 404
    assert (
        client.get("/api/v1/reports/mine", HTTP_AUTHORIZATION=f"Bearer {receipt}").status_code
        == 404
    )
    wrong = "ABCD-EFGH-JKLM-NPQR-STUV"
    statuses = [
        client.get("/api/v1/reports/mine", **receipt_header(wrong)).status_code for _ in range(4)
    ]
    assert statuses == [404, 404, 404, 429]
    # Blocked even with the right code until the window ends; another source is not.
    assert client.get("/api/v1/reports/mine", **receipt_header(receipt)).status_code == 429
    other = client.get(
        "/api/v1/reports/mine", HTTP_AUTHORIZATION=f"Receipt {receipt}", REMOTE_ADDR="192.0.2.1"
    )
    assert other.status_code == 200


def test_messages_go_both_ways_and_attachments_are_only_ones_own(
    client: Client, centre: Organisation, alice: Any
) -> None:
    mine = post(client, report_body()).json()["receipt"]
    theirs = post(
        client,
        report_body(attachments=[{"name": "p.jpg", "content_base64": b64(jpeg_with_gps())}]),
        address="192.0.2.8",
    ).json()["receipt"]
    report = services.find_report(mine)
    assert report is not None
    services.answer(actor=alice, report=report, text="お話を聞かせてください。")
    added = client.post(
        "/api/v1/reports/mine/messages",
        json.dumps({"text": "Vâng, cảm ơn.", "callback_requested": True}),
        content_type="application/json",
        **receipt_header(mine),
    )
    assert added.status_code == 201, added.content
    body = client.get("/api/v1/reports/mine", **receipt_header(mine)).json()
    assert [m["from"] for m in body["messages"]] == ["reporter", "staff", "reporter"]
    assert body["messages"][1]["text"] == "お話を聞かせてください。"
    assert body["status"] == "acknowledged"
    their_file = client.get("/api/v1/reports/mine", **receipt_header(theirs)).json()
    file_id = their_file["messages"][0]["attachments"][0]["id"]
    assert (
        client.get(
            f"/api/v1/reports/mine/attachments/{file_id}", **receipt_header(mine)
        ).status_code
        == 404
    )
    empty = client.post(
        "/api/v1/reports/mine/messages",
        json.dumps({"text": ""}),
        content_type="application/json",
        **receipt_header(mine),
    )
    assert empty.status_code == 400 and empty.json()["field"] == "text"
    wrong = client.post(
        "/api/v1/reports/mine/messages",
        json.dumps({"text": "x"}),
        content_type="application/json",
        **receipt_header("ABCD-EFGH-JKLM-NPQR-STUV"),
    )
    assert wrong.status_code == 404


def test_the_reporter_deletes_the_report_with_the_code(
    client: Client, centre: Organisation
) -> None:
    receipt = post(client, report_body()).json()["receipt"]
    assert client.delete("/api/v1/reports/mine", **receipt_header(receipt)).status_code == 204
    assert not Report.objects.exists()
    assert client.get("/api/v1/reports/mine", **receipt_header(receipt)).status_code == 404


def test_the_paths_are_in_the_openapi_document(client: Client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"post"} <= set(paths["/api/v1/reports"])
    assert {"get", "delete"} <= set(paths["/api/v1/reports/mine"])
    assert "get" in paths["/api/v1/reports/mine/attachments/{attachment_id}"]
    assert "post" in paths["/api/v1/reports/mine/messages"]
    body = paths["/api/v1/reports"]["post"]["requestBody"]["content"]["application/json"]
    assert set(body["schema"]["required"]) == {"language", "category", "text", "prefecture"}
    assert "201" in paths["/api/v1/reports"]["post"]["responses"]


def test_responses_are_private(client: Client, centre: Organisation) -> None:
    for response in (
        post(client, report_body()),
        client.get("/api/v1/reports/mine", **receipt_header("ABCD-EFGH-JKLM-NPQR-STUV")),
    ):
        assert response["Cache-Control"] == "no-store"
        assert response["Referrer-Policy"] == "no-referrer"
        assert response["Content-Security-Policy"].startswith("default-src 'none'")


def test_without_a_national_centre_or_a_route_a_report_is_503_and_nothing_is_stored(
    client: Client,
) -> None:
    assert post(client, report_body()).status_code == 503
    page = client.post(
        "/vi/report/new/",
        {"category": "violence", "text": "x", "prefecture": "22", "language": "vi"},
    )
    assert page.status_code == 503
    assert not Report.objects.exists()
