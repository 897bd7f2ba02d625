"""Facts as data: dated values, local overrides, formatting per language, history kept."""

from datetime import date

import pytest

from kyosei.guide import render, services
from kyosei.guide.models import FactValue
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_value_in_force_on_a_day(db: None) -> None:
    services.set_fact(
        actor=None, key="fee", kind="yen", effective_from=date(1990, 6, 1), number=4000
    )
    services.set_fact(
        actor=None, key="fee", kind="yen", effective_from=date(2025, 4, 1), number=6000
    )
    assert render.current_facts(None, date(2025, 3, 31))["fee"].number == 4000
    assert render.current_facts(None, date(2025, 4, 1))["fee"].number == 6000
    assert FactValue.objects.count() == 2  # history is kept


def test_local_value_overrides_national(org_a: Organisation) -> None:
    services.set_fact(
        actor=None,
        key="hours",
        kind="text",
        effective_from=date(2020, 1, 1),
        texts={"ja": "9時〜17時", "en": "9:00–17:00"},
    )
    services.set_fact(
        actor=None,
        key="hours",
        kind="text",
        effective_from=date(2021, 1, 1),
        organisation=org_a,
        texts={"ja": "8時30分〜17時15分", "en": "8:30–17:15", "pt-BR": "8h30–17h15"},
    )
    national = render.current_facts(None)
    local = render.current_facts(org_a.pk)
    assert render.format_fact(national["hours"], "en") == "9:00–17:00"
    assert render.format_fact(local["hours"], "pt-BR") == "8h30–17h15"
    assert render.format_fact(local["hours"], "vi") == "8:30–17:15"  # vi → en fallback
    assert render.format_fact(local["hours"], "ja-x-easy") == "8時30分〜17時15分"


def test_formatting_per_language(db: None) -> None:
    services.set_fact(
        actor=None, key="grant", kind="yen", effective_from=date(2023, 4, 1), number=500000
    )
    fact = render.current_facts(None)["grant"]
    assert render.format_fact(fact, "ja") == "500,000"
    assert render.format_fact(fact, "en") == "500,000"
    assert render.format_fact(fact, "pt-BR") == "500.000"
    assert render.format_fact(fact, "ja", since=True) == "2023年4月1日"
    text = "{{ fact:grant }}円（{{ fact:grant.since }}から）{{ fact:unknown }}"
    assert (
        render.substitute_facts(text, "ja", {"grant": fact})
        == "500,000円（2023年4月1日から）{{ fact:unknown }}"
    )


def test_fact_change_is_audited_and_search_follows(national: Organisation) -> None:
    from kyosei.audit.models import AuditEvent
    from kyosei.guide import search

    services.set_fact(
        actor=None, key="days", kind="days", effective_from=date(2012, 7, 9), number=14
    )
    article = services.create_article(
        actor=None, organisation=national, slug="d", chapter="municipal", source_language="en"
    )
    services.save_revision(
        actor=None,
        article=article,
        language="en",
        title="Deadline",
        body="Within {{ fact:days }} days.",
        publish=True,
    )
    assert search.search("within 14 days", ["en"])
    services.set_fact(
        actor=None, key="days", kind="days", effective_from=date(2020, 1, 1), number=21
    )
    assert search.search("within 21 days", ["en"]) and not search.search("within 14 days", ["en"])
    assert AuditEvent.objects.filter(action="guide.fact_set").count() == 2


def test_counter_hours_are_a_fact_in_the_directory_and_api(
    org_a: Organisation, alice_client: object
) -> None:
    from django.test import Client

    assert isinstance(alice_client, Client)
    org_a.languages_offered = ["pt-BR"]
    org_a.save(update_fields=["languages_offered"])
    response = alice_client.post(
        f"/en/staff/o/{org_a.slug}/guide/facts/",
        {
            "key": "counter-hours",
            "kind": "text",
            "effective_from": "2026-01-01",
            "language": "pt-BR",
            "text": "Seg–Sex 8h30–17h15",
        },
    )
    assert response.status_code == 302
    alice_client.post(
        f"/en/staff/o/{org_a.slug}/guide/facts/",
        {
            "key": "counter-hours",
            "kind": "text",
            "effective_from": "2026-01-01",
            "language": "en",
            "text": "Mon–Fri 8:30–17:15",
        },
    )
    client = Client()
    assert "Seg–Sex 8h30–17h15" in client.get("/pt-BR/counters/").content.decode()
    assert "Mon–Fri 8:30–17:15" in client.get("/vi/counters/").content.decode()
    data = client.get("/api/v1/guide/counters", {"lang": "pt-BR"}).json()
    assert data[0]["hours"] == "Seg–Sex 8h30–17h15"
    page = alice_client.get(f"/en/staff/o/{org_a.slug}/guide/facts/").content.decode()
    assert "counter-hours" in page


def test_only_the_national_centre_sets_national_facts(
    org_a: Organisation, alice_client: object
) -> None:
    from django.test import Client

    from kyosei.guide.models import Fact

    assert isinstance(alice_client, Client)
    alice_client.post(
        f"/en/staff/o/{org_a.slug}/guide/facts/",
        {
            "key": "address-change-deadline",
            "kind": "days",
            "effective_from": "2026-01-01",
            "value": "21",
        },
    )
    assert Fact.objects.get(key="address-change-deadline").organisation == org_a
