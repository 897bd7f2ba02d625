"""Start processes exactly as the systemd units in deploy/systemd/ say: their ExecStart and
Environment lines, with the installed paths mapped to this checkout."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

from django.conf import settings

UNITS = Path(settings.BASE_DIR) / "deploy" / "systemd"
INSTALLED_KYOSEI = "/srv/kyosei/.venv/bin/kyosei"


def read_unit(name: str) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for line in (UNITS / name).read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            values.setdefault(key.strip(), []).append(value.strip())
    return values


def unit_command(name: str, *, instance: str = "") -> tuple[list[str], dict[str, str]]:
    unit = read_unit(name)
    (exec_start,) = unit["ExecStart"]
    argv = shlex.split(exec_start.replace("%i", instance))
    assert argv[0] == INSTALLED_KYOSEI, f"{name} must start the kyosei command"
    env = dict(item.split("=", 1) for item in unit.get("Environment", []))
    return [sys.executable, "-m", "kyosei", *argv[1:]], env


def start_unit(
    name: str,
    env: dict[str, str],
    *,
    log: IO[bytes] | int,
    overrides: dict[str, str] | None = None,
    instance: str = "",
) -> subprocess.Popen[bytes]:
    argv, unit_env = unit_command(name, instance=instance)
    full: dict[str, Any] = {**env, **unit_env, **(overrides or {})}
    return subprocess.Popen(
        argv, env=full, cwd=settings.BASE_DIR, stdout=log, stderr=subprocess.STDOUT
    )
