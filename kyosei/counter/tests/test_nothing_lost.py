"""Broken promise 3 (issue #12): long notes are never lost, a form is saved once, and the API
refuses what the forms refuse. Each test names the product change it catches."""

import re
import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client as HttpClient

from kyosei.conftest import make_user, sign_in_verified
from kyosei.counter import services
from kyosei.counter.models import Client, Consultation
from kyosei.counter.tests.factories import make_client
from kyosei.counter.tests.test_api import BASE, bearer
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role

pytestmark = pytest.mark.django_db


def url(org: Organisation, path: str = "") -> str:
    return f"/en/staff/o/{org.slug}/counter/{path}"


def intake_post(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "form_token": "token-of-one-rendered-form",
        "nickname": "R.T.",
        "nationality": "NP",
        "status_of_residence": "technical_intern",
        "channel": "visit",
        "language": "ne",
        "topics": ["employment"],
        "interpreter_mode": "none",
        "interpreter_minutes": "0",
        "outcome": "information",
        "minutes_spent": "10",
    }
    data.update(fields)
    return data


def narrative_block(body: str) -> str:
    """The narrative's field block: its label, its errors, its textarea."""
    match = re.search(
        r'<div class="field[^"]*">(?:(?!<div class="field).)*?id_narrative.*?</textarea>',
        body,
        re.S,
    )
    assert match, "no narrative field on the page"
    return match.group(0)


def test_crlf_line_breaks_count_once_like_the_browser_counted_them(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    # 500 lines: 19 999 characters as typed, 20 498 as the browser sends them (CR LF).
    typed = "\n".join(["x" * 39] * 500)
    sent = typed.replace("\n", "\r\n")
    assert len(typed) == 19_999 and len(sent) > 20_000
    response = bob_client.post(url(org_a, "intake/"), intake_post(narrative=sent))
    # Catches: NotesField.to_python without normalise_newlines (refused at 20 498).
    assert response.status_code == 302
    assert Consultation.objects.get().narrative == typed


def test_a_200_kb_paste_is_refused_next_to_the_field_and_kept(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    form_page = bob_client.get(url(org_a, "intake/")).content.decode()
    textarea = re.search(r"<textarea[^>]*>", form_page)
    assert textarea
    # Catches: a maxlength attribute (the browser cuts a paste without a word).
    assert "maxlength" not in textarea.group(0)
    assert 'data-max-chars="20000"' in textarea.group(0)
    pasted = "給料が払われていません。" * 16_666 + "END-OF-PASTE"
    response = bob_client.post(url(org_a, "intake/"), intake_post(narrative=pasted))
    assert response.status_code == 200
    assert not Consultation.objects.exists() and not Client.objects.exists()
    body = response.content.decode()
    block = narrative_block(body)
    # The error is in the narrative's own block (catches: errors sent to the top only) ...
    assert "at most 20,000 can be saved" in block and "200,004" in block
    # ... the collapsed section is open (catches: details_open ignoring errors) ...
    assert re.search(r"<details open>", body)
    # ... and the whole text is still in the field (catches: the text not re-rendered).
    assert "END-OF-PASTE</textarea>" in block
    assert block.count("給料が払われていません。") == 16_666


def test_a_service_error_about_the_notes_shows_on_the_notes(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    client = make_client(org_a)
    text = services.current_consent_text(org_a, client.preferred_language)
    assert text is not None
    services.record_consent(
        actor=None,
        client=client,
        consent_text=text,
        agrees_to_recording=False,
        shareable_fields=[],
    )
    response = bob_client.post(
        url(org_a, "intake/"),
        intake_post(client_reference=client.reference, narrative="kept text"),
    )
    assert response.status_code == 200
    # Catches: _form_error putting a service's field error among the non-field errors.
    assert "did not agree that notes are recorded" in narrative_block(response.content.decode())


def test_the_same_form_sent_twice_saves_once(org_a: Organisation, bob_client: HttpClient) -> None:
    first = bob_client.post(url(org_a, "intake/"), intake_post(narrative="once"))
    second = bob_client.post(url(org_a, "intake/"), intake_post(narrative="once"))
    # Catches: record_intake without _claim_form_token (two clients, two consultations).
    assert Consultation.objects.count() == 1 and Client.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert "already saved" in bob_client.get(second["Location"]).content.decode()
    # A new rendering of the form has a new token: the next call is a new consultation.
    tokens = {
        re.search(
            r'name="form_token" value="([^"]+)"',
            bob_client.get(url(org_a, "intake/")).content.decode(),
        ).group(1)  # type: ignore[union-attr]
        for _ in range(2)
    }
    assert len(tokens) == 2


def test_a_form_without_its_token_is_refused_and_kept(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    data = intake_post(narrative="still here")
    del data["form_token"]
    response = bob_client.post(url(org_a, "intake/"), data)
    assert response.status_code == 200 and not Consultation.objects.exists()
    body = response.content.decode()
    assert "This form is out of date" in body
    assert "still here</textarea>" in body
    # The page carries a fresh token again (catches: a re-rendered form without one).
    assert re.search(r'name="form_token" value="[A-Za-z0-9_-]{16,}"', body)


def test_a_double_click_on_new_client_creates_one_client(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    data = {
        "form_token": "token-of-the-client-form",
        "nickname": "R.T.",
        "nationality": "NP",
        "preferred_language": "ne",
        "status_of_residence": "unknown",
        "contact_preference": "visit",
    }
    first = bob_client.post(url(org_a, "clients/new/"), data)
    second = bob_client.post(url(org_a, "clients/new/"), data)
    # Catches: client_new calling create_client directly.
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Client.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_posts_of_one_form_save_once(
    org_a: Organisation, languages_survive_the_flush: None
) -> None:
    """Real concurrency: two requests with the same token at the same moment, each in its own
    database connection (PostgreSQL: the second waits on the unique index)."""
    bob = make_user("bob2")
    org_services.grant_role(actor=None, organisation=org_a, user=bob, role=Role.COUNTER_STAFF)
    clients = [sign_in_verified(HttpClient(), bob) for _ in range(2)]
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def send(http: HttpClient) -> None:
        try:
            barrier.wait()
            statuses.append(http.post(url(org_a, "intake/"), intake_post()).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(http,)) for http in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302, 302]
    # Catches: claiming the token after creating (both requests create before either commits).
    assert Consultation.objects.count() == 1 and Client.objects.count() == 1


def test_the_intake_guesses_neither_channel_nor_language(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    body = bob_client.get(url(org_a, "intake/")).content.decode()
    # Catches: initial channel=phone / language=the staff UI language coming back.
    assert not re.search(r'name="channel" value="\w+"[^>]*checked', body)
    assert re.search(r'<option value="" selected>Choose the language</option>', body)
    response = bob_client.post(
        url(org_a, "intake/"), intake_post(channel="", language="", narrative="kept")
    )
    assert response.status_code == 200 and not Consultation.objects.exists()
    body = response.content.decode()
    assert "Choose how the client reached the counter." in body
    assert "Choose the language the consultation was held in." in body


def test_the_intake_shows_who_the_returning_client_is(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    client = make_client(
        org_a,
        nickname="R.T.",
        nationality="NP",
        preferred_language="ne",
        status_of_residence="technical_intern",
    )
    body = bob_client.get(url(org_a, f"intake/?client={client.reference}")).content.decode()
    # Catches: the returning-client card missing, or its fields shown as "Not known".
    card = body.split('class="returning-client"')[1].split("</section>")[0]
    assert "<bdi>R.T.</bdi>" in card and "Nepal" in card and "Technical intern" in card
    assert "Not known" not in card and "नेपाली" in card
    # The client's own language is preselected, not the staff's UI language (en).
    assert '<option value="ne" selected>' in body
    assert body.count('value="JP"') == 0  # the new-client fields are not asked again


def test_the_nationality_list_includes_japan(org_a: Organisation, bob_client: HttpClient) -> None:
    body = bob_client.get(url(org_a, "intake/")).content.decode()
    # Catches: Nationality without JP.
    assert '<option value="JP">Japan</option>' in body


def test_the_api_refuses_what_the_form_refuses(client: HttpClient, org_a: Organisation) -> None:
    headers = bearer(org_a)
    payload = {"nickname": "R.T.", "channel": "visit", "topics": ["employment"], "language": "ne"}
    for narrative, expected in (("x" * 1_000_000, "at most 20,000"), ("a\x00b", "null character")):
        response = client.post(
            BASE + "/consultations",
            {**payload, "narrative": narrative},
            content_type="application/json",
            headers=headers,
        )
        # Catches: the API calling the services without the intake form.
        assert response.status_code == 422, narrative[:10]
        assert expected in response.json()["detail"]
    unknown = client.post(
        BASE + "/consultations",
        {**payload, "channel": "fax"},
        content_type="application/json",
        headers=headers,
    )
    assert unknown.status_code == 422 and "channel" in unknown.json()["detail"]
    assert not Consultation.objects.exists() and not Client.objects.exists()


def test_an_api_retry_with_the_same_idempotency_key_records_once(
    client: HttpClient, org_a: Organisation
) -> None:
    headers = {**bearer(org_a), "Idempotency-Key": "retry-of-call-0001"}
    payload = {"nickname": "R.T.", "channel": "visit", "topics": ["employment"], "language": "ne"}
    ids = {
        client.post(
            BASE + "/consultations", payload, content_type="application/json", headers=headers
        ).json()["id"]
        for _ in range(2)
    }
    # Catches: the API ignoring Idempotency-Key.
    assert len(ids) == 1 and Consultation.objects.count() == 1


def test_the_services_refuse_oversized_notes_and_nul_bytes(org_a: Organisation) -> None:
    client = make_client(org_a)
    for narrative in ("x" * 20_001, "a\x00b"):
        # Catches: _validate_consultation without check_notes (a caller skipping the form).
        with pytest.raises(ValidationError):
            services.create_consultation(
                actor=None,
                organisation=org_a,
                client=client,
                channel="visit",
                topics=["tax"],
                language="ja",
                narrative=narrative,
            )
    assert not Consultation.objects.exists()


def test_an_error_in_the_collapsed_section_opens_it(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    response = bob_client.post(url(org_a, "intake/"), intake_post(minutes_spent="ten"))
    assert response.status_code == 200 and not Consultation.objects.exists()
    body = response.content.decode()
    # Catches: IntakeForm.details_open ignoring errors (the error hidden in a closed section).
    assert "<details open>" in body
    assert 'id="id_minutes_spent-errors"' in body.split("<details open>")[1]
    # Nothing to show, nothing wrong: the section stays closed on a fresh form.
    assert "<details>" in bob_client.get(url(org_a, "intake/")).content.decode()
