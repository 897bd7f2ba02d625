"""Brute force on the raw document (ids, no engine code): every matching, and which are stable.

Written from the definitions only, so the engine's checks and mechanisms are judged by something
that shares none of their code.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

Assignment = dict[str, str | None]


def rank(ranking: list[str], item: str) -> int:
    return ranking.index(item) if item in ranking else -1


def mutual(doc: dict[str, Any], seeker: str, job: str) -> bool:
    s = next(x for x in doc["seekers"] if x["id"] == seeker)
    j = next(x for x in doc["jobs"] if x["id"] == job)
    return job in s["ranking"] and seeker in j["ranking"]


def capacities(doc: dict[str, Any], mechanism: str) -> dict[str, int]:
    key = "target" if mechanism == "jrmp" else "capacity"
    return {j["id"]: j[key] for j in doc["jobs"]}


def caps(doc: dict[str, Any]) -> dict[str, int]:
    return {r["id"]: r["cap"] for r in doc["regions"]}


def all_matchings(doc: dict[str, Any], mechanism: str) -> Iterator[Assignment]:
    """Every individually rational matching within the mechanism's capacities (and the regional
    caps for fda)."""
    seekers = [s["id"] for s in doc["seekers"]]
    options = [
        [None, *[j for j in s["ranking"] if mutual(doc, s["id"], j)]] for s in doc["seekers"]
    ]
    cap = capacities(doc, mechanism)
    region_of = {j["id"]: j["region"] for j in doc["jobs"]}
    region_cap = caps(doc)
    for combo in itertools.product(*options):
        held: dict[str, int] = {}
        for job in combo:
            if job is not None:
                held[job] = held.get(job, 0) + 1
        if any(n > cap[j] for j, n in held.items()):
            continue
        if mechanism == "fda":
            fill: dict[str, int] = {}
            for j, n in held.items():
                fill[region_of[j]] = fill.get(region_of[j], 0) + n
            if any(r in region_cap and n > region_cap[r] for r, n in fill.items()):
                continue
        yield dict(zip(seekers, combo, strict=True))


def blocking(doc: dict[str, Any], match: Assignment, mechanism: str) -> list[tuple[str, str, bool]]:
    """(seeker, job, allowed by Kamada–Kojima weak stability) for every blocking pair."""
    cap = capacities(doc, mechanism)
    jobs = {j["id"]: j for j in doc["jobs"]}
    region_cap = caps(doc)
    pairs = []
    for s in doc["seekers"]:
        for job in s["ranking"]:
            if match[s["id"]] == job:
                break
            if not mutual(doc, s["id"], job):
                continue
            ranking = jobs[job]["ranking"]
            holders = [x for x, m in match.items() if m == job]
            better_held = all(rank(ranking, x) < rank(ranking, s["id"]) for x in holders)
            if len(holders) < cap[job] or not better_held:
                region = jobs[job]["region"]
                region_fill = sum(
                    1 for m in match.values() if m is not None and jobs[m]["region"] == region
                )
                allowed = better_held and region in region_cap and region_fill >= region_cap[region]
                pairs.append((s["id"], job, allowed))
    return pairs


def stable(doc: dict[str, Any], match: Assignment, mechanism: str) -> bool:
    return not blocking(doc, match, mechanism)


def weakly_stable(doc: dict[str, Any], match: Assignment) -> bool:
    return all(allowed for _, _, allowed in blocking(doc, match, "fda"))


def prefers(doc: dict[str, Any], seeker: str, a: str | None, b: str | None) -> bool:
    """Seeker strictly prefers a to b (None = unmatched, below every listed job; a job the
    seeker did not list is below being unmatched)."""
    ranking = next(x for x in doc["seekers"] if x["id"] == seeker)["ranking"]

    def position(job: str | None) -> int:
        if job is None:
            return len(ranking)
        return ranking.index(job) if job in ranking else len(ranking) + 1

    return position(a) < position(b)


def seeker_optimal_stable(doc: dict[str, Any], mechanism: str) -> Assignment:
    """The stable matching every seeker weakly prefers to every other stable matching."""
    stables = [m for m in all_matchings(doc, mechanism) if stable(doc, m, mechanism)]
    assert stables, "a stable matching always exists without caps"
    best = [m for m in stables if all(not prefers(doc, s, o[s], m[s]) for o in stables for s in m)]
    assert len(best) == 1
    return best[0]
