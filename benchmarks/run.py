"""Time whole `kexie` processes against the targets of the speed issue; prints a table of figures.

    .venv/bin/python benchmarks/run.py            # shipped data + a 10,000-task plan
    .venv/bin/python benchmarks/run.py --runs 21  # more runs per median

Each figure is the median wall time of repeated runs of the installed `kexie` (the one beside
this Python) and the fastest of them, with the peak resident memory of the largest run.
Nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import SHIPPED

REPO = Path(__file__).resolve().parent.parent
KEXIE = str(Path(sys.executable).with_name("kexie"))


def run_once(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one `kexie` process."""
    start = time.perf_counter()
    proc = subprocess.Popen([KEXIE, *args], env=env, cwd=REPO, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"kexie {' '.join(args)} failed")
    return elapsed, usage.ru_maxrss // 1024


def median(args: list[str], env: dict[str, str], runs: int) -> tuple[float, float, int]:
    """Median and fastest wall seconds of the runs, and the peak RSS of the largest."""
    results = [run_once(args, env) for _ in range(runs)]
    times = [r[0] for r in results]
    return statistics.median(times), min(times), max(r[1] for r in results)


def progress_task_id(count: int) -> int:
    """An id near the end of the generated plan whose task has targets."""
    shipped = yaml.load(SHIPPED.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["tasks"]
    with_targets = [i for i, task in enumerate(shipped) if task["targets"]]
    last_cycle = (count - 1) // len(shipped) * len(shipped)
    return next(last_cycle + i + 1 for i in reversed(with_targets) if last_cycle + i < count)


Row = tuple[str, float, float, str, int]  # measure, median ms, fastest ms, target, peak MB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--tasks", type=int, default=10_000)
    options = parser.parse_args()
    rows: list[Row] = []

    def measure(label: str, args: list[str], target: str, runs: int = options.runs) -> None:
        middle, fastest, memory = median(args, env, runs)
        rows.append((label, middle * 1000, fastest * 1000, target, memory))

    with tempfile.TemporaryDirectory(prefix="kexie-bench-") as tmp:
        env = {**os.environ, "KEXIE_CACHE": f"{tmp}/cache"}
        env.pop("KEXIE_DATA", None)
        shipped = ["--data", str(REPO / "data")]
        run_once(["check", *shipped], env)  # warm the cache
        listing = ["list", "--dept", "组宣部", "--format", "tsv"]
        measure("shipped: list --dept 组宣部 --format tsv", [*listing, *shipped], "≤ 80 ms")
        report = ["report", "--due", "2025.6", "--format", "json"]
        measure("shipped: report --due 2025.6 --format json", [*report, *shipped], "≤ 80 ms")

        big = Path(tmp) / "big" / "plan.yaml"
        big.parent.mkdir()
        # Written by another process: each `kexie` here is started from this one, and a
        # child's peak memory counts what it shared of its parent's before it started.
        generator = str(Path(__file__).with_name("generate.py"))
        subprocess.run(
            [sys.executable, generator, str(options.tasks), str(big)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        size = big.stat().st_size / 1e6
        data = ["--data", str(big)]
        shutil.rmtree(f"{tmp}/cache", ignore_errors=True)
        n = options.tasks
        measure(
            f"{n} tasks ({size:.1f} MB): first run, no cache", [*listing, *data], "≤ 3000 ms", 1
        )
        measure(f"{n} tasks: list --dept 组宣部 --format tsv (warm)", [*listing, *data], "≤ 250 ms")
        measure(
            f"{n} tasks: report --format json (warm)",
            ["report", "--format", "json", *data],
            "≤ 250 ms",
        )
        task = progress_task_id(n)
        progress = ["progress", f"{task}.1", "--add", "1", "--date", "2025-06-30", *data]
        measure(
            f"{n} tasks: progress {task}.1 --add 1", progress, "≤ 500 ms", max(3, options.runs // 2)
        )
        measure(f"{n} tasks: list right after progress", [*listing, *data], "≤ 250 ms", 3)

    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'median':>9}  {'fastest':>9}  {'target':>10}  {'peak RSS':>8}")
    for label, middle, fastest, target, memory in rows:
        print(
            f"{label:<{width}}  {middle:>6.0f} ms  {fastest:>6.0f} ms  {target:>10}  {memory:>5} MB"
        )
    print(
        f"(peak memory target ≤ 300 MB; {options.runs} runs per median; python {sys.version.split()[0]})"
    )


if __name__ == "__main__":
    main()
