"""Reports, routing, receipt codes, encryption at rest, retention and key rotation."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from kyosei.audit.models import AuditEvent
from kyosei.orgs.models import Organisation
from kyosei.reporting import receipts, services
from kyosei.reporting.choices import Status
from kyosei.reporting.models import Message, Report, ReportAttachment
from kyosei.reporting.tests.conftest import CANARY, jpeg_with_gps, pdf_with_info, pdf_with_photo

pytestmark = pytest.mark.django_db


def file(**changes: object) -> tuple[Report, str]:
    fields: dict[str, object] = {
        "category": "unpaid_wages",
        "text": CANARY,
        "prefecture": "22",
        "language": "vi",
    }
    fields.update(changes)
    return services.file_report(**fields)  # type: ignore[arg-type]


def raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        value: str = cursor.fetchone()[0]
    return value


def test_the_receipt_code_has_100_bits_is_grouped_and_kept_only_as_a_slow_hash(
    centre: Organisation,
) -> None:
    report, code = file()
    assert len(code) == 20 and receipts.is_well_formed(code)
    assert receipts.grouped(code).count("-") == 4
    assert report.receipt_hash == receipts.code_hash(code) != code
    assert code not in report.receipt_hash
    # Typed on a phone: lower case, spaces, full-width letters, hyphens.
    typed = " ".join(receipts.grouped(code).lower().split("-"))
    assert services.find_report(typed) == report
    assert services.find_report(typed.replace(code[0].lower(), "ａ", 1)) in {None, report}
    assert services.find_report(code[:-1] + ("A" if code[-1] != "A" else "B")) is None
    assert services.find_report("") is None


def test_reports_are_routed_by_prefecture_and_category_then_to_the_national_centre(
    centre: Organisation, org_a: Organisation, org_b: Organisation
) -> None:
    services.set_route(actor=None, prefecture="22", category="", organisation=org_a)
    services.set_route(actor=None, prefecture="22", category="violence", organisation=org_b)
    services.set_route(actor=None, prefecture="", category="documents_held", organisation=org_b)
    assert file()[0].organisation == org_a
    assert file(category="violence")[0].organisation == org_b
    assert file(prefecture="13", category="documents_held")[0].organisation == org_b
    assert file(prefecture="13")[0].organisation == centre
    assert AuditEvent.objects.filter(action="reporting.route.set").count() == 3


@pytest.mark.parametrize(
    ("field", "value"),
    [("category", "bad"), ("prefecture", "48"), ("language", "xx"), ("text", "   ")],
)
def test_invalid_input_names_the_field_and_stores_nothing(
    centre: Organisation, field: str, value: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        file(**{field: value})
    assert field in raised.value.message_dict
    assert not Report.objects.exists()


def test_text_employer_contact_and_file_names_are_encrypted_and_the_audit_row_has_no_source(
    centre: Organisation,
) -> None:
    report, _code = file(
        employer="株式会社 " + CANARY,
        contact="090 " + CANARY,
        attachments=[services.Upload(name=CANARY + ".jpg", data=jpeg_with_gps())],
    )
    message = report.messages.get()
    attachment = report.attachments.get()
    assert CANARY in message.text and CANARY in Report.objects.get().employer
    for table, column, pk in (
        ("reporting_message", "text", message.pk),
        ("reporting_report", "employer", report.pk),
        ("reporting_report", "contact", report.pk),
        ("reporting_reportattachment", "filename", attachment.pk),
    ):
        assert CANARY not in raw(table, column, pk)
        assert raw(table, column, pk).startswith("gAAAA")
    stored = services.attachment_path(attachment.storage_name).read_bytes()
    assert b"\xff\xd8" not in stored[:4] and stored.startswith(b"gAAAA")
    event = AuditEvent.objects.get(action="reporting.report.create")
    assert event.organisation == centre
    assert event.source_ip is None and event.user_agent == "" and event.actor is None
    assert event.object_repr == f"report {report.pk}"


def test_photos_lose_exif_gps_and_xmp_and_are_re_encoded(centre: Organisation) -> None:
    original = jpeg_with_gps()
    report, _code = file(attachments=[services.Upload(name="IMG_0001.JPG", data=original)])
    attachment = report.attachments.get()
    clean = services.read_attachment_file(attachment)
    assert clean != original and b"KYOSEI-EXIF-MARKER" not in clean
    assert b"Exif" not in clean and b"http://ns.adobe.com/xap" not in clean
    with Image.open(io.BytesIO(clean)) as image:
        assert image.format == "JPEG" and image.size == (64, 48)
        assert not image.getexif() and not image.getexif().get_ifd(0x8825)
    assert attachment.filename == "IMG_0001.jpg" and attachment.content_type == "image/jpeg"


def test_pdfs_lose_their_document_information(centre: Organisation) -> None:
    report, _code = file(attachments=[services.Upload(name="給与明細.pdf", data=pdf_with_info())])
    clean = services.read_attachment_file(report.attachments.get())
    assert b"KYOSEIPDFMARKER" not in clean and b"xmpmeta" not in clean
    reader = PdfReader(io.BytesIO(clean))
    assert len(reader.pages) == 1
    assert not reader.metadata


def test_photos_inside_pdfs_lose_their_exif_too(centre: Organisation) -> None:
    report, _code = file(attachments=[services.Upload(name="scan.pdf", data=pdf_with_photo())])
    clean = services.read_attachment_file(report.attachments.get())
    assert b"KYOSEI-EXIF-MARKER" not in clean and b"Exif" not in clean
    page = PdfReader(io.BytesIO(clean)).pages[0]
    [embedded] = page.images
    assert embedded.image is not None and embedded.image.size == (64, 48)


@pytest.mark.parametrize("data", [b"MZ\x90\x00 not an image", b"<html>hi</html>", b"%PDF-1.4 junk"])
def test_other_files_are_refused_and_nothing_is_stored(centre: Organisation, data: bytes) -> None:
    with pytest.raises(ValidationError) as raised:
        file(attachments=[services.Upload(name="x.exe", data=data)])
    assert "attachments" in raised.value.message_dict
    assert not Report.objects.exists() and not ReportAttachment.objects.exists()


def test_the_conversation_two_ways_and_the_first_answer_acknowledges(
    centre: Organisation, alice: object
) -> None:
    report, code = file()
    assert report.first_answer_due > timezone.now() + timedelta(days=2)
    services.answer(actor=alice, report=report, text="承知しました。")
    report.refresh_from_db()
    assert report.status == Status.ACKNOWLEDGED and report.first_answered_at is not None
    found = services.find_report(code)
    assert found is not None
    services.add_reporter_message(report=found, text="Cảm ơn", callback_requested=True)
    found.refresh_from_db()
    assert found.callback_requested
    assert [m.author for m in services.conversation(found)] == ["reporter", "staff", "reporter"]
    events = AuditEvent.objects.filter(action__startswith="reporting.message")
    assert events.count() == 2
    assert events.get(action="reporting.message.reporter").source_ip is None


def test_the_reporter_deletes_everything_with_the_code(centre: Organisation) -> None:
    report, code = file(attachments=[services.Upload(name="a.jpg", data=jpeg_with_gps())])
    path = services.attachment_path(report.attachments.get().storage_name)
    assert path.exists()
    found = services.find_report(code)
    assert found is not None
    services.delete_by_reporter(report=found)
    assert not Report.objects.exists() and not Message.objects.exists()
    assert not path.exists()
    assert services.find_report(code) is None


def test_retention_deletes_reports_after_the_organisations_period(
    centre: Organisation, org_a: Organisation
) -> None:
    services.set_policy(actor=None, organisation=centre, retention_days=30, first_answer_days=2)
    old, _ = file(attachments=[services.Upload(name="a.jpg", data=jpeg_with_gps())])
    recent, _ = file()
    Report.objects.filter(pk=old.pk).update(last_message_at=timezone.now() - timedelta(days=31))
    Report.objects.filter(pk=recent.pk).update(last_message_at=timezone.now() - timedelta(days=29))
    path = services.attachment_path(old.attachments.get().storage_name)
    call_command("reporting", "delete-expired", stdout=io.StringIO())
    assert list(Report.objects.all()) == [recent]
    assert not path.exists()
    assert AuditEvent.objects.filter(action="reporting.report.expire").count() == 1


def test_rotate_keys_re_encrypts_text_and_files(centre: Organisation, tmp_path: Path) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(FIELD_ENCRYPTION_KEYS=[old]):
        report, code = file(attachments=[services.Upload(name="a.jpg", data=jpeg_with_gps())])
        message = report.messages.get()
        before = raw("reporting_message", "text", message.pk)
    with override_settings(FIELD_ENCRYPTION_KEYS=[new, old]):
        call_command("reporting", "rotate-keys", stdout=io.StringIO())
    with override_settings(FIELD_ENCRYPTION_KEYS=[new]):
        after = raw("reporting_message", "text", message.pk)
        assert after != before
        assert Fernet(new.encode()).decrypt(after.encode()).decode() == CANARY
        found = services.find_report(code)
        assert found is not None
        assert services.read_attachment_file(found.attachments.get()).startswith(b"\xff\xd8")
