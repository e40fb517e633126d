"""The monthly collection through the CLI: `kexie forms` makes a form per department, a
department fills it in (here with openpyxl, once through LibreOffice), `kexie import progress`
records it — then `show`, the plan file's diff, a second import that records nothing, every
refusal with the plan byte-identical, and `forms --status`."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.conftest import DATA

runner = CliRunner()

PLAN = """\
plan:
  title: 测试市科协2025年重点工作任务分解清单
  year: 2025
  start: '2025.1'
tasks:
- id: 1
  content: 组织党组会学习。
  lead: [办公室]
  support: [组宣部]
  due: '2025.12'
  targets:
  - {name: 党组会学习, target: 12, unit: 次, comparator: at_least, done: 6}
- id: 2
  content: 开展科学家精神宣讲和培训。
  lead: 组宣部
  due: '2025.9'
  targets:
  - {name: 宣讲, target: 10, unit: 场, comparator: at_least, done: 2}
  - {name: 培训, target: 2, unit: 期, done: 0}
- id: 3
  content: 加强意识形态工作。
  lead: 组宣部
  due: '2025.6'
- id: 4
  content: 开展科普活动。
  lead: 普及部（中心）
  support: [学会部]
  due: '2025.12'
  targets:
  - {name: 科普活动, target: 100, unit: 场, comparator: about, done: 20}
"""


@pytest.fixture
def folder(tmp_path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "2025_tasks.yaml").write_text(PLAN, encoding="utf-8")
    return tmp_path


def kexie(folder: Path, *args: str):
    return runner.invoke(app, [*args, "--data", str(folder / "data")])


def plan_text(folder: Path) -> str:
    return (folder / "data" / "2025_tasks.yaml").read_text(encoding="utf-8")


def make_forms(folder: Path, *args: str) -> Path:
    result = kexie(folder, "forms", "-o", str(folder / "6月"), "--as-of", "2025-06-30", *args)
    assert result.exit_code == 0, result.output
    return folder / "6月"


def fill(path: Path, rows: dict[str, dict[str, object]], **header: object) -> None:
    """Type into the form as a department would: by 序号, column by header."""
    book = openpyxl.load_workbook(path)
    sheet = book["填报表"]
    columns = {cell.value: cell.column_letter for cell in sheet[4]}
    places = {"填报人": "D2", "联系电话": "F2", "填报日期": "I2"}
    for label, value in header.items():
        sheet[places[label]] = value
    for number in range(5, sheet.max_row + 1):
        ref = sheet[f"A{number}"].value
        for header_text, value in rows.get(str(ref), {}).items():
            sheet[f"{columns[header_text]}{number}"] = value
    book.save(path)


def import_progress(folder: Path, *args: str):
    files = sorted(str(p) for p in (folder / "6月").glob("*.xlsx"))
    return kexie(folder, "import", "progress", *files, *args)


def show(folder: Path, task: int) -> dict:
    result = kexie(folder, "show", str(task), "--format", "json", "--as-of", "2025-06-30")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def changes(old: str, new: str) -> list[str]:
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


ZUXUAN = "2025年6月_组宣部.xlsx"


def fill_zuxuan(forms: Path) -> None:
    fill(
        forms / ZUXUAN,
        {
            "2.1": {"累计完成": "5", "进展情况": "已宣讲5场", "存在问题": "专家档期紧"},
            "2.2": {"累计完成": 1},
            "3": {"申请延期至": "2025.10", "延期理由": "等待上级部署", "下步打算": "年底前完成"},
        },
        填报人="李四",
        填报日期=dt.datetime(2025, 6, 28),
    )


# ---- making the forms ----------------------------------------------------------------------


def test_each_leading_department_gets_a_form_and_a_supporter_only_when_named(folder):
    forms = make_forms(folder)
    names = sorted(p.name for p in forms.glob("*.xlsx"))
    assert names == sorted(["2025年6月_办公室.xlsx", ZUXUAN, "2025年6月_普及部（中心）.xlsx"])
    result = kexie(folder, "forms", "-o", str(forms), "--as-of", "2025-06-30", "--dept", "学会部")
    assert result.exit_code == 0, result.output
    assert (forms / "2025年6月_学会部.xlsx").exists()


def test_dept_repeated_takes_every_value_and_an_unknown_name_is_refused(folder):
    forms = make_forms(folder, "--dept", "组宣部", "--dept", "普及部")
    assert sorted(p.name for p in forms.glob("*.xlsx")) == sorted([ZUXUAN, "2025年6月_普及部.xlsx"])
    result = kexie(folder, "forms", "-o", str(folder / "x"), "--dept", "财务部")
    assert result.exit_code == 2
    assert "没有名为 财务部 的部室" in result.stderr and not (folder / "x").exists()


def test_an_existing_form_is_kept_unless_forced(folder):
    forms = make_forms(folder, "--dept", "组宣部")
    fill_zuxuan(forms)
    filled = (forms / ZUXUAN).read_bytes()
    result = kexie(folder, "forms", "-o", str(forms), "--as-of", "2025-06-30")
    assert result.exit_code == 2 and "已存在" in result.stderr
    assert (forms / ZUXUAN).read_bytes() == filled
    assert sorted(p.name for p in forms.glob("*.xlsx")) == [ZUXUAN]  # nothing written


# ---- bringing them back --------------------------------------------------------------------


def test_a_returned_form_is_shown_then_recorded_then_recorded_nothing_the_second_time(folder):
    forms = make_forms(folder)
    fill_zuxuan(forms)
    old = plan_text(folder)

    dry = import_progress(folder, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "  2.1 累计完成 2 → 5\n" in dry.stdout
    assert "  2.2 累计完成 0 → 1\n" in dry.stdout
    assert "  2 进展情况：已宣讲5场；存在问题：专家档期紧\n" in dry.stdout
    assert "  3 申请延期至 2025.10：等待上级部署\n" in dry.stdout
    assert "试运行" in dry.stdout and plan_text(folder) == old

    done = import_progress(folder)
    assert done.exit_code == 0, done.output
    by = "组宣部（李四）"
    assert changes(old, plan_text(folder)) == [
        "-  - {name: 宣讲, target: 10, unit: 场, comparator: at_least, done: 2}",
        "-  - {name: 培训, target: 2, unit: 期, done: 0}",
        "+  - {name: 宣讲, target: 10, unit: 场, comparator: at_least, done: 5}",
        "+  - {name: 培训, target: 2, unit: 期, done: 1}",
        "+  history:",
        "+  - date: '2025-06-28'",
        "+    target: 1",
        "+    before: 2",
        "+    after: 5",
        f"+    by: {by}",
        "+  - date: '2025-06-28'",
        "+    target: 2",
        "+    before: 0",
        "+    after: 1",
        f"+    by: {by}",
        "+  - date: '2025-06-28'",
        "+    kind: report",
        "+    note: 已宣讲5场",
        "+    problem: 专家档期紧",
        f"+    by: {by}",
        "+  history:",
        "+  - date: '2025-06-28'",
        "+    kind: report",
        "+    next: 年底前完成",
        f"+    by: {by}",
        "+  - date: '2025-06-28'",
        "+    kind: request",
        "+    due_after: '2025.10'",
        "+    reason: 等待上级部署",
        f"+    by: {by}",
    ]
    task = show(folder, 2)
    assert [t["done"] for t in task["targets"]] == [5, 1]
    report = task["history"][-1]
    assert (report["kind"], report["note"], report["by"]) == ("report", "已宣讲5场", by)

    recorded = plan_text(folder)
    again = import_progress(folder)
    assert again.exit_code == 0, again.output
    assert "没有新内容" in again.stdout and "无新内容" in again.stdout
    assert plan_text(folder) == recorded


def test_without_a_date_on_the_sheet_the_date_option_and_by_option_are_used(folder):
    forms = make_forms(folder, "--dept", "普及部")
    fill(forms / "2025年6月_普及部.xlsx", {"4": {"累计完成": 30}})
    result = import_progress(folder, "--date", "2025-06-29", "--by", "王五")
    assert result.exit_code == 0, result.output
    entry = show(folder, 4)["history"][-1]
    assert (entry["date"], entry["by"], entry["after"]) == ("2025-06-29", "王五", 30)


def test_ten_departments_of_the_shipped_list_come_back_in_one_command(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(DATA / "2025_tasks.yaml", data)
    result = runner.invoke(
        app, ["forms", "-o", str(tmp_path / "6月"), "--as-of", "2025-06-30", "--data", str(data)]
    )
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "6月").glob("*.xlsx"))
    for path in files:  # every department writes a word on its first task
        book = openpyxl.load_workbook(path)
        book["填报表"]["I6"] = f"{path.stem}：按计划推进"
        book.save(path)
    args = ["import", "progress", *map(str, files), "--date", "2025-06-30", "--data", str(data)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("进展情况：") == len(files)
    assert f"已写入 {data / '2025_tasks.yaml'}：{len(files)} 条" in result.stdout


# ---- conflicts -----------------------------------------------------------------------------


def test_a_figure_recorded_since_the_form_was_made_is_kept_unless_forced(folder):
    forms = make_forms(folder, "--dept", "组宣部")
    fill(forms / ZUXUAN, {"2.1": {"累计完成": 5}}, 填报日期="2025-06-28")
    moved = kexie(folder, "progress", "2.1", "--done", "4", "--date", "2025-06-27")
    assert moved.exit_code == 0, moved.output
    before = plan_text(folder)
    result = import_progress(folder)
    assert result.exit_code == 0, result.output
    assert "2.1 累计完成：制表时为 2，此后已登记为 4，本表填 5，未登记" in result.stdout
    assert plan_text(folder) == before
    forced = import_progress(folder, "--force")
    assert forced.exit_code == 0, forced.output
    assert "2.1 累计完成 4 → 5" in forced.stdout
    assert show(folder, 2)["targets"][0]["done"] == 5


def test_a_figure_below_the_recorded_one_is_refused_unless_forced(folder):
    forms = make_forms(folder, "--dept", "组宣部")
    fill(forms / ZUXUAN, {"2.1": {"累计完成": 1}}, 填报日期="2025-06-28")
    before = plan_text(folder)
    result = import_progress(folder)
    assert result.exit_code == 2
    assert f"{forms / ZUXUAN}:填报表!F6: 2.1 累计完成 1 小于已登记的 2" in result.stderr
    assert plan_text(folder) == before
    assert import_progress(folder, "--force").exit_code == 0
    assert show(folder, 2)["targets"][0]["done"] == 1


# ---- refusals: every problem at its cell, nothing written ---------------------------------


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        (2025.1, "申请延期至是数字 2025.1，可能是 2025.10"),
        ("2025.5", "申请延期至 2025.5 应晚于任务 3 当前的时限 2025.6"),
    ],
)
def test_a_month_that_cannot_be_meant_is_refused(folder, typed, problem):
    forms = make_forms(folder, "--dept", "组宣部")
    fill(forms / ZUXUAN, {"3": {"申请延期至": typed, "延期理由": "等待"}}, 填报日期="2025-06-28")
    before = plan_text(folder)
    result = import_progress(folder)
    assert result.exit_code == 2 and problem in result.stderr
    assert f"{forms / ZUXUAN}:填报表!L" in result.stderr
    assert plan_text(folder) == before


def test_a_month_typed_as_a_number_is_read_as_typed(folder):
    forms = make_forms(folder, "--dept", "组宣部")
    fill(forms / ZUXUAN, {"3": {"申请延期至": 2025.9, "延期理由": "等待"}}, 填报日期="2025-06-28")
    result = import_progress(folder)
    assert result.exit_code == 0, result.output
    assert "3 申请延期至 2025.9：等待" in result.stdout


def test_a_form_of_another_plan_a_vanished_task_and_a_file_that_is_no_form(folder):
    forms = make_forms(folder, "--dept", "组宣部")
    fill(forms / ZUXUAN, {"2.1": {"累计完成": 5}})
    other = folder / "other"
    shutil.copytree(folder / "data", other / "data")
    text = PLAN.replace("测试市科协", "另一市科协").replace("- id: 3\n", "- id: 33\n")
    (other / "data" / "2025_tasks.yaml").write_text(text, encoding="utf-8")
    made = runner.invoke(
        app, ["forms", "-o", str(other / "f"), "--dept", "组宣部", "--data", str(other / "data")]
    )
    assert made.exit_code == 0, made.output
    (forms / "其他.xlsx").write_bytes((other / "f").glob("*.xlsx").__next__().read_bytes())
    (forms / "清单.xlsx").write_bytes(b"not a workbook")
    result = import_progress(folder)
    assert result.exit_code == 2
    assert f"{forms / '其他.xlsx'}:填报表!A1: 这份表格来自另一份计划" in result.stderr
    assert f"{forms / '清单.xlsx'}: 不是可读的 Excel 工作簿" in result.stderr
    assert "2.1 累计完成 2 → 5" in result.stdout  # the sound form landed
    # The plan loses task 3: the form's row for it can no longer be recorded.
    (forms / "其他.xlsx").unlink()
    (forms / "清单.xlsx").unlink()
    fill(forms / ZUXUAN, {"3": {"进展情况": "已完成"}})
    gone = PLAN.replace("- id: 3\n", "- id: 30\n")
    (folder / "data" / "2025_tasks.yaml").write_text(gone, encoding="utf-8")
    result = import_progress(folder)
    assert result.exit_code == 2
    assert "计划中已没有任务 3" in result.stderr
    assert plan_text(folder) == gone


def test_an_exported_list_is_not_a_form(folder):
    (folder / "6月").mkdir()
    exported = kexie(folder, "export", "-o", str(folder / "6月" / "清单.xlsx"))
    assert exported.exit_code == 0, exported.output
    before = plan_text(folder)
    result = import_progress(folder)
    assert result.exit_code == 2
    assert "不是 kexie forms 制作的填报表" in result.stderr
    assert plan_text(folder) == before


# ---- a form saved by LibreOffice ------------------------------------------------------------


def test_a_form_saved_by_libreoffice_is_read_as_typed(folder, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    forms = make_forms(folder, "--dept", "组宣部")
    fill_zuxuan(forms)
    out = tmp_path / "lo"
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "xlsx", "--outdir", str(out),
         str(forms / ZUXUAN)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    shutil.move(out / ZUXUAN, forms / ZUXUAN)
    result = import_progress(folder)
    assert result.exit_code == 0, result.output
    assert "2.1 累计完成 2 → 5" in result.stdout
    assert "3 申请延期至 2025.10：等待上级部署" in result.stdout
    assert show(folder, 2)["history"][-1]["by"] == "组宣部（李四）"


# ---- who has reported ----------------------------------------------------------------------


def test_status_lists_who_has_reported_since_a_date(folder):
    forms = make_forms(folder)
    fill_zuxuan(forms)
    assert import_progress(folder).exit_code == 0
    result = kexie(
        folder, "forms", "--status", "--as-of", "2025-06-30", "--since", "2025-06-01",
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = {r["dept"]: r for r in json.loads(result.stdout)["departments"]}
    assert rows["组宣部"] == {
        "dept": "组宣部", "lead": 2, "support": 1, "last": "2025-06-28", "reported": True
    }  # fmt: skip
    assert rows["办公室"]["reported"] is False and rows["办公室"]["last"] is None
    table = kexie(folder, "forms", "--status", "--as-of", "2025-06-30", "--format", "csv")
    assert "组宣部,2,1,2025-06-28,是" in table.stdout


def test_status_takes_no_output_folder(folder):
    result = kexie(folder, "forms", "--status", "-o", str(folder / "x"))
    assert result.exit_code == 2 and "--status" in result.stderr
