"""What a resident holds after a referral: the handoff card and the public page its QR code
opens. Both name the receiving office in the resident's language, with its address, phone,
hours and languages by name, and say what to bring. The public page shows nothing of the
case: no name, no snapshot, no staff link; only where to go, for a code nobody can guess."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation

from kyosei.core.languages import registry
from kyosei.counter.labels import language_name
from kyosei.counter.models import Referral

# The directory names languages as offices list them ("pt", "zh", "tl"); residents read the
# names of the variants Kyosei serves.
DIRECTORY_CODES = {"pt": "pt-BR", "zh": "zh-Hans", "tl": "fil"}


def languages_by_name(codes: list[str]) -> list[str]:
    return [language_name(DIRECTORY_CODES.get(code, code)) for code in codes]


@dataclass(frozen=True)
class Receiver:
    name: str  # in the resident's language when the directory has it
    official_name: str  # the Japanese name the office itself uses
    address: str
    phone: str
    hours: str
    website: str
    languages: list[str]  # by name, in the resident's language


def page_language(code: str) -> str:
    """The served language the resident's page opens in: theirs, else the platform's
    fallback for it (English, then Japanese, for a language Kyosei does not serve yet)."""
    chain = registry().fallback_chain(code)
    return chain[0] if chain else "en"


def public_path(referral: Referral) -> str:
    """The path the card's QR code opens, in the resident's language."""
    with translation.override(page_language(referral.client_language)):
        return reverse("counter_public:referral", kwargs={"code": referral.code})


def receiver_for(referral: Referral, language: str) -> Receiver:
    with translation.override(language):
        if referral.to_organisation is not None:
            org = referral.to_organisation
            return Receiver(
                name=org.translated("name", language),
                official_name=org.name,
                address=org.translated("address", language),
                phone=org.phone,
                hours="",
                website=org.website,
                languages=languages_by_name(org.languages_offered),
            )
        agency = referral.to_agency
        if agency is None:  # the database's check constraint: one receiver or the other
            raise ValueError(f"referral {referral.pk} has no receiver")
        return Receiver(
            name=agency.translated("name", language),
            official_name=agency.name,
            address=agency.translated("address", language),
            phone=agency.phone,
            hours=agency.translated("hours", language),
            website=agency.website,
            languages=languages_by_name(agency.languages),
        )


def public_referral(code: str) -> Referral | None:
    """The referral a card's code names, while it still leads somewhere: not declined,
    closed or returned, and the client not erased (after erasure the code leads nowhere)."""
    if not code.isalnum() or len(code) > 12:
        return None
    return (
        Referral.objects.filter(code=code.upper(), client__anonymised_at__isnull=True)
        .exclude(
            status__in=[
                Referral.Status.DECLINED,
                Referral.Status.CLOSED,
                Referral.Status.RETURNED,
            ]
        )
        .select_related("to_organisation", "to_agency")
        .only(
            "id",
            "code",
            "status",
            "client_language",
            "created_at",
            "to_organisation",
            "to_agency",
        )
        .first()
    )
