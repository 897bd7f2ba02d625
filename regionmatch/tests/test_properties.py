"""Property tests on thousands of small random instances against the brute-force oracle."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
from hypothesis import given, settings

from regionmatch import (
    explain,
    feasibility_problems,
    is_stable,
    is_weakly_stable,
    matching_from,
    parse_document,
    solve,
)
from regionmatch.reference import fda_rounds

from . import oracle
from .strategies import documents


def assignment(doc: dict[str, Any], mechanism: str) -> oracle.Assignment:
    instance = parse_document(doc)
    matching = solve(instance, mechanism)
    return {
        sid: (instance.job_ids[j] if j >= 0 else None)
        for sid, j in zip(instance.seeker_ids, matching.job_of.tolist(), strict=True)
    }


@settings(max_examples=1000, deadline=None)
@given(documents())
def test_da_and_jrmp_are_the_seeker_optimal_stable_matching(doc: dict[str, Any]) -> None:
    # catches: a job keeping its first applicants instead of its best, a seeker skipping a job,
    # JRMP using capacity instead of target, DA enforcing caps
    for mechanism in ("da", "jrmp"):
        assert assignment(doc, mechanism) == oracle.seeker_optimal_stable(doc, mechanism)


@settings(max_examples=1000, deadline=None)
@given(documents())
def test_fda_is_feasible_weakly_stable_the_papers_rounds_and_no_worse_than_jrmp(
    doc: dict[str, Any],
) -> None:
    # catches: a wrong seat order in the regional choice (target seats not first, round-robin
    # out of input order, a capacity or cap not enforced), the wrong seat released at the cap
    fda = assignment(doc, "fda")
    feasible = list(oracle.all_matchings(doc, "fda"))
    assert fda in feasible  # capacities, caps and individual rationality
    assert oracle.weakly_stable(doc, fda)
    instance = parse_document(doc)
    assert solve(instance, "fda").job_of.tolist() == fda_rounds(instance)
    # FDA is never worse for any seeker than JRMP (Kamada–Kojima); catches FDA giving spare
    # seats before every target is served, or releasing a target seat at the cap
    jrmp = assignment(doc, "jrmp")
    assert not any(oracle.prefers(doc, s, jrmp[s], fda[s]) for s in fda)


@settings(max_examples=300, deadline=None)
@given(documents())
def test_stability_checks_agree_with_the_oracle_on_every_matching(doc: dict[str, Any]) -> None:
    # catches: a blocking pair missed or invented by blocking_pairs (room vs. a worse holder),
    # weak stability that forgets the cap condition or the "prefers all held" condition
    instance = parse_document(doc)
    index = {jid: j for j, jid in enumerate(instance.job_ids)}
    for mechanism in ("da", "jrmp", "fda"):
        for match in oracle.all_matchings(doc, mechanism):
            job_of = np.array([index[m] if m else -1 for m in match.values()], dtype=np.int64)
            matching = matching_from(instance, job_of, mechanism)
            assert feasibility_problems(instance, matching) == []
            assert is_stable(instance, matching) == oracle.stable(doc, match, mechanism)
            if mechanism == "fda":
                assert is_weakly_stable(instance, matching) == oracle.weakly_stable(doc, match)


@settings(max_examples=500, deadline=None)
@given(documents())
def test_every_job_above_the_match_has_its_reason(doc: dict[str, Any]) -> None:
    # catches: a reason given for the wrong job (not only the jobs above the match), region_cap
    # given where the job was full, or under DA where no cap applies
    instance = parse_document(doc)
    for mechanism in ("fda", "jrmp", "da"):
        matching = solve(instance, mechanism)
        reasons = explain(instance, matching)
        match = assignment(doc, mechanism)
        cap = oracle.capacities(doc, mechanism)
        for seeker in doc["seekers"]:
            sid = seeker["id"]
            above: list[str] = []
            for job in seeker["ranking"]:
                if job == match[sid]:
                    break
                above.append(job)
            assert [e.job for e in reasons[sid]] == above
            for e in reasons[sid]:
                holders = sum(1 for m in match.values() if m == e.job)
                if not oracle.mutual(doc, sid, e.job):
                    assert e.reason == "not_ranked"
                elif holders >= cap[e.job]:
                    assert e.reason == "job_full"
                else:
                    assert mechanism == "fda" and e.reason == "region_cap"


def reports(jobs: list[str]) -> list[list[str]]:
    return [list(p) for k in range(len(jobs) + 1) for p in itertools.permutations(jobs, k)]


@settings(max_examples=150, deadline=None)
@given(documents(max_seekers=3, max_jobs=3))
def test_no_seeker_gains_by_misreporting(doc: dict[str, Any]) -> None:
    # catches: any dependence of the outcome on proposal order that a seeker could exploit,
    # e.g. a region that keeps its earliest applicants instead of its best
    job_ids = [j["id"] for j in doc["jobs"]]
    for mechanism in ("fda", "jrmp", "da"):
        truthful = assignment(doc, mechanism)
        for k, seeker in enumerate(doc["seekers"]):
            for report in reports(job_ids):
                lie = {**doc, "seekers": list(doc["seekers"])}
                lie["seekers"][k] = {"id": seeker["id"], "ranking": report}
                got = assignment(lie, mechanism)[seeker["id"]]
                assert not oracle.prefers(doc, seeker["id"], got, truthful[seeker["id"]])
