"""A department written one way: the plan's declared name, else its most used spelling."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.core.models import Departments, Task, TasksInfo, TasksPlan
from kexie_cli.core.months import Month
from kexie_cli.core.names import same
from kexie_cli.core.spelling import Spelling, full_width, written_one_way
from kexie_cli.plans.load import load_file
from tests.conftest import DATA

runner = CliRunner()


def _plan(*leads: list[str], aliases=None, groups=None) -> TasksPlan:
    tasks = [Task(id=i, due=Month(2025, 6), lead=lead) for i, lead in enumerate(leads, 1)]
    office = Departments(groups=groups or {}, aliases=aliases or {})
    return TasksPlan(TasksInfo(title="清单", year=2025), tasks, office)


def test_the_shipped_plan_spells_each_department_as_it_declares_it() -> None:
    plan, _ = load_file(DATA / "2025_tasks.yaml")
    spelled = Spelling(plan)
    assert spelled("普及部(中心)") == spelled("普及部") == "普及部（中心）"  # a group member
    assert spelled("市馆") == "市科技馆"  # the alias's department
    assert spelled("科普部") == "普及部（中心）"
    assert spelled("各县(市)区科协") == "各县（市、区）科协"  # the spelling used most
    assert spelled("市、县(市、区)科协") == "市、县（市、区）科协"
    written = {n for t in written_one_way(plan).tasks for n in (*t.lead, *t.support)}
    assert not written & {"市馆", "普及部(中心)", "普及部", "各县(市)区科协"}
    assert all("(" not in name for name in written)


def test_a_task_already_spelled_is_kept_and_a_changed_one_keeps_its_standing() -> None:
    plan = _plan(["组宣部"], ["普及部(中心)"], aliases={"市馆": "市科技馆"})
    spelled = written_one_way(plan)
    assert spelled.tasks[0] is plan.tasks[0]
    assert spelled.tasks[1].lead == ["普及部（中心）"]
    assert spelled.tasks[1].standing is plan.tasks[1].standing
    assert written_one_way(_plan(["组宣部"])).tasks[0].lead == ["组宣部"]


def test_two_spellings_of_one_department_in_a_task_become_one() -> None:
    plan = _plan(["普及部", "普及部（中心）"], groups={"机关各部室": ["普及部（中心）"]})
    assert written_one_way(plan).tasks[0].lead == ["普及部（中心）"]


@given(st.text(alphabet="部室科协()（）中心县市、 ", min_size=1, max_size=12))
def test_a_spelling_is_the_same_name_and_has_no_half_width_bracket(name: str) -> None:
    plan = _plan([name], ["普及部（中心）"], aliases={"市馆": "市科技馆"})
    spelled = Spelling(plan)(name)
    assert "(" not in spelled and ")" not in spelled
    assert same(spelled, full_width(name)) or spelled == "市科技馆"
    assert Spelling(plan)(spelled) == spelled  # once spelled, spelled


def test_report_json_and_table_name_the_department_as_the_plan_does(tmp_path) -> None:
    args = ["report", "--data", str(DATA), "--as-of", "2025-06-30"]
    shown = runner.invoke(app, [*args, "--format", "json"])
    assert shown.exit_code == 0, shown.stderr
    data = json.loads(shown.stdout)
    groups = [g["name"] for g in data["groups"]]
    assert "普及部（中心）" in groups and "市科技馆" in groups
    assert not {"市馆", "普及部(中心)"} & set(groups)
    leads = {n for task in data["tasks"] for n in task["lead"]}
    assert "市馆" not in leads and "普及部(中心)" not in leads
    table = runner.invoke(app, [*args, "--format", "tsv"])
    assert "普及部(中心)" not in table.stdout and "市馆\t" not in table.stdout
