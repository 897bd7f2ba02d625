"""The systemd units, the Containerfile and the compose file start the same commands, and
those commands exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

from kyosei.ops.tests.units import UNITS, read_unit, unit_command

DEPLOY = Path(settings.BASE_DIR) / "deploy"
SERVICES = ["kyosei-web.service", "kyosei-worker@.service", "kyosei-poller.service",
            "kyosei-scheduler.service"]  # fmt: skip


@pytest.mark.parametrize("unit", SERVICES)
def test_each_unit_runs_an_existing_kyosei_command_from_the_environment_file(unit: str) -> None:
    argv, _ = unit_command(unit)
    assert argv[3] in get_commands(), argv
    values = read_unit(unit)
    assert values["EnvironmentFile"] == ["/etc/kyosei/kyosei.env"]
    assert values["User"] == ["kyosei"] and values["Restart"] == ["always"]
    assert values["NoNewPrivileges"] == ["yes"]


def test_the_target_starts_every_service() -> None:
    wants = read_unit("kyosei.target")["Wants"][0].split()
    names = {re.sub(r"@\d+", "@", w) for w in wants}
    assert names == set(SERVICES)
    assert {p.name for p in UNITS.iterdir()} == {*SERVICES, "kyosei.target"}


def compose_commands() -> dict[str, list[str]]:
    """service -> command, read from compose.yaml without a YAML library (flat, known shape)."""
    found: dict[str, list[str]] = {}
    service = ""
    for line in (DEPLOY / "compose.yaml").read_text().splitlines():
        if match := re.match(r"^  ([a-z0-9-]+):$", line):
            service = match[1]
        elif match := re.match(r"^    command: \[(.*)\]$", line):
            found[service] = [part.strip().strip('"') for part in match[1].split(",")]
    return found


def test_the_containers_run_the_commands_the_units_run() -> None:
    commands = compose_commands()
    unit_argvs = {tuple(unit_command(u)[0][3:]) for u in SERVICES}
    container_argvs = {tuple(c) for name, c in commands.items() if name != "migrate"}
    assert container_argvs == unit_argvs
    assert [n for n in commands if n.startswith("worker-")] == ["worker-1", "worker-2"]
    text = (DEPLOY / "compose.yaml").read_text()
    assert "read_only: true" in text and "postgres:" in text and "redis:" in text


def test_the_image_is_non_root_and_built_complete() -> None:
    lines = (DEPLOY / "Containerfile").read_text().splitlines()
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in {"root", "0"}
    text = "\n".join(lines)
    assert "collectstatic --no-input" in text and "i18n compile" in text
    entry = next(line for line in lines if line.startswith("ENTRYPOINT"))
    assert shlex.split(entry.split(None, 1)[1].strip("[]").replace(",", " "))[0] == (
        "/srv/kyosei/.venv/bin/kyosei"
    )


def test_the_admin_helper_runs_kyosei_as_the_units_do() -> None:
    """deploy/kyosei-admin (migrate, check --deploy, backup… by hand) must run the installed
    kyosei as the units' user with the units' environment file, read by systemd, never sourced
    by a shell. Mutations caught: a helper that drifts from the units (another user, path or
    env file), or one that `.`-sources the env file (a SECRET_KEY with `$` would change)."""
    text = (DEPLOY / "kyosei-admin").read_text()
    unit = read_unit("kyosei-worker@.service")
    (env_file,) = unit["EnvironmentFile"]
    (user,) = unit["User"]
    assert f'ENV_FILE="${{KYOSEI_ENV_FILE:-{env_file}}}"' in text
    assert f"--uid={user} --gid={user}" in text
    assert '--property=EnvironmentFile="$ENV_FILE"' in text
    assert f"--property=WorkingDirectory={unit['WorkingDirectory'][0]}" in text
    installed = shlex.split(unit["ExecStart"][0])[0]
    assert f'{installed} "$@"' in text
    assert not re.search(r"^\s*\.\s|\bsource\b|set -a", text, re.MULTILINE)
    assert (DEPLOY / "kyosei-admin").stat().st_mode & 0o111


def env_example() -> dict[str, str]:
    lines = (DEPLOY / "kyosei.env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


@pytest.mark.parametrize(
    ("unit", "setting"),
    [
        ("kyosei-web.service", "MEDIA_ROOT"),  # uploads of counter attachments
        ("kyosei-worker@.service", "MEDIA_ROOT"),  # anonymisation deletes attachments
        ("kyosei-scheduler.service", "BACKUP_DIR"),  # the nightly backup
    ],
)
def test_units_may_write_where_the_example_environment_puts_their_files(
    unit: str, setting: str
) -> None:
    """ProtectSystem=strict makes the whole filesystem read-only except ReadWritePaths.
    Mutation caught: the scheduler unit without ReadWritePaths (its nightly backup failed with
    a read-only filesystem, which the smoke test cannot see: it runs ExecStart, not systemd)."""
    values = read_unit(unit)
    assert values["ProtectSystem"] == ["strict"]
    writable = [Path(p) for line in values.get("ReadWritePaths", []) for p in line.split()]
    target = Path(env_example()[setting])
    assert any(target.is_relative_to(path) for path in writable), (unit, target, writable)
