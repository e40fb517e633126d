"""`kexie close` through the CLI: with `sign_off`, a department's "done" is a completion
request (待销号); `close` accepts it (done at the request's date), `close --refuse` sends it
back (退回: in progress again, the reason on show and on the department's next form), and a
new "done" asks again. Without `sign_off` nothing changes."""

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
  year: 2025
  start: '2025.1'
  sign_off: true
tasks:
- id: 1
  due: '2025.6'
  content: 举办科普讲座
  lead: [普及部]
  targets:
  - name: 讲座
    target: 4
    unit: 场
- id: 2
  due: '2025.6'
  content: 修订管理办法
  lead: [办公室]
- id: 3
  due: '2025.6'
  content: 不需销号的任务
  lead: [办公室]
  sign_off: false
"""


@pytest.fixture
def plan_file(write) -> Path:
    return write("2025_tasks.yaml", PLAN)


def kexie(path: Path, *args: str):
    return runner.invoke(app, [*args, "--data", str(path)])


def task_json(path: Path, task: int, as_of: str) -> dict:
    result = kexie(path, "list", "--as-of", as_of, "--format", "json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    tasks = body["tasks"] if isinstance(body, dict) else body
    return next(t for t in tasks if t["id"] == task)


def ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def test_requested_refused_then_accepted(plan_file):
    said = ok(kexie(plan_file, "progress", "2", "--status", "done", "--date", "2025-05-20"))
    assert said == "任务 2：已申请办结，待销号\n"
    waiting = task_json(plan_file, 2, "2025-05-31")
    assert (waiting["status"], waiting["completed_on"]) == ("in_progress", None)
    assert waiting["awaiting_sign_off"] == "2025-05-20"  # which task waits, and since when
    listed = ok(kexie(plan_file, "list", "--status", "待销号", "--as-of", "2025-05-31"))
    assert "修订管理办法" in listed and "待销号" in listed
    refuse = ["close", "2", "--refuse", "--reason", "缺少印发文件", "--date", "2025-05-25"]
    assert ok(kexie(plan_file, *refuse)) == (
        "任务 2 的办结申请已退回（2025-05-25）：缺少印发文件\n"
    )
    back = task_json(plan_file, 2, "2025-05-31")
    assert back["status"] == "in_progress"
    assert back["sent_back"] == {"date": "2025-05-25", "reason": "缺少印发文件", "by": None}
    assert back["awaiting_sign_off"] is None
    assert "缺少印发文件" in ok(kexie(plan_file, "show", "2", "--as-of", "2025-05-31"))
    # after the deadline, sent back and not asked again: overdue
    assert task_json(plan_file, 2, "2025-07-05")["status"] == "overdue"
    ok(kexie(plan_file, "progress", "2", "--status", "done", "--date", "2025-06-10"))
    close = ["close", "2", "--by", "陈汉平", "--date", "2025-07-03"]
    assert ok(kexie(plan_file, *close)) == (
        "任务 2 已销号（2025-07-03，陈汉平）；完成于 2025-06-10，按期完成\n"
    )
    done = task_json(plan_file, 2, "2025-07-05")
    assert (done["status"], done["completed_on"], done["on_time"]) == ("done", "2025-06-10", True)
    assert done["sent_back"] is None
    # before the 销号 it was still waiting (in progress, not overdue: done on its side)
    assert task_json(plan_file, 2, "2025-07-01")["status"] == "in_progress"
    history = [h.get("kind") for h in task_json(plan_file, 2, "2025-07-05")["history"]]
    assert history == ["mark", "send_back", "mark", "close"]


def test_targets_met_is_a_request_and_close_dates_it_the_day_they_were(plan_file):
    ok(kexie(plan_file, "progress", "1", "--done", "4", "--date", "2025-04-30"))
    assert task_json(plan_file, 1, "2025-05-31")["status"] == "in_progress"
    ok(kexie(plan_file, "close", "1", "--date", "2025-07-15"))
    done = task_json(plan_file, 1, "2025-07-31")
    assert (done["status"], done["completed_on"], done["on_time"]) == ("done", "2025-04-30", True)
    assert done["awaiting_sign_off"] is None
    assert task_json(plan_file, 1, "2025-05-31")["awaiting_sign_off"] == "2025-04-30"
    report = json.loads(ok(kexie(plan_file, "report", "--as-of", "2025-05-31", "--format", "json")))
    assert report["summary"]["awaiting_sign_off"] == 1 and report["summary"]["done"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["close", "2"], "任务 2 在"),
        (["close", "3"], "任务 3 不需销号"),
        (["close", "2", "--refuse"], "须写明原因"),
        (["close", "2", "--reason", "x"], "--reason 只与 --refuse 一起使用"),
        (["close", "9"], "没有任务 9"),
    ],
)
def test_nothing_to_close_is_one_line_exit_2_file_untouched(plan_file, args, message):
    before = plan_file.read_bytes()
    result = kexie(plan_file, *args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert plan_file.read_bytes() == before


def test_without_sign_off_done_is_done(plan_file):
    ok(kexie(plan_file, "progress", "3", "--status", "done", "--date", "2025-05-20"))
    state = task_json(plan_file, 3, "2025-05-31")
    assert (state["status"], state["completed_on"]) == ("done", "2025-05-20")


def test_a_form_shows_the_reason_it_was_sent_back(plan_file, tmp_path):
    import openpyxl

    ok(kexie(plan_file, "progress", "2", "--status", "done", "--date", "2025-05-20"))
    ok(
        kexie(
            plan_file, "close", "2", "--refuse", "--reason", "缺少印发文件", "--date", "2025-05-25"
        )
    )
    out = tmp_path / "forms"
    ok(kexie(plan_file, "forms", "-o", str(out), "--as-of", "2025-05-31", "--dept", "办公室"))
    (form,) = out.glob("*.xlsx")
    texts = [str(c) for row in openpyxl.load_workbook(form)["填报表"].iter_rows(values_only=True)
             for c in row if c]  # fmt: skip
    assert any("办结申请已退回（2025-05-25）：缺少印发文件" in t for t in texts)
    ok(kexie(plan_file, "progress", "2", "--status", "done", "--date", "2025-06-01"))
    again = tmp_path / "again"
    ok(kexie(plan_file, "forms", "-o", str(again), "--as-of", "2025-06-30", "--dept", "办公室"))
    (form,) = again.glob("*.xlsx")
    texts = [str(c) for row in openpyxl.load_workbook(form)["填报表"].iter_rows(values_only=True)
             for c in row if c]  # fmt: skip
    assert not any("退回" in t for t in texts)  # asked again: answered


def test_a_forms_done_is_a_completion_request(plan_file, tmp_path):
    import openpyxl

    out = tmp_path / "may"
    ok(kexie(plan_file, "forms", "-o", str(out), "--as-of", "2025-05-31", "--dept", "办公室"))
    (form,) = out.glob("*.xlsx")
    book = openpyxl.load_workbook(form)
    sheet = book["填报表"]
    columns = {cell.value: cell.column_letter for cell in sheet[4]}
    sheet["D2"], sheet["I2"] = "经办人", "2025-06-02"
    row = next(n for n in range(5, sheet.max_row + 1) if str(sheet[f"A{n}"].value) == "2")
    sheet[f"{columns['完成情况']}{row}"] = "已完成"
    sheet[f"{columns['完成日期']}{row}"] = "2025-05-28"
    book.save(form)
    said = ok(kexie(plan_file, "import", "progress", str(form)))
    assert "2 完成情况：已完成（2025-05-28，申请办结，待销号）" in said
    waiting = task_json(plan_file, 2, "2025-05-31")
    assert (waiting["status"], waiting["completed_on"]) == ("in_progress", None)
    ok(kexie(plan_file, "close", "2", "--date", "2025-06-03"))
    assert task_json(plan_file, 2, "2025-06-30")["completed_on"] == "2025-05-28"
