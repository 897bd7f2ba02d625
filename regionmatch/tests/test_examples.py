"""Small worked examples whose outcome follows from the definitions by hand."""

from __future__ import annotations

from typing import Any

from regionmatch import explain, parse_document, solve


def run(doc: dict[str, Any], mechanism: str) -> dict[str, str | None]:
    instance = parse_document(doc)
    matching = solve(instance, mechanism)
    return {
        sid: instance.job_ids[j] if j >= 0 else None
        for sid, j in zip(instance.seeker_ids, matching.job_of.tolist(), strict=True)
    }


def two_jobs(first: str, second: str) -> dict[str, Any]:
    # region cap 1, both targets 0: the one spare seat goes to the region's first job
    jobs = {
        "ja": {"id": "ja", "region": "r", "capacity": 1, "target": 0, "ranking": ["a"]},
        "jb": {"id": "jb", "region": "r", "capacity": 1, "target": 0, "ranking": ["b"]},
    }
    return {
        "regions": [{"id": "r", "cap": 1}],
        "jobs": [jobs[first], jobs[second]],
        "seekers": [{"id": "a", "ranking": ["ja"]}, {"id": "b", "ranking": ["jb"]}],
    }


def test_round_robin_follows_the_input_order_of_jobs() -> None:
    # catches: ordering a region's jobs by id or by index in another list
    assert run(two_jobs("ja", "jb"), "fda") == {"a": "ja", "b": None}
    assert run(two_jobs("jb", "ja"), "fda") == {"a": None, "b": "jb"}


WASTE: dict[str, Any] = {
    # Kamada–Kojima's point: JRMP leaves seats empty that FDA fills within the cap
    "regions": [{"id": "rural", "cap": 4}],
    "jobs": [
        {"id": "care", "region": "rural", "capacity": 3, "target": 2, "ranking": ["a", "b", "c"]},
        {"id": "farm", "region": "rural", "capacity": 3, "target": 2, "ranking": ["a", "b", "c"]},
        {"id": "city", "region": "metro", "capacity": 5, "target": 5, "ranking": ["c"]},
    ],
    "seekers": [
        {"id": "a", "ranking": ["care"]},
        {"id": "b", "ranking": ["care"]},
        {"id": "c", "ranking": ["care", "city"]},
    ],
}


def test_fda_fills_what_jrmp_wastes_and_da_ignores_the_cap() -> None:
    # catches: FDA without its spare seats (behaving like JRMP), JRMP using capacities
    assert run(WASTE, "jrmp") == {"a": "care", "b": "care", "c": "city"}
    assert run(WASTE, "fda") == {"a": "care", "b": "care", "c": "care"}
    assert run(WASTE, "da") == {"a": "care", "b": "care", "c": "care"}


def test_region_cap_explanation() -> None:
    # cap 3 here: care takes its target 2 and the one spare seat; c, ranked last, is refused
    # because the region is at its cap although care has a free seat
    doc = {**WASTE, "regions": [{"id": "rural", "cap": 4}]}
    doc["seekers"] = [*WASTE["seekers"], {"id": "d", "ranking": ["farm"]}]
    doc["jobs"] = [dict(j) for j in WASTE["jobs"]]
    doc["jobs"][1]["ranking"] = ["d"]
    doc["jobs"][1]["target"] = 1
    doc["regions"] = [{"id": "rural", "cap": 3}]
    instance = parse_document(doc)
    reasons = explain(instance, solve(instance, "fda"))
    assert run(doc, "fda") == {"a": "care", "b": "care", "c": "city", "d": "farm"}
    assert [(e.job, e.reason, e.message) for e in reasons["c"]] == [
        ("care", "region_cap", "the region had reached its cap")
    ]
    jrmp = explain(instance, solve(instance, "jrmp"))
    assert [(e.job, e.message) for e in jrmp["c"]] == [
        ("care", "the job was full with seekers it ranked higher")
    ]
