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
    return value


def _list(obj: Any, key: str, where: str) -> list[Any]:
    value = _field(obj, key, where)
    if not isinstance(value, list):
        raise InputError(f"'{key}' of {where} must be a list")
    return value


def _index(items: Sequence[Any], kind: str) -> tuple[list[str], dict[str, int]]:
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
    if len(set(ranking)) != len(ranking):
        seen: set[str] = set()
        for item in ranking:
            if item in seen:
                raise InputError(f"{owner} ranks {kind} '{item}' twice")
            seen.add(item)


def _show(item: Any) -> str:
    return f"'{item}'" if isinstance(item, str) else repr(item)


def _csr(lengths: list[int]) -> IntArray:
    ptr = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(np.asarray(lengths, dtype=np.int64), out=ptr[1:])
    return ptr


def parse_document(doc: Any) -> Instance:
    """Validate the decoded JSON *doc* and build the :class:`Instance`."""
    if not isinstance(doc, dict):
        raise InputError("the input must be a JSON object with regions, jobs and seekers")
    regions = _list(doc, "regions", "the input")
    jobs = _list(doc, "jobs", "the input")
    seekers = _list(doc, "seekers", "the input")

    region_ids, region_index = _index(regions, "region")
    job_ids, job_index = _index(jobs, "job")
    seeker_ids, seeker_index = _index(seekers, "seeker")

    region_cap = [_count(r, "cap", f"region '{region_ids[i]}'") for i, r in enumerate(regions)]

    job_region: list[int] = []
    job_capacity: list[int] = []
    job_target: list[int] = []
    job_flat: list[int] = []
    job_len: list[int] = []
    target_sum = [0] * len(region_ids)
    for i, job in enumerate(jobs):
        where = f"job '{job_ids[i]}'"
        region = _field(job, "region", where)
        if region is not None and not isinstance(region, str):
            raise InputError(f"'region' of {where} must be a string")
        capacity = _count(job, "capacity", where)
        target = _count(job, "target", where)
        if target > capacity:
            raise InputError(f"{where} has target {target} above its capacity {capacity}")
        r = region_index.get(region, -1) if region is not None else -1
        if r >= 0:
            target_sum[r] += target
        ranking = _list(job, "ranking", where)
        _ranking(where, ranking, seeker_index, "seeker", job_flat)
        job_region.append(r)
        job_capacity.append(capacity)
        job_target.append(target)
        job_len.append(len(ranking))
    for r, total in enumerate(target_sum):
        if total > region_cap[r]:
            raise InputError(
                f"the targets of region '{region_ids[r]}' sum to {total}, above its cap "
                f"{region_cap[r]}"
            )

    seeker_flat: list[int] = []
    seeker_len: list[int] = []
    for i, seeker in enumerate(seekers):
        where = f"seeker '{seeker_ids[i]}'"
        ranking = _list(seeker, "ranking", where)
        _ranking(where, ranking, job_index, "job", seeker_flat)
        seeker_len.append(len(ranking))

    job_ptr = _csr(job_len)
    job_seekers = np.asarray(job_flat, dtype=np.int64)
    stated_ptr = _csr(seeker_len)
    stated_job = np.asarray(seeker_flat, dtype=np.int64)
    pref_ptr, pref_job, pref_rank = _mutual(
        len(seeker_ids), job_ptr, job_seekers, stated_ptr, stated_job
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
    n_seekers: int,
    job_ptr: IntArray,
    job_seekers: IntArray,
    stated_ptr: IntArray,
    stated_job: IntArray,
) -> tuple[IntArray, IntArray, IntArray]:
    """Keep the seekers' entries whose job lists them too, with the job's rank of the seeker.

    A join of two edge lists on (job, seeker): one sort of the jobs' side and a binary search
    for every seeker entry, so it stays vectorised at ten million entries.
    """
    n_jobs = len(job_ptr) - 1
    job_of_entry = np.repeat(np.arange(n_jobs, dtype=np.int64), np.diff(job_ptr))
    rank_of_entry = np.arange(len(job_seekers), dtype=np.int64) - job_ptr[job_of_entry]
    keys = job_of_entry * n_seekers + job_seekers
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    sorted_ranks = rank_of_entry[order]

    seeker_of_entry = np.repeat(np.arange(n_seekers, dtype=np.int64), np.diff(stated_ptr))
    wanted = stated_job * n_seekers + seeker_of_entry
    pos = np.searchsorted(sorted_keys, wanted)
    pos_clipped = np.minimum(pos, max(len(sorted_keys) - 1, 0))
    if len(sorted_keys):
        found = sorted_keys[pos_clipped] == wanted
    else:
        found = np.zeros(len(wanted), dtype=bool)
    kept = np.zeros(len(found) + 1, dtype=np.int64)
    np.cumsum(found, out=kept[1:])
    pref_ptr = kept[stated_ptr]
    pref_job = stated_job[found]
    pref_rank = sorted_ranks[pos_clipped[found]] if len(sorted_keys) else pref_job
    return pref_ptr, pref_job, pref_rank
