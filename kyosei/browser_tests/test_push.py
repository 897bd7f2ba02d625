"""Web Push on the device, in a real browser (Debian's chromium).

Chromium cannot subscribe here, so the subscribe flow is tested up to its failure, in both
ways it fails: in Playwright's (incognito) contexts `subscribe()` rejects at once with
"AbortError: Registration failed - permission denied" (Chromium offers no push in incognito);
in a normal profile it tries to register with the unreachable push service and never settles.
The service worker's push handling is driven through the DevTools protocol
(`ServiceWorker.deliverPushMessage`), which dispatches a real `push` event to the worker with
the payload the server would have encrypted (built with the server's own function).
"""

from __future__ import annotations

import json
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from kyosei.alerts.delivery import Renderer, push_payload
from kyosei.alerts.messages import DRILL_LINE
from kyosei.alerts.models import Event, Notice, Subscription
from kyosei.alerts.render import render
from kyosei.browser_tests.conftest import CHROMIUM
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.browser

EVENT_ID = "20260311144600"


def _event() -> Event:
    now = timezone.now()
    return Event.objects.create(
        key=f"VTSE41:{EVENT_ID}",
        kind="TSUNAMI_WARNING",
        type_code="VTSE41",
        event_id=EVENT_ID,
        status="通常",
        first_received_at=now,
        updated_at=now,
    )


def _notice(event: Event | None, template: str, *, is_drill: bool = False) -> Notice:
    family, phase = template.rsplit(".", 1)
    now = timezone.now()
    return Notice.objects.create(
        event=event,
        hazard="tsunami",
        phase=phase,
        template=template,
        is_drill=is_drill,
        codes=["2213001"],
        details={
            "tsunami_areas": [["380", "静岡県"]],
            "category": family.removeprefix("tsunami_"),
            "height": {"kind": "metres", "value": 3.0, "over": False},
        },
        received_at=now,
        created_at=now,
        expires_at=now + timedelta(hours=6),
    )


def _payload(notice: Notice, language: str) -> dict[str, Any]:
    """Exactly what the server encrypts for a subscriber in `language`."""
    raw = push_payload(notice, Renderer(notice)(language))
    return dict(json.loads(raw))


class Worker:
    """The page's service worker, seen through the DevTools protocol."""

    def __init__(self, page: Any, origin: str) -> None:
        self.page, self.origin = page, origin
        self.cdp = page.context.new_cdp_session(page)
        self.registrations: list[dict[str, Any]] = []
        self.cdp.on(
            "ServiceWorker.workerRegistrationUpdated",
            lambda event: self.registrations.extend(event["registrations"]),
        )
        self.cdp.send("ServiceWorker.enable")

    def registration_id(self) -> str:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            for registration in self.registrations:
                if registration["scopeURL"] == self.origin + "/" and not registration["isDeleted"]:
                    return str(registration["registrationId"])
            self.page.wait_for_timeout(50)
        raise AssertionError(
            f"no service worker registration for {self.origin}: {self.registrations}"
        )

    def push(self, payload: dict[str, Any] | bytes) -> None:
        data = payload.decode() if isinstance(payload, bytes) else json.dumps(payload)
        self.cdp.send(
            "ServiceWorker.deliverPushMessage",
            {"origin": self.origin, "registrationId": self.registration_id(), "data": data},
        )

    def notifications(self) -> list[dict[str, Any]]:
        return list(
            self.page.evaluate(
                """() => navigator.serviceWorker.ready
                .then((r) => r.getNotifications())
                .then((list) => list.map((n) => ({title: n.title, body: n.body, tag: n.tag,
                  lang: n.lang, renotify: n.renotify, timestamp: n.timestamp, data: n.data,
                  requireInteraction: n.requireInteraction})))"""
            )
        )

    def shown_ids(self) -> list[str]:
        return list(
            self.page.evaluate(
                """() => new Promise((resolve, reject) => {
                  const open = indexedDB.open("kyosei-alerts");
                  // not created yet (nothing recorded): leave it to the worker, which creates
                  // it with its store
                  let absent = false;
                  open.onupgradeneeded = () => { absent = true; open.transaction.abort(); };
                  open.onsuccess = () => {
                    const all = open.result.transaction("shown").objectStore("shown").getAll();
                    all.onsuccess = () => {
                      resolve(all.result.map((r) => r.id));
                      open.result.close();
                    };
                    all.onerror = () => reject(all.error);
                  };
                  open.onerror = () => (absent ? resolve([]) : reject(open.error));
                })"""
            )
        )

    def click(self, tag: str) -> str:
        """Click the notification with this tag: DevTools cannot, so the worker's own
        `notificationclick` handler gets the notification as the real event would carry it.
        Unlike a real click this grants no permission to open or focus a window (Chromium
        refuses both). Returns "ok", or how the handler's work failed."""
        context = self.page.context
        worker = (
            context.service_workers[0]
            if context.service_workers
            else context.wait_for_event("serviceworker")
        )
        return str(
            worker.evaluate(
                """(tag) => self.registration.getNotifications({tag: tag}).then((shown) => {
                  if (shown.length !== 1) return "notifications with this tag: " + shown.length;
                  const work = [];
                  onNotificationClick({notification: shown[0], waitUntil: (p) => work.push(p)});
                  return Promise.all(work).then(() => "ok", (error) => String(error));
                })""",
                tag,
            )
        )

    def wait_for_records(self, predicate: Any, what: str) -> list[str]:
        """The worker remembers an id just after its notification is on screen."""
        deadline = time.monotonic() + 30
        ids = self.shown_ids()
        while not predicate(ids):
            if time.monotonic() > deadline:
                raise AssertionError(f"{what}: the worker recorded {ids}")
            self.page.wait_for_timeout(50)
            ids = self.shown_ids()
        return ids

    def wait_for(self, predicate: Any, what: str) -> list[dict[str, Any]]:
        # DevTools hands a push to the worker without waiting for it, and a shared CI host can
        # take seconds to run the handler: the wait is long, a pass rarely needs a tenth of it.
        deadline = time.monotonic() + 30
        shown = self.notifications()
        while not predicate(shown):
            if time.monotonic() > deadline:
                # Which handlers ran tells a lost push (DevTools) from a handler that ran
                # but showed nothing (our worker).
                try:
                    recorded: Any = self.shown_ids()
                except Exception as error:  # the assertion below must still be raised
                    recorded = f"unreadable ({error})"
                raise AssertionError(
                    f"{what}: on screen {shown}; ids the worker recorded {recorded}"
                )
            self.page.wait_for_timeout(50)
            shown = self.notifications()
        return shown


def _open_with_worker(live_server: Any, page: Any, path: str) -> tuple[str, Worker]:
    base = live_server.url.replace("127.0.0.1", "localhost")  # a secure context for the worker
    page.context.grant_permissions(["notifications"], origin=base)
    page.goto(base + path)
    assert page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    return base, Worker(page, base)


def test_a_push_shows_the_alert_once_and_a_cancellation_replaces_it(
    live_server: Any, page: Any
) -> None:
    base, worker = _open_with_worker(live_server, page, "/pt-BR/alerts/")
    with override_settings(SITE_URL=base):
        event = _event()
        warning = _notice(event, "tsunami_warning.issue")
        cancellation = _notice(event, "tsunami_warning.cancellation")
        other = _notice(None, "tsunami_advisory.issue")  # another event: its own notification
        raw = push_payload(warning, render(warning, "pt-BR"))  # the server's own bytes
        payload = _payload(warning, "pt-BR")
        cancelled = _payload(cancellation, "pt-BR")
        unrelated = _payload(other, "pt-BR")
    worker.push(raw)
    shown = worker.wait_for(lambda s: len(s) == 1, "the alert was not shown")
    first = shown[0]
    assert first["title"] == payload["title"]
    assert first["body"] == payload["body"]
    assert first["tag"] == payload["tag"] == f"kyosei-{event.pk}"
    assert first["lang"] == "pt-BR"
    assert first["data"]["url"] == f"{base}/pt-BR/alerts/{warning.pk}/"
    worker.wait_for_records(lambda ids: ids == [str(warning.pk)], "the alert was not recorded")

    # The same delivery again (a worker was killed mid fan-out): nothing new. The unrelated
    # alert pushed after it shows that the repeat has been handled by then.
    worker.push(raw)
    worker.push(unrelated)
    shown = worker.wait_for(lambda s: len(s) == 2, "the next alert was not shown")
    again = next(n for n in shown if n["tag"] == payload["tag"])
    assert again["timestamp"] == first["timestamp"]  # not shown a second time
    both = sorted([str(warning.pk), str(other.pk)])
    worker.wait_for_records(lambda ids: sorted(ids) == both, "the next alert was not recorded")

    # A cancellation of the same event replaces the warning instead of adding a second one.
    assert cancelled["tag"] == payload["tag"] and cancelled["id"] != payload["id"]
    worker.push(cancelled)
    shown = worker.wait_for(
        lambda s: any(n["title"] == cancelled["title"] for n in s), "no cancellation shown"
    )
    assert len(shown) == 2
    replaced = next(n for n in shown if n["tag"] == payload["tag"])
    assert (replaced["title"], replaced["body"]) == (cancelled["title"], cancelled["body"])
    assert replaced["title"] != payload["title"]
    assert replaced["renotify"] is True  # a change to an alert on screen must be noticed
    assert replaced["data"]["url"] == f"{base}/pt-BR/alerts/{cancellation.pk}/"


def test_a_repeat_of_a_dismissed_alert_does_not_bring_it_back(live_server: Any, page: Any) -> None:
    base, worker = _open_with_worker(live_server, page, "/en/alerts/")
    with override_settings(SITE_URL=base):
        warning = _notice(_event(), "tsunami_warning.issue")
        later = _notice(None, "tsunami_advisory.issue")
        payload, sentinel = _payload(warning, "en"), _payload(later, "en")
    worker.push(payload)
    worker.wait_for(lambda s: len(s) == 1, "the alert was not shown")
    worker.wait_for_records(lambda ids: ids == [str(warning.pk)], "the alert was not recorded")
    page.evaluate(
        "() => navigator.serviceWorker.ready.then((r) => r.getNotifications())"
        ".then((list) => list.forEach((n) => n.close()))"
    )
    worker.wait_for(lambda s: s == [], "the alert was not dismissed")
    worker.push(payload)
    worker.push(sentinel)
    worker.wait_for(lambda s: len(s) >= 1, "the next alert was not shown")
    page.wait_for_timeout(300)
    assert [n["title"] for n in worker.notifications()] == [sentinel["title"]]
    both = sorted([str(warning.pk), str(later.pk)])
    worker.wait_for_records(lambda ids: sorted(ids) == both, "the next alert was not recorded")


def test_the_record_of_shown_alerts_keeps_the_newest_200(live_server: Any, page: Any) -> None:
    base, worker = _open_with_worker(live_server, page, "/en/alerts/")
    with override_settings(SITE_URL=base):
        first = _notice(_event(), "tsunami_warning.issue")
        second = _notice(None, "tsunami_advisory.issue")
        payloads = [_payload(first, "en"), _payload(second, "en")]
    worker.push(payloads[0])
    worker.wait_for(lambda s: len(s) == 1, "the alert was not shown")
    worker.wait_for_records(lambda ids: ids == [str(first.pk)], "the alert was not recorded")
    # 250 older entries, as after months of alerts
    page.evaluate(
        """() => new Promise((resolve, reject) => {
          const open = indexedDB.open("kyosei-alerts");
          open.onsuccess = () => {
            const tx = open.result.transaction("shown", "readwrite");
            for (let i = 1; i <= 250; i++) tx.objectStore("shown").put({id: "old-" + i, at: i});
            tx.oncomplete = () => { open.result.close(); resolve(); };
            tx.onerror = () => reject(tx.error);
          };
        })"""
    )
    worker.push(payloads[1])
    worker.wait_for(lambda s: len(s) == 2, "the second alert was not shown")
    ids = worker.wait_for_records(lambda ids: str(second.pk) in ids, "not recorded")
    assert len(ids) == 200
    assert str(first.pk) in ids and str(second.pk) in ids
    assert "old-52" not in ids and "old-53" in ids and "old-250" in ids


def test_a_drill_is_labelled_as_a_drill(live_server: Any, page: Any) -> None:
    """The server puts the label first in the title and the body (delivery.as_sent); the
    worker shows them as they are, and keeps the alert until the resident acts on it."""
    base, worker = _open_with_worker(live_server, page, "/pt-BR/alerts/")
    with override_settings(SITE_URL=base):
        drill = _notice(_event(), "tsunami_warning.issue", is_drill=True)
        payload = _payload(drill, "pt-BR")
    with translation.override("pt-BR"):
        line = str(DRILL_LINE)
    worker.push(payload)
    shown = worker.wait_for(lambda s: len(s) == 1, "the drill was not shown")
    assert shown[0]["body"] == payload["body"] and shown[0]["body"].startswith(line + "\n")
    assert shown[0]["title"] == payload["title"] != render(drill, "pt-BR").title
    assert shown[0]["requireInteraction"] is True


def _subscribe_page(live_server: Any, page: Any, language: str) -> tuple[str, list[str]]:
    base = live_server.url.replace("127.0.0.1", "localhost")
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.goto(f"{base}/{language}/alerts/")
    return base, posts


def test_when_subscribing_fails_the_resident_is_told_and_offered_email(
    live_server: Any, page: Any, org_a: Organisation
) -> None:
    base, posts = _subscribe_page(live_server, page, "pt-BR")
    page.context.grant_permissions(["notifications"], origin=base)
    page.check('input[name="codes"][value="2213001"]')
    button = page.locator("#alerts-push")
    button.wait_for(state="visible")
    button.click()
    status = page.locator("#alerts-push-status")
    page.wait_for_function(
        "() => document.getElementById('alerts-push-status').dataset.state === 'failed'",
        timeout=30000,
    )
    with translation.override("pt-BR"):
        failed = gettext("Notifications could not be turned on on this device.")
    assert failed != "Notifications could not be turned on on this device."  # translated
    assert status.text_content() == failed
    # the email subscription in the same form is where the resident is taken
    assert page.evaluate("() => document.activeElement.name") == "email"
    assert page.locator('input[name="email"]').is_visible()
    assert button.is_enabled()  # they can try again later
    # nothing half-saved: no request to the server, no subscription, none left in the browser
    assert posts == []
    assert not Subscription.objects.exists()
    assert page.evaluate(
        "() => navigator.serviceWorker.ready.then((r) => r.pushManager.getSubscription())"
        ".then((s) => s === null)"
    )


def test_when_notifications_are_blocked_the_resident_is_told_and_offered_email(
    live_server: Any, page: Any, org_a: Organisation
) -> None:
    _, posts = _subscribe_page(live_server, page, "en")
    page.locator("#alerts-push").click()
    page.wait_for_function(
        "() => document.getElementById('alerts-push-status').dataset.state === 'failed'",
        timeout=30000,
    )
    assert page.locator("#alerts-push-status").text_content() == (
        "Notifications are blocked in this browser's settings."
    )
    assert page.evaluate("() => document.activeElement.name") == "email"
    assert posts == []
    assert not Subscription.objects.exists()


def test_when_subscribing_never_answers_the_resident_is_told_after_a_while(
    live_server: Any, browser: Any, org_a: Organisation, tmp_path: Path
) -> None:
    """A normal profile (Playwright's contexts are incognito, where Chromium refuses push at
    once) tries to register with the push service, which cannot be reached here: subscribe()
    then never settles, and push.js gives up after 20 s."""
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
    )
    try:
        page = context.pages[0] if context.pages else context.new_page()
        base, posts = _subscribe_page(live_server, page, "en")
        context.grant_permissions(["notifications"], origin=base)
        page.locator("#alerts-push").click()
        page.wait_for_function(
            "() => document.getElementById('alerts-push-status').dataset.state === 'failed'",
            timeout=40000,
        )
        assert page.locator("#alerts-push-status").text_content() == (
            "Notifications could not be turned on on this device."
        )
        assert page.evaluate("() => document.activeElement.name") == "email"
        assert posts == []
        assert not Subscription.objects.exists()
    finally:
        context.close()


def test_clicking_an_alert_closes_it_and_takes_the_open_tab_to_the_alert(
    live_server: Any, page: Any
) -> None:
    """With a tab of the site open, the click takes that tab to the alert's page instead of
    opening another one (a new window needs the real click's permission, see Worker.click)."""
    base, worker = _open_with_worker(live_server, page, "/pt-BR/alerts/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")  # claimed
    with override_settings(SITE_URL=base):
        warning = _notice(_event(), "tsunami_warning.issue")
        payload = _payload(warning, "pt-BR")
    alert_url = f"{base}/pt-BR/alerts/{warning.pk}/"
    worker.push(payload)
    shown = worker.wait_for(lambda s: len(s) == 1, "the alert was not shown")
    assert shown[0]["data"]["url"] == alert_url
    assert page.url == f"{base}/pt-BR/alerts/"

    assert worker.click(payload["tag"]) == "ok"
    page.wait_for_url(alert_url, timeout=10_000)
    assert [p.url for p in page.context.pages] == [alert_url]  # the same tab, no second one
    assert worker.notifications() == []  # closed
    assert page.locator("h1").inner_text() == payload["title"]  # the alert, in Portuguese
