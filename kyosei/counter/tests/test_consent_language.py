"""Consent is recorded only against a text in a language the client reads, or one interpreted
to them and recorded as such. Kyosei ships the text in all 16 language variants."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient

from kyosei.counter import services
from kyosei.counter.models import ConsentRecord
from kyosei.counter.tests.factories import make_client
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db

VARIANTS = [
    "ja",
    "ja-x-easy",
    "en",
    "zh-Hans",
    "zh-Hant",
    "ko",
    "vi",
    "fil",
    "ne",
    "id",
    "th",
    "km",
    "my",
    "mn",
    "pt-BR",
    "es",
    "uk",
    "tr",
    "si",
    "bn",
    "ur",
]
PARTS = ("what_is_recorded", "who_may_see", "how_long_kept", "how_to_withdraw")


def url(org: Organisation, path: str = "") -> str:
    return f"/en/staff/o/{org.slug}/counter/{path}"


def test_the_shipped_texts_cover_every_variant_and_say_everything() -> None:
    """Mutation caught: a variant or a part missing from consent_texts.json, an untranslated
    copy of the English text, or a period placeholder left unfilled."""
    shipped = services.shipped_consent_wording(5 * 365)
    assert sorted(shipped) == sorted(VARIANTS)
    english = shipped["en"]
    for language, parts in shipped.items():
        for part in PARTS:
            text = parts[part]
            assert text.strip() and "{" not in text, (language, part)
            if language != "en":
                assert text != english[part], (language, part)
        assert "5" in parts["how_long_kept"], language
    in_days = services.shipped_consent_wording(400)
    assert all("400" in parts["how_long_kept"] for parts in in_days.values())


def test_every_variant_is_the_current_text_of_a_new_organisation(org_a: Organisation) -> None:
    for language in VARIANTS:
        text = services.current_consent_text(org_a, language)
        assert text is not None and text.language == language and text.version == 1
        assert text.how_to_withdraw


def test_no_text_falls_back_to_another_language(org_a: Organisation) -> None:
    """The reported bug: once one text existed, Hindi (and any language) got it.
    Mutation caught: any fallback in current_consent_text."""
    assert services.current_consent_text(org_a, "hi") is None
    hindi = make_client(org_a, preferred_language="hi", nationality="IN")
    assert services.consent_text_for(hindi) is None
    vietnamese = make_client(org_a, preferred_language="vi", nationality="VN")
    text = services.consent_text_for(vietnamese)
    assert text is not None and text.language == "vi"


def test_the_languages_a_client_reads_follow_their_recorded_proficiency(
    org_a: Organisation,
) -> None:
    client = make_client(
        org_a,
        preferred_language="hi",
        languages=[
            {"language": "ja", "proficiency": "plain_japanese"},
            {"language": "en", "proficiency": "needs_interpreter"},
        ],
    )
    assert services.consent_languages(client) == ["hi", "ja-x-easy"]
    text = services.consent_text_for(client)
    assert text is not None and text.language == "ja-x-easy"
    reader = make_client(
        org_a,
        preferred_language="hi",
        languages=[{"language": "en", "proficiency": "reads_only"}],
    )
    assert services.consent_languages(reader) == ["hi", "en"]


def test_consent_on_a_text_the_client_does_not_read_needs_a_recorded_interpreter(
    org_a: Organisation,
) -> None:
    """Mutation caught: dropping the language check in record_consent."""
    client = make_client(org_a, preferred_language="hi", nationality="IN")
    japanese = services.current_consent_text(org_a, "ja")
    assert japanese is not None
    with pytest.raises(ValidationError):
        services.record_consent(
            actor=None,
            client=client,
            consent_text=japanese,
            agrees_to_recording=True,
            shareable_fields=["nickname"],
        )
    with pytest.raises(ValidationError):  # a name without a language is not a record
        services.record_consent(
            actor=None,
            client=client,
            consent_text=japanese,
            agrees_to_recording=True,
            shareable_fields=[],
            interpretation=services.Interpretation(interpreter="多言語通訳", into_language=""),
        )
    assert not ConsentRecord.objects.filter(client=client).exists()
    given = services.record_consent(
        actor=None,
        client=client,
        consent_text=japanese,
        agrees_to_recording=True,
        shareable_fields=["nickname"],
        interpretation=services.Interpretation(
            interpreter="ISA telephone interpretation", into_language="hi"
        ),
    )
    assert (given.interpreted_by, given.interpreted_into) == ("ISA telephone interpretation", "hi")


def test_the_consent_page_shows_the_clients_language_and_never_another(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    vietnamese = make_client(org_a, preferred_language="vi", nationality="VN")
    page = bob_client.get(url(org_a, f"clients/{vietnamese.pk}/consent/")).content.decode()
    vi = services.current_consent_text(org_a, "vi")
    assert vi is not None and vi.what_is_recorded in page and 'lang="vi"' in page
    assert 'id="consent-interpreter-needed"' not in page
    assert (
        bob_client.post(
            url(org_a, f"clients/{vietnamese.pk}/consent/"), {"agrees_to_recording": "on"}
        ).status_code
        == 302
    )
    consent = services.active_consent(vietnamese)
    assert consent is not None and consent.consent_text.language == "vi"
    assert consent.interpreted_into == ""

    # ?language= shows exactly that language, or says there is none.
    for language in ("ja", "en", "vi"):
        shown = bob_client.get(url(org_a, f"clients/{vietnamese.pk}/consent/?language={language}"))
        text = services.current_consent_text(org_a, language)
        assert text is not None and text.what_is_recorded in shown.content.decode()
    none = bob_client.get(url(org_a, f"clients/{vietnamese.pk}/consent/?language=hi"))
    assert 'id="consent-no-text"' in none.content.decode()


def test_a_hindi_client_is_not_consented_on_a_text_they_cannot_read(
    org_a: Organisation, bob_client: HttpClient
) -> None:
    hindi = make_client(org_a, preferred_language="hi", nationality="IN")
    consent_url = url(org_a, f"clients/{hindi.pk}/consent/")
    page = bob_client.get(consent_url).content.decode()
    assert 'id="consent-no-text"' in page and '<form method="post"' not in page
    in_japanese = bob_client.get(consent_url.replace("/en/", "/ja/")).content.decode()
    assert "読める言語（hi）の同意文がありません" in in_japanese  # the catalogs carry it
    bob_client.post(consent_url, {"agrees_to_recording": "on"})
    assert not ConsentRecord.objects.filter(client=hindi).exists()
    # Staff show the English text through an interpreter: refused until it is recorded.
    english_url = consent_url + "?language=en"
    page = bob_client.get(english_url).content.decode()
    assert 'id="consent-interpreter-needed"' in page
    refused = bob_client.post(english_url, {"agrees_to_recording": "on"})
    assert refused.status_code == 200
    assert not ConsentRecord.objects.filter(client=hindi).exists()
    bob_client.post(
        english_url,
        {
            "agrees_to_recording": "on",
            "interpreted_by": "Ms Sharma (volunteer)",
            "interpreted_into": "hi",
        },
    )
    given = ConsentRecord.objects.get(client=hindi)
    assert given.consent_text.language == "en"
    assert (given.interpreted_by, given.interpreted_into) == ("Ms Sharma (volunteer)", "hi")
