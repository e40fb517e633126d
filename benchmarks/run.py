"""Time whole `kexie` processes against the targets of the speed issue; prints a table of figures.

    .venv/bin/python benchmarks/run.py            # shipped data + a 10,000-task plan
    .venv/bin/python benchmarks/run.py --runs 21  # more runs per median

Each figure is the median wall time of repeated runs of the installed `kexie` (the one beside
this Python) and the fastest of them, with the peak resident memory of the largest run. The
four warm read-only commands are run in turn, one run of each at a time, so that a slow spell
of the machine falls on all of them alike. Nothing here is a test.

This machine's speed drifts (by half, over minutes), so the yardsticks the issue gives its
figures by are timed in the same turns: Python's start, the eager import of typer, pydantic,
rich and yaml, and — when it is installed — Taskwarrior listing one project of the same tasks.

kexie's modules are compiled to bytecode first where they have none, as any first run writes
it: an editable install (the README's) under PYTHONDONTWRITEBYTECODE=1 would otherwise compile
every module on every run, ~35 ms a command that no user with a normal setup pays.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import taskwarrior
from generate import SHIPPED

REPO = Path(__file__).resolve().parent.parent
KEXIE = str(Path(sys.executable).with_name("kexie"))


def kexie(*args: str) -> list[str]:
    return [KEXIE, *args]


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=REPO, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed")
    return elapsed, usage.ru_maxrss // 1024


def compile_kexie() -> tuple[int, int]:
    """Write bytecode for kexie's modules that have none or a stale one (the import system
    would on their first run, but for PYTHONDONTWRITEBYTECODE); how many needed it, of all."""
    spec = importlib.util.find_spec("kexie_cli")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("kexie_cli is not installed beside this Python")
    sources = [p for d in spec.submodule_search_locations for p in Path(d).rglob("*.py")]
    stale = [p for p in sources if not _has_bytecode(p)]
    for source in stale:
        compileall.compile_file(source, quiet=2)
    return len(stale), len(sources)


def _has_bytecode(source: Path) -> bool:
    """Whether the import system would take the module's cached bytecode: its header has this
    Python's magic number, no flags, and the source's modification time and size."""
    try:
        with open(importlib.util.cache_from_source(str(source)), "rb") as compiled:
            header = compiled.read(16)
    except OSError:
        return False
    stat = source.stat()
    stamp = (int(stat.st_mtime) & 0xFFFFFFFF, stat.st_size & 0xFFFFFFFF)
    return header[:8] == importlib.util.MAGIC_NUMBER + bytes(4) and stamp == (
        int.from_bytes(header[8:12], "little"),
        int.from_bytes(header[12:16], "little"),
    )


Figures = tuple[float, float, int]  # median and fastest wall seconds, the largest peak RSS


def median(argv: list[str], env: dict[str, str], runs: int) -> Figures:
    """Median and fastest wall seconds of the runs, and the peak RSS of the largest."""
    return summary([run_once(argv, env) for _ in range(runs)])


def medians(commands: list[list[str]], env: dict[str, str], runs: int) -> list[Figures]:
    """As `median`, for commands run in turn (one run of each, `runs` times over): on a machine
    whose speed drifts, a slow spell slows them all alike, not just the one it falls on."""
    results: list[list[tuple[float, int]]] = [[] for _ in commands]
    for _ in range(runs):
        for argv, found in zip(commands, results, strict=True):
            found.append(run_once(argv, env))
    return [summary(found) for found in results]


def summary(results: list[tuple[float, int]]) -> Figures:
    times = [r[0] for r in results]
    return statistics.median(times), min(times), max(r[1] for r in results)


def progress_task_id(count: int) -> int:
    """An id near the end of the generated plan whose task has targets."""
    shipped = yaml.load(SHIPPED.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["tasks"]
    with_targets = [i for i, task in enumerate(shipped) if task["targets"]]
    last_cycle = (count - 1) // len(shipped) * len(shipped)
    return next(last_cycle + i + 1 for i in reversed(with_targets) if last_cycle + i < count)


Row = tuple[str, float, float, str, int]  # measure, median ms, fastest ms, target, peak MB


def yardsticks(plan: Path, home: Path) -> tuple[list[tuple[str, str, list[str]]], dict[str, str]]:
    """The commands the issue gives figures for besides kexie's own: each with its label and
    the issue's figure; and what they need in the environment (Taskwarrior's database)."""
    eager = "import typer, pydantic, rich, yaml"
    found = [
        ("yardstick: python -c pass", "≈ 10 ms", [sys.executable, "-c", "pass"]),
        (f"yardstick: python -c '{eager}'", "≈ 100 ms", [sys.executable, "-c", eager]),
    ]
    version = taskwarrior.version()
    if version is None:
        return found, {}
    # In a process of its own, as the plan was written: see `main`.
    script = str(Path(__file__).with_name("taskwarrior.py"))
    subprocess.run([sys.executable, script, str(plan), str(home)], check=True)
    listing, env = taskwarrior.command(home)
    label = f"yardstick: Taskwarrior {version}: {' '.join(listing)}"
    # The issue's 125 ms was for tasks of its own (unknown); see the ratio printed by `main`.
    return [*found, (label, "≈ 125 ms", listing)], env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--tasks", type=int, default=10_000)
    options = parser.parse_args()
    n = options.tasks
    compiled, modules = compile_kexie()

    with tempfile.TemporaryDirectory(prefix="kexie-bench-") as tmp:
        env = {**os.environ, "KEXIE_CACHE": f"{tmp}/cache"}
        env.pop("KEXIE_DATA", None)
        big = Path(tmp) / "big" / "plan.yaml"
        big.parent.mkdir()
        # Written by another process: each `kexie` here is started from this one, and a
        # child's peak memory counts what it shared of its parent's before it started.
        generator = str(Path(__file__).with_name("generate.py"))
        subprocess.run(
            [sys.executable, generator, str(n), str(big)], check=True, stdout=subprocess.DEVNULL
        )
        size = big.stat().st_size / 1e6
        others, their_env = yardsticks(big, Path(tmp) / "taskwarrior")
        env.update(their_env)
        shipped, data = ["--data", str(REPO / "data")], ["--data", str(big)]
        listing = ["list", "--dept", "组宣部", "--format", "tsv"]
        first = median(kexie(*listing, *data), env, 1)  # no cache yet
        run_once(kexie("check", *shipped), env)  # the shipped plans cached too
        warm = medians(  # run in turn: see medians
            [
                kexie(*listing, *shipped),
                kexie("report", "--due", "2025.6", "--format", "json", *shipped),
                kexie(*listing, *data),
                kexie("report", "--format", "json", *data),
                *(command for _, _, command in others),
            ],
            env,
            options.runs,
        )
        task = progress_task_id(n)
        progress = ["progress", f"{task}.1", "--add", "1", "--date", "2025-06-30", *data]
        updates = median(kexie(*progress), env, max(3, options.runs // 2))
        after = median(kexie(*listing, *data), env, 3)  # each within seconds of the last update

    figures = [
        ("shipped: list --dept 组宣部 --format tsv", "≤ 80 ms", warm[0]),
        ("shipped: report --due 2025.6 --format json", "≤ 80 ms", warm[1]),
        (f"{n} tasks ({size:.1f} MB): first run, no cache", "≤ 3000 ms", first),
        (f"{n} tasks: list --dept 组宣部 --format tsv (warm)", "≤ 250 ms", warm[2]),
        (f"{n} tasks: report --format json (warm)", "≤ 250 ms", warm[3]),
        (f"{n} tasks: progress {task}.1 --add 1", "≤ 500 ms", updates),
        (f"{n} tasks: list right after progress", "≤ 250 ms", after),
        *((label, issue, timed) for (label, issue, _), timed in zip(others, warm[4:], strict=True)),
    ]
    rows: list[Row] = [
        (label, middle * 1000, fastest * 1000, target, memory)
        for label, target, (middle, fastest, memory) in figures
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'median':>9}  {'fastest':>9}  {'target':>10}  {'peak RSS':>8}")
    for label, middle, fastest, target, memory in rows:
        print(
            f"{label:<{width}}  {middle:>6.0f} ms  {fastest:>6.0f} ms  {target:>10}  {memory:>5} MB"
        )
    print(
        f"(peak memory target ≤ 300 MB; {options.runs} runs per median;"
        f" python {sys.version.split()[0]}; kexie's bytecode written first for {compiled} of"
        f" its {modules} modules; a yardstick's target is the issue's figure for it, and it is"
        " timed in turn with the four warm commands)"
    )
    if len(others) == 3:  # Taskwarrior is installed
        ratio = warm[2][0] / warm[6][0]
        print(
            f"A warm kexie list of the {n} tasks takes {ratio:.2f} times as long as Taskwarrior's"
            " list of the same tasks, in the same turns."
        )


if __name__ == "__main__":
    main()
