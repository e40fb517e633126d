"""What a task cancelled, paused or closed (销号) still takes: tasks cancelled or paused at a
form's date have no row on it; a "done" or an extension dated after a cancellation is refused,
and so is a department's 推进中 after the office's 销号 — from the command line as from a
returned form."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.conftest import DATA

runner = CliRunner()


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(DATA / "2025_tasks.yaml", folder)
    return folder


def kexie(data: Path, *args: str):
    return runner.invoke(app, [*args, "--data", str(data)])


def ok(data: Path, *args: str) -> str:
    result = kexie(data, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def refs(path: Path) -> list[str]:
    sheet = openpyxl.load_workbook(path)["填报表"]
    return [str(sheet[f"A{n}"].value) for n in range(5, sheet.max_row + 1)]


def form(data: Path, as_of: str) -> tuple[Path, str]:
    out = data.parent / as_of
    said = ok(data, "forms", "-o", str(out), "--as-of", as_of, "--dept", "组宣部")
    return next(out.glob("*.xlsx")), said


def test_cancelled_and_paused_tasks_are_left_off_the_forms_and_said_so(data):
    ok(data, "cancel", "33", "--reason", "不再实施", "--date", "2025-04-10")
    ok(data, "pause", "31", "--reason", "等待上级通知", "--until", "2025.8", "--date", "2025-04-12")
    march, _ = form(data, "2025-03-31")  # before both: the rows are there
    assert {"31", "33"} <= set(refs(march))
    may, said = form(data, "2025-05-31")
    assert not {"31", "33"} & set(refs(may)) and "32" in refs(may)
    assert "任务 31 暂缓（2025-04-12，至 2025.8 月底），不列入填报表" in said
    assert "任务 33 已取消（2025-04-10），不列入填报表" in said
    september, said = form(data, "2025-09-30")  # the pause lapsed at the end of August
    assert "31" in refs(september) and "33" not in refs(september) and "任务 31" not in said


def test_done_after_a_cancellation_is_refused_on_the_command_line(data):
    ok(data, "cancel", "33", "--reason", "不再实施", "--date", "2025-04-10")
    before = (data / "2025_tasks.yaml").read_bytes()
    result = kexie(data, "progress", "33", "--status", "done", "--date", "2025-05-20")
    assert result.exit_code == 2
    assert result.stderr == "kexie: 任务 33 已于 2025-04-10 取消，不能登记 2025-05-20 完成\n"
    assert (data / "2025_tasks.yaml").read_bytes() == before
    ok(data, "progress", "33", "--status", "done", "--date", "2025-04-09")  # before it: done


def test_a_form_saying_done_after_the_cancellation_is_refused_at_its_cell(data):
    path, _ = form(data, "2025-05-31")  # made before the 党组 decided
    ok(data, "cancel", "33", "--reason", "不再实施", "--date", "2025-05-10")
    book = openpyxl.load_workbook(path)
    sheet = book["填报表"]
    columns = {cell.value: cell.column_letter for cell in sheet[4]}
    row = refs(path).index("33") + 5
    sheet[f"{columns['完成情况']}{row}"], sheet["I2"] = "已完成", "2025-06-02"
    book.save(path)
    result = kexie(data, "import", "progress", str(path))
    assert result.exit_code == 2
    cell = f"{columns['完成情况']}{row}"
    assert f"填报表!{cell}: 任务 33 已于 2025-05-10 取消，不能登记 2025-05-31 完成" in result.stderr


def test_a_cancelled_task_is_not_extended_a_paused_one_may_be(data):
    ok(data, "cancel", "33", "--reason", "不再实施", "--date", "2025-04-10")
    result = kexie(data, "extend", "33", "2025.12", "--reason", "x", "--date", "2025-05-01")
    assert (result.exit_code, result.stderr) == (
        2,
        "kexie: 任务 33 在 2025-05-01 已取消，不能延期\n",
    )
    ok(data, "pause", "31", "--reason", "等待", "--date", "2025-04-12")
    ok(data, "extend", "31", "2025.12", "--reason", "暂缓后顺延", "--date", "2025-05-01")


def test_a_department_cannot_reopen_a_task_the_office_closed(data):
    plan = data / "2025_tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("  start: '2025.1'\n", "  start: '2025.1'\n  sign_off: true\n", 1))
    ok(data, "progress", "6", "--status", "done", "--date", "2025-06-20", "--by", "组宣部")
    ok(data, "close", "6", "--by", "陈汉平", "--date", "2025-07-02")
    path, _ = form(data, "2025-07-31")  # a closed task keeps its row
    before = plan.read_bytes()
    result = kexie(data, "progress", "6", "--status", "in_progress", "--date", "2025-07-31")
    said = "任务 6 已于 2025-07-02 销号（完成于 2025-06-20），不能再登记为推进中"
    assert (result.exit_code, result.stderr) == (2, f"kexie: {said}\n")
    book = openpyxl.load_workbook(path)
    sheet = book["填报表"]
    columns = {cell.value: cell.column_letter for cell in sheet[4]}
    cell = f"{columns['完成情况']}{refs(path).index('6') + 5}"
    sheet[cell], sheet["I2"] = "推进中", "2025-08-02"
    book.save(path)
    result = kexie(data, "import", "progress", str(path))
    assert result.exit_code == 2 and f"填报表!{cell}: {said}" in result.stderr
    assert plan.read_bytes() == before
    assert "已完成" in ok(data, "show", "6", "--as-of", "2025-08-31")


def test_a_task_awaiting_sign_off_is_answered_before_it_is_cancelled(data):
    plan = data / "2025_tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("  start: '2025.1'\n", "  start: '2025.1'\n  sign_off: true\n", 1))
    ok(data, "progress", "6", "--status", "done", "--date", "2025-06-20", "--by", "组宣部")
    result = kexie(data, "cancel", "6", "--reason", "不再实施", "--date", "2025-06-25")
    assert (result.exit_code, result.stderr) == (
        2,
        "kexie: 任务 6 在 2025-06-25 已申请办结，待销号：请先销号或退回（close --refuse），再取消\n",
    )
    ok(data, "close", "6", "--refuse", "--reason", "不符合要求", "--date", "2025-06-26")
    ok(data, "cancel", "6", "--reason", "不再实施", "--date", "2025-06-27")


def test_forms_status_counts_the_tasks_on_the_form_not_those_set_apart(data):
    import csv
    import io

    def counts(as_of: str) -> tuple[int, int, int]:
        text = ok(
            data, "forms", "--status", "--as-of", as_of, "--dept", "组宣部", "--format", "csv"
        )
        row = next(r for r in csv.DictReader(io.StringIO(text)) if r["部室"] == "组宣部")
        on_form = refs(form(data, as_of)[0])
        tasks = {ref.split(".")[0] for ref in on_form if ref[:1].isdigit()}
        return int(row["牵头"]), int(row["配合"]), len(tasks)

    ok(data, "cancel", "33", "--reason", "不再实施", "--date", "2025-04-10")
    ok(data, "pause", "31", "--reason", "等待上级通知", "--until", "2025.8", "--date", "2025-04-12")
    lead, support, on_form = counts("2025-03-31")
    lead_may, support_may, on_form_may = counts("2025-05-31")
    assert (lead_may, support_may) == (lead - 2, support)  # 31 and 33 are 组宣部's to lead
    assert lead + support == on_form and lead_may + support_may == on_form_may
