"""Org A objects for every URL parameter of the counter's staff views (see test_outsiders)."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kyosei.counter import services
from kyosei.counter.models import Agency
from kyosei.orgs.models import Organisation


def kwargs_for(org: Organisation) -> dict[str, object]:
    client = services.create_client(
        actor=None,
        organisation=org,
        nickname="A-ONLY-NICKNAME",
        nationality="BR",
        preferred_language="pt-BR",
    )
    text = services.current_consent_text(org, "pt-BR")
    assert text is not None
    services.record_consent(
        actor=None,
        client=client,
        consent_text=text,
        agrees_to_recording=True,
        shareable_fields=["nickname", "topics"],
    )
    consultation = services.create_consultation(
        actor=None,
        organisation=org,
        client=client,
        channel="phone",
        topics=["tax"],
        language="pt-BR",
        narrative="outsider probe",
    )
    attachment = services.add_attachment(
        actor=None,
        consultation=consultation,
        upload=SimpleUploadedFile("note.txt", b"plain text note", content_type="text/plain"),
    )
    task = services.add_task(
        actor=None,
        consultation=consultation,
        description="call back",
        due_on=timezone.localdate() + timedelta(days=3),
    )
    services.save_residence_check(
        actor=None,
        consultation=consultation,
        inputs={
            "today": timezone.localdate().isoformat(),
            "status": "技術・人文知識・国際業務",
            "period_of_stay": "P1Y",
            "expiry": (timezone.localdate() + timedelta(days=200)).isoformat(),
            "events": [],
        },
    )
    referral = services.create_referral(
        actor=None,
        client=client,
        consultation=consultation,
        to_agency=Agency.objects.filter(kind="legal").first(),
    )
    erasure = services.request_erasure(actor=None, client=client)
    return {
        "client_pk": client.pk,
        "consultation_pk": consultation.pk,
        "attachment_pk": attachment.pk,
        "task_pk": task.pk,
        "referral_pk": referral.pk,
        "erasure_pk": erasure.pk,
        "fmt": "csv",
    }
