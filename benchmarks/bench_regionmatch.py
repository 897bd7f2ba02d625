"""Benchmark: `python -m regionmatch solve` (FDA) as a whole process, against the pure-Python
round-based FDA of Kamada and Kojima (regionmatch/reference.py).

Run: .venv/bin/python benchmarks/bench_regionmatch.py [--sizes small,large] [--repeat N]
     [--engine-only] [--keep DIR]

--engine-only times the engine process alone (the reference at a million seekers takes minutes on
a busy machine); --keep DIR writes the generated JSON to DIR/<size>.json and reuses it next time.

Issue 16's instances: 100 000 seekers x 10 000 jobs ("small") and 1 000 000 x 50 000 ("large"),
10 choices per seeker, 47 regions, each region's cap at 0.8 of its jobs' total capacity. Jobs
have capacity 5-15 and target 3/4 of it (so targets fit under the cap); regions and jobs are
unequally popular (a few metropolitan regions draw most applications), so caps bind. Each job
ranks every seeker who listed it, in its own random order.

Prints for each size: the JSON size; the whole process (read the file, decode, validate, match,
write the result) wall and CPU time and peak RSS, median of --repeat; the same process with the
reference FDA in place of the engine; in-process times of matching only (engine vs. reference);
and checks that both give the same matching. Targets: small < 1 s, large < 20 s and < 2 GB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import numpy as np
import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from regionmatch import load, solve  # noqa: E402
from regionmatch.reference import fda_rounds  # noqa: E402

SIZES = {"small": (100_000, 10_000), "large": (1_000_000, 50_000)}
CHOICES = 10
REGIONS = 47

# The reference as a whole process: same decoding, then the paper's rounds, same output.
REFERENCE_PROCESS = (
    "import sys, orjson\n"
    "from regionmatch import load\n"
    "from regionmatch.reference import fda_rounds\n"
    "instance = load(open(sys.argv[1], 'rb').read())\n"
    "job_ids = [*instance.job_ids, None]\n"
    "assignment = {s: job_ids[j] for s, j in zip(instance.seeker_ids, fda_rounds(instance))}\n"
    "sys.stdout.buffer.write(orjson.dumps({'mechanism': 'fda', 'assignment': assignment}))\n"
)


def generate(n_seekers: int, n_jobs: int, seed: int = 20261207) -> bytes:
    rng = np.random.default_rng(seed)
    # unequal regions: Zipf-like weights, so the first regions are the big cities
    region_weight = 1.0 / np.arange(1, REGIONS + 1) ** 0.8
    job_region = rng.choice(REGIONS, size=n_jobs, p=region_weight / region_weight.sum())
    capacity = rng.integers(5, 16, size=n_jobs)
    target = capacity * 3 // 4
    region_capacity = np.bincount(job_region, weights=capacity, minlength=REGIONS)
    cap = np.floor(region_capacity * 0.8).astype(np.int64)
    # popularity: metropolitan regions and some jobs draw more applicants
    popularity = rng.pareto(1.5, size=n_jobs) + 1.0
    popularity *= 1.0 + 3.0 * (job_region < 5)
    popularity /= popularity.sum()
    choices = rng.choice(n_jobs, size=(n_seekers, CHOICES), p=popularity)
    while True:
        choices.sort(axis=1)
        dup = np.zeros(choices.shape, dtype=bool)
        dup[:, 1:] = choices[:, 1:] == choices[:, :-1]
        if not dup.any():
            break
        choices[dup] = rng.choice(n_jobs, size=int(dup.sum()), p=popularity)
    # a random preference order within each seeker's choices
    order = np.argsort(rng.random(choices.shape), axis=1)
    choices = np.take_along_axis(choices, order, axis=1)
    # each job ranks every seeker who listed it, in a random order of its own
    seeker_of = np.repeat(np.arange(n_seekers), CHOICES)
    job_of = choices.ravel()
    by_job = np.lexsort((rng.random(len(job_of)), job_of))
    ranked_seekers = seeker_of[by_job]
    job_ptr = np.searchsorted(job_of[by_job], np.arange(n_jobs + 1))

    seeker_names = [f"s{i}" for i in range(n_seekers)]
    job_names = [f"j{i}" for i in range(n_jobs)]
    region_names = [f"r{i:02d}" for i in range(REGIONS)]
    ranked = [seeker_names[s] for s in ranked_seekers.tolist()]
    ptr = job_ptr.tolist()
    jobs = [
        {
            "id": job_names[j],
            "region": region_names[r],
            "capacity": c,
            "target": t,
            "ranking": ranked[ptr[j] : ptr[j + 1]],
        }
        for j, (r, c, t) in enumerate(
            zip(job_region.tolist(), capacity.tolist(), target.tolist(), strict=True)
        )
    ]
    seekers = [
        {"id": seeker_names[s], "ranking": [job_names[j] for j in row]}
        for s, row in enumerate(choices.tolist())
    ]
    regions = [{"id": name, "cap": c} for name, c in zip(region_names, cap.tolist(), strict=True)]
    return orjson.dumps({"regions": regions, "jobs": jobs, "seekers": seekers})


class Run(NamedTuple):
    wall: float
    cpu: float
    peak_kib: int


def run_process(argv: list[str]) -> Run:
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    assert os.waitstatus_to_exitcode(status) == 0, argv
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def median(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        int(statistics.median(r.peak_kib for r in runs)),
    )


def show(label: str, run: Run) -> None:
    print(
        f"  {label:<28} wall {run.wall:7.2f} s  cpu {run.cpu:7.2f} s  "
        f"peak {run.peak_kib / 1024:7.0f} MiB",
        flush=True,
    )


def bench(size: str, repeat: int, engine_only: bool, keep: Path | None) -> None:
    n_seekers, n_jobs = SIZES[size]
    print(
        f"\n{size}: {n_seekers:,} seekers x {n_jobs:,} jobs, {CHOICES} choices, {REGIONS} regions"
    )
    kept = keep / f"{size}.json" if keep else None
    t0 = time.perf_counter()
    if kept and kept.exists():
        data = kept.read_bytes()
    else:
        data = generate(n_seekers, n_jobs)
        if kept:
            kept.write_bytes(data)
    print(f"  {len(data) / 1e6:.0f} MB of JSON ready in {time.perf_counter() - t0:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "round.json"
        path.write_bytes(data)
        engine_argv = [sys.executable, "-m", "regionmatch", "solve", str(path)]
        reference_argv = [sys.executable, "-c", REFERENCE_PROCESS, str(path)]
        engine_runs: list[Run] = []
        reference_runs: list[Run] = []
        for _ in range(repeat):  # interleaved, so both see the same load
            engine_runs.append(run_process(engine_argv))
            if not engine_only:
                reference_runs.append(run_process(reference_argv))
        engine = median(engine_runs)
        show("engine (whole process)", engine)
        if reference_runs:
            reference = median(reference_runs)
            show("reference (whole process)", reference)
            print(
                f"  ratio reference/engine: wall {reference.wall / engine.wall:.2f}x, "
                f"cpu {reference.cpu / engine.cpu:.2f}x",
                flush=True,
            )
    targets = {"small": (1.0, None), "large": (20.0, 2048)}[size]
    met = engine.wall < targets[0] and (targets[1] is None or engine.peak_kib / 1024 < targets[1])
    print(f"  target (wall s, MiB) {targets}: {'met' if met else 'NOT met'}", flush=True)
    if engine_only:
        return
    instance = load(data)
    del data
    t0 = time.process_time()
    matching = solve(instance, "fda")
    engine_cpu = time.process_time() - t0
    t0 = time.process_time()
    rounds = fda_rounds(instance)
    reference_cpu = time.process_time() - t0
    same = matching.job_of.tolist() == rounds
    matched = int((matching.job_of >= 0).sum())
    print(
        f"  matching only (cpu): engine {engine_cpu:.2f} s, reference rounds {reference_cpu:.2f} s"
        f" ({reference_cpu / engine_cpu:.2f}x); {matched:,} matched; same matching: {same}"
    )
    assert same, "the engine and the paper's rounds disagree"
    for mechanism in ("jrmp", "da"):
        print(f"  {mechanism}: {int((solve(instance, mechanism).job_of >= 0).sum()):,} matched")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="small,large")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--engine-only", action="store_true")
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    for size in args.sizes.split(","):
        bench(size, args.repeat, args.engine_only, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
