"""Flexible deferred acceptance in rounds, as Kamada and Kojima (AER 2015, section IV) state it.

Pure Python and deliberately literal: the benchmark times it as the reference, and the tests check
that the one-proposal-at-a-time engine (:mod:`regionmatch.mechanisms`) gives the same matching.

Each round, every seeker rejected in the previous round (every seeker in the first) applies to
the best job on their list that has not rejected them. Then, in every region that received an
application, each job takes its applicants (new and held) best first up to its target; the
region's remaining seats, up to its cap, go one at a time to the region's jobs in their input
order, round after round, each taking its best remaining applicant while it is below capacity
and has one. Everyone not taken is rejected. A job outside every region just keeps its best
applicants up to its capacity. The algorithm stops in the round in which nobody is rejected.
"""

from __future__ import annotations

from .model import Instance

__all__ = ["fda_rounds"]


def fda_rounds(instance: Instance) -> list[int]:
    """The FDA matching: the job index of each seeker, -1 when unmatched."""
    ptr = instance.pref_ptr.tolist()
    pref_job = instance.pref_job.tolist()
    pref_rank = instance.pref_rank.tolist()
    capacity = instance.job_capacity.tolist()
    target = instance.job_target.tolist()
    region = instance.job_region.tolist()
    region_cap = instance.region_cap.tolist()
    jobs_of_region: list[list[int]] = [[] for _ in region_cap]
    for j, r in enumerate(region):
        if r >= 0:
            jobs_of_region[r].append(j)

    held: list[list[tuple[int, int]]] = [[] for _ in capacity]  # (rank, seeker)
    nxt = ptr[:-1]
    applying = list(range(len(nxt)))
    while applying:
        touched_jobs: set[int] = set()
        for s in applying:
            if nxt[s] < ptr[s + 1]:
                i = nxt[s]
                nxt[s] = i + 1
                held[pref_job[i]].append((pref_rank[i], s))
                touched_jobs.add(pref_job[i])
        applying = []
        touched_regions = {region[j] for j in touched_jobs if region[j] >= 0}
        for j in touched_jobs:
            if region[j] < 0:
                pool = sorted(held[j])
                held[j] = pool[: capacity[j]]
                applying.extend(s for _, s in pool[capacity[j] :])
        for r in touched_regions:
            jobs = jobs_of_region[r]
            pools = [sorted(held[j]) for j in jobs]
            taken = [min(target[j], len(pool)) for j, pool in zip(jobs, pools, strict=True)]
            spare = region_cap[r] - sum(taken)
            progress = True
            while spare > 0 and progress:
                progress = False
                for k, j in enumerate(jobs):
                    if spare > 0 and taken[k] < capacity[j] and taken[k] < len(pools[k]):
                        taken[k] += 1
                        spare -= 1
                        progress = True
            for k, j in enumerate(jobs):
                held[j] = pools[k][: taken[k]]
                applying.extend(s for _, s in pools[k][taken[k] :])
    job_of = [-1] * len(nxt)
    for j, pool in enumerate(held):
        for _, s in pool:
            job_of[s] = j
    return job_of
