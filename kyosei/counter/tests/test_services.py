from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone, translation

from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.conftest import make_user
from kyosei.counter import services
from kyosei.counter.models import (
    Attachment,
    Client,
    Consultation,
    ConsultationTopic,
    ErasureRequest,
    Referral,
)
from kyosei.counter.tests.factories import CANARY, consent, make_client, make_consultation
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role

pytestmark = pytest.mark.django_db


def actions(organisation: Organisation) -> list[str]:
    return list(
        AuditEvent.objects.filter(organisation=organisation)
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_a_consultation_counts_under_each_topic_and_is_audited(
    org_a: Organisation, bob: User
) -> None:
    client = make_client(org_a, actor=bob)
    consultation = make_consultation(org_a, client, actor=bob, topics=["tax", "residence", "tax"])
    assert consultation.topics == ["residence", "tax"]
    assert set(
        ConsultationTopic.objects.filter(consultation=consultation).values_list("topic", flat=True)
    ) == {"residence", "tax"}
    client.refresh_from_db()
    assert client.last_consulted_at == consultation.consulted_at
    assert consultation.nationality == "BR"
    assert actions(org_a)[-2:] == ["counter.client.create", "counter.consultation.create"]
    event = AuditEvent.objects.filter(action="counter.consultation.create").get()
    assert event.actor_label == "bob"
    assert CANARY not in str(event.data)


def test_consultation_validation(org_a: Organisation) -> None:
    client = make_client(org_a)
    with pytest.raises(ValidationError):
        make_consultation(org_a, client, topics=[])
    with pytest.raises(ValidationError):
        make_consultation(org_a, client, channel="pigeon")
    with pytest.raises(ValidationError):
        make_consultation(org_a, client, consulted_at=timezone.now() + timedelta(days=1))


def test_a_client_of_another_organisation_cannot_be_used(
    org_a: Organisation, org_b: Organisation
) -> None:
    client = make_client(org_b)
    with pytest.raises(PermissionDenied):
        make_consultation(org_a, client)


def test_optimistic_locking_loses_no_update(org_a: Organisation, bob: User, alice: User) -> None:
    client = make_client(org_a)
    consultation = make_consultation(org_a, client)
    # Both read version 1; bob saves first, alice's save must be refused, not overwrite his.
    services.update_consultation(
        actor=bob,
        consultation=consultation,
        expected_version=1,
        changes={"narrative": "bob's notes"},
    )
    with pytest.raises(services.StaleVersionError):
        services.update_consultation(
            actor=alice,
            consultation=consultation,
            expected_version=1,
            changes={"outcome": "resolved"},
        )
    fresh = Consultation.objects.get(pk=consultation.pk)
    assert (fresh.narrative, fresh.outcome, fresh.version) == ("bob's notes", "information", 2)
    services.update_client(
        actor=bob, client=client, expected_version=1, changes={"municipality": "浜松市"}
    )
    with pytest.raises(services.StaleVersionError):
        services.update_client(
            actor=alice, client=client, expected_version=1, changes={"nickname": "X"}
        )


def test_updating_topics_rewrites_the_statistics_rows(org_a: Organisation) -> None:
    consultation = make_consultation(org_a, make_client(org_a))
    services.update_consultation(
        actor=None, consultation=consultation, expected_version=1, changes={"topics": ["housing"]}
    )
    assert list(
        ConsultationTopic.objects.filter(consultation=consultation).values_list("topic", flat=True)
    ) == ["housing"]


def test_a_referral_shares_only_consented_fields(
    org_a: Organisation, org_b: Organisation, bob: User, charlie: User
) -> None:
    client = make_client(org_a, full_name="Maria Silva", contact="090-0000-0000")
    consultation = make_consultation(org_a, client)
    with pytest.raises(ValidationError):  # no consent yet: nothing may leave
        services.create_referral(actor=bob, client=client, to_organisation=org_b)
    consent(client, "nickname", "topics", "summary")
    referral = services.create_referral(
        actor=bob,
        client=client,
        consultation=consultation,
        to_organisation=org_b,
        summary="Needs help with the resident tax letter.",
    )
    shared = services.referral_snapshot(referral)
    assert shared == {
        "nickname": "M.S.",
        "topics": ["social_insurance", "tax"],
        "summary": "Needs help with the resident tax letter.",
    }
    assert "Maria" not in str(shared) and "090" not in str(shared)
    assert "counter.referral.receive" in actions(org_b)
    # The receiver answers; the status flows back to the sender.
    services.respond_to_referral(
        actor=charlie, referral=referral, receiver=org_b, accept=True, note="Come on Monday."
    )
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    assert referral.response_note == "Come on Monday."
    assert "counter.referral.respond" in actions(org_a)
    with pytest.raises(ValidationError):
        services.respond_to_referral(actor=charlie, referral=referral, receiver=org_b, accept=False)
    with pytest.raises(PermissionDenied):  # only the receiver answers
        services.respond_to_referral(actor=bob, referral=referral, receiver=org_a, accept=False)


def test_withdrawn_consent_is_superseded(org_a: Organisation, org_b: Organisation) -> None:
    client = make_client(org_a)
    consent(client, "nickname", "full_name")
    consent(client)  # the client now shares nothing
    with pytest.raises(ValidationError):
        services.create_referral(actor=None, client=client, to_organisation=org_b)
    assert client.consents.filter(withdrawn_at__isnull=True).count() == 1


def test_consent_text_is_versioned_and_in_the_clients_language(org_a: Organisation) -> None:
    first = services.current_consent_text(org_a, "ja")
    assert first is not None and first.version == 1 and first.language == "ja"
    published = services.publish_consent_text(
        actor=None,
        organisation=org_a,
        language="ja",
        what_is_recorded="a",
        who_may_see="b",
        how_long_kept="c",
    )
    assert published.version == 2
    assert services.current_consent_text(org_a, "ja") == published
    # A translation of version 2; other languages have no version 2 text: never a fallback to
    # Japanese or to version 1 (whose terms were replaced).
    translated = services.publish_consent_text(
        actor=None,
        organisation=org_a,
        language="vi",
        what_is_recorded="a",
        who_may_see="b",
        how_long_kept="c",
        new_version=False,
    )
    assert translated.version == 2
    assert services.current_consent_text(org_a, "vi") == translated
    assert services.current_consent_text(org_a, "ne") is None
    with pytest.raises(ValidationError):
        services.publish_consent_text(
            actor=None,
            organisation=org_a,
            language="vi",
            what_is_recorded="a",
            who_may_see="b",
            how_long_kept="c",
            new_version=False,
        )


def supervisor(organisation: Organisation, name: str) -> User:
    user = make_user(name)
    org_services.grant_role(actor=None, organisation=organisation, user=user, role=Role.SUPERVISOR)
    return user


def test_erasure_needs_another_supervisor_and_keeps_statistics(
    org_a: Organisation, bob: User, alice: User
) -> None:
    client = make_client(org_a, full_name="Maria Silva", contact="maria@example.org")
    consultation = make_consultation(org_a, client)
    services.add_attachment(
        actor=bob,
        consultation=consultation,
        upload=SimpleUploadedFile("a.txt", b"letter"),
    )
    erasure = services.request_erasure(actor=alice, client=client, reason="asked at the desk")
    with pytest.raises(PermissionDenied):  # counter staff cannot decide
        services.decide_erasure(actor=bob, erasure=erasure, approve=True)
    with pytest.raises(ValidationError):  # four eyes: not on your own request
        services.decide_erasure(actor=alice, erasure=erasure, approve=True)
    services.decide_erasure(actor=supervisor(org_a, "dora"), erasure=erasure, approve=True)
    assert ErasureRequest.objects.get().status == ErasureRequest.Status.APPROVED
    client = Client.objects.get(pk=client.pk)
    assert (client.full_name, client.contact, client.nickname) == ("", "", "—")
    assert client.anonymised_at is not None
    consultation = Consultation.objects.get(pk=consultation.pk)
    assert consultation.narrative == ""
    assert (consultation.channel, consultation.nationality, consultation.topics) == (
        "phone",
        "BR",
        ["social_insurance", "tax"],
    )
    assert not Attachment.objects.exists()
    # The append-only audit log names the client by reference only, never by nickname.
    assert not AuditEvent.objects.filter(object_repr__contains="M.S.").exists()


def test_retention_job_anonymises_only_expired_clients(org_a: Organisation) -> None:
    services.set_retention(actor=None, organisation=org_a, retention_days=365)
    old = make_client(org_a, full_name="Old Client")
    make_consultation(org_a, old, consulted_at=timezone.now() - timedelta(days=400))
    recent = make_client(org_a, full_name="Recent Client")
    make_consultation(org_a, recent, consulted_at=timezone.now() - timedelta(days=10))
    assert services.anonymise_expired(organisation=org_a).clients == 1
    assert Client.objects.get(pk=old.pk).full_name == ""
    assert Client.objects.get(pk=recent.pk).full_name == "Recent Client"
    assert services.anonymise_expired(organisation=org_a).clients == 0  # idempotent
    assert ConsultationTopic.objects.filter(organisation=org_a).count() == 4


def test_retention_bounds(org_a: Organisation) -> None:
    with pytest.raises(ValidationError):
        services.set_retention(actor=None, organisation=org_a, retention_days=1)


def test_subject_access_export_is_labelled_in_the_clients_language(
    org_a: Organisation, bob: User
) -> None:
    client = make_client(org_a, preferred_language="en", full_name="Yamada")
    make_consultation(org_a, client, language="en")
    with translation.override("ja"):  # the staff member's UI language does not matter
        export = services.subject_access_export(actor=bob, client=client)
    assert export["Reference"] == client.reference
    assert export["Full name"] == "Yamada"
    assert CANARY in export["Consultations"][0]["Notes"]
    assert export["Consultations"][0]["Topics"] == ["Social insurance and pensions", "Tax"]
    assert "counter.client.export" in actions(org_a)


@pytest.mark.parametrize(
    ("name", "data", "accepted"),
    [
        ("scan.pdf", b"%PDF-1.7\n...", "application/pdf"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image/png"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
        ("note.txt", "メモ".encode(), "text/plain"),
        ("page.pdf", b"<html><script>alert(1)</script></html>", None),
        ("image.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", None),
        ("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00", None),
        ("archive.pdf", b"PK\x03\x04zip", None),
    ],
)
def test_attachments_are_sniffed_not_trusted(
    org_a: Organisation, name: str, data: bytes, accepted: str | None
) -> None:
    consultation = make_consultation(org_a, make_client(org_a))
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    if accepted is None:
        with pytest.raises(ValidationError):
            services.add_attachment(actor=None, consultation=consultation, upload=upload)
        return
    attachment = services.add_attachment(actor=None, consultation=consultation, upload=upload)
    assert attachment.content_type == accepted
    assert services.read_attachment(actor=None, attachment=attachment) == data


@override_settings(COUNTER_ATTACHMENT_MAX_BYTES=1024)
def test_oversized_attachments_are_refused(org_a: Organisation) -> None:
    consultation = make_consultation(org_a, make_client(org_a))
    with pytest.raises(ValidationError):
        services.add_attachment(
            actor=None,
            consultation=consultation,
            upload=SimpleUploadedFile("big.txt", b"a" * 1025),
        )


def test_attachment_names_cannot_escape_the_store(org_a: Organisation) -> None:
    consultation = make_consultation(org_a, make_client(org_a))
    attachment = services.add_attachment(
        actor=None,
        consultation=consultation,
        upload=SimpleUploadedFile("../../etc/passwd", b"text"),
    )
    assert attachment.filename == "passwd"
    assert "/" not in attachment.storage_name


def test_reminders_mail_assignees_once(org_a: Organisation, bob: User) -> None:
    consultation = make_consultation(org_a, make_client(org_a), actor=bob)
    services.add_task(
        actor=bob,
        consultation=consultation,
        description="call the tax office " + CANARY,
        due_on=timezone.localdate(),
    )
    services.add_task(
        actor=bob,
        consultation=consultation,
        description="later",
        due_on=timezone.localdate() + timedelta(days=10),
    )
    assert services.send_task_reminders() == 1
    assert services.send_task_reminders() == 0
    assert mail.outbox[0].to == ["bob@example.org"]
    assert CANARY not in mail.outbox[0].body  # case details stay in Kyosei


def test_api_keys_are_hashed_and_revocable(org_a: Organisation) -> None:
    key, secret = services.create_api_key(actor=None, organisation=org_a, name="CRM")
    assert secret not in key.key_hash
    assert services.organisation_for_api_key(secret) == key
    assert services.organisation_for_api_key(secret + "x") is None
    services.revoke_api_key(actor=None, key=key)
    assert services.organisation_for_api_key(secret) is None


def test_no_notes_for_a_client_who_declined_recording(org_a: Organisation) -> None:
    client = make_client(org_a)
    text = services.current_consent_text(org_a, client.preferred_language)
    assert text is not None
    services.record_consent(
        actor=None,
        client=client,
        consent_text=text,
        agrees_to_recording=False,
        shareable_fields=[],
    )
    with pytest.raises(ValidationError):
        make_consultation(org_a, client)
    counted = make_consultation(org_a, client, narrative="")  # still counted for statistics
    with pytest.raises(ValidationError):
        services.update_consultation(
            actor=None, consultation=counted, expected_version=1, changes={"narrative": "x"}
        )
