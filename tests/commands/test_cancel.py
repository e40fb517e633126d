"""`kexie cancel`, `pause`, `resume` through the CLI: a task cancelled or paused is out of the
completion rate, the overdue and behind counts and the mean progress, listed apart with its
reason and date in every report format, and back in with `--as-of` before the entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app

runner = CliRunner()

PLAN = """\
plan:
  title: 测试清单
  org: 测试市科协
  year: 2025
  start: '2025.1'
tasks:
- id: 1
  due: '2025.3'
  content: 举办科普讲座
  lead: [普及部]
  targets:
  - name: 讲座
    target: 4
    unit: 场
- id: 2
  due: '2025.12'
  content: 修订管理办法
  lead: [办公室]
  status: done
- id: 3
  due: '2025.12'
  content: 建设科普基地
  lead: [普及部]
  targets:
  - name: 基地
    target: 10
    done: 5
    unit: 个
"""


@pytest.fixture
def plan_file(write) -> Path:
    return write("2025_tasks.yaml", PLAN)


def kexie(path: Path, *args: str):
    return runner.invoke(app, [*args, "--data", str(path)])


def ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def report(path: Path, as_of: str) -> dict:
    return json.loads(ok(kexie(path, "report", "--as-of", as_of, "--format", "json")))


def test_a_cancelled_task_is_out_of_the_rate_and_back_in_before_it(plan_file):
    said = ok(
        kexie(plan_file, "cancel", "1", "--reason", "党组会决定不再举办", "--date", "2025-04-10")
    )
    assert said == "任务 1 已取消（2025-04-10）：党组会决定不再举办\n"
    after = report(plan_file, "2025-06-30")
    summary = after["summary"]
    assert (summary["tasks"], summary["cancelled"], summary["overdue"]) == (3, 1, 0)
    assert summary["rate"] == 50.0  # 1 done of the 2 counted
    assert summary["progress"] == 50.0  # task 3 alone: task 1's 0% is out
    assert [t["id"] for t in after["tasks"]] == [2, 3]
    (ended,) = after["ended_tasks"]
    assert (ended["id"], ended["status"], ended["status_label"]) == (1, "cancelled", "已取消")
    assert ended["ended"] == {
        "kind": "cancel", "date": "2025-04-10", "reason": "党组会决定不再举办", "until": None,
    }  # fmt: skip
    before = report(plan_file, "2025-04-09")
    assert before["ended_tasks"] == [] and before["summary"]["overdue"] == 1
    assert before["summary"]["rate"] == pytest.approx(33.3, abs=0.1)
    table = ok(kexie(plan_file, "report", "--as-of", "2025-06-30"))
    assert "已取消或暂缓的任务" in table and "党组会决定不再举办" in table
    md = ok(kexie(plan_file, "report", "--as-of", "2025-06-30", "--format", "md"))
    assert "、取消或暂缓的任务\n" in md and "已取消（2025-04-10）：党组会决定不再举办" in md
    assert "已取消或暂缓1项" in md


def test_docx_and_xlsx_list_it_apart(plan_file, tmp_path):
    import docx
    import openpyxl

    ok(kexie(plan_file, "cancel", "1", "--reason", "党组会决定不再举办", "--date", "2025-04-10"))
    out = tmp_path / "r.docx"
    ok(kexie(plan_file, "report", "--as-of", "2025-06-30", "--format", "docx", "-o", str(out)))
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert any(t.endswith("取消或暂缓的任务") for t in texts)
    assert any("党组会决定不再举办" in t for t in texts)
    sheet = tmp_path / "e.xlsx"
    ok(kexie(plan_file, "export", "--as-of", "2025-06-30", "-o", str(sheet)))
    book = openpyxl.load_workbook(sheet)
    summary = book["按牵头部室汇总"]  # the 图表 sheet follows it
    cells = [c for row in summary.iter_rows(values_only=True) for c in row if c]
    assert "任务 1" in cells and "党组会决定不再举办" in cells


def test_pause_until_a_month_lapses_when_it_ends_and_resume_ends_it_early(plan_file):
    args = ["pause", "3", "--reason", "等待上级政策", "--until", "2025.8", "--date", "2025-06-05"]
    assert ok(kexie(plan_file, *args)) == (
        "任务 3 暂缓（2025-06-05，至 2025.8 月底）：等待上级政策\n"
    )
    status = {d: report(plan_file, d) for d in ("2025-06-04", "2025-08-31", "2025-09-01")}
    assert [t["id"] for t in status["2025-06-04"]["tasks"]] == [1, 2, 3]
    assert [t["ended"]["until"] for t in status["2025-08-31"]["ended_tasks"]] == ["2025-08"]
    assert status["2025-08-31"]["summary"]["paused"] == 1
    assert status["2025-09-01"]["ended_tasks"] == []
    listed = ok(kexie(plan_file, "list", "--status", "paused", "--as-of", "2025-07-01"))
    assert "建设科普基地" in listed
    assert ok(kexie(plan_file, "resume", "3", "--date", "2025-07-01")) == (
        "任务 3 已恢复（2025-07-01），重新计入统计\n"
    )
    assert report(plan_file, "2025-07-02")["ended_tasks"] == []
    assert report(plan_file, "2025-06-30")["summary"]["paused"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cancel", "1"], "须写明原因"),
        (["cancel", "2", "--reason", "x", "--date", "2025-05-01"], "已完成，不能取消"),
        (["pause", "1", "--reason", "x", "--until", "2025.13"], "--until"),
        (["resume", "1", "--date", "2025-05-01"], "没有暂缓，无需恢复"),
        (["cancel", "1.1", "--reason", "x"], "整项任务"),
    ],
)
def test_refusals_are_one_line_exit_2_file_untouched(plan_file, args, message):
    before = plan_file.read_bytes()
    result = kexie(plan_file, *args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert plan_file.read_bytes() == before


def test_a_cancelled_task_takes_no_other_end(plan_file):
    ok(kexie(plan_file, "cancel", "1", "--reason", "不再举办", "--date", "2025-04-10"))
    result = kexie(plan_file, "pause", "1", "--reason", "x", "--date", "2025-05-01")
    assert result.exit_code == 2 and "已取消（2025-04-10）" in result.stderr
