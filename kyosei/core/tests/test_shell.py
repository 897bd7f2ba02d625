import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client, override_settings

from kyosei.core import ratelimit
from kyosei.core.email_url import parse_email_url
from kyosei.core.i18n_check import missing_catalogs, problems_in

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_healthz_reports_database_ok(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_is_unreachable(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_cursor(*args: object, **kwargs: object) -> object:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


def test_pages_carry_a_strict_content_security_policy(client: Client) -> None:
    response = client.get("/en/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    body = response.content.decode()
    assert "<script>" not in body and "<style" not in body and " style=" not in body
    assert "/static/kyosei/kyosei.js" in body


def test_resident_shell_has_landmarks_and_a_skip_link(client: Client) -> None:
    body = client.get("/th/").content.decode()
    assert 'class="skip-link" href="#main"' in body
    for landmark in ('role="banner"', '<main id="main"', 'role="contentinfo"'):
        assert landmark in body
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in body


def test_htmx_is_served_locally(client: Client) -> None:
    response = client.get("/static/kyosei/htmx.min.js")
    assert response.status_code == 200
    assert b"htmx" in b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_manifest_is_in_the_page_language(client: Client) -> None:
    response = client.get("/ko/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["lang"] == "ko"
    assert data["start_url"] == "/ko/"
    assert data["name"] != "Kyosei — living in Japan"


def test_service_worker_is_served_from_the_root_with_offline_pages(client: Client) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    body = response.content.decode()
    assert '"/ne/offline/"' in body and '"/ja-x-easy/offline/"' in body
    assert client.get("/ne/offline/").status_code == 200


@override_settings(PUBLIC_RATE_LIMIT=3, PUBLIC_RATE_WINDOW=60)
def test_public_pages_are_rate_limited_per_client(client: Client, monkeypatch: Any) -> None:
    # The limiter counts per fixed window: four slow requests could straddle two windows.
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_800_000_030.0))
    statuses = [client.get("/en/counters/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    blocked = client.get("/en/counters/")
    assert blocked["Retry-After"] == "60"
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.get("/en/counters/").status_code == 200


def test_counter_directory_lists_organisations(client: Client, org_a: object) -> None:
    body = client.get("/en/counters/").content.decode()
    assert "A市 国際交流センター" in body
    assert "Municipality counter" in body


def test_email_url_parsing() -> None:
    smtp = parse_email_url("smtp://user%40x:p%2Fw@mail.example.org:587/?tls=1")
    assert smtp["EMAIL_HOST"] == "mail.example.org"
    assert smtp["EMAIL_PORT"] == 587
    assert smtp["EMAIL_HOST_USER"] == "user@x"
    assert smtp["EMAIL_HOST_PASSWORD"] == "p/w"
    assert smtp["EMAIL_USE_TLS"] is True
    assert parse_email_url("smtps://h")["EMAIL_PORT"] == 465
    assert parse_email_url("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    with pytest.raises(ValueError, match="EMAIL_URL scheme"):
        parse_email_url("ftp://example.org")


def test_catalog_check_finds_empty_fuzzy_copied_and_broken_entries(tmp_path: Path) -> None:
    po = tmp_path / "xx" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Bye"\nmsgstr "Tschüss"\n\n'
        'msgid "Sign in"\nmsgstr "Sign in"\n\n'
        '#, python-format\nmsgid "Page %(number)s"\nmsgstr "Seite %(nummer)s"\n\n'
        'msgid "Fine"\nmsgstr "Gut"\n\n'
        'msgid "5+"\nmsgstr "5+"\n',
        encoding="utf-8",
    )
    problems = problems_in(po)
    assert any("'Hello' is not translated" in p for p in problems)
    assert any("'Bye' is fuzzy" in p for p in problems)
    assert any("'Sign in' is an English copy" in p for p in problems)
    assert any("placeholders" in p for p in problems)
    assert not any("Fine" in p or "5+" in p for p in problems)
    assert missing_catalogs([tmp_path], ["xx", "en", "yy"]) == ["yy"]


def test_catalog_check_accepts_plural_forms_with_the_plural_placeholders(tmp_path: Path) -> None:
    """A one-form language (Japanese) uses the plural's placeholders for every count; a form
    with a placeholder neither English form has is still an error."""
    po = tmp_path / "xx" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        '#, python-format\nmsgid "A task"\nmsgid_plural "%(count)s tasks"\n'
        'msgstr[0] "%(count)s件のタスク"\n\n'
        '#, python-format\nmsgid "One file"\nmsgid_plural "%(count)s files"\n'
        'msgstr[0] "%(number)s件のファイル"\n',
        encoding="utf-8",
    )
    problems = problems_in(po)
    assert not any("A task" in p for p in problems)
    assert any("'One file' has different placeholders" in p for p in problems)


def test_shipped_catalogs_are_complete() -> None:
    from django.conf import settings

    from kyosei.core.i18n_check import catalogs

    found = catalogs([Path(p) for p in settings.LOCALE_PATHS])
    assert len(found) >= 15
    for po in found:
        assert problems_in(po) == []


def _kyosei(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "KYOSEI_TESTING"}}
    return subprocess.run(
        [sys.executable, "-m", "kyosei", *args],
        env={**clean, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789-abcdefghij",
    "ALLOWED_HOSTS": "kyosei.example.org",
    "SITE_URL": "https://kyosei.example.org",
    "DATABASE_URL": "sqlite:////tmp/kyosei-deploy-check.sqlite3",
    # Production refuses to run without its own VAPID pair (alerts.E001); this one is for tests.
    "VAPID_PRIVATE_KEY": "12Ljf1jMeezjAAApDOnr8HeS7c15crDoTsJ2C1MI6fk",
    "VAPID_PUBLIC_KEY": (
        "BE5rU0yOVs7Fe7EPMPBxMdBoZu5jGl4LTqTRbdtjynT9vIhwOJyo1kF_gG1MA3YjH1aKgqJACTLkwiRiVsNrSqs"
    ),
    "VAPID_SUBJECT": "mailto:alerts@kyosei.example.org",
}


def test_production_settings_pass_the_deploy_check() -> None:
    result = _kyosei("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _kyosei("check", env={**env, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_site_url() -> None:
    """Mutation caught: a default SITE_URL outside DEBUG (emails would link to localhost)."""
    env = {k: v for k, v in PRODUCTION.items() if k != "SITE_URL"}
    result = _kyosei("check", env=env)
    assert result.returncode != 0
    assert "SITE_URL must be set" in result.stderr


def test_demo_data_refuses_to_load_when_debug_is_off() -> None:
    result = _kyosei("demo", "load", env=PRODUCTION)
    assert result.returncode != 0
    assert "only loaded when DEBUG is on" in result.stderr
