import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from kyosei.counter import tasks
from kyosei.counter.models import Client, Consultation, ConsultationTopic
from kyosei.counter.tests.factories import CANARY
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def test_seed_creates_synthetic_data_in_the_first_municipality(org_a: Organisation) -> None:
    out = io.StringIO()
    call_command("counter", "seed", "--consultations", "40", "--batch-size", "15", stdout=out)
    assert Consultation.objects.filter(organisation=org_a).count() == 40
    assert ConsultationTopic.objects.count() >= 40
    assert Client.objects.filter(last_consulted_at__isnull=True).count() == 0
    assert all(CANARY in c.narrative for c in Consultation.objects.all())
    assert "40/40 (100%)" in out.getvalue()


def test_seed_creates_an_organisation_when_there_is_none() -> None:
    call_command("counter", "seed", "--consultations", "3", stdout=io.StringIO())
    assert Organisation.objects.get().kind == "municipality"


def test_seed_refuses_an_unknown_organisation() -> None:
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("counter", "seed", "--consultations", "3", "--org", "nowhere")


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
)
def test_background_jobs_run_through_the_tasks_api(org_a: Organisation) -> None:
    assert tasks.anonymise_expired_clients.enqueue().return_value == 0
    assert tasks.send_task_reminders.enqueue().return_value == 0
    out = io.StringIO()
    call_command("counter", "anonymise", "--enqueue", stdout=out)
    assert "enqueued" in out.getvalue()
