"""`kexie comment` through the CLI: a leader's comment lands in the task's history, `--by` is
required, another name than the task's 责任领导 is accepted with one warning line."""

from __future__ import annotations

import datetime as dt
import difflib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.core.models import EntryKind, TasksPlan
from kexie_cli.plans.load import load_file

TODAY = dt.date.today().isoformat()  # an entry typed today for an earlier date came in today

runner = CliRunner()

PLAN = """\
plan:
  title: 测试清单
  year: 2025
  start: '2025.1'
tasks:
- id: 8
  due: '2025.6'
  leaders: [郑昌盛, 陈汉平]
- id: 9
  due: '2025.12'
  history:
  - date: '2025-05-31'
    kind: report
    note: 已启动
"""


@pytest.fixture
def plan_file(write) -> Path:
    return write("2025_tasks.yaml", PLAN)


def comment(path: Path, *args: str):
    return runner.invoke(app, ["comment", *args, "--data", str(path)])


def load(path: Path) -> TasksPlan:
    plan, problems = load_file(path)
    assert not problems, problems
    assert isinstance(plan, TasksPlan)
    return plan


def test_a_comment_is_appended_to_the_task_alone(plan_file):
    result = comment(
        plan_file, "8", "抓紧推进，月底前报送", "--by", "郑昌盛", "--date", "2025-04-10"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "任务 8 已登记批示（郑昌盛，2025-04-10）\n"
    assert result.stderr == ""
    new = plan_file.read_text(encoding="utf-8")
    diff = difflib.unified_diff(PLAN.splitlines(), new.splitlines(), lineterm="", n=0)
    assert [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")] == [
        "+  history:",
        "+  - date: '2025-04-10'",
        f"+    recorded: '{TODAY}'",
        "+    kind: comment",
        "+    comment: 抓紧推进，月底前报送",
        "+    by: 郑昌盛",
    ]
    assert new.index("kind: comment") < new.index("- id: 9")  # inside task 8's item
    entry = load(plan_file).tasks[0].history[-1]
    assert (entry.kind, entry.comment, entry.by) == (
        EntryKind.COMMENT,
        "抓紧推进，月底前报送",
        "郑昌盛",
    )


def test_json_is_the_entry_with_the_task_id(plan_file):
    result = comment(plan_file, "8", "请办公室督办", "--by", "陈汉平", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data.pop("date")  # today
    assert data == {"id": 8, "kind": "comment", "comment": "请办公室督办", "by": "陈汉平"}


def test_a_name_that_is_not_a_leader_of_the_task_is_accepted_with_one_warning(plan_file):
    result = comment(plan_file, "8", "已阅", "--by", "王五", "--date", "2025-04-10")
    assert result.exit_code == 0, result.output
    assert result.stderr == "kexie: 提示：王五不是任务 8 的责任领导（郑昌盛、陈汉平）\n"
    assert result.stdout == "任务 8 已登记批示（王五，2025-04-10）\n"
    assert load(plan_file).tasks[0].history[-1].by == "王五"
    # A leader's name as the list writes it, or part of it, is no warning.
    assert comment(plan_file, "8", "同意", "--by", " 陈汉平 ").stderr == ""


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["8", "已阅"], "缺少选项 --by"),
        (["8", "已阅", "--by", " "], "--by 不能为空"),
        (["8", "", "--by", "郑昌盛"], "批示内容 TEXT 不能为空"),
        (["8", "  ", "--by", "郑昌盛"], "不能为空"),
        (["8", "a\rb", "--by", "郑昌盛"], "控制字符 U+000D"),
        (["99", "已阅", "--by", "郑昌盛"], "没有任务 99"),
        (["8", "已阅", "--by", "郑昌盛", "--date", "2024-12-31"], "早于计划的起始月份"),
        (["8", "已阅", "--by", "郑昌盛", "--date", "2999-01-01"], "晚于今天"),
    ],
)
def test_refusals_are_one_line_and_leave_the_file_byte_identical(plan_file, args, words):
    before = plan_file.read_bytes()
    result = comment(plan_file, *args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("kexie: ") and result.stderr.count("\n") == 1
    assert words in result.stderr
    assert plan_file.read_bytes() == before


def test_a_comment_dated_before_entries_already_recorded_takes_its_place_by_date(plan_file):
    """A comment written on paper and typed later goes in at its date — in the file too,
    before the later report — and came in today."""
    result = comment(plan_file, "9", "抓紧", "--by", "郑昌盛", "--date", "2025-05-30")
    assert result.exit_code == 0, result.output
    assert result.stdout == "任务 9 已登记批示（郑昌盛，2025-05-30）\n"
    task = load(plan_file).tasks[1]
    assert [h.kind for h in task.history] == [EntryKind.COMMENT, EntryKind.REPORT]
    said = task.history[0]
    assert said.date == dt.date(2025, 5, 30) and said.recorded == dt.date.today()
    on_the_day = comment(plan_file, "9", "好", "--by", "郑昌盛", "--date", "2025-05-30",
                         "--recorded", "2025-05-30", "--format", "json")  # fmt: skip
    assert on_the_day.exit_code == 0
    assert json.loads(on_the_day.stdout)["comment"] == "好"
    first = load(plan_file).tasks[1].history[0]
    assert (first.comment, first.recorded) == ("好", None)  # came in on its day: first


def test_a_comment_on_the_day_of_the_last_entry_is_accepted(plan_file):
    assert comment(plan_file, "9", "好", "--by", "郑昌盛", "--date", "2025-05-31").exit_code == 0
    assert [h.kind for h in load(plan_file).tasks[1].history] == [
        EntryKind.REPORT,
        EntryKind.COMMENT,
    ]
