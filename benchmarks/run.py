"""Time whole `kexie` processes against the targets of the speed issue; prints a table of figures.

    .venv/bin/python benchmarks/run.py            # shipped data + a 10,000-task plan
    .venv/bin/python benchmarks/run.py --runs 21  # more runs per median

Each figure is the median wall time of repeated runs of the installed `kexie` (the one beside
this Python), with the peak resident memory of the largest run. Nothing here is a test.
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


def median(args: list[str], env: dict[str, str], runs: int) -> tuple[float, int]:
    results = [run_once(args, env) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def progress_task_id(count: int) -> int:
    """An id near the end of the generated plan whose task has targets."""
    shipped = yaml.load(SHIPPED.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["tasks"]
    with_targets = [i for i, task in enumerate(shipped) if task["targets"]]
    last_cycle = (count - 1) // len(shipped) * len(shipped)
    return next(last_cycle + i + 1 for i in reversed(with_targets) if last_cycle + i < count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--tasks", type=int, default=10_000)
    options = parser.parse_args()
    rows: list[tuple[str, float, str, int]] = []
    with tempfile.TemporaryDirectory(prefix="kexie-bench-") as tmp:
        env = {**os.environ, "KEXIE_CACHE": f"{tmp}/cache"}
        env.pop("KEXIE_DATA", None)
        shipped = ["--data", str(REPO / "data")]
        run_once(["check", *shipped], env)  # warm the cache
        for label, args in [
            (
                "shipped: list --dept 组宣部 --format tsv",
                ["list", "--dept", "组宣部", "--format", "tsv"],
            ),
            (
                "shipped: report --due 2025.6 --format json",
                ["report", "--due", "2025.6", "--format", "json"],
            ),
        ]:
            seconds, memory = median([*args, *shipped], env, options.runs)
            rows.append((label, seconds * 1000, "≤ 80 ms", memory))

        big = Path(tmp) / "big" / "plan.yaml"
        big.parent.mkdir()
        # Written by another process: each `kexie` here is started from this one, and a
        # child's peak memory counts what it shared of its parent's before it started.
        subprocess.run(
            [
                sys.executable,
                str(Path(__file__).with_name("generate.py")),
                str(options.tasks),
                str(big),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        size = big.stat().st_size / 1e6
        data = ["--data", str(big)]
        shutil.rmtree(f"{tmp}/cache", ignore_errors=True)
        seconds, memory = run_once(["list", "--dept", "组宣部", "--format", "tsv", *data], env)
        rows.append(
            (
                f"{options.tasks} tasks ({size:.1f} MB): first run, no cache",
                seconds * 1000,
                "≤ 3000 ms",
                memory,
            )
        )
        for label, args in [
            ("list --dept 组宣部 --format tsv", ["list", "--dept", "组宣部", "--format", "tsv"]),
            ("report --format json", ["report", "--format", "json"]),
        ]:
            seconds, memory = median([*args, *data], env, options.runs)
            rows.append(
                (f"{options.tasks} tasks: {label} (warm)", seconds * 1000, "≤ 250 ms", memory)
            )
        task = progress_task_id(options.tasks)
        progress = ["progress", f"{task}.1", "--add", "1", "--date", "2025-06-30", *data]
        seconds, memory = median(progress, env, max(3, options.runs // 2))
        rows.append(
            (
                f"{options.tasks} tasks: progress {task}.1 --add 1",
                seconds * 1000,
                "≤ 500 ms",
                memory,
            )
        )
        seconds, memory = median(["list", "--dept", "组宣部", "--format", "tsv", *data], env, 3)
        rows.append(
            (
                f"{options.tasks} tasks: list right after progress",
                seconds * 1000,
                "≤ 250 ms",
                memory,
            )
        )

    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'median':>9}  {'target':>10}  {'peak RSS':>8}")
    for label, ms, target, memory in rows:
        print(f"{label:<{width}}  {ms:>6.0f} ms  {target:>10}  {memory:>5} MB")
    print(
        f"(peak memory target ≤ 300 MB; {options.runs} runs per median; python {sys.version.split()[0]})"
    )


if __name__ == "__main__":
    main()
