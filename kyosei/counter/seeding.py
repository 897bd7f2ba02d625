"""Synthetic clients and consultations for demos and benchmarks; nothing from the internet.

Every narrative carries CANARY so tests can prove the database never holds one in clear.
Rows are written with bulk_create in batches, so a million consultations is minutes, not hours.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kyosei.audit.services import record
from kyosei.counter import crypto
from kyosei.counter.choices import Channel, InterpreterMode, Outcome, Proficiency, Topic
from kyosei.counter.matching import search_key
from kyosei.counter.models import Client, Consultation, ConsultationTopic
from kyosei.counter.services import new_code
from kyosei.orgs.models import Organisation

CANARY = "KYOSEI-PLAINTEXT-CANARY"

# (nationality, language, status of residence choices, weight): roughly the mix a
# municipal counter in a manufacturing town sees.
PROFILES = (
    ("BR", "pt-BR", ("permanent_resident", "long_term_resident", "spouse_of_japanese"), 22),
    ("VN", "vi", ("technical_intern", "ssw1", "engineer_humanities", "student"), 20),
    ("CN", "zh-Hans", ("permanent_resident", "engineer_humanities", "student", "dependent"), 16),
    ("PH", "fil", ("permanent_resident", "spouse_of_japanese", "long_term_resident"), 12),
    ("NP", "ne", ("dependent", "student", "skilled_labor"), 7),
    ("ID", "id", ("technical_intern", "ssw1"), 6),
    ("KR", "ko", ("special_permanent_resident", "permanent_resident"), 5),
    ("PE", "es", ("long_term_resident", "permanent_resident"), 4),
    ("MM", "my", ("ssw1", "technical_intern", "designated_activities"), 3),
    ("US", "en", ("engineer_humanities", "instructor"), 2),
    ("TH", "th", ("spouse_of_japanese", "ssw1"), 2),
    ("XX", "en", ("other", "unknown"), 1),
)
TOPIC_WEIGHTS = {
    Topic.TAX: 14,
    Topic.PROCEDURES: 13,
    Topic.SOCIAL_INSURANCE: 12,
    Topic.RESIDENCE: 11,
    Topic.INTERPRETATION: 10,
    Topic.EMPLOYMENT: 8,
    Topic.MEDICAL: 6,
    Topic.CHILDBIRTH_CHILDCARE: 5,
    Topic.EDUCATION: 4,
    Topic.HOUSING: 4,
    Topic.WELFARE: 3,
    Topic.DAILY_LIFE: 3,
    Topic.FAMILY: 2,
    Topic.JAPANESE_LANGUAGE: 2,
    Topic.CONSUMER: 1,
    Topic.OTHER: 2,
}
CHANNEL_WEIGHTS = {
    Channel.VISIT: 55,
    Channel.PHONE: 30,
    Channel.EMAIL: 6,
    Channel.VIDEO: 5,
    Channel.CHAT: 4,
}
NICKNAME_LETTERS = "ABCDEFGHIJKLMNOPRSTUVWY"
NARRATIVES = (
    "Came with a letter from the city office about {topic}; explained the steps and the deadline.",
    "Asked about {topic}. Gave the leaflet in their language and booked a follow-up call.",
    "{topic}: employer has not answered; suggested the consultation desk and wrote a memo.",
    "Phoned about {topic}; interpreter joined, resident understood the next step.",
    "Brought documents for {topic}; checked them together, two items missing.",
)
NARRATIVE_POOL = 256


def default_organisation() -> Organisation:
    """The first municipality, created when none exists (a fresh demo database)."""
    found = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).order_by("pk").first()
    if found:
        return found
    return Organisation.objects.create(
        slug="demo-counter",
        name="デモ市 多文化共生センター",
        name_en="Demo City multicultural centre",
        kind=Organisation.Kind.MUNICIPALITY,
        prefecture="22",
    )


def seed(
    *,
    organisation: Organisation,
    consultations: int,
    clients: int | None = None,
    batch_size: int = 5000,
    seed_value: int = 6,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Create `consultations` consultations over ~2 years for new synthetic clients."""
    rng = random.Random(seed_value)  # noqa: S311  # synthetic data, not security
    client_count = clients or max(1, consultations // 3)
    now = timezone.now()
    profiles = [p for p in PROFILES for _ in range(p[3])]
    # A pool of encrypted narratives: Fernet per row dominates seeding time otherwise, and
    # each token still decrypts to a text carrying the canary.
    topics = list(TOPIC_WEIGHTS)
    topic_weights = list(TOPIC_WEIGHTS.values())
    pool = [
        crypto.encrypt_text(
            f"{rng.choice(NARRATIVES).format(topic=rng.choice(topics).label)} [{CANARY} #{i}]"
        )
        for i in range(NARRATIVE_POOL)
    ]

    created_clients: list[Client] = []
    for start in range(0, client_count, batch_size):
        rows = []
        for _ in range(start, min(client_count, start + batch_size)):
            nationality, language, statuses, _weight = rng.choice(profiles)
            nickname = f"{rng.choice(NICKNAME_LETTERS)}.{rng.choice(NICKNAME_LETTERS)}."
            reference = new_code()
            rows.append(
                Client(
                    organisation=organisation,
                    reference=reference,
                    reference_reversed=reference[::-1],
                    nickname=nickname,
                    nickname_key=search_key(nickname),
                    nationality=nationality,
                    preferred_language=language,
                    languages=[
                        {"language": language, "proficiency": Proficiency.NATIVE},
                        {
                            "language": "ja",
                            "proficiency": rng.choice(Proficiency.values[1:]),
                        },
                    ],
                    status_of_residence=rng.choice(statuses),
                    municipality=organisation.name,
                    created_at=now,
                )
            )
        with transaction.atomic():
            created_clients.extend(Client.objects.bulk_create(rows))

    channels = list(CHANNEL_WEIGHTS)
    channel_weights = list(CHANNEL_WEIGHTS.values())
    span = timedelta(days=730).total_seconds()
    done = 0
    while done < consultations:
        count = min(batch_size, consultations - done)
        batch: list[Consultation] = []
        for _ in range(count):
            client = rng.choice(created_clients)
            chosen = sorted(
                {
                    str(t)
                    for t in rng.choices(topics, topic_weights, k=rng.choice((1, 1, 1, 2, 2, 3)))
                }
            )
            interpreter = (
                rng.choice(InterpreterMode.values[1:])
                if client.preferred_language not in ("ja", "en") and rng.random() < 0.35
                else InterpreterMode.NONE
            )
            consultation = Consultation(
                organisation=organisation,
                client=client,
                consulted_at=now - timedelta(seconds=rng.random() * span),
                channel=rng.choices(channels, channel_weights)[0],
                topics=chosen,
                language=client.preferred_language if interpreter == "none" else "ja",
                interpreter_mode=interpreter,
                interpreter_language=client.preferred_language if interpreter != "none" else "",
                interpreter_minutes=rng.randint(5, 40) if interpreter != "none" else 0,
                outcome=rng.choice(Outcome.values),
                minutes_spent=rng.randint(5, 60),
                nationality=client.nationality,
                status_of_residence=client.status_of_residence,
            )
            batch.append(consultation)
        with transaction.atomic():
            created = _bulk_create_with_tokens(batch, pool, rng)
            ConsultationTopic.objects.bulk_create(
                [
                    ConsultationTopic(
                        consultation_id=c.pk,
                        organisation=organisation,
                        consulted_at=c.consulted_at,
                        topic=topic,
                    )
                    for c in created
                    for topic in c.topics
                ],
                batch_size=batch_size,
            )
        done += count
        if progress:
            progress(done, consultations)
    # last_consulted_at per client, for the retention job, in one statement per batch.
    from django.db.models import Max, OuterRef, Subquery

    latest = (
        Consultation.objects.filter(client=OuterRef("pk"))
        .order_by()
        .values("client")
        .annotate(last=Max("consulted_at"))
        .values("last")
    )
    Client.objects.filter(organisation=organisation, last_consulted_at__isnull=True).update(
        last_consulted_at=Subquery(latest)
    )
    record(
        actor=None,
        action="counter.seed",
        organisation=organisation,
        data={"clients": len(created_clients), "consultations": consultations},
    )
    return len(created_clients), consultations


def _bulk_create_with_tokens(
    batch: list[Consultation], pool: list[str], rng: random.Random
) -> list[Consultation]:
    for consultation in batch:
        consultation.narrative = crypto.Ciphertext(rng.choice(pool))
    return Consultation.objects.bulk_create(batch)
