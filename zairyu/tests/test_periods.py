"""民法 140条 (first day not counted) and 143条 (months/years end the day before the
corresponding date, or on the month's last day when there is none): e-Gov 民法
https://laws.e-gov.go.jp/law/129AC0000000089 (text as quoted in the report)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zairyu import periods


@pytest.mark.parametrize(
    ("event", "months", "end"),
    [
        # 143条2項 本文: from 1/15 (counting starts 1/16) one month ends 2/15 (day before 2/16)
        (date(2027, 1, 15), 1, date(2027, 2, 15)),
        # the special-period example: expiry 8/31 + 2 months ends 10/31
        (date(2027, 8, 31), 2, date(2027, 10, 31)),
        # counting starts 1/31; February has no 31st: 143条2項ただし書 → last day of February
        (date(2027, 1, 30), 1, date(2027, 2, 28)),
        (date(2028, 1, 30), 1, date(2028, 2, 29)),  # leap year
        # expiry 2028-02-29: counting starts 3/1, two months end 4/30
        (date(2028, 2, 29), 2, date(2028, 4, 30)),
        # 2028-02-28 + 1 year: counting starts 2/29; 2029 has no 2/29 → 2029-02-28
        (date(2028, 2, 28), 12, date(2029, 2, 28)),
        (date(2026, 12, 31), 3, date(2027, 3, 31)),
    ],
)
def test_months_follow_civil_code_143(event: date, months: int, end: date) -> None:
    # catches: counting the first day (140条), ending on the corresponding day itself, or
    # rolling a missing 29–31 into the next month instead of the month's last day
    assert periods.end_of_months(event, months) == end


def test_days_do_not_count_the_first_day_140() -> None:
    # moved on 12/1: the 14 days are 12/2..12/15 (catches counting 12/1 itself)
    assert periods.end_of_days(date(2026, 12, 1), 14) == date(2026, 12, 15)
    assert periods.end_of_days(date(2028, 2, 20), 14) == date(2028, 3, 5)


def test_months_before_clamps_to_month_end() -> None:
    # extension window for expiry 2028-05-31: February 2028 has no 31st → 2028-02-29
    assert periods.months_before(date(2028, 5, 31), 3) == date(2028, 2, 29)
    assert periods.months_before(date(2027, 3, 31), 3) == date(2026, 12, 31)
    assert periods.months_before(date(2028, 2, 29), 2) == date(2027, 12, 29)


def test_zero_periods_are_refused() -> None:
    with pytest.raises(ValueError):
        periods.end_of_months(date(2027, 1, 1), 0)
    with pytest.raises(ValueError):
        periods.end_of_days(date(2027, 1, 1), 0)


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@given(dates, st.integers(min_value=1, max_value=120))
def test_month_period_is_after_event_and_within_the_target_month(event: date, months: int) -> None:
    end = periods.end_of_months(event, months)
    assert end > event
    start = event + timedelta(days=1)
    index = start.year * 12 + start.month - 1 + months
    target = (index // 12, index % 12 + 1)
    # ends in the target month, or on the last day of the month before when the start was the 1st
    assert (end.year, end.month) == target or (end + timedelta(days=1)).day == 1


@given(dates, st.integers(min_value=1, max_value=60))
def test_longer_periods_never_end_earlier(event: date, months: int) -> None:
    assert periods.end_of_months(event, months) <= periods.end_of_months(event, months + 1)


@given(dates, st.integers(min_value=1, max_value=400))
def test_day_period_counts_exactly_n_days(event: date, days: int) -> None:
    assert (periods.end_of_days(event, days) - event).days == days


@given(dates, st.integers(min_value=1, max_value=24))
def test_months_before_is_before_and_in_the_right_month(day: date, months: int) -> None:
    earlier = periods.months_before(day, months)
    assert earlier < day
    assert (day.year * 12 + day.month) - (earlier.year * 12 + earlier.month) == months
