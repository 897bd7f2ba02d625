"""Feasibility and stability of a matching, in the standard sense and in Kamada–Kojima's weak one.

A pair (seeker s, job j) *blocks* when s and j list each other, s prefers j to what s has, and
j either has a free seat (under the capacity the mechanism used) or prefers s to someone it holds.
Kamada and Kojima's weak stability allows a blocking pair only when j's region is at its cap and
j prefers every seeker it holds to s: the seat is free but the region may not grow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .mechanisms import Matching
from .model import Instance, IntArray

__all__ = [
    "BlockingPair",
    "blocking_pairs",
    "feasibility_problems",
    "is_stable",
    "is_weakly_stable",
    "region_fill",
]


@dataclass(frozen=True, slots=True)
class BlockingPair:
    seeker: int
    job: int
    job_has_room: bool  # False: the job would replace someone it ranks lower
    job_prefers_all_held: bool  # the job ranks every seeker it holds above this one


def region_fill(instance: Instance, job_of: IntArray) -> IntArray:
    matched = job_of[job_of >= 0]
    regions = instance.job_region[matched]
    return np.bincount(regions[regions >= 0], minlength=len(instance.region_ids)).astype(np.int64)


def _job_fill(instance: Instance, job_of: IntArray) -> IntArray:
    return np.bincount(job_of[job_of >= 0], minlength=instance.n_jobs).astype(np.int64)


def feasibility_problems(instance: Instance, matching: Matching) -> list[str]:
    """What makes *matching* infeasible: over a job's capacity, over a region's cap (when the
    mechanism enforced caps), or a pair that does not list each other."""
    problems: list[str] = []
    fill = _job_fill(instance, matching.job_of)
    for j in np.flatnonzero(fill > matching.capacity).tolist():
        problems.append(f"job {instance.job_ids[j]} holds {fill[j]} > {matching.capacity[j]}")
    if matching.capped:
        rfill = region_fill(instance, matching.job_of)
        for r in np.flatnonzero(rfill > instance.region_cap).tolist():
            problems.append(f"region {instance.region_ids[r]} holds {rfill[r]}")
    for s, j in enumerate(matching.job_of.tolist()):
        if j >= 0 and j not in instance.pref_job[instance.pref_ptr[s] : instance.pref_ptr[s + 1]]:
            problems.append(f"seeker {instance.seeker_ids[s]} and job {instance.job_ids[j]}")
    return problems


def _worst_held(instance: Instance, matching: Matching) -> list[int]:
    worst = [-1] * instance.n_jobs
    for j, rank in zip(matching.job_of.tolist(), matching.rank_at.tolist(), strict=True):
        if j >= 0 and rank > worst[j]:
            worst[j] = rank
    return worst


def blocking_pairs(instance: Instance, matching: Matching) -> list[BlockingPair]:
    """Every blocking pair of *matching* under the capacities its mechanism used."""
    fill = _job_fill(instance, matching.job_of).tolist()
    capacity = matching.capacity.tolist()
    worst = _worst_held(instance, matching)
    ptr = instance.pref_ptr.tolist()
    pref_job = instance.pref_job.tolist()
    pref_rank = instance.pref_rank.tolist()
    pairs: list[BlockingPair] = []
    for s, current in enumerate(matching.job_of.tolist()):
        for i in range(ptr[s], ptr[s + 1]):
            j = pref_job[i]
            if j == current:
                break
            prefers_held = pref_rank[i] > worst[j]
            if fill[j] < capacity[j]:
                pairs.append(BlockingPair(s, j, True, prefers_held))
            elif not prefers_held:
                pairs.append(BlockingPair(s, j, False, False))
    return pairs


def is_stable(instance: Instance, matching: Matching) -> bool:
    return not blocking_pairs(instance, matching)


def is_weakly_stable(instance: Instance, matching: Matching) -> bool:
    """Kamada–Kojima weak stability: each blocking pair's job is in a region at its cap and
    prefers every seeker it holds to the blocking seeker."""
    rfill = region_fill(instance, matching.job_of).tolist()
    caps = instance.region_cap.tolist()
    for pair in blocking_pairs(instance, matching):
        r = int(instance.job_region[pair.job])
        if not pair.job_prefers_all_held or r < 0 or rfill[r] < caps[r]:
            return False
    return True
