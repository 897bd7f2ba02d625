"""Hypothesis strategies: small valid documents of the CLI contract."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


@st.composite
def documents(draw: st.DrawFn, max_seekers: int = 4, max_jobs: int = 3) -> dict[str, Any]:
    n_regions = draw(st.integers(0, 2))
    n_jobs = draw(st.integers(1, max_jobs))
    n_seekers = draw(st.integers(1, max_seekers))
    region_ids = [f"r{i}" for i in range(n_regions)]
    job_ids = [f"j{i}" for i in range(n_jobs)]
    seeker_ids = [f"s{i}" for i in range(n_seekers)]
    jobs = []
    target_sum = dict.fromkeys(region_ids, 0)
    for jid in job_ids:
        # "rx" is not listed: a job there has no cap
        region = draw(st.sampled_from([*region_ids, "rx"]))
        capacity = draw(st.integers(0, 3))
        target = draw(st.integers(0, capacity))
        if region in target_sum:
            target_sum[region] += target
        ranking = draw(st.permutations(seeker_ids))[: draw(st.integers(0, n_seekers))]
        jobs.append(
            {
                "id": jid,
                "region": region,
                "capacity": capacity,
                "target": target,
                "ranking": ranking,
            }
        )
    regions = [{"id": rid, "cap": target_sum[rid] + draw(st.integers(0, 2))} for rid in region_ids]
    seekers = [
        {"id": sid, "ranking": draw(st.permutations(job_ids))[: draw(st.integers(0, n_jobs))]}
        for sid in seeker_ids
    ]
    return {"regions": regions, "jobs": jobs, "seekers": seekers}
