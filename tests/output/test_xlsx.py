"""The workbook as a person would find it: layout, print set-up, and the summary sheet."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from kexie_cli.core import sheet_layout as layout
from kexie_cli.core.tally import build_report
from kexie_cli.output.report_view import report_view
from kexie_cli.output.xlsx import display_width, workbook_bytes
from kexie_cli.plans.load import load_file
from tests.conftest import DATA


def _book():
    plan, _ = load_file(DATA / "2025_tasks.yaml")
    report = build_report(plan, dt.date(2025, 6, 30), None, 10.0, "dept")
    data = workbook_bytes(
        plan.plan.title, plan.plan.year, report.states, report_view(report).tables[1]
    )
    return plan, report, load_workbook(io.BytesIO(data))


def test_display_width_counts_chinese_as_two() -> None:
    assert display_width("abc") == 3
    assert display_width("科协，1") == 7


def test_task_sheet_layout_and_print_setup() -> None:
    plan, report, book = _book()
    sheet = book.worksheets[0]
    assert sheet.title == "2025年任务"
    assert book.properties.title == plan.plan.title
    assert [c.value for c in sheet[1]] == list(layout.HEADERS)
    assert sheet.max_row == 1 + len(plan.tasks)
    assert sheet.freeze_panes == "A2"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    cells = [c for row in sheet.iter_rows() for c in row if type(c).__name__ != "MergedCell"]
    assert all(c.alignment.wrap_text for c in cells)
    # The first task's cells, and its status as the report has it.
    assert sheet["C2"].value.startswith("1. 深入贯彻落实")
    assert sheet["L2"].value == report.states[0].status.label


def test_widths_fit_chinese_text_and_rows_fit_their_lines() -> None:
    _, _, book = _book()
    sheet = book.worksheets[0]
    width = {c.value: sheet.column_dimensions[c.column_letter].width for c in sheet[1]}
    # 牵头部室 holds names like 普及部（中心）: 7 Chinese characters need 14 cells and more.
    assert width["牵头部室"] >= display_width("普及部（中心）")
    assert width["推进措施"] > width["完成时限"]
    assert width["推进措施"] <= 62  # long text wraps rather than running off the page
    heights = [sheet.row_dimensions[r].height for r in range(2, sheet.max_row + 1)]
    assert min(heights) > 0 and max(heights) > 4 * min(heights)  # a six-measure task is tall


def test_runs_of_one_section_are_merged_like_the_document() -> None:
    _, _, book = _book()
    merged = [str(r) for r in book.worksheets[0].merged_cells.ranges]
    assert any(r.startswith("A2:A") for r in merged)  # tasks 1–12 share a 类型


def test_summary_sheet_counts_each_department() -> None:
    _, report, book = _book()
    sheet = book.worksheets[1]
    assert sheet.title == "按牵头部室汇总"
    assert [c.value for c in sheet[1]][:2] == ["牵头部室", "任务"]
    rows = {r[0].value: r[1].value for r in sheet.iter_rows(min_row=2) if r[0].value}
    assert rows["合计"] == len(report.states)
    assert rows["办公室"] == sum(1 for s in report.states if "办公室" in s.task.lead)
