"""The raw database and the attachment store never hold a narrative in clear."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from kyosei.counter import seeding, services
from kyosei.counter.models import Consultation
from kyosei.counter.tests.factories import CANARY, consent, make_client, make_consultation
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True)


def database_bytes(tmp_path: Path) -> bytes:
    """A byte-for-byte copy of the whole test database."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        # The test database lives in memory; VACUUM INTO writes it to a file (outside any
        # transaction, hence transaction=True above).
        target = tmp_path / "copy.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(target)])
        sqlite3.connect(target).close()
        return target.read_bytes()
    if connection.vendor == "postgresql":
        if not shutil.which("pg_dump"):
            pytest.skip("pg_dump is not installed")
        env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
        command = [
            "pg_dump",
            "--data-only",
            "-h",
            settings.get("HOST") or "localhost",
            "-p",
            str(settings.get("PORT") or 5432),
            "-U",
            settings.get("USER") or "postgres",
            settings["NAME"],
        ]
        return subprocess.run(command, check=True, capture_output=True, env=env).stdout
    pytest.skip(f"no raw dump for {connection.vendor}")


def test_the_canary_is_never_stored_in_clear(
    org_a: Organisation, org_b: Organisation, tmp_path: Path
) -> None:
    client = make_client(org_a, full_name="Maria " + CANARY, contact="090 " + CANARY)
    consultation = make_consultation(org_a, client)
    services.add_task(
        actor=None,
        consultation=consultation,
        description="call " + CANARY,
        due_on=consultation.consulted_at.date(),
    )
    attachment = services.add_attachment(
        actor=None,
        consultation=consultation,
        upload=SimpleUploadedFile(CANARY + ".txt", ("scan " + CANARY).encode()),
    )
    consent(client, "nickname", "summary")
    services.create_referral(
        actor=None, client=client, to_organisation=org_b, summary="summary " + CANARY
    )
    seeding.seed(organisation=org_a, consultations=50, batch_size=20)

    # Decrypted through the application, every narrative carries the marker …
    assert all(CANARY in c.narrative for c in Consultation.objects.all())
    assert Consultation.objects.count() == 51
    # … while the raw database and the attachment file do not.
    raw = database_bytes(tmp_path)
    assert len(raw) > 10_000
    assert b"counter_consultation" in raw or b"gAAAA" in raw
    assert CANARY.encode() not in raw
    stored = services.attachment_path(attachment.storage_name).read_bytes()
    assert CANARY.encode() not in stored
    assert CANARY.encode() in services.read_attachment(actor=None, attachment=attachment)
