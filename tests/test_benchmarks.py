"""The benchmark's yardstick gets the same tasks: with history, Taskwarrior's copy carries each
written entry of the 督办 record as a dated annotation (benchmarks/taskwarrior.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import taskwarrior  # noqa: E402
from generate import generate  # noqa: E402


def _plan(tmp_path: Path, history: bool) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(generate(12, history=history), encoding="utf-8")
    return path


def test_a_plan_with_history_gives_taskwarrior_its_written_entries(tmp_path):
    path = _plan(tmp_path, history=True)
    tasks = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["tasks"]
    exported = taskwarrior._tasks(path, history=True)
    for task, copy in zip(tasks, exported, strict=True):
        written = [
            h.get("note") or h.get("comment") or h.get("reason")
            for h in task["history"]
            if h.get("kind") in ("report", "comment", "extension", "request")
        ]
        notes = copy.get("annotations", [])
        assert [n["description"] for n in notes] == written
        assert all(n["entry"].endswith("T000000Z") and len(n["entry"]) == 16 for n in notes)
    assert sum(len(c.get("annotations", [])) for c in exported) >= 12 * 12  # a report a month


def test_without_history_or_when_asked_taskwarrior_gets_no_annotations(tmp_path):
    assert not any("annotations" in t for t in taskwarrior._tasks(_plan(tmp_path, False), True))
    with_history = _plan(tmp_path, True)
    assert not any("annotations" in t for t in taskwarrior._tasks(with_history, history=False))


def test_the_province_tree_is_seventeen_valid_city_lists_under_the_province(tmp_path):
    import province
    from typer.testing import CliRunner

    from kexie_cli.cli import app

    plans = province.write_tree(tmp_path, tasks=3)
    assert len(plans) == 17 and all(p.parent.parent.name == "湖北省科协" for p in plans)
    result = CliRunner().invoke(
        app, ["report", "--data", str(tmp_path), "--by", "org", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    groups = [g["name"] for g in json.loads(result.stdout)["groups"]]
    assert len(groups) == 18 and groups[-1] == "市级合计"
