"""The input model: regions with caps, jobs with capacity/target/ranking, seekers with rankings.

`parse_document` turns the decoded JSON of the CLI contract into an :class:`Instance` of integer
arrays, checking everything the contract calls bad input and raising :class:`InputError` with one
line for the first problem found. Only mutually acceptable pairs survive into the arrays: a
seeker's list keeps the jobs that also list the seeker, each with the rank the job gave them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .errors import InputError

__all__ = ["Instance", "parse_document"]

IntArray = npt.NDArray[np.int64]

# far above any real round, and small enough that sums never leave int64
MAX_COUNT = 1_000_000_000


@dataclass(frozen=True, slots=True)
class Instance:
    """A matching problem in index form (seekers 0..S-1, jobs 0..J-1, regions 0..R-1).

    ``pref_job[pref_ptr[s]:pref_ptr[s + 1]]`` are the jobs seeker *s* finds acceptable and that
    list *s*, best first; ``pref_rank`` holds, at the same positions, the rank (0 = best) that
    job gave *s*. ``job_seekers[job_ptr[j]:job_ptr[j + 1]]`` is job *j*'s ranking as given.
    ``job_region`` is -1 for a job whose region is not listed (no cap).
    """

    seeker_ids: list[str]
    job_ids: list[str]
    region_ids: list[str]
    region_cap: IntArray
    job_region: IntArray
    job_capacity: IntArray
    job_target: IntArray
    pref_ptr: IntArray
    pref_job: IntArray
    pref_rank: IntArray
    job_ptr: IntArray
    job_seekers: IntArray
    # the jobs each seeker listed, best first, mutual or not (for explanations)
    stated_ptr: IntArray
    stated_job: IntArray

    @property
    def n_seekers(self) -> int:
        return len(self.seeker_ids)

    @property
    def n_jobs(self) -> int:
        return len(self.job_ids)


def _field(obj: Any, key: str, where: str) -> Any:
    if not isinstance(obj, Mapping):
        raise InputError(f"{where} must be an object")
    if key not in obj:
        raise InputError(f"missing field '{key}' in {where}")
    return obj[key]


def _id(obj: Any, where: str) -> str:
    value = _field(obj, "id", where)
    if not isinstance(value, str) or not value:
        raise InputError(f"'id' of {where} must be a non-empty string")
    return value


def _count(obj: Any, key: str, where: str) -> int:
    value = _field(obj, key, where)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"'{key}' of {where} must be an integer")
    if value < 0:
        raise InputError(f"'{key}' of {where} is negative ({value})")
    if value > MAX_COUNT:
        raise InputError(f"'{key}' of {where} is above {MAX_COUNT} ({value})")
    return value


def _list(obj: Any, key: str, where: str) -> list[Any]:
    value = _field(obj, key, where)
    if not isinstance(value, list):
        raise InputError(f"'{key}' of {where} must be a list")
    return value


def _index(items: Sequence[Any], kind: str) -> tuple[list[str], dict[str, int]]:
    try:
        fast: list[str] = [item["id"] for item in items]
    except (KeyError, TypeError, IndexError):
        fast = []
    if len(fast) == len(items) and all(type(x) is str and x for x in fast):
        fast_index = dict(zip(fast, range(len(fast)), strict=True))
        if len(fast_index) == len(fast):
            return fast, fast_index
    # something is wrong: walk again, slowly, to name the first problem
    ids: list[str] = []
    index: dict[str, int] = {}
    for i, item in enumerate(items):
        ident = _id(item, f"{kind}s[{i}]")
        if ident in index:
            raise InputError(f"duplicate {kind} id '{ident}'")
        index[ident] = i
        ids.append(ident)
    return ids, index


def _ranking(
    owner: str, ranking: list[Any], index: dict[str, int], kind: str, flat: list[int]
) -> None:
    """Append the indices of *ranking* to *flat*; unknown and repeated ids are bad input."""
    try:
        flat.extend(map(index.__getitem__, ranking))
    except (KeyError, TypeError):
        for item in ranking:
            if not isinstance(item, str) or item not in index:
                raise InputError(f"{owner} ranks unknown {kind} {_show(item)}") from None
        raise  # pragma: no cover - the loop above always finds the culprit


def _show(item: Any) -> str:
    return f"'{item}'" if isinstance(item, str) else repr(item)


def _csr(lengths: list[int]) -> IntArray:
    ptr = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(np.asarray(lengths, dtype=np.int64), out=ptr[1:])
    return ptr


class _Irregular(Exception):
    """The fast path met something unusual; the checked path will name it."""


JobColumns = tuple[list[int], list[int], list[int], list[int], list[int]]


def _jobs_fast(
    jobs: list[Any], region_index: dict[str, int], seeker_index: dict[str, int]
) -> JobColumns:
    region_of: list[int] = []
    capacities: list[int] = []
    targets: list[int] = []
    flat: list[int] = []
    lengths: list[int] = []
    rank_of = seeker_index.__getitem__
    try:
        for job in jobs:
            region = job["region"]
            capacity = job["capacity"]
            target = job["target"]
            ranking = job["ranking"]
            if (
                type(capacity) is not int
                or type(target) is not int
                or not 0 <= target <= capacity <= MAX_COUNT
                or type(ranking) is not list
            ):
                raise _Irregular
            region_of.append(region_index.get(region, -1) if type(region) is str else -2)
            capacities.append(capacity)
            targets.append(target)
            flat.extend(map(rank_of, ranking))
            lengths.append(len(ranking))
    except (KeyError, TypeError):
        raise _Irregular from None
    if -2 in region_of:
        raise _Irregular
    return region_of, capacities, targets, flat, lengths


def _jobs_checked(
    jobs: list[Any],
    job_ids: list[str],
    region_index: dict[str, int],
    seeker_index: dict[str, int],
) -> JobColumns:
    job_region: list[int] = []
    job_capacity: list[int] = []
    job_target: list[int] = []
    job_flat: list[int] = []
    job_len: list[int] = []
    for i, job in enumerate(jobs):
        where = f"job '{job_ids[i]}'"
        region = _field(job, "region", where)
        if region is not None and not isinstance(region, str):
            raise InputError(f"'region' of {where} must be a string")
        capacity = _count(job, "capacity", where)
        target = _count(job, "target", where)
        if target > capacity:
            raise InputError(f"{where} has target {target} above its capacity {capacity}")
        ranking = _list(job, "ranking", where)
        _ranking(where, ranking, seeker_index, "seeker", job_flat)
        job_region.append(region_index.get(region, -1) if region is not None else -1)
        job_capacity.append(capacity)
        job_target.append(target)
        job_len.append(len(ranking))
    return job_region, job_capacity, job_target, job_flat, job_len


def _seekers_fast(seekers: list[Any], job_index: dict[str, int]) -> tuple[list[int], list[int]]:
    flat: list[int] = []
    lengths: list[int] = []
    extend = flat.extend
    append = lengths.append
    index_of = job_index.__getitem__
    try:
        for seeker in seekers:
            ranking = seeker["ranking"]
            if type(ranking) is not list:
                raise _Irregular
            extend(map(index_of, ranking))
            append(len(ranking))
    except (KeyError, TypeError):
        raise _Irregular from None
    return flat, lengths


def _seekers_checked(
    seekers: list[Any], seeker_ids: list[str], job_index: dict[str, int]
) -> tuple[list[int], list[int]]:
    flat: list[int] = []
    lengths: list[int] = []
    for i, seeker in enumerate(seekers):
        where = f"seeker '{seeker_ids[i]}'"
        ranking = _list(seeker, "ranking", where)
        _ranking(where, ranking, job_index, "job", flat)
        lengths.append(len(ranking))
    return flat, lengths


def parse_document(doc: Any, *, consume: bool = False) -> Instance:
    """Validate the decoded JSON *doc* and build the :class:`Instance`.

    With *consume*, the document's lists of jobs and seekers are emptied once read: at a
    million seekers their ranking strings are most of the memory, and the join that follows
    needs room too (the CLI decodes a document only for this).
    """
    if not isinstance(doc, dict):
        raise InputError("the input must be a JSON object with regions, jobs and seekers")
    regions = _list(doc, "regions", "the input")
    jobs = _list(doc, "jobs", "the input")
    seekers = _list(doc, "seekers", "the input")

    region_ids, region_index = _index(regions, "region")
    job_ids, job_index = _index(jobs, "job")
    seeker_ids, seeker_index = _index(seekers, "seeker")

    region_cap = [_count(r, "cap", f"region '{region_ids[i]}'") for i, r in enumerate(regions)]

    try:
        job_region, job_capacity, job_target, job_flat, job_len = _jobs_fast(
            jobs, region_index, seeker_index
        )
    except _Irregular:
        job_region, job_capacity, job_target, job_flat, job_len = _jobs_checked(
            jobs, job_ids, region_index, seeker_index
        )
    target_sum = [0] * len(region_ids)
    for r, t in zip(job_region, job_target, strict=True):
        if r >= 0:
            target_sum[r] += t
    for r, total in enumerate(target_sum):
        if total > region_cap[r]:
            raise InputError(
                f"the targets of region '{region_ids[r]}' sum to {total}, above its cap "
                f"{region_cap[r]}"
            )

    try:
        seeker_flat, seeker_len = _seekers_fast(seekers, job_index)
    except _Irregular:
        seeker_flat, seeker_len = _seekers_checked(seekers, seeker_ids, job_index)

    if consume:
        jobs.clear()
        seekers.clear()
    job_ptr = _csr(job_len)
    job_seekers = np.asarray(job_flat, dtype=np.int64)
    stated_ptr = _csr(seeker_len)
    stated_job = np.asarray(seeker_flat, dtype=np.int64)
    pref_ptr, pref_job, pref_rank = _mutual(
        seeker_ids, job_ids, job_ptr, job_seekers, stated_ptr, stated_job
    )
    return Instance(
        seeker_ids=seeker_ids,
        job_ids=job_ids,
        region_ids=region_ids,
        region_cap=np.asarray(region_cap, dtype=np.int64),
        job_region=np.asarray(job_region, dtype=np.int64),
        job_capacity=np.asarray(job_capacity, dtype=np.int64),
        job_target=np.asarray(job_target, dtype=np.int64),
        pref_ptr=pref_ptr,
        pref_job=pref_job,
        pref_rank=pref_rank,
        job_ptr=job_ptr,
        job_seekers=job_seekers,
        stated_ptr=stated_ptr,
        stated_job=stated_job,
    )


def _mutual(
    seeker_ids: list[str],
    job_ids: list[str],
    job_ptr: IntArray,
    job_seekers: IntArray,
    stated_ptr: IntArray,
    stated_job: IntArray,
) -> tuple[IntArray, IntArray, IntArray]:
    """Keep the seekers' entries whose job lists them too, with the job's rank of the seeker.

    A join of two edge lists on (job, seeker) by sorting both sides, so it stays vectorised at
    ten million entries; a key that repeats on one side is an id ranked twice.
    """
    n_seekers = len(seeker_ids)
    n_jobs = len(job_ptr) - 1
    job_of_entry = np.repeat(np.arange(n_jobs, dtype=np.int64), np.diff(job_ptr))
    rank_of_entry = np.arange(len(job_seekers), dtype=np.int64) - job_ptr[job_of_entry]
    keys = job_of_entry * n_seekers + job_seekers
    del job_of_entry  # at ten million entries each temporary is 80 MB: free them early
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    del keys
    sorted_ranks = rank_of_entry[order]
    del rank_of_entry, order
    twice = np.flatnonzero(sorted_keys[1:] == sorted_keys[:-1])
    if len(twice):
        j, s = divmod(int(sorted_keys[twice[0]]), n_seekers)
        raise InputError(f"job '{job_ids[j]}' ranks seeker '{seeker_ids[s]}' twice")

    seeker_of_entry = np.repeat(np.arange(n_seekers, dtype=np.int64), np.diff(stated_ptr))
    wanted = stated_job * n_seekers + seeker_of_entry
    del seeker_of_entry
    # sorted queries make the binary searches walk memory in order
    query_order = np.argsort(wanted, kind="stable")
    sorted_wanted = wanted[query_order]
    del wanted
    twice = np.flatnonzero(sorted_wanted[1:] == sorted_wanted[:-1])
    if len(twice):
        j, s = divmod(int(sorted_wanted[twice[0]]), n_seekers)
        raise InputError(f"seeker '{seeker_ids[s]}' ranks job '{job_ids[j]}' twice")
    found = np.zeros(len(sorted_wanted), dtype=bool)
    rank = np.zeros(len(sorted_wanted), dtype=np.int64)
    if len(sorted_keys):
        pos = np.minimum(np.searchsorted(sorted_keys, sorted_wanted), len(sorted_keys) - 1)
        found[query_order] = sorted_keys[pos] == sorted_wanted
        rank[query_order] = sorted_ranks[pos]
        del pos
    kept = np.zeros(len(found) + 1, dtype=np.int64)
    np.cumsum(found, out=kept[1:])
    return kept[stated_ptr], stated_job[found], rank[found]
