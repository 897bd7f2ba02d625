"""Backups: the database, the media files (counter attachments, already encrypted at rest) and
a manifest, in one directory. Keys are never written: FIELD_ENCRYPTION_KEYS, SECRET_KEY and
the VAPID private key live in the operator's secret store (docs/deploy.md), and the manifest
keeps only a fingerprint of the field keys so a restore can say whether the right keys are
configured before anything is read.

PostgreSQL: `pg_dump --format=custom` (consistent snapshot while Kyosei runs) and
`pg_restore` into an empty database. SQLite: the online backup API (consistent while the
site writes) and a file copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.pgdump"
SQLITE_COPY = "database.sqlite3"
MEDIA = "media"


class BackupError(Exception):
    """A backup or restore that cannot be done, with what to do about it."""


def key_fingerprint(key: str) -> str:
    """Names a key without revealing it (a hash of 256 random bits gives nothing away)."""
    return hashlib.sha256(b"kyosei-field-key:" + key.encode()).hexdigest()[:16]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_environment(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])  # never on the command line (ps shows it)
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)") from exc
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-500:]}")


@dataclass
class Outcome:
    directory: Path
    files: int
    bytes: int


def backup(destination: Path) -> Outcome:
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} exists and is not empty")
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if destination.resolve().is_relative_to(media_root):
        raise BackupError("the backup cannot be written inside MEDIA_ROOT")
    destination.mkdir(parents=True, exist_ok=True)
    destination.chmod(0o700)
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        args, env = _pg_environment(db)
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args,
             "--file", str(destination / PG_DUMP), str(db["NAME"])],
            env,
        )  # fmt: skip
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(destination / SQLITE_COPY)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise BackupError(f"no backup method for {connection.vendor}")
    if media_root.is_dir():
        shutil.copytree(media_root, destination / MEDIA)
    files = sorted(p for p in destination.rglob("*") if p.is_file())
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "migrations": sorted(
            f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
        ),
        "field_key_fingerprints": [
            key_fingerprint(k) for k in getattr(settings, "FIELD_ENCRYPTION_KEYS", []) if k
        ],
        "keys_included": False,
        "files": {
            str(p.relative_to(destination)): {"bytes": p.stat().st_size, "sha256": _sha256(p)}
            for p in files
        },
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return Outcome(destination, len(files), sum(p.stat().st_size for p in files))


def dated_backup(parent: Path, *, keep: int) -> Outcome:
    """A new `kyosei-<UTC time>` backup under `parent`; only the newest `keep` complete ones
    are kept (a backup without its manifest, cut short, is never counted or removed here)."""
    outcome = backup(parent / f"kyosei-{datetime.now(UTC):%Y%m%dT%H%M%S.%fZ}")
    complete = sorted(p for p in parent.glob("kyosei-*") if p.is_dir() and (p / MANIFEST).is_file())
    for old in complete[:-keep] if keep > 0 else []:
        shutil.rmtree(old)
    return outcome


def read_manifest(source: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} has no readable {MANIFEST}: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    for name, expected in manifest["files"].items():
        path = source / name
        if not path.is_file() or _sha256(path) != expected["sha256"]:
            raise BackupError(f"{name} is missing or damaged (checksum differs)")
    return manifest


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def restore(source: Path, *, check_keys: bool = True) -> dict[str, Any]:
    manifest = read_manifest(source)
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"the backup is of a {manifest['database']} database; this site uses "
            f"{connection.vendor}"
        )
    backed_keys = set(manifest["field_key_fingerprints"])
    configured = {key_fingerprint(k) for k in getattr(settings, "FIELD_ENCRYPTION_KEYS", []) if k}
    if check_keys and backed_keys and not backed_keys & configured:
        raise BackupError(
            "none of the configured FIELD_ENCRYPTION_KEYS encrypted this backup: set the keys "
            "that were in use when it was made (the backup does not contain them)"
        )
    if not _database_is_empty():
        raise BackupError("the target database is not empty: restore into a new database")
    media_root = Path(settings.MEDIA_ROOT)
    media_files = [p for p in (source / MEDIA).rglob("*") if p.is_file()]
    clashes = [p for p in media_files if (media_root / p.relative_to(source / MEDIA)).exists()]
    if clashes:
        raise BackupError(f"MEDIA_ROOT already has files of this backup ({len(clashes)})")
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        connection.close()
        args, env = _pg_environment(db)
        _run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args,
             "--dbname", str(db["NAME"]), str(source / PG_DUMP)],
            env,
        )  # fmt: skip
    else:
        connection.close()
        shutil.copyfile(source / SQLITE_COPY, db["NAME"])
    for path in media_files:
        target = media_root / path.relative_to(source / MEDIA)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return manifest
