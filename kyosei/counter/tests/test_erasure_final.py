"""After an approved erasure nothing identifying can be added about the client, by any path.

Each test names the product line it guards: removing `refuse_if_erased(...)` from that write
path (or the consent withdrawal from `_strip_identifying_data`) makes it fail.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.utils import timezone

from kyosei.accounts.models import User
from kyosei.counter import services
from kyosei.counter.models import (
    Agency,
    Attachment,
    Client,
    ConsentRecord,
    Consultation,
    FollowUpTask,
    InterpretationRequest,
    Referral,
)
from kyosei.counter.tests.factories import consent, make_client, make_consultation
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db
WRITTEN_IN = "Nguyen Van An 090-1234-5678"  # what the walk-through wrote into an erased case


@dataclass
class Erased:
    client: Client
    consultation: Consultation
    referral_to_b: Referral


def url(org: Organisation, path: str = "") -> str:
    return f"/en/staff/o/{org.slug}/counter/{path}"


@pytest.fixture
def erased(org_a: Organisation, org_b: Organisation, alice: User, bob: User) -> Erased:
    client = make_client(org_a, nickname="N.V.A.", preferred_language="vi")
    consent(client, "nickname", "topics", "summary")
    consultation = make_consultation(org_a, client, language="vi")
    referral = services.create_referral(actor=bob, client=client, to_organisation=org_b)
    erasure = services.request_erasure(actor=bob, client=client)
    services.decide_erasure(actor=alice, erasure=erasure, approve=True)
    client.refresh_from_db()
    consultation.refresh_from_db()
    return Erased(client=client, consultation=consultation, referral_to_b=referral)


def case_state(client: Client) -> dict[str, Any]:
    """Everything that could carry identifying data about the client, as stored."""
    consultations = Consultation.objects.filter(client=client)
    return {
        "client": list(Client.objects.filter(pk=client.pk).values()),
        "consultations": list(consultations.order_by("pk").values()),
        "attachments": Attachment.objects.filter(consultation__client=client).count(),
        "tasks": FollowUpTask.objects.filter(consultation__client=client).count(),
        "referrals": list(Referral.objects.filter(client=client).order_by("pk").values()),
        "interpretation": InterpretationRequest.objects.filter(consultation__client=client).count(),
        "consents": list(ConsentRecord.objects.filter(client=client).order_by("pk").values()),
        "receiver_clients": Client.objects.exclude(organisation=client.organisation).count(),
    }


def test_the_approval_withdraws_the_consent(erased: Erased) -> None:
    # Mutation caught: dropping the ConsentRecord update from _strip_identifying_data.
    assert services.active_consent(erased.client) is None
    assert not ConsentRecord.objects.filter(client=erased.client, withdrawn_at__isnull=True)


def _update_consultation(e: Erased, actor: User) -> object:
    return services.update_consultation(
        actor=actor,
        consultation=e.consultation,
        expected_version=e.consultation.version,
        changes={"narrative": WRITTEN_IN},
    )


def _create_consultation(e: Erased, actor: User) -> object:
    return services.create_consultation(
        actor=actor,
        organisation=e.client.organisation,
        client=e.client,
        channel="phone",
        topics=["labour"],
        language="vi",
        narrative=WRITTEN_IN,
    )


def _add_attachment(e: Erased, actor: User) -> object:
    upload = SimpleUploadedFile("payslip.txt", WRITTEN_IN.encode(), content_type="text/plain")
    return services.add_attachment(actor=actor, consultation=e.consultation, upload=upload)


def _add_task(e: Erased, actor: User) -> object:
    return services.add_task(
        actor=actor,
        consultation=e.consultation,
        description=f"call {WRITTEN_IN}",
        due_on=timezone.localdate() + timedelta(days=1),
    )


def _create_referral(e: Erased, actor: User) -> object:
    # Even with a consent record that survived (data from before this rule), no referral.
    ConsentRecord.objects.filter(client=e.client).update(withdrawn_at=None)
    return services.create_referral(
        actor=actor,
        client=e.client,
        to_agency=Agency.objects.filter(kind="legal").first(),
        summary=WRITTEN_IN,
    )


def _log_interpretation(e: Erased, actor: User) -> object:
    return services.log_interpretation_request(
        actor=actor,
        organisation=e.client.organisation,
        language="vi",
        mode="phone",
        consultation=e.consultation,
    )


def _record_consent(e: Erased, actor: User) -> object:
    text = services.consent_text_for(e.client)
    assert text is not None
    return services.record_consent(
        actor=actor,
        client=e.client,
        consent_text=text,
        agrees_to_recording=True,
        shareable_fields=["full_name", "contact"],
    )


def _update_client(e: Erased, actor: User) -> object:
    # anonymised_at is cleared on the in-memory object: only the row lock check remains.
    stale = Client.objects.get(pk=e.client.pk)
    stale.anonymised_at = None
    return services.update_client(
        actor=actor, client=stale, expected_version=stale.version, changes={"contact": WRITTEN_IN}
    )


def _answer_with_a_note(e: Erased, actor: User) -> object:
    return services.respond_to_referral(
        actor=actor,
        referral=e.referral_to_b,
        receiver=e.referral_to_b.to_organisation,  # type: ignore[arg-type]
        accept=True,
        note=WRITTEN_IN,
    )


def _adopt(e: Erased, actor: User) -> object:
    Referral.objects.filter(pk=e.referral_to_b.pk).update(status=Referral.Status.ACCEPTED)
    e.referral_to_b.refresh_from_db()
    return services.adopt_referral(
        actor=actor,
        referral=e.referral_to_b,
        receiver=e.referral_to_b.to_organisation,  # type: ignore[arg-type]
    )


WRITE_PATHS: dict[str, Callable[[Erased, User], object]] = {
    "update_consultation": _update_consultation,
    "create_consultation": _create_consultation,
    "add_attachment": _add_attachment,
    "add_task": _add_task,
    "create_referral": _create_referral,
    "log_interpretation_request": _log_interpretation,
    "record_consent": _record_consent,
    "update_client": _update_client,
    "respond_to_referral": _answer_with_a_note,
    "adopt_referral": _adopt,
}


@pytest.mark.parametrize("path", sorted(WRITE_PATHS))
def test_every_service_write_path_refuses_an_erased_client(
    path: str, erased: Erased, bob: User
) -> None:
    """Mutation caught: removing refuse_if_erased() from the service named `path`."""
    # Those two change state on purpose in their setup (a surviving consent, an accepted
    # referral): for them, what must not appear is a new referral or a receiver's client.
    before = None if path in {"create_referral", "adopt_referral"} else case_state(erased.client)
    with pytest.raises(ValidationError, match="erased"):
        WRITE_PATHS[path](erased, bob)
    if before is not None:
        assert case_state(erased.client) == before
    else:
        assert Referral.objects.filter(client=erased.client).count() == 1
        assert Client.objects.filter(organisation=erased.referral_to_b.to_organisation).count() == 0


def test_a_note_free_answer_is_still_possible(erased: Erased, bob: User) -> None:
    # Declining or accepting adds nothing about the person: the receiver can still close it.
    answered = services.respond_to_referral(
        actor=bob,
        referral=erased.referral_to_b,
        receiver=erased.referral_to_b.to_organisation,  # type: ignore[arg-type]
        accept=False,
    )
    assert answered.status == Referral.Status.DECLINED and answered.response_note == ""


def test_every_form_refuses_an_erased_client(
    org_a: Organisation, erased: Erased, bob_client: HttpClient
) -> None:
    """The same through the staff forms: a clear message, never a 500, nothing stored."""
    c, k = erased.client, erased.consultation
    before = case_state(c)
    legal = Agency.objects.filter(kind="legal").first()
    assert legal is not None
    posts: list[tuple[str, dict[str, Any]]] = [
        (
            f"consultations/{k.pk}/edit/",
            {
                "consulted_at": timezone.localtime(k.consulted_at).strftime("%Y-%m-%dT%H:%M"),
                "channel": k.channel,
                "topics": k.topics,
                "language": k.language,
                "interpreter_mode": "none",
                "interpreter_minutes": 0,
                "narrative": WRITTEN_IN,
                "outcome": k.outcome,
                "minutes_spent": 10,
                "version": k.version,
            },
        ),
        (
            f"consultations/{k.pk}/attachments/",
            {"file": SimpleUploadedFile("給与明細.txt", WRITTEN_IN.encode())},
        ),
        (
            f"consultations/{k.pk}/tasks/",
            {"description": WRITTEN_IN, "due_on": timezone.localdate().isoformat()},
        ),
        (f"clients/{c.pk}/refer/", {"receiver": f"agency:{legal.pk}", "summary": WRITTEN_IN}),
        (
            "interpretation/",
            {"consultation": str(k.pk), "language": "vi", "mode": "phone", "minutes": 10},
        ),
        (
            f"clients/{c.pk}/consent/",
            {"agrees_to_recording": "on", "shareable_fields": ["full_name", "contact"]},
        ),
        (
            f"clients/{c.pk}/edit/",
            {
                "nickname": "N.V.A.",
                "full_name": WRITTEN_IN,
                "preferred_language": "vi",
                "status_of_residence": "unknown",
                "contact_preference": "phone",
                "version": c.version,
            },
        ),
        (
            "intake/",
            {
                "client_reference": c.reference,
                "channel": "phone",
                "topics": ["labour"],
                "language": "vi",
                "narrative": WRITTEN_IN,
                "outcome": "information",
                "interpreter_mode": "none",
            },
        ),
    ]
    for path, data in posts:
        response = bob_client.post(url(org_a, path), data, follow=True)
        assert response.status_code == 200, path
        assert case_state(c) == before, path
    assert WRITTEN_IN not in json.dumps(before, default=str)


def test_the_api_refuses_an_erased_client(
    org_a: Organisation, erased: Erased, client: HttpClient
) -> None:
    _key, secret = services.create_api_key(actor=None, organisation=org_a, name="test")
    before = case_state(erased.client)
    response = client.post(
        "/api/v1/counter/consultations",
        json.dumps(
            {
                "client_reference": erased.client.reference,
                "channel": "phone",
                "topics": ["labour"],
                "language": "vi",
                "narrative": WRITTEN_IN,
            }
        ),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code in {404, 422}
    assert case_state(erased.client) == before
