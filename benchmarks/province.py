"""A province's tree, measured (issue 29): 17 cities' lists of 100 tasks, each with a year of
monthly history, one sub-folder per city under the province's folder; warm `list` and
`report` of the whole tree as ratios to Taskwarrior listing the same 1,700 tasks (their written
history as annotations), timed in the same turns as benchmarks/run.py times its measures.

    .venv/bin/python benchmarks/province.py              # 11 interleaved runs
    .venv/bin/python benchmarks/province.py --runs 21
    .venv/bin/python benchmarks/province.py --write DIR  # only write the tree (and exit)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run
import taskwarrior
from generate import generate

PROVINCE = "湖北省科协"
# Hubei's 17 cities, prefectures and directly administered cities (市、州、直管市、林区).
CITIES = [
    "武汉市",
    "黄石市",
    "十堰市",
    "宜昌市",
    "襄阳市",
    "鄂州市",
    "荆门市",
    "孝感市",
    "荆州市",
    "黄冈市",
    "咸宁市",
    "随州市",
    "恩施州",
    "仙桃市",
    "潜江市",
    "天门市",
    "神农架林区",
]


def write_tree(root: Path, tasks: int = 100, history: bool = True) -> list[Path]:
    """Each city's list under root/湖北省科协/<city>科协/2025_tasks.yaml: the shipped tasks
    repeated, with the city's org, level and parent."""
    written = []
    for city in CITIES:
        org = f"{city}科协"
        fields = {"title": f"{org}2025年重点工作任务分解清单", "org": org, "level": "市"}
        text = generate(tasks, history=history, plan_fields={**fields, "parent": PROVINCE})
        path = root / PROVINCE / org / "2025_tasks.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def prepare_taskwarrior(plans: list[Path], home: Path, history: bool = True) -> list[str]:
    """A Taskwarrior database of every city's tasks (as benchmarks/taskwarrior.py makes one
    plan's); the command listing them all."""
    home.mkdir(parents=True, exist_ok=True)
    settings = [f"data.location={home / 'data'}", *taskwarrior._SETTINGS]
    (home / "taskrc").write_text("\n".join(settings) + "\n", encoding="utf-8")
    everything = [task for plan in plans for task in taskwarrior._tasks(plan, history)]
    exported = home / "tasks.json"
    exported.write_text(json.dumps(everything, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "TASKRC": str(home / "taskrc")}
    subprocess.run(["task", "import", str(exported)], env=env, check=True, capture_output=True)
    return ["env", f"TASKRC={home / 'taskrc'}", "task", "list"]


def measures(root: Path, tw: list[str], bare: list[str]) -> list[run.Measure]:
    data = ["--data", str(root)]
    found = [
        run.Measure("yardstick: Taskwarrior: task list (history as annotations)", tw, key="tw"),
        run.Measure("yardstick: the same, tasks without their history", bare, key="bare"),
    ]
    for label, args in (
        ("1,700 tasks in 17 cities: list --format tsv (warm)", ["list", "--format", "tsv"]),
        (
            "… list --org 黄石市科协 --format tsv (warm)",
            ["list", "--org", "黄石市科协", "--format", "tsv"],
        ),
        ("… report --format json (warm)", ["report", "--format", "json"]),
        ("… report --by org --format json (warm)", ["report", "--by", "org", "--format", "json"]),
    ):
        found.append(run.Measure(label, [run.KEXIE, *args, *data], "tw", 2.0, also="bare"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=11, help="runs per median (default 11)")
    parser.add_argument("--write", type=Path, help="only write the tree into this folder")
    options = parser.parse_args()
    if options.write is not None:
        plans = write_tree(options.write)
        size = sum(p.stat().st_size for p in plans) / 1e6
        print(f"{options.write}: {len(plans)} cities' lists, {size:.1f} MB")
        return
    version = taskwarrior.version()
    if version is None:
        raise SystemExit(
            "Taskwarrior (`task`) is not installed (Debian: apt-get install taskwarrior)"
        )
    run.compile_kexie()
    with tempfile.TemporaryDirectory(prefix="kexie-province-") as name:
        tmp = Path(name)
        env = {**os.environ, "KEXIE_CACHE": str(tmp / "cache")}
        env.pop("KEXIE_DATA", None)
        plans = write_tree(tmp / "tree")
        tw = prepare_taskwarrior(plans, tmp / "taskwarrior")
        bare = prepare_taskwarrior(plans, tmp / "taskwarrior-bare", history=False)
        found = measures(tmp / "tree", tw, bare)
        size = sum(p.stat().st_size for p in plans) / 1e6
        print(
            f"{len(plans)} lists, {size:.1f} MB; Taskwarrior {version}; {options.runs} turns …",
            file=sys.stderr,
        )
        for m in found:  # once untimed: the cache filled
            run.run_once(m.argv, env)
        for _ in range(options.runs):
            for m in found:
                run.run(m, env, tmp)
    print("\n".join(run.table(found, options.runs, version)))


if __name__ == "__main__":
    main()
