"""Demo world: two municipalities, the national centre, and alice, bob and charlie.

Only for trying Kyosei out: loading refuses to run unless DEBUG is on.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from kyosei.accounts.models import User
from kyosei.accounts.services import set_demo_totp
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role


class DemoRefused(RuntimeError):
    pass


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    totp_base32: str
    memberships: tuple[tuple[str, str], ...]


ORGANISATIONS: list[dict[str, Any]] = [
    {
        "slug": "hamamatsu",
        "name": "浜松市 多文化共生センター",
        "name_en": "Hamamatsu Intercultural Center",
        "kind": Organisation.Kind.MUNICIPALITY,
        "prefecture": "22",
        "address": "静岡県浜松市中央区",
        "phone": "053-000-0000",
        # Hamamatsu Intercultural Center, by Hamamatsu station (砂山町).
        "latitude": 34.7036,
        "longitude": 137.7327,
        "languages_offered": ["ja", "ja-x-easy", "pt-BR", "es", "fil", "vi", "en", "zh-Hans"],
        "jma_codes": {"2213001": "浜松市南部", "2213002": "浜松市北部"},
    },
    {
        "slug": "oizumi",
        "name": "大泉町 外国人相談窓口",
        "name_en": "Oizumi Town Foreign Resident Consultation",
        "kind": Organisation.Kind.MUNICIPALITY,
        "prefecture": "10",
        "address": "群馬県邑楽郡大泉町",
        "phone": "0276-00-0000",
        "latitude": 36.2479,  # Oizumi town hall (日の出)
        "longitude": 139.4049,
        "languages_offered": ["ja", "ja-x-easy", "pt-BR", "es", "ne", "vi"],
        "jma_codes": {"1052400": "大泉町"},
    },
    {
        "slug": "national-centre",
        "name": "外国人在留支援センター（デモ）",
        "name_en": "Foreign Residents Support Center (demo)",
        "kind": Organisation.Kind.NATIONAL_CENTRE,
        "prefecture": "13",
        "address": "東京都新宿区",
        "phone": "0570-000-000",
        "latitude": 35.6863,  # FRESC, Yotsuya (新宿区四谷)
        "longitude": 139.7294,
        "languages_offered": ["ja", "ja-x-easy", "en", "zh-Hans", "ko", "vi", "ne", "id", "th"],
        "jma_codes": {},
    },
]

USERS = [
    DemoUser(
        "alice",
        "kyosei-demo-alice",
        "ALICEKYOSEIDEMOAAAAAAAAAAAAAAAAA",
        (
            ("hamamatsu", Role.ORG_ADMIN),
            ("hamamatsu", Role.AUDITOR),
            ("hamamatsu", Role.SUPERVISOR),
            ("national-centre", Role.EDITOR),
        ),
    ),
    DemoUser(
        "bob",
        "kyosei-demo-bob",
        "BOBKYOSEIDEMOBBBBBBBBBBBBBBBBBBB",
        (("hamamatsu", Role.COUNTER_STAFF), ("hamamatsu", Role.TRANSLATOR)),
    ),
    DemoUser(
        "charlie",
        "kyosei-demo-charlie",
        "CHARLIEKYOSEIDEMOCCCCCCCCCCCCCCC",
        (("oizumi", Role.COUNTER_STAFF), ("oizumi", Role.ORG_ADMIN)),
    ),
]


@transaction.atomic
def load_demo() -> list[str]:
    """Create what is missing; running it again changes nothing."""
    if not settings.DEBUG:
        raise DemoRefused("Demo data is only loaded when DEBUG is on (never in production).")
    created: list[str] = []
    by_slug: dict[str, Organisation] = {}
    for spec in ORGANISATIONS:
        existing = Organisation.objects.filter(slug=spec["slug"]).first()
        if existing is None:
            details = {k: v for k, v in spec.items() if k not in {"slug", "name", "kind"}}
            existing = org_services.create_organisation(
                actor=None,
                slug=str(spec["slug"]),
                name=str(spec["name"]),
                kind=str(spec["kind"]),
                **details,
            )
            created.append(f"organisation {existing.slug}")
        elif existing.latitude is None and "latitude" in spec:
            # Demo databases made before organisations had coordinates get them too.
            existing.latitude, existing.longitude = spec["latitude"], spec["longitude"]
            existing.save(update_fields=["latitude", "longitude"])
        by_slug[existing.slug] = existing
    for demo in USERS:
        user = User.objects.filter(username=demo.username).first()
        if user is None:
            user = User.objects.create_user(
                username=demo.username,
                email=f"{demo.username}@example.org",
                password=demo.password,
            )
            created.append(f"user {demo.username}")
        set_demo_totp(user=user, base32_key=demo.totp_base32)
        for slug, role in demo.memberships:
            org_services.grant_role(actor=None, organisation=by_slug[slug], user=user, role=role)
    return created
