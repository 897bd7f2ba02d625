"""#15 part 3, at the counter: the residence-deadline tool inside a consultation, saved to the
case encrypted and audited, erased with the client, and carried on the handoff card in the
client's language when they consented to share it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client as HttpClient
from django.utils import timezone
from django.utils.html import escape

from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.core import cldr
from kyosei.counter import services
from kyosei.counter.models import Agency, ResidenceCheck
from kyosei.counter.tests.factories import consent, make_client, make_consultation
from kyosei.counter.tests.test_plaintext import database_bytes
from kyosei.orgs.models import Organisation
from kyosei.residence.timeline import timeline_for
from zairyu.data import what_texts

pytestmark = pytest.mark.django_db

STATUS = "技術・人文知識・国際業務"
# 入管法19条の7: 14 days from the day after moving (民法140条) → 15 December
MOVED_DEADLINE = date(2026, 12, 15)


def inputs() -> dict[str, object]:
    return {
        "today": "2026-12-02",
        "status": STATUS,
        "period_of_stay": "P3Y",
        "expiry": "2028-02-29",
        "events": [{"type": "moved", "date": "2026-12-01"}],
    }


def form() -> dict[str, str]:
    return {
        "status": STATUS,
        "period_of_stay": "P3Y",
        "expiry": "2028-02-29",
        "moved_on": "2026-12-01",
    }


def url(org: Organisation, consultation_pk: int, language: str = "ja") -> str:
    return f"/{language}/staff/o/{org.slug}/counter/consultations/{consultation_pk}/residence/"


@pytest.mark.django_db(transaction=True)
def test_saved_check_is_encrypted_audited_and_read_back(
    org_a: Organisation, tmp_path: Path
) -> None:
    """Mutations caught: a plain TextField; the audit row missing or carrying the days."""
    client = make_client(org_a)
    consultation = make_consultation(org_a, client)
    check = services.save_residence_check(actor=None, consultation=consultation, inputs=inputs())
    kept = services.residence_deadlines(ResidenceCheck.objects.get(pk=check.pk))
    assert kept["steps"][0]["kind"] == "address_notification_due"
    assert MOVED_DEADLINE.isoformat() in [s["date"] for s in kept["steps"]]
    assert services.residence_inputs(check)["status"] == STATUS
    with connection.cursor() as cursor:
        cursor.execute("SELECT inputs, deadlines FROM counter_residencecheck")
        raw_inputs, raw_deadlines = cursor.fetchone()
    for raw in (raw_inputs, raw_deadlines):
        assert raw.startswith("gAAAA")
        assert STATUS not in raw and "2028-02-29" not in raw and "2026-12-15" not in raw
    # The expiry is only in the input, the revocation-risk day only in the deadlines.
    dump = database_bytes(tmp_path)
    assert b"gAAAA" in dump
    assert b"2028-02-29" not in dump and b"2027-03-02" not in dump
    audit = AuditEvent.objects.get(action="counter.residence.save")
    assert audit.object_id == str(check.pk)
    assert audit.data["deadlines"] == len(kept["steps"])
    assert "2026-12-15" not in str(audit.data)


def test_nothing_is_saved_for_an_erased_client_and_erasure_strips_the_check(
    org_a: Organisation, alice: User, bob: User
) -> None:
    client = make_client(org_a)
    consultation = make_consultation(org_a, client)
    services.save_residence_check(actor=None, consultation=consultation, inputs=inputs())
    erasure = services.request_erasure(actor=bob, client=client)
    services.decide_erasure(actor=alice, erasure=erasure, approve=True)
    assert ResidenceCheck.objects.get().inputs == ""
    assert ResidenceCheck.objects.get().deadlines == ""
    with pytest.raises(ValidationError):
        services.save_residence_check(actor=None, consultation=consultation, inputs=inputs())
    assert ResidenceCheck.objects.count() == 1


def test_the_subject_access_export_holds_the_check_in_the_clients_language(
    org_a: Organisation,
) -> None:
    client = make_client(org_a, preferred_language="vi")
    consultation = make_consultation(org_a, client)
    services.save_residence_check(actor=None, consultation=consultation, inputs=inputs())
    export = str(services.subject_access_export(actor=None, client=client))
    assert f"2026-12-15: {what_texts('vi')['address_notification_due']}" in export
    assert STATUS in export


def test_staff_see_the_timeline_in_japanese_and_in_the_clients_language_and_save_it(
    org_a: Organisation, alice_client: HttpClient
) -> None:
    """Mutations caught: only one language shown; the save button ignored; the saved check
    not recorded as read when shown."""
    client = make_client(org_a, preferred_language="vi")
    consultation = make_consultation(org_a, client)
    shown = alice_client.post(url(org_a, consultation.pk), form())
    assert shown.status_code == 200
    body = shown.content.decode()
    today = timezone.localdate()
    raw = {**inputs(), "today": today.isoformat()}
    for language in ("ja", "vi"):
        for step in timeline_for(raw, language).steps:
            assert step.what in body
            assert cldr.day(step.day, language) in body
    assert not ResidenceCheck.objects.exists()
    saved = alice_client.post(url(org_a, consultation.pk), {**form(), "save": "1"})
    assert saved.status_code == 302
    check = ResidenceCheck.objects.get()
    assert check.consultation == consultation
    since = AuditEvent.objects.order_by("-pk").first()
    assert since is not None
    page = alice_client.get(url(org_a, consultation.pk)).content.decode()
    assert what_texts("vi")["address_notification_due"] in page
    assert cldr.day(MOVED_DEADLINE, "ja") in page
    assert AuditEvent.objects.filter(
        pk__gt=since.pk, action="counter.residence.view", data__checks=[check.pk]
    ).exists()


def test_a_refused_input_saves_nothing(org_a: Organisation, alice_client: HttpClient) -> None:
    client = make_client(org_a)
    consultation = make_consultation(org_a, client)
    response = alice_client.post(url(org_a, consultation.pk), {**form(), "status": "", "save": "1"})
    assert response.status_code == 400
    assert not ResidenceCheck.objects.exists()


@pytest.mark.parametrize("shared", [True, False])
def test_the_card_carries_the_deadlines_in_the_clients_language_when_consented(
    org_a: Organisation, bob_client: HttpClient, shared: bool
) -> None:
    """Mutations caught: the deadlines shared without consent; worded in one language on
    both sides; dates not in the reader's calendar words."""
    client = make_client(org_a, preferred_language="ne", nationality="NP")
    consultation = make_consultation(org_a, client)
    services.save_residence_check(actor=None, consultation=consultation, inputs=inputs())
    fields = ["nickname", "residence_deadlines"] if shared else ["nickname"]
    consent(client, *fields)
    referral = services.create_referral(
        actor=None,
        client=client,
        consultation=consultation,
        to_agency=Agency.objects.get(kind="legal"),
    )
    card = bob_client.get(
        f"/en/staff/o/{org_a.slug}/counter/referrals/{referral.pk}/card/"
    ).content.decode()
    nepali = f"{cldr.day(MOVED_DEADLINE, 'ne')}: {what_texts('ne')['address_notification_due']}"
    japanese = f"{cldr.day(MOVED_DEADLINE, 'ja')}: {what_texts('ja')['address_notification_due']}"
    assert (escape(nepali) in card) is shared
    assert (escape(japanese) in card) is shared


def test_the_clients_history_shows_the_saved_check(
    org_a: Organisation, alice: User, alice_client: HttpClient
) -> None:
    """Mutation caught: residence checks left out of the history's targets."""
    client = make_client(org_a)
    consultation = make_consultation(org_a, client)
    check = services.save_residence_check(actor=alice, consultation=consultation, inputs=inputs())
    page = alice_client.get(
        f"/en/staff/o/{org_a.slug}/counter/clients/{client.pk}/history/"
    ).content.decode()
    assert f"Residence deadlines<br><small>residence check {check.pk}</small>" in page
