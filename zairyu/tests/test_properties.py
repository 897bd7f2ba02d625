"""Properties over random residents: no deadline precedes its event; windows open before closing."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from zairyu import build_timeline, parse_case
from zairyu.inputs import EVENT_TYPES

STATUSES = [
    "技術・人文知識・国際業務",
    "留学",
    "日本人の配偶者等",
    "家族滞在",
    "定住者",
    "永住者",
    "特別永住者",
]
PERIODS = ["P15D", "P30D", "P31D", "P3M", "P6M", "P1Y", "P3Y", "P5Y"]
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


@st.composite
def cases(draw: st.DrawFn) -> dict[str, object]:
    status = draw(st.sampled_from(STATUSES))
    indefinite = status in ("永住者", "特別永住者")
    today = draw(days)
    expiry = today + timedelta(days=draw(st.integers(-120, 2000)))
    events: list[dict[str, object]] = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(sorted(EVENT_TYPES)))
        event: dict[str, object] = {"type": kind, "date": draw(days).isoformat()}
        if kind == "left_japan":
            event["reentry"] = draw(st.sampled_from(["special", "permit"]))
            until = date.fromisoformat(str(event["date"])) + timedelta(
                days=draw(st.integers(0, 1800))
            )
            event["permit_until"] = until.isoformat()
        events.append(event)
    return {
        "today": today.isoformat(),
        "status": status,
        "period_of_stay": "indefinite" if indefinite else draw(st.sampled_from(PERIODS)),
        "expiry": None if indefinite else expiry.isoformat(),
        "birth_date": draw(st.dates(date(1950, 1, 1), min(today, expiry))).isoformat(),
        "card_expiry": None,
        "events": events,
    }


@settings(max_examples=150, deadline=None)
@given(cases())
def test_deadlines_never_precede_their_event(raw: dict[str, object]) -> None:
    timeline = build_timeline(parse_case(raw))
    for deadline in timeline.deadlines:
        if deadline.event is None:
            continue
        if deadline.kind == "reentry_return_by":  # may be the departure day when expiry is then
            assert deadline.date >= deadline.event.date, deadline
        else:
            assert deadline.date > deadline.event.date, deadline
    # a deadline's overdue flag is exactly "before today"
    for item in timeline.to_json("en")["deadlines"]:
        assert item["overdue"] == (item["date"] < raw["today"])  # ISO dates sort as text


@settings(max_examples=150, deadline=None)
@given(cases())
def test_windows_open_before_they_close(raw: dict[str, object]) -> None:
    timeline = build_timeline(parse_case(raw))
    by_kind: dict[str, list[date]] = {}
    for deadline in timeline.deadlines:
        by_kind.setdefault(deadline.kind, []).append(deadline.date)
    for opens, closes in (
        ("extension_window_opens", "period_of_stay_expires"),
        ("card_renewal_window_opens", "card_expires"),
        ("period_of_stay_expires", "special_period_ends"),
    ):
        for opening in by_kind.get(opens, []):
            assert all(opening < closing for closing in by_kind.get(closes, [])), (opens, closes)
