"""The handoff card a resident understands, and the public page its QR code opens: the
receiving office in the resident's language with address, phone, hours and languages by
name; what to bring; nothing of the case, and never a staff URL."""

import pytest
import segno
from django.conf import settings
from django.test import Client as HttpClient
from django.utils.html import escape

from kyosei.counter import handoff, services
from kyosei.counter.models import Agency, Referral
from kyosei.counter.tests.factories import consent, make_client
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db

NEPALI_NAME = "कानुनी सहायता केन्द्र (होउतेरासु)"
NEPALI_ADDRESS = "टोकियो, शिन्जुकु"
NEPALI_HOURS = "सोमबार–शुक्रबार ९:००–१७:००"


def referred(org: Organisation, language: str = "ne") -> Referral:
    agency = Agency.objects.get(kind="legal")
    services.save_agency(
        actor=None,
        agency=agency,
        changes={
            "translations": {
                "ne": {"name": NEPALI_NAME, "address": NEPALI_ADDRESS, "hours": NEPALI_HOURS}
            }
        },
    )
    client = make_client(org, nickname="SECRET-NICK", preferred_language=language, nationality="NP")
    consent(client, "nickname", "summary")
    return services.create_referral(
        actor=None, client=client, to_agency=agency, summary="SECRET-SUMMARY unpaid wages"
    )


def test_the_card_names_the_office_in_the_residents_language_and_links_their_page(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    """Mutations caught: the card showing only the Japanese name; languages as codes; the QR
    code carrying a staff URL (as it did)."""
    referral = referred(org_a)
    card = bob_client.get(
        f"/en/staff/o/{org_a.slug}/counter/referrals/{referral.pk}/card/"
    ).content.decode()
    assert NEPALI_NAME in card and NEPALI_ADDRESS in card and NEPALI_HOURS in card
    assert "法テラス" in card  # the Japanese side keeps the official name
    assert "नेपाली" in card and "Português" in card and "Filipino" in card
    assert ", pt," not in card and ", tl" not in card
    target = f"{settings.SITE_URL}/ne/referral/{referral.code}/"
    assert escape(segno.make(target, error="m").svg_data_uri(scale=4)) in card
    assert "/staff/" not in handoff.public_path(referral)


def test_the_public_page_says_where_to_go_and_what_to_bring_and_nothing_else(
    org_a: Organisation,
) -> None:
    """Mutations caught: the page showing the snapshot or the nickname; served without the
    code; a staff link on it."""
    referral = referred(org_a)
    anonymous = HttpClient()
    page = anonymous.get(f"/ne/referral/{referral.code}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert NEPALI_NAME in html and NEPALI_ADDRESS in html and NEPALI_HOURS in html
    assert "法テラス" in html and "0570-078377" in html
    assert "निवास कार्ड" in html  # what to bring, in Nepali
    assert "SECRET-NICK" not in html and "SECRET-SUMMARY" not in html
    assert "/staff/o/" not in html
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
    assert page["Referrer-Policy"] == "no-referrer"
    assert anonymous.get(f"/ne/referral/{referral.code.lower()}/").status_code == 200
    assert anonymous.get("/ne/referral/NOSUCHCODE/").status_code == 404


def test_the_code_leads_nowhere_once_declined_or_erased(
    org_a: Organisation, org_b: Organisation
) -> None:
    """Mutation caught: public_referral ignoring the status or the erasure."""
    referral = referred(org_a)
    services.record_agency_outcome(actor=None, referral=referral, status="declined")
    assert HttpClient().get(f"/ne/referral/{referral.code}/").status_code == 404
    second = referred(org_a)
    services._strip_identifying_data(second.client)
    assert HttpClient().get(f"/ne/referral/{second.code}/").status_code == 404


def test_a_referral_to_another_organisation_uses_its_resident_names(
    org_a: Organisation, org_b: Organisation
) -> None:
    org_b.translations = {"vi": {"name": "Quầy tư vấn thị trấn B", "address": "Oizumi, Gunma"}}
    org_b.languages_offered = ["vi", "pt-BR"]
    org_b.phone = "0276-00-0000"
    org_b.save()
    client = make_client(org_a, preferred_language="vi", nationality="VN")
    consent(client, "nickname")
    referral = services.create_referral(actor=None, client=client, to_organisation=org_b)
    html = HttpClient().get(handoff.public_path(referral)).content.decode()
    assert handoff.public_path(referral).startswith("/vi/referral/")
    assert "Quầy tư vấn thị trấn B" in html and "Oizumi, Gunma" in html
    assert "Tiếng Việt" in html and "0276-00-0000" in html


def test_a_language_kyosei_does_not_serve_opens_the_page_in_its_fallback(
    org_a: Organisation,
) -> None:
    client = make_client(org_a, preferred_language="hi", nationality="IN")
    referral = Referral.objects.create(
        from_organisation=org_a,
        client=client,
        to_agency=Agency.objects.get(kind="legal"),
        code="HINDICODE4",
        snapshot="{}",
        client_language="hi",
    )
    assert handoff.public_path(referral) == "/en/referral/HINDICODE4/"
    assert HttpClient().get("/en/referral/HINDICODE4/").status_code == 200
