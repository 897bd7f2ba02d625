"""JSON API for integrations (OpenAPI at /api/openapi.json).

Authentication: `Authorization: Bearer ky_…`, a per-organisation key created by a supervisor
or org admin in the counter settings. A key acts for its organisation only, with counter-staff
rights: objects of any other organisation answer 404, exactly as in the staff console.
"""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer

from kyosei.api_pagination import (
    PageParams,
    add_page_headers,
    paginate_queryset,
    paginated_openapi,
)
from kyosei.counter import access, services, statistics
from kyosei.counter.forms import FORM_TOKEN_RE, ApiIntakeForm
from kyosei.counter.models import ApiKey, Referral


class ApiKeyAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        return services.organisation_for_api_key(token)


router = Router(tags=["counter"], auth=ApiKeyAuth())


def _key(request: HttpRequest) -> ApiKey:
    key: ApiKey = request.auth  # type: ignore[attr-defined]
    return key


def _reader(request: HttpRequest, **data: Any) -> access.Reader:
    """API reads are recorded by the access functions, with the key's prefix."""
    return access.Reader(
        actor=None, request=request, data={"api_key": _key(request).prefix, **data}
    )


class ConsultationOut(Schema):
    id: int
    client_id: int
    client_reference: str = Field(..., alias="client.reference")
    consulted_at: datetime
    channel: str
    topics: list[str]
    language: str
    interpreter_mode: str
    interpreter_minutes: int
    outcome: str
    minutes_spent: int
    version: int


class ConsultationDetailOut(ConsultationOut):
    interpreter_language: str
    narrative: str


class ConsultationFilters(Schema):
    channel: str = ""
    topic: str = ""
    language: str = ""
    outcome: str = ""
    since: date | None = None
    until: date | None = None
    # Wider than the shared 200 because v1 clients already ask for up to 500 rows.
    limit: int = Field(50, ge=1, le=500, description="Items per page (1–500, default 50).")
    offset: int = Field(0, ge=0, description="How many items to skip.")


class ConsultationIn(Schema):
    client_reference: str = ""
    nickname: str = ""
    nationality: str = ""
    status_of_residence: str = "unknown"
    channel: str
    topics: list[str]
    language: str
    consulted_at: datetime | None = None
    interpreter_mode: str = "none"
    interpreter_language: str = ""
    interpreter_minutes: int = 0
    narrative: str = ""
    outcome: str = "information"
    minutes_spent: int = 10


class ClientOut(Schema):
    id: int
    reference: str
    nickname: str
    nationality: str
    preferred_language: str
    languages: list[dict[str, str]]
    status_of_residence: str
    municipality: str
    anonymised_at: datetime | None
    version: int


class ReferralOut(Schema):
    id: int
    code: str
    from_organisation: str
    status: str
    created_at: datetime
    shared: dict[str, Any]


class ReferralAnswerIn(Schema):
    accept: bool
    note: str = ""


class StatsRowOut(Schema):
    key: str
    label: str
    months: list[int | str]
    total: int | str


class StatsTableOut(Schema):
    key: str
    title: str
    rows: list[StatsRowOut]


class StatisticsOut(Schema):
    fiscal_year: int
    months: list[str]
    suppressed: bool
    tables: list[StatsTableOut]


@router.get(
    "/consultations",
    response=list[ConsultationOut],
    summary="List consultations, newest first, paginated",
    openapi_extra=paginated_openapi(),
)
def list_consultations(
    request: HttpRequest, filters: Query[ConsultationFilters], response: HttpResponse
) -> Any:
    key = _key(request)
    consultations = access.consultations_of(
        key.organisation,
        reader=_reader(request, offset=filters.offset),
        channel=filters.channel,
        topic=filters.topic,
        language=filters.language,
        outcome=filters.outcome,
        since=filters.since,
        until=filters.until,
    )
    page = paginate_queryset(consultations, limit=filters.limit, offset=filters.offset)
    add_page_headers(response, request, page)
    return page.items


@router.get(
    "/consultations/{consultation_id}",
    response=ConsultationDetailOut,
    summary="One consultation, with its notes",
)
def get_consultation(request: HttpRequest, consultation_id: int) -> Any:
    return access.consultation_for(
        _key(request).organisation, consultation_id, reader=_reader(request)
    )


@router.post(
    "/consultations", response={201: ConsultationDetailOut}, summary="Record a consultation"
)
def create_consultation(request: HttpRequest, payload: ConsultationIn) -> Any:
    """Validated by the quick intake's own form (one path: what the page refuses, the API
    refuses: notes over 20 000 characters, NUL bytes, unknown codes). An `Idempotency-Key`
    header makes a retried request return the first result instead of recording twice."""
    organisation = _key(request).organisation
    form = ApiIntakeForm(data={**payload.dict(), "form_token": ""})
    if not form.is_valid():
        raise HttpError(422, _form_errors(form))
    token = request.headers.get("Idempotency-Key", "")
    if token and not FORM_TOKEN_RE.fullmatch(token):
        raise HttpError(422, "Idempotency-Key: 16 to 64 characters of A-Z a-z 0-9 _ -")
    data = form.cleaned_data
    fields = form.consultation_fields()
    fields["consulted_at"] = data["consulted_at"]
    try:
        result = services.record_intake(
            actor=None,
            organisation=organisation,
            form_token=f"api:{token}" if token else "",
            client_reference=data["client_reference"],
            new_client={
                "nickname": data["nickname"],
                "nationality": data["nationality"],
                "preferred_language": data["language"],
                "status_of_residence": data["status_of_residence"] or "unknown",
            },
            request=request,
            **fields,
        )
    except ValidationError as error:
        if "client_reference" in getattr(error, "error_dict", {}):
            raise Http404 from error
        raise HttpError(422, " ".join(error.messages)) from error
    if result.consultation is None:  # record_intake always records one; typed as optional
        raise Http404
    return 201, access.consultation_for(
        organisation, result.consultation.pk, reader=_reader(request)
    )


def _form_errors(form: Any) -> str:
    return "; ".join(
        f"{field}: {' '.join(str(m) for m in messages)}" for field, messages in form.errors.items()
    )


@router.get("/clients/{client_id}", response=ClientOut, summary="One client (pseudonymous fields)")
def get_client(request: HttpRequest, client_id: int) -> Any:
    return access.client_for(_key(request).organisation, client_id, reader=_reader(request))


@router.get(
    "/statistics/{fiscal_year}",
    response=StatisticsOut,
    summary="Yearly statistics (shared=true suppresses counts below 3)",
)
def get_statistics(request: HttpRequest, fiscal_year: int, shared: bool = False) -> Any:
    if not 2000 <= fiscal_year <= 2100:
        raise Http404
    stats = statistics.year_statistics(
        _key(request).organisation, fiscal_year, for_sharing=shared, reader=_reader(request)
    )
    return {
        "fiscal_year": stats.fiscal_year,
        "months": stats.month_labels,
        "suppressed": stats.suppressed,
        "tables": stats.tables,
    }


def _referral_out(referral: Referral) -> dict[str, Any]:
    return {
        "id": referral.pk,
        "code": referral.code,
        "from_organisation": referral.from_organisation.name,
        "status": referral.status,
        "created_at": referral.created_at,
        "shared": services.referral_snapshot(referral),
    }


@router.get(
    "/referrals/received",
    response=list[ReferralOut],
    summary="Referrals sent to this organisation (consented fields only), newest first, paginated",
    openapi_extra=paginated_openapi(),
)
def received_referrals(
    request: HttpRequest, page: Query[PageParams], response: HttpResponse
) -> Any:
    chunk = paginate_queryset(
        access.referrals_received_by(
            _key(request).organisation, reader=_reader(request, offset=page.offset)
        ),
        limit=page.limit,
        offset=page.offset,
    )
    add_page_headers(response, request, chunk)
    return [_referral_out(r) for r in chunk.items]


@router.post(
    "/referrals/{referral_id}/answer", response=ReferralOut, summary="Accept or decline a referral"
)
def answer_referral(request: HttpRequest, referral_id: int, payload: ReferralAnswerIn) -> Any:
    organisation = _key(request).organisation
    referral = get_object_or_404(
        access.referrals_received_by(organisation, reader=_reader(request)), pk=referral_id
    )
    try:
        services.respond_to_referral(
            actor=None,
            referral=referral,
            receiver=organisation,
            accept=payload.accept,
            note=payload.note,
            request=request,
        )
    except ValidationError as error:
        raise HttpError(409, " ".join(error.messages)) from error
    return _referral_out(referral)
