"""Why a seeker did not get a job they ranked above their match.

For each job a seeker listed above the one they got (all of them when unmatched), one reason:

* ``not_ranked`` -- the job did not list the seeker;
* ``job_full`` -- the job was full with seekers it ranked higher;
* ``region_cap`` -- the job had a free seat but its region had reached its cap (and the job
  ranked everyone it holds above the seeker), the one blocking pair FDA allows.

Under a (weakly) stable matching every such job has one of these reasons; :class:`Unexplained`
is raised otherwise, since that would be a matching the mechanism cannot have produced.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from .mechanisms import Matching
from .model import Instance

__all__ = ["MESSAGES", "Explanation", "Unexplained", "explain"]

Reason = Literal["not_ranked", "job_full", "region_cap"]

MESSAGES: dict[str, str] = {
    "not_ranked": "the job did not rank the seeker",
    "job_full": "the job was full with seekers it ranked higher",
    "region_cap": "the region had reached its cap",
}


class Unexplained(RuntimeError):
    """A job above the match has room and no cap stops it: the matching is not stable."""


@dataclass(frozen=True, slots=True)
class Explanation:
    seeker: str
    job: str
    reason: Reason

    @property
    def message(self) -> str:
        return MESSAGES[self.reason]


def explain(instance: Instance, matching: Matching) -> dict[str, list[Explanation]]:
    """For every seeker id, the reasons for each job they ranked above their match, in order."""
    job_of = matching.job_of.tolist()
    fill = np.bincount(matching.job_of[matching.job_of >= 0], minlength=instance.n_jobs).tolist()
    worst = [-1] * instance.n_jobs
    for j, rank in zip(job_of, matching.rank_at.tolist(), strict=True):
        if j >= 0 and rank > worst[j]:
            worst[j] = rank
    matched = matching.job_of[matching.job_of >= 0]
    regions = instance.job_region[matched]
    rfill = np.bincount(regions[regions >= 0], minlength=len(instance.region_ids)).tolist()
    caps = instance.region_cap.tolist()
    capacity = matching.capacity.tolist()
    region = instance.job_region.tolist()
    stated_ptr = instance.stated_ptr.tolist()
    stated_job = instance.stated_job.tolist()
    pref_ptr = instance.pref_ptr.tolist()
    pref_job = instance.pref_job.tolist()
    pref_rank = instance.pref_rank.tolist()
    out: dict[str, list[Explanation]] = {}
    for s, sid in enumerate(instance.seeker_ids):
        mutual = {pref_job[i]: pref_rank[i] for i in range(pref_ptr[s], pref_ptr[s + 1])}
        reasons: list[Explanation] = []
        for j in stated_job[stated_ptr[s] : stated_ptr[s + 1]]:
            if j == job_of[s]:
                break
            jid = instance.job_ids[j]
            if j not in mutual:
                reasons.append(Explanation(sid, jid, "not_ranked"))
            elif mutual[j] < worst[j]:
                raise Unexplained(f"job {jid} holds someone it ranks below seeker {sid}")
            elif fill[j] >= capacity[j]:
                reasons.append(Explanation(sid, jid, "job_full"))
            elif matching.capped and region[j] >= 0 and rfill[region[j]] >= caps[region[j]]:
                reasons.append(Explanation(sid, jid, "region_cap"))
            else:
                raise Unexplained(f"job {jid} had room for seeker {sid}")
        out[sid] = reasons
    return out
