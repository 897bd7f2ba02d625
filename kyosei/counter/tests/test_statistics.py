from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from kyosei.counter import access, statistics
from kyosei.counter.tests.factories import consent, make_client, make_consultation
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")
READER = access.Reader(actor=None)


def test_months_follow_the_japanese_fiscal_year_in_tokyo_time(org_a: Organisation) -> None:
    client = make_client(org_a)
    # 23:30 on 31 March in Tokyo is still FY2024 (14:30 UTC); 00:10 on 1 April is FY2025.
    make_consultation(org_a, client, consulted_at=datetime(2025, 3, 31, 23, 30, tzinfo=TOKYO))
    make_consultation(org_a, client, consulted_at=datetime(2025, 4, 1, 0, 10, tzinfo=TOKYO))
    make_consultation(
        org_a,
        client,
        consulted_at=datetime(2025, 12, 1, 9, 0, tzinfo=TOKYO),
        interpreter_mode="phone",
        interpreter_language="pt-BR",
        interpreter_minutes=25,
    )
    fy2024 = statistics.year_statistics(org_a, 2024, reader=READER)
    assert fy2024.table("total").rows[0].months[11] == 1  # March
    fy2025 = statistics.year_statistics(org_a, 2025, reader=READER)
    total = fy2025.table("total").rows[0]
    assert total.months[0] == 1 and total.months[8] == 1 and total.total == 2  # April, Dec
    assert fy2025.month_labels[0] == "2025-04" and fy2025.month_labels[-1] == "2026-03"
    assert fy2025.table("interpreter_minutes").rows[0].total == 25
    assert {row.key: row.total for row in fy2025.table("interpreter").rows} == {"phone": 1}
    assert {row.key: row.total for row in fy2025.table("nationality").rows} == {"BR": 2}


def test_statistics_cost_a_fixed_number_of_queries(
    org_a: Organisation, org_b: Organisation, django_assert_num_queries: object
) -> None:
    client = make_client(org_a)
    consent(client, "nickname")
    for _ in range(5):
        make_consultation(org_a, client)
    year = statistics.fiscal_year_of(datetime.now(TOKYO).date())
    statistics.year_statistics(org_a, year, reader=READER)  # warms the language registry cache
    # One scan for every consultation dimension, one for topics, one for referrals, and the
    # audit row of the read.
    with django_assert_num_queries(4):  # type: ignore[operator]
        statistics.year_statistics(org_a, year, reader=READER)


def test_small_cells_are_suppressed_but_zero_and_minutes_are_not(org_a: Organisation) -> None:
    client = make_client(org_a)
    make_consultation(org_a, client, interpreter_mode="staff", interpreter_minutes=2)
    stats = statistics.year_statistics(
        org_a,
        statistics.fiscal_year_of(datetime.now(TOKYO).date()),
        for_sharing=True,
        reader=READER,
    )
    total = stats.table("total").rows[0]
    assert total.total == "x"
    assert 0 in total.months
    assert stats.table("interpreter_minutes").rows[0].total == 2
