"""The sitemap and emails name the address the demo is served on; production uses SITE_URL."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from kyosei.guide import content

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


@override_settings(DEBUG=True, SITE_URL="http://localhost:8000", ALLOWED_HOSTS=["127.0.0.1"])
def test_demo_sitemap_uses_the_address_it_was_requested_on(client: Client) -> None:
    """Mutation caught: the sitemap reading settings.SITE_URL instead of `site_url(request)`."""
    content.load_content()
    body = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:9123").content.decode()
    assert "<loc>http://127.0.0.1:9123/en/guide/national-centre/" in body
    assert "localhost:8000" not in body


@override_settings(
    DEBUG=False, SITE_URL="https://kyosei.example.org", ALLOWED_HOSTS=["evil.example"]
)
def test_production_sitemap_never_trusts_the_host_header(client: Client) -> None:
    """Mutation caught: `site_url` using the request outside DEBUG (Host header injection)."""
    content.load_content()
    body = client.get("/sitemap.xml", HTTP_HOST="evil.example").content.decode()
    assert "<loc>https://kyosei.example.org/en/guide/" in body
    assert "evil.example" not in body


def test_demo_emails_follow_the_port_the_demo_is_served_on() -> None:
    """Emails are sent by services and the worker, without a request: in demo mode SITE_URL
    follows PORT (mutation caught: the fixed http://localhost:8000 default)."""
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "KYOSEI_TESTING"}}
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**env, "DEBUG": "1", "PORT": "9123", "DJANGO_SETTINGS_MODULE": "kyosei.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "http://localhost:9123", result.stderr
