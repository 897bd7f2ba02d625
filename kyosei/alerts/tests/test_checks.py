"""The production check for VAPID keys, and `kyosei vapid_keys` that makes it pass."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import Error, Warning, run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from kyosei.alerts.checks import check_vapid_keys
from kyosei.alerts.delivery import vapid_header
from kyosei.alerts.tests.servers import verify_vapid

ROOT = Path(__file__).resolve().parents[3]
OTHER_PUBLIC = (  # a valid P-256 point that belongs to another private key
    "BM-R2gOIAIhZzDzS_lRlRD-8ZrWQ6-4bKe4iL1SGmzy7Dhka37o89G55sjoL34w7epUhxV23xit6VK1CH_qzI6s"
)


def new_keys() -> dict[str, str]:
    out = StringIO()
    call_command("vapid_keys", stdout=out, stderr=StringIO())
    lines = out.getvalue().splitlines()
    assert [line.split("=", 1)[0] for line in lines] == ["VAPID_PRIVATE_KEY", "VAPID_PUBLIC_KEY"]
    return dict(line.split("=", 1) for line in lines)


def production(**values: object) -> override_settings:
    keys = new_keys()
    base: dict[str, object] = {
        "DEBUG": False,
        "TESTING": False,
        "VAPID_PRIVATE_KEY": keys["VAPID_PRIVATE_KEY"],
        "VAPID_PUBLIC_KEY": keys["VAPID_PUBLIC_KEY"],
        "VAPID_SUBJECT": "mailto:alerts@city.example.jp",
    }
    return override_settings(**{**base, **values})


def ids() -> list[str]:
    return [message.id or "" for message in check_vapid_keys()]


def test_generated_keys_pass_and_sign_what_push_services_verify() -> None:
    keys = new_keys()
    with production(
        VAPID_PRIVATE_KEY=keys["VAPID_PRIVATE_KEY"], VAPID_PUBLIC_KEY=keys["VAPID_PUBLIC_KEY"]
    ):
        assert check_vapid_keys() == []
        assert not [m for m in run_checks() if (m.id or "").startswith("alerts.")]
        # delivery.py signs with the private key; the public key residents subscribed with
        # is the one the push service checks the signature against
        header = vapid_header("https://push.checks.example/send/1")
    claims = verify_vapid(header, "https://push.checks.example")
    assert claims["_key"] == keys["VAPID_PUBLIC_KEY"]


def test_a_new_pair_each_time() -> None:
    assert new_keys() != new_keys()


@pytest.mark.parametrize("missing", ["VAPID_PRIVATE_KEY", "VAPID_PUBLIC_KEY"])
def test_missing_keys_are_an_error_with_the_command_to_make_them(missing: str) -> None:
    with production(**{missing: ""}):
        messages = check_vapid_keys()
        assert [m.id for m in messages] == ["alerts.E001"]
        assert isinstance(messages[0], Error)
        assert missing in messages[0].msg
        assert "kyosei vapid_keys" in (messages[0].hint or "")
        # an error stops management commands and the server from starting
        with pytest.raises(SystemCheckError, match="alerts.E001"):
            call_command("check")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"VAPID_PRIVATE_KEY": "not a key!"}, ["alerts.E002"]),
        ({"VAPID_PRIVATE_KEY": "c2hvcnQ"}, ["alerts.E002"]),  # base64url, but 5 bytes
        ({"VAPID_PUBLIC_KEY": "BAAA"}, ["alerts.E003"]),
        ({"VAPID_PUBLIC_KEY": "B" + "A" * 86}, ["alerts.E003"]),  # 65 bytes, not on the curve
        ({"VAPID_PUBLIC_KEY": OTHER_PUBLIC}, ["alerts.E004"]),
        ({"VAPID_SUBJECT": "alerts@city.example.jp"}, ["alerts.E006"]),
    ],
)
def test_malformed_keys_are_errors(values: dict[str, str], expected: list[str]) -> None:
    with production(**values):
        assert ids() == expected


def test_the_published_development_key_is_refused_in_production() -> None:
    with production(
        VAPID_PRIVATE_KEY=settings._DEV_VAPID_PRIVATE, VAPID_PUBLIC_KEY=settings._DEV_VAPID_PUBLIC
    ):
        assert ids() == ["alerts.E005"]


def test_a_subject_at_localhost_is_a_warning() -> None:
    with production(VAPID_SUBJECT="mailto:kyosei@localhost"):
        messages = check_vapid_keys()
        assert [m.id for m in messages] == ["alerts.W001"]
        assert isinstance(messages[0], Warning)


@pytest.mark.parametrize("mode", [{"DEBUG": True}, {"TESTING": True}])
def test_debug_and_tests_run_without_keys(mode: dict[str, bool]) -> None:
    with production(VAPID_PRIVATE_KEY="", VAPID_PUBLIC_KEY="", **mode):
        assert check_vapid_keys() == []


def _kyosei(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # a production environment: no test mode, no keys, and not the async override the
    # browser tests set for this process
    drop = ("VAPID_", "KYOSEI_TEST", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    return subprocess.run(
        [sys.executable, "-m", "kyosei", *args],
        env={**clean, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_production_server_without_keys_is_told_how_to_make_them(tmp_path: Path) -> None:
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789-abcdefghij",
        "ALLOWED_HOSTS": "kyosei.example.org",
        "SITE_URL": "https://kyosei.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "VAPID_SUBJECT": "mailto:alerts@kyosei.example.org",
    }
    refused = _kyosei("check", env=env)
    assert refused.returncode != 0
    assert "alerts.E001" in refused.stderr and "kyosei vapid_keys" in refused.stderr
    # the command that makes the keys runs although the check fails
    made = _kyosei("vapid_keys", env=env)
    assert made.returncode == 0, made.stderr
    keys = dict(line.split("=", 1) for line in made.stdout.splitlines())
    passed = _kyosei("check", "--deploy", "--fail-level", "WARNING", env={**env, **keys})
    assert passed.returncode == 0, passed.stdout + passed.stderr
