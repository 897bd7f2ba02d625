"""How case pages and exports show things (issue #12 bugs): Japan time with an explicit offset,
names instead of codes, the right word for the right sense, isolated user text, no caching,
RFC 6266 attachment names. Each test names the product change it catches."""

import io
import json
import re
import zipfile
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.utils import translation
from django.utils.translation import pgettext

from kyosei.audit.models import AuditEvent
from kyosei.counter import services
from kyosei.counter.models import Agency
from kyosei.counter.tests.factories import consent, make_client, make_consultation
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db

# 2026-12-07 17:50 UTC is 2026-12-08 02:50 in Japan: a UTC date names the day before.
LATE_EVENING_UTC = datetime(2026, 12, 7, 17, 50, tzinfo=UTC)


def url(org: Organisation, path: str = "", lang: str = "en") -> str:
    return f"/{lang}/staff/o/{org.slug}/counter/{path}"


def test_the_referral_picker_and_audit_log_use_japan_time(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    client = make_client(org_a)
    consultation = make_consultation(org_a, client, consulted_at=LATE_EVENING_UTC)
    page = bob_client.get(url(org_a, f"clients/{client.pk}/refer/")).content.decode()
    # Catches: Consultation.__str__ formatting the UTC datetime.
    assert f'<option value="{consultation.pk}">2026-12-08 02:50 Phone</option>' in page
    bob_client.get(url(org_a, f"consultations/{consultation.pk}/"))
    event = AuditEvent.objects.filter(action="counter.consultation.view").get()
    assert event.object_repr.startswith("2026-12-08 02:50")


def test_the_data_export_carries_the_japan_offset(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    client = make_client(
        org_a,
        preferred_language="ne",
        languages=[
            {"language": "ne", "proficiency": "native"},
            {"language": "ja", "proficiency": "plain_japanese"},
        ],
    )
    make_consultation(org_a, client, consulted_at=LATE_EVENING_UTC, language="ne")
    consent(client, "nickname")
    response = bob_client.get(url(org_a, f"clients/{client.pk}/export/"))
    text = response.content.decode()
    exported = json.loads(text)
    # Catches: isoformat() of the UTC datetime (+00:00, the day before).
    assert "2026-12-08T02:50:00+09:00" in text
    assert "+00:00" not in text
    # Catches: raw codes in the export ("ne", "native").
    with translation.override("ne"):
        consultations = exported[str(translation.gettext("Consultations"))]
        language_used = consultations[0][str(translation.gettext("Language used"))]
        languages = exported[str(translation.gettext("Languages"))]
    assert language_used == "नेपाली"
    assert "native" not in languages and languages.startswith("नेपाली (")


def test_non_ascii_attachment_names_use_rfc_6266(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    consultation = make_consultation(org_a, make_client(org_a))
    upload = SimpleUploadedFile("給与明細_2026-10.pdf", b"%PDF-1.7 pay slip")
    bob_client.post(url(org_a, f"consultations/{consultation.pk}/attachments/"), {"file": upload})
    attachment = consultation.attachments.get()
    header = bob_client.get(url(org_a, f"attachments/{attachment.pk}/"))["Content-Disposition"]
    # Catches: Django's RFC 2047 =?utf-8?b?…?= encoding of a non-ASCII header value, or an
    # `inline` disposition (Chromium then opens the PDF in the staff tab).
    assert header == (
        'attachment; filename="_____2026-10.pdf"; '
        "filename*=UTF-8''%E7%B5%A6%E4%B8%8E%E6%98%8E%E7%B4%B0_2026-10.pdf"
    )


def test_same_english_word_different_meanings_have_their_own_translation() -> None:
    with translation.override("ja"):
        # Catches: the channel "Phone" sharing the msgid of the phone-number field (電話番号).
        from kyosei.counter.choices import Channel

        assert str(Channel.PHONE.label) == "電話"
        assert pgettext("referral sender", "From") == "紹介元"  # not 開始日 (start date)
        assert pgettext("referrals received from other offices", "Received") == "受け取った紹介"
    with translation.override("ne"):
        assert pgettext("referral sender", "From") != "सुरु मिति"


def test_referral_pages_use_the_sender_sense_of_from(
    org_a: Organisation, org_b: Organisation, bob_client: HttpClient
) -> None:
    client = make_client(org_a)
    consent(client, "nickname")
    referral = services.create_referral(
        actor=None, client=client, to_agency=Agency.objects.get(kind="legal")
    )
    detail = bob_client.get(url(org_a, f"referrals/{referral.pk}/", "ja")).content.decode()
    listing = bob_client.get(url(org_a, "referrals/", "ja")).content.decode()
    card = bob_client.get(url(org_a, f"referrals/{referral.pk}/card/", "ja")).content.decode()
    # Catches: a template going back to {% translate "From" %} / "Received" without context.
    for page in (detail, listing, card):
        assert "開始日" not in page and "受信日時" not in page
    assert "<dt>紹介元</dt>" in detail and "受け取った紹介" in listing


def test_client_page_shows_names_not_codes_and_isolates_user_text(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    client = make_client(
        org_a,
        nickname="\u202eKR",
        preferred_language="ne",
        languages=[{"language": "ne", "proficiency": "native"}],
    )
    body = bob_client.get(url(org_a, f"clients/{client.pk}/")).content.decode()
    # Catches: {{ client.preferred_language }} / {{ entry.proficiency }} printed raw.
    assert "<dd>नेपाली</dd>" in body and "<dd>नेपाली (Native)</dd>" in body
    assert "(native)" not in body
    # Catches: the nickname outside <bdi>: U+202E would reverse the rest of the line.
    assert "<bdi>\u202eKR</bdi>" in body
    assert body.count("\u202e") == body.count("<bdi>\u202e")


def test_every_case_page_says_no_store(org_a: Organisation, alice_client: HttpClient) -> None:
    client = make_client(org_a)
    consultation = make_consultation(org_a, client)
    pages = [
        "",
        "intake/",
        f"intake/?client={client.reference}",
        "clients/",
        "clients/new/",
        f"clients/{client.pk}/",
        f"clients/{client.pk}/edit/",
        f"clients/{client.pk}/consent/",
        f"clients/{client.pk}/refer/",
        "consultations/",
        f"consultations/{consultation.pk}/",
        f"consultations/{consultation.pk}/edit/",
        "tasks/",
        "referrals/",
        f"interpretation/?consultation={consultation.pk}",
        "statistics/",
        "erasures/",
    ]
    for path in pages:
        response = alice_client.get(url(org_a, path))
        assert response.status_code == 200, path
        # Catches: a case view without @never_cache (the browser keeps it on disk / in history).
        assert "no-store" in response["Cache-Control"], path


def test_xlsx_sheets_are_named_in_the_staff_language(
    org_a: Organisation, alice_client: HttpClient
) -> None:
    make_consultation(org_a, make_client(org_a))
    response = alice_client.get(url(org_a, "statistics.xlsx", "ja"))
    with zipfile.ZipFile(io.BytesIO(response.content)) as xlsx:
        workbook = xlsx.read("xl/workbook.xml").decode()
    names = re.findall(r'<sheet name="([^"]+)"', workbook)
    # Catches: table.key ("language", "channel"…) used as the sheet name.
    assert names and not any(re.fullmatch(r"[a-z_]+", name) for name in names)
    assert len({n.casefold() for n in names}) == len(names)
    assert all(len(name) <= 31 for name in names)


def test_the_interpretation_log_does_not_ask_again(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    from kyosei.counter.models import InterpretationRequest

    consultation = make_consultation(
        org_a,
        make_client(org_a, preferred_language="ne"),
        language="ne",
        interpreter_mode="phone",
        interpreter_language="ne",
        interpreter_minutes=25,
    )
    body = bob_client.get(
        url(org_a, f"interpretation/?consultation={consultation.pk}")
    ).content.decode()
    # Catches: InterpretationForm ignoring the consultation (selects asked again).
    assert '<select name="language"' not in body and '<select name="mode"' not in body
    assert "<dd>नेपाली</dd>" in body
    response = bob_client.post(
        url(org_a, "interpretation/"), {"consultation": str(consultation.pk), "service": ""}
    )
    assert response.status_code == 302
    logged = InterpretationRequest.objects.get()
    assert (logged.language, logged.mode, logged.minutes) == ("ne", "phone", 25)
