"""Export → import for every layout kexie writes as a list (`export` as .xlsx in the full and
the progress layout, one sheet a department, and as .csv): the tasks come back, field by field,
as far as each layout carries them. (`export --format ics` is a calendar, not a list.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.core.spelling import written_one_way
from kexie_cli.plans.load import load_file
from tests.conftest import DATA

runner = CliRunner()

FULL = ("id", "section", "focus", "content", "measures", "lead", "support", "leaders", "due")
# The progress sheet prints 序号, 【重点工作】具体内容, 牵头部室, 责任领导, 完成时限 and targets.
PROGRESS = ("id", "focus", "content", "lead", "leaders", "due")
LAYOUTS = {
    "xlsx": (["-o", "清单.xlsx"], FULL, True),
    "csv": (["--format", "csv", "-o", "清单.csv"], FULL, False),
    "progress": (["--layout", "progress", "-o", "进展.xlsx"], PROGRESS, False),
    "by-dept": (["--layout", "progress", "--by-dept", "-o", "各部室.xlsx"], PROGRESS, False),
    "full by-dept": (["--by-dept", "-o", "各部室全.xlsx"], FULL, True),
}


def _shipped(spelled: bool) -> list:
    """The shipped tasks; `spelled`: with departments written as the plan declares them, as the
    progress layouts print them (docs/commands.md, names written one way)."""
    plan, problems = load_file(DATA / "2025_tasks.yaml")
    assert problems == [] and plan is not None
    return list((written_one_way(plan) if spelled else plan).tasks)


def _fields(task) -> dict:
    return {
        "id": task.id,
        "section": task.section,
        "focus": task.focus,
        "content": task.content,
        "measures": list(task.measures),
        "lead": list(task.lead),
        "support": list(task.support),
        "leaders": list(task.leaders),
        "due": f"{task.due.year}.{task.due.month}",
    }


def _target(target, places: bool) -> tuple:
    kept = (target.name, target.target, target.target_max, target.unit, target.comparator)
    if places:
        return (*kept, target.done, target.units)
    return kept


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_comes_back_field_by_field(layout: str, tmp_path: Path) -> None:
    options, fields, places = LAYOUTS[layout]
    options = [*options[:-1], str(tmp_path / options[-1])]
    as_of = ["--as-of", "2025-12-31"]
    exported = runner.invoke(app, ["export", "--data", str(DATA), *as_of, *options])
    assert exported.exit_code == 0, exported.stderr
    out = tmp_path / "back.yaml"
    result = runner.invoke(app, ["import", "tasks", options[-1], "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("导入 40 项任务、52 项指标；没有需核对的推断"), result.stderr
    back, problems = load_file(out)
    assert problems == [] and back is not None
    shipped = _shipped(spelled=fields is PROGRESS)
    assert [t.id for t in back.tasks] == [t.id for t in shipped]
    for again, task in zip(back.tasks, shipped, strict=True):
        want, got = _fields(task), _fields(again)
        assert {f: got[f] for f in fields} == {f: want[f] for f in fields}, task.id
        for field in set(FULL) - set(fields):  # not printed: empty, never made up
            assert got[field] in ("", []), (task.id, field)
        assert [_target(t, places) for t in again.targets] == [
            _target(t, places) for t in task.targets
        ], task.id
        # read back from kexie's own cells, not suggested: nothing for a person to check
        assert all(t.note is None for t in again.targets)
    plan = yaml.safe_load(out.read_text(encoding="utf-8"))["plan"]
    title = "清单" if layout == "csv" else "黄石市科协2025年重点工作任务分解清单"
    assert (plan["year"], plan["title"]) == (2025, title)  # a CSV has no title row: its name
    assert not plan["title"].endswith("）")  # one sheet's department is not the plan's title
