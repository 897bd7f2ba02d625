"""Issue #12's walk on a phone: quick intake, a 200 KB paste, a double click, two tabs. The
error shows next to the notes, the collapsed section opens, the text stays in the form, a
double click sends one request and saves one consultation, and a second tab's edit keeps its
text when it is refused."""

import re
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from kyosei.browser_tests.test_browser import _sign_in
from kyosei.conftest import make_user
from kyosei.counter.models import Client, Consultation
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_nothing_typed_is_lost_on_a_phone(
    live_server: object, browser: object, tmp_path: Path
) -> None:
    org = org_services.create_organisation(
        actor=None, slug="org-a", name="A市", kind=Organisation.Kind.MUNICIPALITY, prefecture="22"
    )
    bob = make_user("bob")
    org_services.grant_role(actor=None, organisation=org, user=bob, role=Role.COUNTER_STAFF)
    device = TOTPDevice.objects.create(user=bob, name="phone", confirmed=True)
    context = browser.new_context(  # type: ignore[attr-defined]
        locale="en-US", viewport=PHONE, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    intake_posts: list[str] = []
    page.on(
        "request",
        lambda r: (
            intake_posts.append(r.url)
            if r.method == "POST" and r.url.endswith("/counter/intake/")
            else None
        ),
    )
    base = live_server.url  # type: ignore[attr-defined]
    _sign_in(page, base, "bob", device)
    page.wait_for_url(re.compile(r"/en/staff/o/org-a/$"))

    # 1. Quick intake: nothing is preselected for channel and language.
    page.goto(f"{base}/en/staff/o/org-a/counter/intake/")
    assert page.get_by_label("Language used").input_value() == ""
    assert not page.get_by_role("radio", name="Phone").is_checked()
    page.get_by_label("New client: nickname or initials").fill("R.T.")
    page.get_by_label("Nationality").select_option("NP")
    page.get_by_role("radio", name="Visit").check()
    page.get_by_label("Language used").select_option("ne")
    page.get_by_label("Employment and labour").check()
    page.get_by_text("Interpreter, outcome, time and notes").click()

    # 2. A 200 KB paste (inserted as a paste is, so a maxlength would cut it).
    line = "Wages for October and November were not paid; the employer keeps the passport."
    pasted = "\n".join([line] * 2600) + "\nEND-OF-PASTE"
    notes = page.get_by_label("Notes (encrypted)")
    notes.focus()
    page.keyboard.insert_text(pasted)
    assert len(notes.input_value()) == len(pasted) > 200_000
    counter = page.locator("#id_narrative-count")
    assert counter.inner_text() == f"{len(pasted):,} of 20,000 characters"
    assert "over-limit" in (counter.get_attribute("class") or "")
    page.screenshot(path=str(tmp_path / "paste.png"))

    # 3. Double click on Save: one request; the server refuses; the text and error are there.
    page.get_by_role("button", name="Save", exact=True).dblclick()
    page.wait_for_load_state("load")
    page.locator("#id_narrative-errors").wait_for()
    assert len(intake_posts) == 1
    assert not Consultation.objects.exists() and not Client.objects.exists()
    error = page.locator("#id_narrative-errors").inner_text()
    assert "at most 20,000 can be saved" in error
    assert page.locator("form.intake details").get_attribute("open") is not None
    notes = page.get_by_label("Notes (encrypted)")
    assert notes.is_visible()
    assert notes.input_value() == pasted  # every character kept
    page.screenshot(path=str(tmp_path / "refused.png"), full_page=True)

    # 4. Shortened to 19 999 characters with 499 line breaks (20 498 with CR LF). Save twice:
    # a probe behind the page's own handler counts the submissions that would leave (and keeps
    # them in the page); the second click is swallowed and the buttons are disabled.
    short = "\n".join(["x" * 39] * 500)
    notes.fill(short)
    assert page.locator("#id_narrative-count").inner_text() == "19,999 of 20,000 characters"
    page.evaluate(
        """() => {
        window.sent = 0;
        window.addEventListener("submit", (event) => {
          if (!event.defaultPrevented) window.sent += 1;
          event.preventDefault();
        });
      }"""
    )
    save = page.get_by_role("button", name="Save", exact=True)
    save.click()
    save.click(force=True)
    page.get_by_role("button", name="Save and record another").click(force=True)
    # Read both in one step on the same page: the server's answer replaces the page (and
    # its re-enabled button) at a moment the test does not control.
    sent, disabled = page.evaluate(
        """() => [window.sent, [...document.querySelectorAll('button')]
            .find((b) => b.textContent.trim() === "Save").disabled]"""
    )
    assert sent == 1
    assert disabled
    # The one submission goes out: saved once.
    page.evaluate("document.querySelector('form.intake').submit()")
    page.wait_for_url(re.compile(r"/counter/consultations/\d+/$"))
    assert len(intake_posts) == 2
    consultation = Consultation.objects.get()
    assert consultation.narrative == short and Client.objects.count() == 1

    # 5. Two tabs edit the same consultation: the second is refused (409) and keeps its text.
    edit_url = f"{base}/en/staff/o/org-a/counter/consultations/{consultation.pk}/edit/"
    first, second = page, context.new_page()
    first.goto(edit_url)
    second.goto(edit_url)
    first.get_by_label("Notes (encrypted)").fill("First tab: the employer called back.")
    first.get_by_role("button", name="Save", exact=True).click()
    first.wait_for_url(re.compile(r"/counter/consultations/\d+/$"))
    second_text = "Second tab: the union phoned; meeting on Friday at 10:00."
    second.get_by_label("Notes (encrypted)").fill(second_text)
    with second.expect_response(lambda r: r.request.method == "POST") as answer:
        second.get_by_role("button", name="Save", exact=True).click()
    assert answer.value.status == 409
    assert (
        "Someone else saved this consultation" in second.locator(".form-errors").first.inner_text()
    )
    assert second.get_by_label("Notes (encrypted)").input_value() == second_text
    consultation.refresh_from_db()
    assert consultation.narrative == "First tab: the employer called back."
    second.screenshot(path=str(tmp_path / "conflict.png"), full_page=True)

    # The intake fits the phone's width, and nothing broke the CSP.
    page.goto(f"{base}/en/staff/o/org-a/counter/intake/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not violations
    context.close()
