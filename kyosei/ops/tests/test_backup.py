"""`kyosei backup` / `kyosei restore` with real processes: a restore into an empty database
reads an encrypted narrative and attachment back with the keys (PostgreSQL and SQLite)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from kyosei.counter import seeding, services
from kyosei.counter.models import Consultation
from kyosei.ops.backup import key_fingerprint
from kyosei.ops.tests.processes import database_url

pytestmark = pytest.mark.django_db(transaction=True)
ATTACHMENT = "Residence card copy requested on 7 December.\n在留カードの写し。\n".encode()
READ_BACK = """
import json
from kyosei.counter.models import Attachment, Consultation
from kyosei.counter.services import read_attachment
c = Consultation.objects.get(pk={pk})
a = Attachment.objects.get(consultation=c)
data = read_attachment(actor=None, attachment=a).hex()
print(json.dumps({{"narrative": c.narrative, "attachment": data}}))
"""


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kyosei", *args],
        env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[str]:
    """A new, empty database of the same kind as the test database, as a URL."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{db['NAME']}_restore"
    admin = database_url({**db, "NAME": "postgres"})
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url({**db, "NAME": name})
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_and_restore_into_an_empty_database_reads_case_data_with_the_keys(
    tmp_path: Path, settings: Any, empty_database: str
) -> None:
    key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [key]
    seeding.seed(organisation=seeding.default_organisation(), consultations=6)
    consultation = Consultation.objects.order_by("pk").first()
    assert consultation is not None and seeding.CANARY in consultation.narrative
    services.add_attachment(
        actor=None,
        consultation=consultation,
        upload=SimpleUploadedFile("card.txt", ATTACHMENT, content_type="text/plain"),
    )
    base = {
        **os.environ,
        "KYOSEI_TESTING": "1",
        "FIELD_ENCRYPTION_KEYS": key,
        "TASK_BACKEND": "dummy",
    }
    source = {**base, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    made = run("backup", str(tmp_path / "backup"), env=source)
    assert made.returncode == 0, made.stderr
    files = [p for p in (tmp_path / "backup").rglob("*") if p.is_file()]
    # Mutation caught: writing the keys (or the environment) into the backup.
    for path in files:
        assert key.encode() not in path.read_bytes(), path
        assert ATTACHMENT not in path.read_bytes(), path  # attachments stay encrypted
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["field_key_fingerprints"] == [key_fingerprint(key)]
    assert any(name.startswith("media/counter/") for name in manifest["files"])

    target = {**base, "DATABASE_URL": empty_database, "MEDIA_ROOT": str(tmp_path / "media2")}
    wrong = run(
        "restore", str(tmp_path / "backup"),
        env={**target, "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode()},
    )  # fmt: skip
    assert wrong.returncode != 0 and "none of the configured FIELD_ENCRYPTION_KEYS" in wrong.stderr
    restored = run("restore", str(tmp_path / "backup"), env=target)
    assert restored.returncode == 0, restored.stderr
    read = run("shell", "-c", READ_BACK.format(pk=consultation.pk), env=target)
    assert read.returncode == 0, read.stderr
    back = json.loads(read.stdout.strip().splitlines()[-1])
    assert back["narrative"] == consultation.narrative
    assert bytes.fromhex(back["attachment"]) == ATTACHMENT
    again = run("restore", str(tmp_path / "backup"), env=target)
    assert again.returncode != 0 and "not empty" in again.stderr


def test_a_damaged_backup_is_refused(tmp_path: Path, settings: Any, empty_database: str) -> None:
    env = {**os.environ, "KYOSEI_TESTING": "1", "DATABASE_URL": database_url(),
           "MEDIA_ROOT": str(settings.MEDIA_ROOT)}  # fmt: skip
    assert run("backup", str(tmp_path / "b"), env=env).returncode == 0
    dump = next(p for p in (tmp_path / "b").iterdir() if p.name.startswith("database."))
    with dump.open("r+b") as stream:
        stream.seek(200)
        stream.write(b"\0damaged\0")
    done = run("restore", str(tmp_path / "b"), env={**env, "DATABASE_URL": empty_database})
    assert done.returncode != 0 and "damaged" in done.stderr
