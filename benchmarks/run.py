"""kexie's speed as ratios to yardsticks timed in the same session (issue 13's limits).

    .venv/bin/python benchmarks/run.py            # shipped data + a 10,000-task plan
    .venv/bin/python benchmarks/run.py --runs 41  # more runs per median

Each figure is the median CPU time (user + system, from `os.wait4`) of whole processes of the
installed `kexie` (the one beside this Python). Every measure, yardsticks included, runs once in
each turn, turn after turn, so a slow spell of the machine falls on all alike; the ratios are of
those medians. Wall-clock medians are printed for information. Method: benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import taskwarrior
from generate import SHIPPED, generate

REPO = Path(__file__).resolve().parent.parent
KEXIE = str(Path(sys.executable).with_name("kexie"))
IMPORTS = "import typer, yaml, pydantic, rich"
LISTING = ["list", "--dept", "组宣部", "--format", "tsv"]


@dataclass
class Measure:
    label: str
    argv: list[str]
    yardstick: str = ""  # key of the measure this one is divided by
    limit: float = 0.0
    cold: bool = False  # run with an empty cache directory each time
    key: str = ""  # a yardstick's name, for the measures divided by it
    also: str = ""  # another yardstick's key, its ratio printed for information
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """CPU seconds (user + system, its reaped children's included) and wall seconds of one
    whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=REPO, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark: `{' '.join(argv)}` exited with {proc.returncode}")
    return usage.ru_utime + usage.ru_stime, wall


def run(measure: Measure, env: dict[str, str], tmp: Path) -> None:
    if measure.cold:
        cache = Path(tempfile.mkdtemp(dir=tmp, prefix="cold-"))
        cpu, wall = run_once(measure.argv, {**env, "KEXIE_CACHE": str(cache)})
        shutil.rmtree(cache)
    else:
        cpu, wall = run_once(measure.argv, env)
    measure.cpu.append(cpu)
    measure.wall.append(wall)


def compile_kexie() -> int:
    """Write bytecode for every kexie module, as its first run would: an editable install under
    PYTHONDONTWRITEBYTECODE=1 never writes any and would compile every module on every run."""
    spec = importlib.util.find_spec("kexie_cli")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("benchmark: kexie_cli is not installed beside this Python")
    folders = list(spec.submodule_search_locations)
    for folder in folders:
        compileall.compile_dir(folder, force=True, quiet=2)
    return sum(1 for folder in folders for _ in Path(folder).rglob("*.py"))


def progress_task_id(count: int) -> int:
    """An id near the end of the generated plan whose task's target 1 exists and is one
    figure (not broken down by place, which would need --unit)."""
    shipped = yaml.load(SHIPPED.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["tasks"]
    with_targets = [
        i
        for i, task in enumerate(shipped)
        if task["targets"] and not {"units", "each"} & set(task["targets"][0])
    ]
    last_cycle = (count - 1) // len(shipped) * len(shipped)
    return next(last_cycle + i + 1 for i in reversed(with_targets) if last_cycle + i < count)


def measures(tmp: Path, count: int, tw: str | None, history: bool) -> list[Measure]:
    """The issue's measures and yardsticks. `progress` edits a copy of the plan, so that the
    warm reads of the other copy stay warm. With history, Taskwarrior's tasks carry it as
    annotations (the same tasks); its ratio to Taskwarrior's tasks without them is printed too."""
    # With history, the shipped list is read with a year of history too (the office's scale).
    shipped = ["--data", str(tmp / "shipped" if history else REPO / "data")]
    big = ["--data", str(tmp / "big" / "plan.yaml")]
    edited = ["--data", str(tmp / "edited" / "plan.yaml")]
    task = progress_task_id(count)
    progress = ["progress", f"{task}.1", "--add", "1", "--date", "2025-12-31"]
    report = ["report", "--format", "json"]
    n, tw_key = f"{count:,} tasks", "Taskwarrior"
    imports = f"yardstick: python -c '{IMPORTS}'"
    found = [Measure(imports, [sys.executable, "-c", IMPORTS], key="imports")]
    if tw:
        listing, _ = taskwarrior.command(tmp / "taskwarrior")
        kept = " (history as annotations)" if history else ""
        label = f"yardstick: Taskwarrior {tw}: {' '.join(listing)}{kept}"
        found.append(Measure(label, listing, key=tw_key))
    if tw and history:
        listing, env = taskwarrior.command(tmp / "taskwarrior-bare")
        bare = ["env", *(f"{k}={v}" for k, v in env.items()), *listing]
        found.append(Measure("yardstick: the same, tasks without their history", bare, key="bare"))
    for label, args, yardstick, limit, cold in (
        ("shipped: list --dept 组宣部 --format tsv", [*LISTING, *shipped], "imports", 1.0, False),
        (
            "shipped: report --due 2025.6 --format json",
            [*report, "--due", "2025.6", *shipped],
            "imports",
            1.0,
            False,
        ),
        (f"{n}: list --dept 组宣部 --format tsv (warm)", [*LISTING, *big], tw_key, 2.0, False),
        (f"{n}: report --format json (warm)", [*report, *big], tw_key, 2.0, False),
        (f"{n}: progress {task}.1 --add 1", [*progress, *edited], tw_key, 4.0, False),
        (f"{n}: list, first run (no cache)", [*LISTING, *big], tw_key, 25.0, True),
    ):
        also = "bare" if tw and history and yardstick == tw_key else ""
        found.append(Measure(label, [KEXIE, *args], yardstick, limit, cold, also=also))
    return found


def width(text: str) -> int:
    """Columns the text takes in a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def table(found: list[Measure], runs: int, tw: str | None) -> list[str]:
    """The printed lines: one row per measure, then what the figures are."""
    yardsticks = {m.key: m for m in found if m.key}
    label_width = max(width(m.label) for m in found)
    lines = [
        f"{pad('measure', label_width)}  {'CPU ms':>7}  {'yardstick':<11}  {'ratio':>6}"
        f"  {'limit':>6}  {'':4}  {'wall ms':>7}"
    ]
    missed = 0
    for m in found:
        cpu, wall = statistics.median(m.cpu) * 1000, statistics.median(m.wall) * 1000
        base = yardsticks.get(m.yardstick)
        note = ""
        if not m.yardstick:
            ratio, limit, verdict = "", "", ""
        elif base is None:
            ratio, limit, verdict = "—", f"≤ {m.limit:.1f}", "skip"
        else:
            value = cpu / (statistics.median(base.cpu) * 1000)
            ratio, limit = f"{value:.2f}×", f"≤ {m.limit:.1f}"
            verdict = "ok" if value <= m.limit else "MISS"
            missed += verdict == "MISS"
            if m.also in yardsticks:
                other = cpu / (statistics.median(yardsticks[m.also].cpu) * 1000)
                note = f"  ({other:.2f}× Taskwarrior without history)"
        lines.append(
            f"{pad(m.label, label_width)}  {cpu:>7.0f}  {m.yardstick:<11}"
            f"  {ratio:>6}  {limit:>6}  {verdict:<4}  {wall:>7.0f}{note}"
        )
    lines.append(
        f"Medians of {runs} interleaved runs; CPU = user + system of the whole process; python"
        f" {sys.version.split()[0]}. {f'{missed} MISS.' if missed else 'No ratio missed its limit.'}"
    )
    if not tw:
        lines.append(
            "Taskwarrior (`task`) is not installed: its ratios are skipped"
            " (Debian: apt-get install taskwarrior)."
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--runs", type=int, default=21, help="runs per median (default 21: 3–5 minutes)"
    )
    limits = "tasks in the generated plan (the limits are for 10,000)"
    parser.add_argument("--tasks", type=int, default=10_000, help=limits)
    parser.add_argument(
        "--history", action="store_true", help="a year of the 督办 record per task (issue 14)"
    )
    options = parser.parse_args()
    modules = compile_kexie()
    tw = taskwarrior.version()
    with tempfile.TemporaryDirectory(prefix="kexie-bench-") as name:
        tmp = Path(name)
        env = {**os.environ, "KEXIE_CACHE": str(tmp / "cache")}
        env.pop("KEXIE_DATA", None)
        text = generate(options.tasks, history=options.history)
        if options.history:  # the shipped list with a year of history, beside the notice
            (tmp / "shipped").mkdir()
            year = generate(len(yaml.safe_load(SHIPPED.read_text())["tasks"]), history=True)
            (tmp / "shipped" / SHIPPED.name).write_text(year, encoding="utf-8")
            shutil.copy(REPO / "data" / "2019_points.yaml", tmp / "shipped")
        for copy in ("big", "edited"):
            (tmp / copy).mkdir()
            (tmp / copy / "plan.yaml").write_text(text, encoding="utf-8")
        size = len(text.encode()) / 1e6
        del text
        if tw:
            taskwarrior.prepare(tmp / "big" / "plan.yaml", tmp / "taskwarrior")
            env.update(taskwarrior.command(tmp / "taskwarrior")[1])
            if options.history:
                taskwarrior.prepare(tmp / "big" / "plan.yaml", tmp / "taskwarrior-bare", False)
        found = measures(tmp, options.tasks, tw, options.history)
        print(
            f"{options.tasks:,} tasks, {size:.1f} MB; bytecode written for kexie's {modules}"
            f" modules; {options.runs} turns of {len(found)} measures …",
            file=sys.stderr,
        )
        for m in found:  # once untimed: caches filled, Taskwarrior's first-run work done
            run_once(m.argv, env)
        for _ in range(options.runs):
            for m in found:
                run(m, env, tmp)
    print("\n".join(table(found, options.runs, tw)))


if __name__ == "__main__":
    main()
