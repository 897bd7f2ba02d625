"""The reporting channel's JSON API (issue 17's contract; OpenAPI at /api/openapi.json).

No authentication to file a report; the receipt code (`Authorization: Receipt <code>`) opens
one's own report. Rate limits count hashed buckets, never addresses (ratelimit.py).
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from ninja.throttling import BaseThrottle

from kyosei.counter.views import attachment_disposition
from kyosei.orgs.models import Organisation
from kyosei.reporting import ratelimit, receipts, services
from kyosei.reporting.models import Report

JSON_LIMIT_CHARS = 40 * 1024 * 1024


class PageThrottle(BaseThrottle):
    def allow_request(self, request: HttpRequest) -> bool:
        return not ratelimit.over_limit(request, "page")

    def wait(self) -> float:
        return float(ratelimit.limits("page")[1])


router = Router(tags=["reports"], throttle=[PageThrottle()])


class Receipt(Schema):
    receipt: str


class Problem(Schema):
    detail: str
    field: str = ""


class Conversation(Schema):
    status: str
    messages: list[dict[str, Any]]


ATTACHMENT_SCHEMA = {
    "type": "object",
    "required": ["name", "content_base64"],
    "properties": {
        "name": {"type": "string", "example": "payslip.jpg"},
        "content_base64": {"type": "string", "format": "byte"},
    },
}
REPORT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["language", "category", "text", "prefecture"],
                    "properties": {
                        "language": {"type": "string", "example": "vi"},
                        "category": {"type": "string", "example": "unpaid_wages"},
                        "text": {"type": "string"},
                        "prefecture": {"type": "string", "example": "22"},
                        "employer": {"type": "string"},
                        "contact": {"type": "string"},
                        "callback_requested": {"type": "boolean"},
                        "attachments": {"type": "array", "items": ATTACHMENT_SCHEMA},
                    },
                }
            }
        },
    }
}
MESSAGE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string"},
                        "callback_requested": {"type": "boolean"},
                        "consent_to_counter": {"type": "boolean"},
                        "attachments": {"type": "array", "items": ATTACHMENT_SCHEMA},
                    },
                }
            }
        },
    }
}
RECEIPT_HEADER = {
    "parameters": [
        {
            "in": "header",
            "name": "Authorization",
            "required": True,
            "schema": {"type": "string", "example": "Receipt ABCD-EFGH-JKLM-NPQR-STUV"},
        }
    ]
}


class BadInput(Exception):
    def __init__(self, field: str, detail: str) -> None:
        super().__init__(detail)
        self.field = field
        self.detail = detail


def _problem(status: int, detail: str, field: str = "") -> HttpResponse:
    body = {"detail": detail, **({"field": field} if field else {})}
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type="application/json"
    )


def _body(request: HttpRequest) -> dict[str, Any]:
    if len(request.body) > JSON_LIMIT_CHARS:
        raise BadInput("attachments", "the request is too large")
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as error:
        raise BadInput("body", "the body is not JSON") from error
    if not isinstance(data, dict):
        raise BadInput("body", "the body must be a JSON object")
    return data


def _string(data: dict[str, Any], field: str, *, required: bool = False) -> str:
    value = data.get(field, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise BadInput(field, f"{field} must be a string")
    if required and not value.strip():
        raise BadInput(field, f"{field} is required")
    return value


def _flag(data: dict[str, Any], field: str) -> bool:
    value = data.get(field, False)
    if not isinstance(value, bool):
        raise BadInput(field, f"{field} must be true or false")
    return value


def _uploads(data: dict[str, Any]) -> list[services.Upload]:
    items = data.get("attachments") or []
    if not isinstance(items, list):
        raise BadInput("attachments", "attachments must be a list")
    uploads = []
    for index, item in enumerate(items):
        field = f"attachments[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("content_base64"), str):
            raise BadInput(field, "each attachment needs a name and content_base64")
        try:
            content = base64.b64decode(item["content_base64"], validate=True)
        except (binascii.Error, ValueError) as error:
            raise BadInput(field, "content_base64 is not base64") from error
        uploads.append(services.Upload(name=str(item.get("name") or ""), data=content))
    return uploads


def _validation_problem(error: ValidationError) -> HttpResponse:
    fields = getattr(error, "message_dict", None) or {"body": error.messages}
    field, messages = next(iter(fields.items()))
    return _problem(400, " ".join(str(m) for m in messages), field)


def _report_of(request: HttpRequest) -> Report | None:
    scheme, _space, code = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "receipt" or ratelimit.over_limit(request, "code", count=False):
        return None
    report = services.find_report(code)
    if report is None:
        ratelimit.over_limit(request, "code")
    return report


def _too_many_tries(request: HttpRequest) -> bool:
    return ratelimit.over_limit(request, "code", count=False)


def conversation_json(report: Report) -> dict[str, Any]:
    return {
        "status": report.status,
        "messages": [
            {
                "from": message.author,
                "text": message.text,
                "at": message.created_at.isoformat(),
                "attachments": [
                    {"id": attachment.pk, "name": attachment.filename}
                    for attachment in message.attachments.all()
                ],
            }
            for message in services.conversation(report)
        ],
    }


@router.post(
    "",
    response={201: Receipt, 400: Problem, 429: Problem, 503: Problem},
    summary="File a report (no account)",
    openapi_extra=REPORT_BODY,
)
def file_report(request: HttpRequest) -> Any:
    if ratelimit.over_limit(request, "report"):
        return Status(429, {"detail": "too many reports from this source; try again later"})
    try:
        data = _body(request)
        kwargs = {
            "language": _string(data, "language", required=True),
            "category": _string(data, "category", required=True),
            "prefecture": _string(data, "prefecture", required=True),
            "text": _string(data, "text", required=True),
            "employer": _string(data, "employer"),
            "contact": _string(data, "contact"),
        }
        callback = _flag(data, "callback_requested")
        uploads = _uploads(data)
    except BadInput as bad:
        return Status(400, {"detail": bad.detail, "field": bad.field})
    try:
        _report, code = services.file_report(
            **kwargs, callback_requested=callback, attachments=uploads
        )
    except ValidationError as error:
        return _validation_problem(error)
    except Organisation.DoesNotExist:
        return Status(503, {"detail": "no organisation receives reports yet"})
    return Status(201, {"receipt": receipts.grouped(code)})


@router.get(
    "/mine",
    response={200: Conversation, 404: Problem, 429: Problem},
    summary="Read one's report and its conversation with the receipt code",
    openapi_extra=RECEIPT_HEADER,
)
def mine(request: HttpRequest) -> Any:
    if _too_many_tries(request):
        return Status(429, {"detail": "too many wrong codes; try again later"})
    report = _report_of(request)
    if report is None:
        return Status(404, {"detail": "no report has this code"})
    return Status(200, conversation_json(report))


@router.delete(
    "/mine",
    response={204: None, 404: Problem, 429: Problem},
    summary="Delete one's report and its conversation with the receipt code",
    openapi_extra=RECEIPT_HEADER,
)
def delete_mine(request: HttpRequest) -> Any:
    if _too_many_tries(request):
        return Status(429, {"detail": "too many wrong codes; try again later"})
    report = _report_of(request)
    if report is None:
        return Status(404, {"detail": "no report has this code"})
    services.delete_by_reporter(report=report)
    return Status(204, None)


@router.get(
    "/mine/attachments/{attachment_id}",
    response={404: Problem, 429: Problem},
    summary="A file of one's conversation, stripped of its metadata",
    openapi_extra=RECEIPT_HEADER,
)
def attachment(request: HttpRequest, attachment_id: int) -> Any:
    if _too_many_tries(request):
        return Status(429, {"detail": "too many wrong codes; try again later"})
    report = _report_of(request)
    found = report.attachments.filter(pk=attachment_id).first() if report else None
    if found is None:
        return Status(404, {"detail": "no such file"})
    response = HttpResponse(services.read_attachment_file(found), content_type=found.content_type)
    response["Content-Disposition"] = attachment_disposition(found.filename)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@router.post(
    "/mine/messages",
    response={201: Conversation, 400: Problem, 404: Problem, 429: Problem},
    summary="Add a message (and files) to one's report",
    openapi_extra={**RECEIPT_HEADER, **MESSAGE_BODY},
)
def add_message(request: HttpRequest) -> Any:
    if _too_many_tries(request):
        return Status(429, {"detail": "too many wrong codes; try again later"})
    report = _report_of(request)
    if report is None:
        return Status(404, {"detail": "no report has this code"})
    try:
        data = _body(request)
        text = _string(data, "text")
        uploads = _uploads(data)
        flags = {f: _flag(data, f) for f in ("callback_requested", "consent_to_counter")}
    except BadInput as bad:
        return Status(400, {"detail": bad.detail, "field": bad.field})
    try:
        services.add_reporter_message(report=report, text=text, attachments=uploads, **flags)
    except ValidationError as error:
        return _validation_problem(error)
    return Status(201, conversation_json(report))
