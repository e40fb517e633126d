"""`kexie extend` through the CLI: the extension entry lands in the task's history (the task's
`due` stays as the document wrote it), the deadline moves from the extension's date on, and
every refusal is one line, exit 2, the file byte-identical."""

from __future__ import annotations

import datetime as dt
import difflib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.core.models import TasksPlan
from kexie_cli.core.months import Month
from kexie_cli.core.record import effective_due
from kexie_cli.plans.load import load_file

TODAY = dt.date.today().isoformat()  # an entry typed today for an earlier date came in today

runner = CliRunner()

PLAN = """\
plan:
  title: 测试清单
  year: 2025
  start: '2025.3'
tasks:
- id: 3
  due: '2025.5'   # 原定
  leaders: [李麟]
  targets:
  - name: 科普活动
    target: 100
    done: 20
- id: 8
  due: '2025.6'
  targets:
  - name: 宣讲
    target: 10
    done: 10
  history:
  - date: '2025-04-30'
    target: 1
    before: 2
    after: 10
- id: 9
  due: '2025.6'
  status: done
"""


@pytest.fixture
def plan_file(write) -> Path:
    return write("2025_tasks.yaml", PLAN)


def extend(path: Path, *args: str):
    return runner.invoke(app, ["extend", *args, "--data", str(path)])


def changes(old: str, new: str) -> list[str]:
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def load(path: Path) -> TasksPlan:
    plan, problems = load_file(path)
    assert not problems, problems
    assert isinstance(plan, TasksPlan)
    return plan


def test_an_extension_is_appended_and_the_documents_month_stays(plan_file):
    args = ["3", "2025.9", "--reason", "场地未落实", "--by", "李麟", "--date", "2025-05-20"]
    result = extend(plan_file, *args)
    assert result.exit_code == 0, result.output
    assert result.stdout == "任务 3 延期至 2025.9（原定 2025.5，延期 1 次）\n"
    assert result.stderr == ""
    assert changes(PLAN, plan_file.read_text(encoding="utf-8")) == [
        "+  history:",
        "+  - date: '2025-05-20'",
        f"+    recorded: '{TODAY}'",
        "+    kind: extension",
        "+    due_before: '2025.5'",
        "+    due_after: '2025.9'",
        "+    reason: 场地未落实",
        "+    by: 李麟",
    ]
    task = load(plan_file).tasks[0]
    assert task.due == Month(2025, 5)  # the document's month, never rewritten
    assert str(effective_due(task, Month(2025, 5).last_day)) == "2025-09"
    assert str(effective_due(task, Month(2025, 4).last_day)) == "2025-05"  # before it: as then


def test_a_second_extension_starts_from_the_first_and_json_is_the_entry(plan_file):
    assert (
        extend(plan_file, "3", "2025-07", "--reason", "一", "--date", "2025-05-20").exit_code == 0
    )
    result = extend(plan_file, "3", "2025年9月", "--reason", "二", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data.pop("date")  # today
    assert data == {
        "id": 3,
        "kind": "extension",
        "due_before": "2025-07",
        "due_after": "2025-09",
        "reason": "二",
    }
    shown = runner.invoke(app, ["show", "3", "--format", "json", "--data", str(plan_file)])
    assert [h["due_after"] for h in json.loads(shown.stdout)["history"]] == ["2025-07", "2025-09"]
    text = extend(plan_file, "3", "2025.10", "--reason", "三")
    assert text.stdout == "任务 3 延期至 2025.10（原定 2025.5，延期 3 次）\n"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["3", "2025.9"], "延期须写明原因"),
        (["3", "2025.9", "--reason", ""], "--reason 不能为空"),
        (["3", "2025.9", "--reason", " \n "], "--reason 不能为空"),
        (["3", "2025.9", "--reason", "a\x1bb"], "控制字符"),
        (["3", "九月", "--reason", "x"], "无法识别的月份 '九月'"),
        (["3", "2025.13", "--reason", "x"], "超出 1–12"),
        (["3", "2025.5", "--reason", "x"], "延期后的时限 2025.5 应晚于任务 3 当前的时限 2025.5"),
        (["3", "2025.4", "--reason", "x"], "应晚于任务 3 当前的时限"),
        (["8", "2025.9", "--reason", "x", "--date", "2025-05-01"], "任务 8 在 2025-05-01 已完成"),
        (["9", "2025.9", "--reason", "x"], "已完成，不能延期"),
        (["3", "--refuse", "--reason", "x"], "没有待审批的延期申请"),
        (["3", "2025.9", "--refuse", "--reason", "x"], "--refuse 不同意延期，不给 MONTH"),
        (["3", "--reason", "x"], "请给出延期后的时限 MONTH"),
        (["3", "--refuse"], "不同意延期须写明理由"),
        (["3", "2025.9", "--reason", "x", "--date", "2025-02-28"], "早于计划的起始月份 2025.3"),
        (["3", "2025.9", "--reason", "x", "--date", "2999-01-01"], "晚于今天"),
        (["3", "2025.9", "--reason", "x", "--date", "5月1日"], "不是日期"),
        (["99", "2025.9", "--reason", "x"], "没有任务 99"),
        (["3.1", "2025.9", "--reason", "x"], "应为整项任务的编号"),
        (["3", "2025.9", "--reason", "x", "--format", "xml"], "--format"),
    ],
)
def test_refusals_are_one_line_and_leave_the_file_byte_identical(plan_file, args, words):
    before = plan_file.read_bytes()
    result = extend(plan_file, *args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("kexie: ") and result.stderr.count("\n") == 1
    assert words in result.stderr
    assert plan_file.read_bytes() == before


def test_the_month_is_checked_against_the_deadline_in_force_at_the_date(plan_file):
    assert extend(plan_file, "3", "2025.9", "--reason", "一", "--date", "2025-05-20").exit_code == 0
    result = extend(plan_file, "3", "2025.8", "--reason", "二", "--date", "2025-05-21")
    assert result.exit_code == 2
    assert "应晚于任务 3 当前的时限 2025.9" in result.stderr


def test_a_points_plan_is_refused(write):
    points = write(
        "2025_points.yaml",
        "plan: {title: 要点, year: 2025}\npoints:\n- {id: 1, title: 一, content: 内容}\n",
    )
    before = points.read_bytes()
    result = extend(points, "1", "2025.9", "--reason", "x")
    assert result.exit_code == 2 and "是工作要点" in result.stderr
    assert points.read_bytes() == before


def test_a_hand_edited_extension_that_moves_the_deadline_back_is_refused_on_load(write):
    path = write(
        "2025_tasks.yaml",
        PLAN.replace(
            "  leaders: [李麟]\n",
            "  leaders: [李麟]\n  history:\n  - {date: '2025-04-01', kind: extension,"
            " due_before: '2025.5', due_after: '2025.4', reason: x}\n",
        ),
    )
    _, problems = load_file(path)
    assert problems and "应晚于原时限" in str(problems[0])


def test_a_hand_edited_extension_earlier_than_the_one_before_is_refused_on_load(write):
    entries = (
        "  history:\n"
        "  - {date: '2025-04-01', kind: extension, due_before: '2025.5', due_after: '2025.9',"
        " reason: x}\n"
        "  - {date: '2025-05-01', kind: extension, due_before: '2025.6', due_after: '2025.7',"
        " reason: y}\n"
    )
    path = write(
        "2025_tasks.yaml", PLAN.replace("  leaders: [李麟]\n", "  leaders: [李麟]\n" + entries)
    )
    _, problems = load_file(path)
    assert [p.message for p in problems] == ["延期后的时限 2025.7 应晚于此前的时限 2025.9"]
    assert problems[0].line == 11  # the second extension's line
