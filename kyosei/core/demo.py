"""Demo world: two municipalities, the national centre, and alice, bob and charlie.

Only for trying Kyosei out: loading refuses to run unless DEBUG is on.
"""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
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


# The demo counters are real public offices; their details, in every language, are data
# (kyosei/core/data/demo_counters.json, each with the official page it was taken from).
DEMO_COUNTERS = Path(__file__).resolve().parent / "data" / "demo_counters.json"
ORGANISATIONS: list[dict[str, Any]] = json.loads(DEMO_COUNTERS.read_text(encoding="utf-8"))
# Demo databases made before the real details carry these invented numbers: replace them.
OLD_PLACEHOLDER_PHONES = {"053-000-0000", "0276-00-0000", "0570-000-000"}
NOT_DETAILS = {"slug", "name", "kind", "jma_codes", "hours", "source"}
HOURS_FROM = date(2026, 1, 1)

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
            # The centre answers the counters' referrals: the escalation walk in the demo.
            ("national-centre", Role.COUNTER_STAFF),
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
            details = {k: v for k, v in spec.items() if k not in NOT_DETAILS}
            existing = org_services.create_organisation(
                actor=None,
                slug=str(spec["slug"]),
                name=str(spec["name"]),
                kind=str(spec["kind"]),
                jma_codes=spec["jma_codes"],
                **details,
            )
            created.append(f"organisation {existing.slug}")
        elif existing.phone in OLD_PLACEHOLDER_PHONES:
            changes = {k: v for k, v in spec.items() if k in org_services.ADMIN_FIELDS}
            org_services.update_organisation(actor=None, organisation=existing, changes=changes)
            created.append(f"real details for {existing.slug}")
        elif existing.latitude is None:
            # Demo databases made before organisations had coordinates get them too.
            org_services.update_organisation(
                actor=None,
                organisation=existing,
                changes={"latitude": spec["latitude"], "longitude": spec["longitude"]},
            )
        _demo_hours(existing, spec["hours"])
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
    _demo_routes(by_slug, created)
    return created


def _demo_routes(by_slug: dict[str, Organisation], created: list[str]) -> None:
    """Reports from Shizuoka and Gunma reach the demo counters there (bob and charlie see
    them); every other report goes to the national centre, the default."""
    from kyosei.reporting import services as reporting
    from kyosei.reporting.models import Route

    for prefecture, slug in (("22", "hamamatsu"), ("10", "oizumi")):
        if not Route.objects.filter(prefecture=prefecture, category="").exists():
            reporting.set_route(
                actor=None, prefecture=prefecture, category="", organisation=by_slug[slug]
            )
            created.append(f"report route {prefecture} → {slug}")


def _demo_hours(organisation: Organisation, texts: dict[str, str]) -> None:
    """Opening hours are the guide's `counter-hours` fact (text per language)."""
    from kyosei.guide import services as guide_services
    from kyosei.guide.models import Fact
    from kyosei.guide.reader import COUNTER_HOURS_KEY

    if not texts or Fact.objects.filter(organisation=organisation, key=COUNTER_HOURS_KEY).exists():
        return
    guide_services.set_fact(
        actor=None,
        organisation=organisation,
        key=COUNTER_HOURS_KEY,
        kind=Fact.Kind.TEXT,
        effective_from=HOURS_FROM,
        texts=texts,
        description="Opening hours of the counter",
        source_url=organisation.website,
    )
