"""The three mechanisms: `da`, `jrmp` and Kamada–Kojima's `fda`, on one proposal loop.

All three are seeker-proposing deferred acceptance in which each region acts as one chooser
(Hatfield–Milgrom matching with contracts). Kamada and Kojima (AER 2015) show the regional choice
of FDA is substitutable and satisfies the law of aggregate demand, so the outcome does not depend
on the order in which proposals are made: we make them one at a time (McVitie–Wilson) instead of
in rounds, which costs O(log n) per proposal. The round form of the paper is kept in
:mod:`regionmatch.reference` and the tests check the two agree.

The regional choice, one proposal at a time. Give job *j*'s k-th best applicant the seat key
``(0,)`` when k <= target(j) (every job first takes up to its target) and ``(k - target(j),
position of j in its region)`` otherwise: the round-robin hands the region's spare seats out in
exactly this order (round e gives each job in turn its e-th seat beyond the target; a job skipped
because it has no applicant left or is at capacity is skipped in every later round too). So the
region keeps the `cap` smallest keys among the seats its applicants fill. When a region at its
cap receives a new applicant, the one seat with the largest key goes: a heap of each job's last
seat per region finds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from heapq import heappop, heappush, heapreplace

import numpy as np

from .model import Instance, IntArray

__all__ = ["MECHANISMS", "Matching", "deferred_acceptance", "matching_from", "solve"]

MECHANISMS = ("fda", "jrmp", "da")


@dataclass(frozen=True, slots=True)
class Matching:
    """The outcome: ``job_of[s]`` is seeker *s*'s job or -1; ``rank_at[s]`` the rank that job
    gave *s* (-1 when unmatched); ``capacity`` and ``capped`` say what the mechanism enforced."""

    mechanism: str
    job_of: IntArray
    rank_at: IntArray
    capacity: IntArray
    capped: bool


def solve(instance: Instance, mechanism: str = "fda") -> Matching:
    """Run *mechanism* (``fda``, ``jrmp`` or ``da``) on *instance*."""
    if mechanism == "fda":
        return deferred_acceptance(instance, instance.job_capacity, capped=True, name="fda")
    if mechanism == "jrmp":
        # JRMP: the region's cap is split into the jobs' targets once and for all
        return deferred_acceptance(instance, instance.job_target, capped=False, name="jrmp")
    if mechanism == "da":
        return deferred_acceptance(instance, instance.job_capacity, capped=False, name="da")
    raise ValueError(f"unknown mechanism {mechanism!r}")


def deferred_acceptance(
    instance: Instance, capacity: IntArray, *, capped: bool, name: str
) -> Matching:
    """Seeker-proposing DA with job capacities *capacity*; with *capped*, regional caps are
    enforced by Kamada–Kojima's regional choice (targets first, then round-robin)."""
    n_seekers = instance.n_seekers
    n_jobs = instance.n_jobs
    # Indexing a memoryview costs about what indexing a list does, and several times less than
    # indexing a NumPy array; unlike .tolist() it makes no int objects up front (at ten million
    # entries those were 1.2 GB).
    ptr = instance.pref_ptr.tolist()
    pref_job = np.ascontiguousarray(instance.pref_job).data
    pref_rank = np.ascontiguousarray(instance.pref_rank).data
    job_ptr = instance.job_ptr.tolist()
    job_seekers = np.ascontiguousarray(instance.job_seekers).data
    cap = capacity.tolist()
    target = instance.job_target.tolist()
    region = instance.job_region.tolist() if capped else [-1] * n_jobs
    region_cap = instance.region_cap.tolist()
    region_fill = [0] * len(region_cap)
    # Per region, a max-heap of each job's last seat beyond its target, as one negated int
    # `extra * n_jobs + j`: a region's jobs in input order are in increasing j, so this orders
    # seats as the round-robin does. An entry is stale once the job's held count is no longer
    # target + extra; stale entries are dropped when they reach the top.
    stride = max(n_jobs, 1)
    last_seats: list[list[int]] = [[] for _ in region_cap]
    # per job: max-heap (negated ranks) of the seekers it holds
    held: list[list[int]] = [[] for _ in range(n_jobs)]

    nxt = ptr[:-1]
    end = ptr[1:]
    job_of = [-1] * n_seekers
    free = list(range(n_seekers - 1, -1, -1))
    pop_free = free.pop
    while free:
        s = pop_free()
        i = nxt[s]
        stop = end[s]
        while i < stop:
            j = pref_job[i]
            rank = pref_rank[i]
            i += 1
            h = held[j]
            count = len(h)
            if count >= cap[j]:
                # the job is full: it keeps the better of its worst and the newcomer
                if count and -h[0] > rank:
                    loser = job_seekers[job_ptr[j] - heapreplace(h, -rank)]
                    job_of[s] = j
                    nxt[s] = i
                    job_of[loser] = -1
                    s = loser
                    i = nxt[s]
                    stop = end[s]
                continue
            r = region[j]
            if r < 0 or region_fill[r] < region_cap[r]:
                heappush(h, -rank)
                job_of[s] = j
                nxt[s] = i
                if r >= 0:
                    region_fill[r] += 1
                    if count + 1 > target[j]:
                        heappush(last_seats[r], -((count + 1 - target[j]) * stride + j))
                break
            # the region is at its cap: the seat with the largest key goes
            seats = last_seats[r]
            while seats:
                extra_top, other = divmod(-seats[0], stride)
                if len(held[other]) == target[other] + extra_top:
                    break
                heappop(seats)
            extra = count + 1 - target[j]
            if not seats or extra * stride + j > -seats[0]:
                # the new seat would be the region's last: the job cannot grow, only swap
                if count and -h[0] > rank:
                    loser = job_seekers[job_ptr[j] - heapreplace(h, -rank)]
                    job_of[s] = j
                    nxt[s] = i
                    job_of[loser] = -1
                    s = loser
                    i = nxt[s]
                    stop = end[s]
                continue
            oh = held[other]
            loser = job_seekers[job_ptr[other] - heappop(oh)]
            job_of[loser] = -1
            left = len(oh)
            if left > target[other]:
                heappush(seats, -((left - target[other]) * stride + other))
            heappush(h, -rank)
            if extra > 0:
                heappush(seats, -(extra * stride + j))
            job_of[s] = j
            nxt[s] = i
            s = loser
            i = nxt[s]
            stop = end[s]
        else:
            nxt[s] = i

    job_arr = np.asarray(job_of, dtype=np.int64)
    rank_arr = np.full(n_seekers, -1, dtype=np.int64)
    for j, h in enumerate(held):
        base = job_ptr[j]
        for neg in h:
            rank_arr[job_seekers[base - neg]] = -neg
    return Matching(
        mechanism=name, job_of=job_arr, rank_at=rank_arr, capacity=capacity, capped=capped
    )


def matching_from(instance: Instance, job_of: IntArray, mechanism: str) -> Matching:
    """Wrap an assignment made elsewhere (seeker -> job index or -1) as a :class:`Matching` under
    *mechanism*'s capacities, so the stability checks and explanations can judge it. A pair that
    does not list each other gets rank -1; :func:`feasibility_problems` reports it."""
    rank_at = np.full(instance.n_seekers, -1, dtype=np.int64)
    for s, j in enumerate(job_of.tolist()):
        lo, hi = int(instance.pref_ptr[s]), int(instance.pref_ptr[s + 1])
        for i in range(lo, hi):
            if int(instance.pref_job[i]) == j:
                rank_at[s] = instance.pref_rank[i]
    capacity = instance.job_target if mechanism == "jrmp" else instance.job_capacity
    return Matching(mechanism, job_of.astype(np.int64), rank_at, capacity, mechanism == "fda")
