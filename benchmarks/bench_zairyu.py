"""Issue 15: timelines for 100 000 residents (a counter's batch) through the zairyu engine.

Builds 100 000 varied requests (statuses, periods, 0–3 events), then times parse_case +
build_timeline + to_json for all of them in one process. Prints the total, the per-resident
time and the rate; no target is asserted here (the issue asks to report the figure).
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from zairyu import build_timeline, parse_case  # noqa: E402

N = 100_000
STATUSES = [
    ("技術・人文知識・国際業務", "P1Y"),
    ("留学", "P2Y"),
    ("家族滞在", "P1Y"),
    ("日本人の配偶者等", "P3Y"),
    ("特定技能1号", "P1Y"),
    ("定住者", "P5Y"),
    ("永住者", "indefinite"),
    ("短期滞在", "P90D"),
]
EVENTS = ["moved", "employer_changed", "employer_left", "spouse_divorced", "card_lost"]


def requests(rng: random.Random) -> list[dict[str, object]]:
    today = date(2026, 12, 7)
    out: list[dict[str, object]] = []
    for _ in range(N):
        status, period = rng.choice(STATUSES)
        expiry = None if period == "indefinite" else today + timedelta(days=rng.randint(-30, 900))
        events: list[dict[str, object]] = [
            {
                "type": rng.choice(EVENTS),
                "date": (today - timedelta(days=rng.randint(0, 200))).isoformat(),
            }
            for _ in range(rng.randint(0, 3))
        ]
        if rng.random() < 0.1:
            events.append({"type": "left_japan", "date": "2026-11-01", "reentry": "special"})
        out.append(
            {
                "today": today.isoformat(),
                "status": status,
                "period_of_stay": period,
                "expiry": expiry.isoformat() if expiry else None,
                "birth_date": date(1960 + rng.randint(0, 55), rng.randint(1, 12), 1).isoformat(),
                "card_expiry": None,
                "events": events,
            }
        )
    return out


def main() -> int:
    batch = requests(random.Random(15))
    started = time.perf_counter()
    deadlines = 0
    for raw in batch:
        deadlines += len(build_timeline(parse_case(raw)).to_json("ja")["deadlines"])
    elapsed = time.perf_counter() - started
    print(
        f"zairyu: {N} timelines in {elapsed:.2f} s ({elapsed / N * 1e6:.1f} µs each, "
        f"{N / elapsed:,.0f}/s), {deadlines} deadlines"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
