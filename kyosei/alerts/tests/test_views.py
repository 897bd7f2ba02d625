"""Public pages, subscriptions, the JMA push endpoint, CAP feeds and the staff console."""

from __future__ import annotations

import hashlib
import hmac
import html
import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from defusedxml import ElementTree
from django.test import Client, override_settings

from kyosei.alerts.models import Notice, Subscription, Telegram
from kyosei.alerts.tests.conftest import as_real, sample_bytes
from kyosei.alerts.tests.servers import SubscriberKeys
from kyosei.core.languages import read_language_file

pytestmark = pytest.mark.django_db

SECRET = "jma-push-shared-secret-for-tests"
CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
ATOM = "{http://www.w3.org/2005/Atom}"


def signed(body: bytes, secret: str = SECRET) -> dict[str, str]:
    mac = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"X-Kyosei-Signature": f"sha256={mac}"}


@override_settings(JMA_PUSH_SECRET=SECRET)
def test_jma_push_endpoint_requires_the_signature(
    client: Client, codes: None, samples: Path, django_capture_on_commit_callbacks: Any
) -> None:
    body = as_real(sample_bytes(samples, "32-39_11_02_250206_VTSE41.xml"))
    url = "/alerts/jma/push"
    assert client.post(url, body, content_type="application/xml").status_code == 403
    bad = client.post(url, body, content_type="application/xml", headers=signed(body, "wrong"))
    assert bad.status_code == 403
    with django_capture_on_commit_callbacks() as callbacks:
        ok = client.post(url, body, content_type="application/xml", headers=signed(body))
    assert ok.status_code == 202
    assert ok.json()["notices"] and callbacks  # the fan-out is queued after commit
    again = client.post(url, body, content_type="application/xml", headers=signed(body))
    assert again.status_code == 200 and again.json()["duplicate"] is True
    junk = b"<oops"
    rejected = client.post(url, junk, content_type="application/xml", headers=signed(junk))
    assert rejected.status_code == 422
    assert Telegram.objects.count() == 2


def test_jma_push_endpoint_is_off_without_a_secret(client: Client) -> None:
    assert (
        client.post("/alerts/jma/push", b"<x/>", content_type="application/xml").status_code == 404
    )


def test_public_index_and_notice_pages(client: Client, codes: None, samples: Path) -> None:
    from kyosei.alerts.ingest import ingest

    result = ingest(as_real(sample_bytes(samples, "32-39_11_02_250206_VTSE41.xml")), source="feed")
    notice = result.notices[0]
    page = client.get("/en/alerts/")
    assert page.status_code == 200
    assert "Tsunami advisory" in page.content.decode()
    detail = client.get(f"/ja-x-easy/alerts/{notice.pk}/")
    assert detail.status_code == 200 and "<ruby>" in detail.content.decode()


def test_email_subscription_confirm_and_one_click_unsubscribe(
    client: Client, org_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/vi/alerts/subscribe/",
            {
                "email": "r@example.org",
                "codes": ["2213001"],
                "hazards": ["tsunami", "earthquake"],
                "min_intensity": "4",
            },
        )
    assert response.status_code == 200
    sub = Subscription.objects.get(email="r@example.org")
    assert sub.language == "vi" and not sub.confirmed and not sub.want_weather
    assert len(mail.outbox) == 1 and f"/vi/alerts/confirm/{sub.token}/" in mail.outbox[0].body
    assert client.get(f"/vi/alerts/confirm/{sub.token}/").status_code == 200
    sub.refresh_from_db()
    assert sub.confirmed
    assert client.get(f"/vi/alerts/unsubscribe/{sub.token}/").status_code == 200
    # RFC 8058 one-click: a POST without CSRF token from the mail client
    csrf_client = Client(enforce_csrf_checks=True)
    assert csrf_client.post(f"/vi/alerts/unsubscribe/{sub.token}/").status_code == 200
    sub.refresh_from_db()
    assert not sub.is_active
    assert client.get("/vi/alerts/confirm/nope/").status_code == 404


def test_push_subscription_from_the_browser(client: Client) -> None:
    keys = SubscriberKeys()
    payload = {
        "subscription": {
            "endpoint": "https://push.example.net/abc",
            "keys": {"p256dh": keys.p256dh, "auth": keys.auth},
        },
        "codes": ["2213001", "bogus"],
        "hazards": ["tsunami"],
        "min_intensity": 5,
    }
    response = client.post(
        "/ne/alerts/push/subscribe/", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    sub = Subscription.objects.get(endpoint="https://push.example.net/abc")
    assert sub.language == "ne" and sub.want_tsunami and not sub.want_earthquake
    assert list(sub.areas.values_list("code", flat=True)) == ["2213001"]
    # the same browser again replaces its subscription
    client.post("/ne/alerts/push/subscribe/", json.dumps(payload), content_type="application/json")
    assert Subscription.objects.filter(endpoint="https://push.example.net/abc").count() == 1
    bad = client.post("/ne/alerts/push/subscribe/", "{}", content_type="application/json")
    assert bad.status_code == 400
    assert client.get("/alerts/vapid-public-key").json()["publicKey"]


def test_cap_feed_per_language_and_area(client: Client, codes: None, samples: Path) -> None:
    from kyosei.alerts.ingest import ingest

    result = ingest(as_real(sample_bytes(samples, "32-39_11_02_250206_VTSE41.xml")), source="feed")
    notice = result.notices[0]
    feed = client.get("/alerts/cap/en.atom?area=2213001")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(feed.content)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    alert = entries[0].find(f"{ATOM}content/{CAP}alert")
    assert alert is not None
    assert alert.findtext(f"{CAP}status") == "Actual"
    assert alert.findtext(f"{CAP}msgType") == "Alert"
    info = alert.find(f"{CAP}info")
    assert info is not None and info.findtext(f"{CAP}language") == "en"
    assert info.findtext(f"{CAP}headline", "").startswith("Tsunami advisory")
    codes_in_area = [g.findtext(f"{CAP}value") for g in info.iter(f"{CAP}geocode")]
    assert "2213001" in codes_in_area
    empty = ElementTree.fromstring(client.get("/alerts/cap/en.atom?area=1052400").content)
    assert empty.findall(f"{ATOM}entry") == []
    single = client.get(f"/alerts/cap/{notice.pk}/ja.xml")
    assert single.status_code == 200
    assert ElementTree.fromstring(single.content).findtext(f"{CAP}info/{CAP}language") == "ja"
    assert client.get("/alerts/cap/xx.atom").status_code == 404


def test_staff_dashboard_preview_in_every_language_and_issue(
    alice_client: Client, org_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    base = f"/en/staff/o/{org_a.slug}/alerts/"
    assert alice_client.get(base).status_code == 200
    form = {
        "template": "local.evacuation_order.issue",
        "codes": ["2213001"],
        "district_ja": "中央区 佐鳴台",
        "district_en": "Sanarudai",
        "shelter_ja": "佐鳴台小学校",
        "shelter_en": "Sanarudai Elementary School",
        "preview": "1",
    }
    preview = alice_client.post(base + "issue/", form)
    assert preview.status_code == 200
    assert len(preview.context["previews"]) == len(read_language_file())
    assert "Evacuation order: Sanarudai" in preview.content.decode()
    assert Notice.objects.count() == 0
    form.pop("preview")
    with django_capture_on_commit_callbacks() as callbacks:
        issued = alice_client.post(base + "issue/", {**form, "confirm": "1"})
    assert issued.status_code == 302 and callbacks
    notice = Notice.objects.get()
    assert notice.organisation == org_a and notice.codes == ["2213001"]
    detail = alice_client.get(issued["Location"])
    assert detail.status_code == 200
    assert "中央区 佐鳴台" in detail.content.decode()


def test_staff_test_send(alice_client: Client, org_a: Any) -> None:
    from django.core import mail

    url = f"/en/staff/o/{org_a.slug}/alerts/test-send/"
    response = alice_client.post(
        url, {"template": "tsunami_warning.issue", "email": "officer@example.org", "language": "en"}
    )
    assert response.status_code == 302
    assert mail.outbox[0].subject.startswith("[TEST] Tsunami warning for")


def test_counter_staff_cannot_issue_alerts(bob_client: Client, org_a: Any) -> None:
    assert bob_client.get(f"/en/staff/o/{org_a.slug}/alerts/").status_code == 200
    assert bob_client.get(f"/en/staff/o/{org_a.slug}/alerts/issue/").status_code == 404


def test_banner_shows_the_newest_severe_alert(client: Client, codes: None, samples: Path) -> None:
    from django.template import Context, Template
    from django.utils import translation

    from kyosei.alerts.ingest import ingest

    ingest(as_real(sample_bytes(samples, "32-39_12_02_250206_VTSE41.xml")), source="feed")
    with translation.override("en"):
        html = Template("{% load alerts %}{% alert_banner %}").render(Context({}))
    assert 'role="alert"' in html and "Major tsunami warning" in html


def test_json_api_lists_rendered_notices(client: Client, codes: None, samples: Path) -> None:
    from kyosei.alerts.ingest import ingest

    result = ingest(as_real(sample_bytes(samples, "32-39_11_02_250206_VTSE41.xml")), source="feed")
    listing = client.get("/api/v1/alerts/notices?lang=ja&area=2213001")
    assert listing.status_code == 200
    (item,) = listing.json()
    assert item["message"]["title"].startswith("津波注意報")
    one = client.get(f"/api/v1/alerts/notices/{result.notices[0].pk}?lang=en")
    assert one.json()["message"]["text_lang"] == "en"
    assert client.get("/api/v1/alerts/notices?lang=xx").status_code == 404


@override_settings(ALERTS_CHECK_OUTBOUND_URLS=True, ALERTS_PUSH_HOSTS=["push.example.net"])
def test_outbound_urls_are_checked_against_ssrf(client: Client, org_a: Any) -> None:
    from kyosei.alerts import services

    keys = SubscriberKeys()
    for endpoint in (
        "http://push.example.net/x",  # not https
        "https://127.0.0.1/x",  # not a push service
        "https://169.254.169.254.push.example.org/x",  # not in the list
    ):
        payload = {
            "subscription": {
                "endpoint": endpoint,
                "keys": {"p256dh": keys.p256dh, "auth": keys.auth},
            },
            "codes": ["2213001"],
        }
        response = client.post(
            "/en/alerts/push/subscribe/", json.dumps(payload), content_type="application/json"
        )
        assert response.status_code == 400, endpoint
    with pytest.raises(ValueError):
        services.add_webhook(
            actor=None, organisation=org_a, url="https://localhost/hook", secret="x" * 20
        )
    assert not Subscription.objects.exists()


@override_settings(PUBLIC_RATE_LIMIT=2)
def test_public_endpoints_are_rate_limited(client: Client) -> None:
    for _ in range(2):
        assert client.get("/api/v1/alerts/notices").status_code == 200
    assert client.get("/api/v1/alerts/notices").status_code == 429
    assert client.get("/en/alerts/").status_code == 429


@pytest.mark.parametrize("language", ["vi", "ur", "en"])
def test_alert_pages_say_when_jma_issued_it_in_the_residents_format(
    client: Client, codes: None, samples: Path, language: str
) -> None:
    """JMA's report time (14:49 JST on 2011-03-11 in this official sample), not the moment we
    received it, written as the resident's language writes a day and a time (CLDR)."""
    from kyosei.alerts.ingest import ingest
    from kyosei.core import cldr

    result = ingest(as_real(sample_bytes(samples, "32-39_11_02_250206_VTSE41.xml")), source="feed")
    notice = result.notices[0]
    report_time = datetime(2011, 3, 11, 14, 49, tzinfo=ZoneInfo("Asia/Tokyo"))
    issued = cldr.moment(report_time, language)
    assert notice.received_at.year > 2011
    for path in (f"/{language}/alerts/", f"/{language}/alerts/{notice.pk}/"):
        body = client.get(path).content.decode()
        assert '<time datetime="2011-03-11T14:49:00+09:00">' in body, path
        assert html.escape(issued) in body, (path, issued)
    api = client.get(f"/api/v1/alerts/notices/{notice.pk}?lang={language}").json()
    assert datetime.fromisoformat(api["issued_at"]) == report_time


def test_a_moment_is_written_per_language_in_japan_time() -> None:
    from kyosei.core import cldr

    quake = datetime(2011, 3, 11, 5, 46, tzinfo=ZoneInfo("UTC"))
    assert cldr.moment(quake, "en") == "March 11, 2011, 2:46\u202fPM"
    assert cldr.moment(quake, "ja") == "2011年3月11日 14:46"
    assert cldr.moment(quake, "ja-x-easy") == "2011年3月11日 14:46"
    assert cldr.moment(quake, "pt-BR") == "11 de março de 2011 14:46"
