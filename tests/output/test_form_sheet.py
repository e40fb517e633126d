"""The fill-in form as a department receives it: what is locked, what may be typed, how it
prints, and what the hidden sheet records."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from kexie_cli.core.forms import department_rows
from kexie_cli.output.form_sheet import FormInfo, form_bytes, form_name
from kexie_cli.plans.load import load_file
from tests.conftest import DATA

AS_OF = dt.date(2025, 6, 30)


def zuxuan_form() -> openpyxl.Workbook:
    plan, _ = load_file(DATA / "2025_tasks.yaml")
    rows = department_rows(plan, {"组宣部"}, AS_OF)
    info = FormInfo(plan.plan.title, plan.year, "2025_tasks.yaml", "组宣部", AS_OF)
    return openpyxl.load_workbook(io.BytesIO(form_bytes(info, rows)))


def test_the_file_is_named_by_month_and_department():
    assert form_name("组宣部", AS_OF) == "2025年6月_组宣部.xlsx"
    assert form_name("办公室/机关党委", AS_OF) == "2025年6月_办公室_机关党委.xlsx"


def test_what_the_office_wrote_is_locked_and_what_the_department_writes_is_not():
    sheet = zuxuan_form()["填报表"]
    assert sheet.protection.sheet and not sheet.protection.password
    headers = [c.value for c in sheet[4]]
    assert headers[:6] == [
        "序号",
        "具体内容/重点工作",
        "完成时限",
        "目标",
        "已登记累计",
        "累计完成",
    ]
    first = 6  # row 5 is the block heading 一、牵头任务
    assert sheet["A5"].value == "一、牵头任务"
    for column in "ABCDE":
        assert sheet[f"{column}{first}"].protection.locked
    for ref in ("D2", "F2", "I2"):  # 填报人, 联系电话, 填报日期
        assert not sheet[ref].protection.locked
    assert sheet["K2"].value == "2025-06-30" and "组宣部" in sheet["A2"].value
    support = next(
        r for r in range(6, sheet.max_row + 1) if "配合任务" in str(sheet[f"A{r}"].value)
    )
    counted = [r for r in range(6, sheet.max_row + 1) if sheet[f"E{r}"].value is not None]
    # A lead's figure is typed in; a supporter's is the lead's to give.
    assert all(sheet[f"F{r}"].protection.locked == (r > support) for r in counted)
    assert any(r > support for r in counted) and any(r < support for r in counted)


def test_figures_are_validated_as_numbers_and_months_offered_as_text():
    sheet = zuxuan_form()["填报表"]
    kinds = {v.errorTitle: v for v in sheet.data_validations.dataValidation}
    done = kinds["累计完成"]
    assert done.type == "decimal" and done.operator == "greaterThanOrEqual" and done.formula1 == "0"
    assert kinds["申请延期至"].type == "list"
    assert kinds["申请延期至"].formula1.startswith('"2025.7,2025.8')
    assert kinds["完成情况"].formula1 == '"已完成,推进中,未启动"'
    assert kinds["完成日期"].type == "date"
    # 完成情况 is the lead's to say: offered on its rows, locked on a supporter's.
    state = {str(r) for r in kinds["完成情况"].sqref.ranges}
    assert "G6" in state and sheet["G6"].value is None and not sheet["G6"].protection.locked
    assert sheet["L6"].number_format == "@"  # 2025.10 typed stays 2025.10


def test_it_prints_on_a4_landscape_one_page_wide_with_the_header_on_every_page():
    sheet = zuxuan_form()["填报表"]
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows.replace("$", "") == "4:4"
    assert all(c.font.sz >= 10 for row in sheet.iter_rows(min_row=4) for c in row if c.value)


def test_the_hidden_sheet_records_the_plan_and_each_row():
    book = zuxuan_form()
    meta = book["kexie"]
    assert meta.sheet_state == "hidden"
    values = [list(r) for r in meta.iter_rows(values_only=True)]
    header = next(i for i, row in enumerate(values) if row[0] == "行")
    info = {row[0]: row[1] for row in values[1:header]}
    assert info["计划"] == "黄石市科协2025年重点工作任务分解清单" and info["部门"] == "组宣部"
    assert info["截至"] == "2025-06-30" and info["计划文件"] == "2025_tasks.yaml"
    assert info["列"].split(",")[5:8] == ["done", "state", "finished"]
    rows = values[header + 1 :]
    sheet = book["填报表"]
    for number, ref, task, _key, role, _figure in (r[:6] for r in rows):
        assert sheet[f"A{number}"].value == ref and str(task) == ref.split(".")[0]
        assert role in ("牵头", "配合")
    assert [r[4] for r in rows] == sorted((r[4] for r in rows), key=["牵头", "配合"].index)
