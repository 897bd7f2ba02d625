"""Alerts JSON API (v1): recent real notices, rendered in the language asked for."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from kyosei.alerts.access import issue_time, public_notices, with_issue_time
from kyosei.alerts.models import Notice
from kyosei.alerts.render import render
from kyosei.api_pagination import PageParams, add_page_headers, paginate_list, paginated_openapi
from kyosei.core.languages import registry
from kyosei.core.ratelimit import client_address, hit

router = Router(tags=["alerts"])


class MessageOut(Schema):
    lang: str
    text_lang: str
    title: str
    body: str
    action: str


class NoticeOut(Schema):
    id: int
    hazard: str
    phase: str
    template: str
    severity: int
    codes: list[str]
    issued_at: datetime  # JMA's report time; ours for a notice issued by hand
    created_at: datetime
    expires_at: datetime | None
    message: MessageOut


def _limit(request: HttpRequest) -> None:
    from django.conf import settings

    if hit(
        "public", client_address(request), settings.PUBLIC_RATE_LIMIT, settings.PUBLIC_RATE_WINDOW
    ):
        raise HttpError(429, "Too many requests. Please wait a minute and try again.")


def _out(notice: Notice, lang: str) -> NoticeOut:
    message = render(notice, lang)
    return NoticeOut(
        id=notice.pk,
        hazard=notice.hazard,
        phase=notice.phase,
        template=notice.template,
        severity=notice.severity,
        codes=notice.codes,
        issued_at=issue_time(notice),
        created_at=notice.created_at,
        expires_at=notice.expires_at,
        message=MessageOut(
            lang=message.lang,
            text_lang=message.text_lang,
            title=message.title,
            body=message.body,
            action=message.action,
        ),
    )


def _language(lang: str) -> str:
    found = registry().get(lang)
    if found is None:
        raise Http404
    return found.code


@router.get(
    "/notices",
    response=list[NoticeOut],
    summary="Real notices of the last 24 hours, newest first, paginated",
    openapi_extra=paginated_openapi(),
)
def notices(
    request: HttpRequest,
    page: Query[PageParams],
    response: HttpResponse,
    lang: str = "en",
    area: str | None = None,
) -> list[NoticeOut]:
    _limit(request)
    code = _language(lang)
    chunk = paginate_list(public_notices(code=area), limit=page.limit, offset=page.offset)
    add_page_headers(response, request, chunk)
    return [_out(n, code) for n in chunk.items]


@router.get("/notices/{notice_id}", response=NoticeOut, summary="One notice")
def notice(request: HttpRequest, notice_id: int, lang: str = "en") -> NoticeOut:
    _limit(request)
    found = with_issue_time(Notice.objects.filter(pk=notice_id, is_drill=False)).first()
    if found is None:
        raise Http404
    return _out(found, _language(lang))
