import csv
import io
import re
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.utils import timezone

from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.conftest import make_user, sign_in_verified
from kyosei.counter import seeding, services
from kyosei.counter.models import Client, Consultation, Referral
from kyosei.counter.tests.factories import CANARY, consent, make_client, make_consultation
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role

pytestmark = pytest.mark.django_db

FORM_TOKEN = "a-form-token-of-the-test"


def url(org: Organisation, path: str = "") -> str:
    return f"/en/staff/o/{org.slug}/counter/{path}"


def test_quick_intake_records_a_new_client_and_consultation(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    page = bob_client.get(url(org_a, "intake/"))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'value="phone" ' in body or 'value="phone"' in body
    assert "<script>" not in body and "style=" not in body  # CSP: nothing inline
    response = bob_client.post(
        url(org_a, "intake/"),
        {
            "form_token": FORM_TOKEN,
            "nickname": "T.N.",
            "nationality": "VN",
            "status_of_residence": "technical_intern",
            "channel": "phone",
            "language": "vi",
            "topics": ["employment", "interpretation"],
            "interpreter_mode": "none",
            "interpreter_minutes": "0",
            "outcome": "information",
            "minutes_spent": "10",
            "add_another": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url(org_a, "intake/")
    consultation = Consultation.objects.get()
    assert consultation.client.nickname == "T.N."
    assert consultation.topics == ["employment", "interpretation"]
    assert consultation.staff is not None and consultation.staff.username == "bob"


def test_quick_intake_for_a_returning_client(org_a: Organisation, bob_client: HttpClient) -> None:
    client = make_client(org_a)
    response = bob_client.post(
        url(org_a, "intake/"),
        {
            "form_token": FORM_TOKEN,
            "client_reference": client.reference.lower(),
            "channel": "visit",
            "language": "pt-BR",
            "topics": ["tax"],
            "interpreter_mode": "none",
            "interpreter_minutes": "0",
            "outcome": "information",
            "minutes_spent": "5",
        },
    )
    assert response.status_code == 302
    assert Client.objects.count() == 1
    assert Consultation.objects.get().client == client


def test_intake_of_an_unknown_reference_is_refused(
    org_a: Organisation, org_b: Organisation, bob_client: HttpClient
) -> None:
    other = make_client(org_b)
    response = bob_client.post(
        url(org_a, "intake/"),
        {
            "form_token": FORM_TOKEN,
            "client_reference": other.reference,
            "channel": "visit",
            "language": "ja",
            "topics": ["tax"],
            "interpreter_mode": "none",
            "interpreter_minutes": "0",
            "outcome": "information",
            "minutes_spent": "5",
        },
    )
    assert response.status_code == 200
    assert not Consultation.objects.exists()


def test_reading_a_case_is_audited_with_who_and_where(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    consultation = make_consultation(org_a, make_client(org_a))
    page = bob_client.get(url(org_a, f"consultations/{consultation.pk}/"), REMOTE_ADDR="192.0.2.7")
    assert CANARY in page.content.decode()
    event = AuditEvent.objects.get(action="counter.consultation.view")
    assert (event.actor_label, event.source_ip, event.object_id) == (
        "bob",
        "192.0.2.7",
        str(consultation.pk),
    )


def test_consultation_list_filters_with_a_fixed_number_of_queries(
    org_a: Organisation, bob_client: HttpClient, django_assert_max_num_queries: object
) -> None:
    seeding.seed(organisation=org_a, consultations=120, batch_size=60)
    bob_client.get(url(org_a, "consultations/"))  # warm caches (languages, session)
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        page = bob_client.get(url(org_a, "consultations/?channel=visit&topic=tax&page=2"))
    assert page.status_code == 200
    # Lists never decrypt narratives.
    assert CANARY not in page.content.decode()


def test_a_counter_list_does_not_grow_queries_with_rows(
    org_a: Organisation, bob_client: HttpClient, django_assert_num_queries: object
) -> None:
    seeding.seed(organisation=org_a, consultations=10, batch_size=10)
    bob_client.get(url(org_a, "consultations/"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        bob_client.get(url(org_a, "consultations/"))
    seeding.seed(organisation=org_a, consultations=100, batch_size=100)
    with CaptureQueriesContext(connection) as many:
        bob_client.get(url(org_a, "consultations/"))
    assert len(many) == len(few)


def test_auditors_see_audit_logs_not_cases(org_a: Organisation) -> None:
    auditor = make_user("audrey")
    org_services.grant_role(actor=None, organisation=org_a, user=auditor, role=Role.AUDITOR)
    client = sign_in_verified(HttpClient(), auditor)
    consultation = make_consultation(org_a, make_client(org_a))
    assert client.get(url(org_a)).status_code == 404
    assert client.get(url(org_a, f"consultations/{consultation.pk}/")).status_code == 404
    assert client.get(f"/en/staff/o/{org_a.slug}/audit/").status_code == 200


def test_counter_staff_cannot_decide_erasure_or_manage_keys(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    assert bob_client.get(url(org_a, "erasures/")).status_code == 404
    assert bob_client.get(url(org_a, "settings/")).status_code == 404


def test_the_national_centre_sees_only_what_was_referred(
    org_a: Organisation, bob: User, bob_client: HttpClient
) -> None:
    centre = org_services.create_organisation(
        actor=None, slug="centre", name="外国人在留支援センター", kind="national_centre"
    )
    officer = make_user("nadia")
    org_services.grant_role(actor=None, organisation=centre, user=officer, role=Role.COUNTER_STAFF)
    officer_client = sign_in_verified(HttpClient(), officer)
    client = make_client(org_a, full_name="Maria Silva")
    consultation = make_consultation(org_a, client)
    consent(client, "nickname", "summary")
    response = bob_client.post(
        url(org_a, f"clients/{client.pk}/refer/"),
        {
            "receiver": f"org:{centre.pk}",
            "consultation": str(consultation.pk),
            "summary": "Question on pension refund",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    inbox = officer_client.get(f"/en/staff/o/centre/counter/referrals/{referral.pk}/")
    body = inbox.content.decode()
    assert inbox.status_code == 200
    assert "Question on pension refund" in body and "M.S." in body
    assert "Maria Silva" not in body and CANARY not in body
    # The client record and the consultation stay with the sender.
    for path in (f"clients/{client.pk}/", f"consultations/{consultation.pk}/"):
        assert officer_client.get(f"/en/staff/o/centre/counter/{path}").status_code == 404
        assert officer_client.get(url(org_a, path)).status_code == 404
    answer = officer_client.post(
        f"/en/staff/o/centre/counter/referrals/{referral.pk}/",
        {"decision": "accept", "note": "We will call."},
    )
    assert answer.status_code == 302
    sender_view = bob_client.get(url(org_a, f"referrals/{referral.pk}/")).content.decode()
    assert "Accepted" in sender_view and "We will call." in sender_view
    # No retelling: the centre opens its own record from the consented snapshot, once.
    adopted = officer_client.post(
        f"/en/staff/o/centre/counter/referrals/{referral.pk}/", {"form": "adopt"}
    )
    assert adopted.status_code == 302
    own = Client.objects.get(organisation=centre)
    assert (own.nickname, own.full_name, own.nationality) == ("M.S.", "", "")
    assert adopted["Location"] == f"/en/staff/o/centre/counter/clients/{own.pk}/"
    officer_client.post(f"/en/staff/o/centre/counter/referrals/{referral.pk}/", {"form": "adopt"})
    assert Client.objects.filter(organisation=centre).count() == 1
    assert (
        bob_client.post(url(org_a, f"referrals/{referral.pk}/"), {"form": "adopt"}).status_code
        == 403
    )
    # The sender cannot answer its own referral.
    assert (
        bob_client.post(
            url(org_a, f"referrals/{referral.pk}/"), {"decision": "decline"}
        ).status_code
        == 403
    )


def test_handoff_card_is_bilingual_with_a_qr_code(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    from kyosei.counter.models import Agency

    client = make_client(org_a, preferred_language="en")
    consent(client, "nickname")
    referral = services.create_referral(
        actor=None, client=client, to_agency=Agency.objects.get(kind="legal")
    )
    card = bob_client.get(url(org_a, f"referrals/{referral.pk}/card/")).content.decode()
    assert referral.code in card
    assert 'src="data:image/svg+xml' in card
    assert 'lang="en"' in card and 'lang="ja"' in card
    assert "0570-078377" in card


def test_attachment_download_is_never_rendered_inline(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    consultation = make_consultation(org_a, make_client(org_a))
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.7 test", content_type="text/html")
    response = bob_client.post(
        url(org_a, f"consultations/{consultation.pk}/attachments/"), {"file": upload}
    )
    assert response.status_code == 302
    attachment = consultation.attachments.get()
    download = bob_client.get(url(org_a, f"attachments/{attachment.pk}/"))
    assert download.content == b"%PDF-1.7 test"
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="scan.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]
    refused = bob_client.post(
        url(org_a, f"consultations/{consultation.pk}/attachments/"),
        {"file": SimpleUploadedFile("x.html", b"<script>alert(1)</script>")},
    )
    assert refused.status_code == 302
    assert consultation.attachments.count() == 1


def test_a_stale_edit_is_refused_with_409(org_a: Organisation, bob_client: HttpClient) -> None:
    consultation = make_consultation(org_a, make_client(org_a))
    form = {
        "consulted_at": timezone.localtime(consultation.consulted_at).strftime("%Y-%m-%dT%H:%M"),
        "channel": "visit",
        "topics": ["tax"],
        "language": "pt-BR",
        "interpreter_mode": "none",
        "interpreter_minutes": "0",
        "outcome": "resolved",
        "minutes_spent": "20",
        "narrative": "first edit",
        "version": "1",
    }
    edit_url = url(org_a, f"consultations/{consultation.pk}/edit/")
    assert bob_client.post(edit_url, form).status_code == 302
    second = bob_client.post(edit_url, {**form, "narrative": "second edit"})
    assert second.status_code == 409
    assert Consultation.objects.get().narrative == "first edit"


def test_csrf_is_enforced(org_a: Organisation, bob: User) -> None:
    client = sign_in_verified(HttpClient(enforce_csrf_checks=True), bob)
    response = client.post(url(org_a, "clients/new/"), {"nickname": "X"})
    assert response.status_code == 403
    assert not Client.objects.exists()


def test_statistics_exports_suppress_small_cells_for_sharing(
    org_a: Organisation, alice_client: HttpClient
) -> None:
    client = make_client(org_a)
    for _ in range(3):
        make_consultation(org_a, client, topics=["tax"], channel="visit")
    make_consultation(org_a, client, topics=["tax", "housing"], channel="phone")
    internal = alice_client.get(url(org_a, "statistics.csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(internal)))
    by_label = {row[0]: row[-1] for row in rows if row}
    assert by_label["Tax"] == "4"  # multi-count: the fourth consultation counts twice
    assert by_label["Housing"] == "1"
    assert by_label["Phone"] == "1"
    shared = alice_client.get(url(org_a, "statistics.csv?shared=1")).content.decode("utf-8-sig")
    by_label = {row[0]: row[-1] for row in csv.reader(io.StringIO(shared)) if row}
    assert by_label["Tax"] == "4"
    assert by_label["Housing"] == "x" and by_label["Phone"] == "x"
    xlsx = alice_client.get(url(org_a, "statistics.xlsx"))
    assert xlsx.status_code == 200
    assert set(zipfile.ZipFile(io.BytesIO(xlsx.content)).namelist()) >= {
        "xl/workbook.xml",
        "xl/worksheets/sheet2.xml",
    }
    assert alice_client.get(url(org_a, "statistics.pdf")).status_code == 404


def test_dashboard_charts_render_without_inline_styles(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    seeding.seed(organisation=org_a, consultations=30, batch_size=30)
    body = bob_client.get(url(org_a)).content.decode()
    assert "<svg" in body and 'class="bar"' in body
    assert "style=" not in body


def test_subject_access_export_downloads_json(org_a: Organisation, bob_client: HttpClient) -> None:
    client = make_client(org_a)
    make_consultation(org_a, client)
    response = bob_client.get(url(org_a, f"clients/{client.pk}/export/"))
    assert response["Content-Disposition"].startswith("attachment;")
    assert CANARY in response.content.decode()


def test_erasure_flow_through_the_views(
    org_a: Organisation, bob_client: HttpClient, alice_client: HttpClient
) -> None:
    client = make_client(org_a, full_name="Maria Silva")
    bob_client.post(url(org_a, f"clients/{client.pk}/erasure/"), {"reason": "asked"})
    erasure = client.erasure_requests.get()
    assert alice_client.get(url(org_a, "erasures/")).status_code == 200
    alice_client.post(url(org_a, f"erasures/{erasure.pk}/decide/"), {"decision": "approve"})
    assert Client.objects.get(pk=client.pk).full_name == ""


def test_tasks_are_listed_and_completed(org_a: Organisation, bob_client: HttpClient) -> None:
    consultation = make_consultation(org_a, make_client(org_a))
    bob_client.post(
        url(org_a, f"consultations/{consultation.pk}/tasks/"),
        {
            "description": "Call back",
            "due_on": (timezone.localdate() + timedelta(days=1)).isoformat(),
        },
    )
    task = consultation.tasks.get()
    assert "Call back" in bob_client.get(url(org_a, "tasks/")).content.decode()
    bob_client.post(url(org_a, f"tasks/{task.pk}/done/"))
    task.refresh_from_db()
    assert task.done_at is not None


def test_a_supervisor_publishes_a_consent_text(
    org_a: Organisation, alice_client: HttpClient, bob_client: HttpClient
) -> None:
    form = {
        "form": "consent_text",
        "language": "vi",
        "new_version": "on",
        "what_is_recorded": "Chúng tôi ghi lại …",
        "who_may_see": "Chỉ nhân viên …",
        "how_long_kept": "5 năm …",
        "how_to_withdraw": "Bạn có thể rút lại …",
    }
    assert alice_client.post(url(org_a, "settings/"), form).status_code == 302
    client = make_client(org_a, preferred_language="vi")
    page = bob_client.get(url(org_a, f"clients/{client.pk}/consent/")).content.decode()
    assert "Chúng tôi ghi lại" in page
    assert bob_client.post(url(org_a, "settings/"), form).status_code == 404


def test_client_search_is_exact_and_case_insensitive(
    org_a: Organisation, org_b: Organisation, bob_client: HttpClient
) -> None:
    mine = make_client(org_a, nickname="a.b.")
    make_client(org_a, nickname="A.B.C.")
    make_client(org_b, nickname="A.B.")
    found = bob_client.get(url(org_a, "clients/?q=A.B.")).content.decode()
    assert len(re.findall(r'counter/clients/\d+/"', found)) == 1
    assert mine.reference in found
    by_reference = bob_client.get(url(org_a, f"clients/?q={mine.reference.lower()}"))
    assert mine.reference in by_reference.content.decode()
    services.update_client(
        actor=None, client=mine, expected_version=1, changes={"nickname": "Z.Z."}
    )
    assert mine.reference in bob_client.get(url(org_a, "clients/?q=z.z.")).content.decode()


def test_interpretation_request_for_a_consultation(
    org_a: Organisation, org_b: Organisation, bob_client: HttpClient
) -> None:
    from kyosei.counter.models import InterpretationRequest

    consultation = make_consultation(org_a, make_client(org_a))
    other = make_consultation(org_b, make_client(org_b))
    assert bob_client.get(url(org_a, f"interpretation/?consultation={other.pk}")).status_code == 404
    response = bob_client.post(
        url(org_a, "interpretation/"),
        {"consultation": str(consultation.pk), "language": "pt-BR", "mode": "phone", "minutes": 15},
    )
    assert response.status_code == 302
    logged = InterpretationRequest.objects.get()
    assert (logged.consultation, logged.minutes, logged.mode) == (consultation, 15, "phone")
