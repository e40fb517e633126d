"""The workbook as a person would find it: both layouts, colours, filter, print set-up, summary."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from kexie_cli.core.queries import plan_states
from kexie_cli.formats import breakdown_sheet as layout
from kexie_cli.output.xlsx import AMBER, GREEN, RED, workbook_bytes
from tests.conftest import DATA
from tests.sample_plans import sample_plan

AS_OF = dt.date(2025, 6, 30)


def _book(plan=None, **kw):
    from kexie_cli.plans.load import load_file

    plan = plan or load_file(DATA / "2025_tasks.yaml")[0]
    states = plan_states(plan, AS_OF)
    data = workbook_bytes(plan.plan.title, plan.plan.year, states, AS_OF, **kw)
    return plan, states, load_workbook(io.BytesIO(data))


def test_full_layout_has_a_title_a_date_a_filtered_header_and_print_setup() -> None:
    plan, states, book = _book()
    sheet = book.worksheets[0]
    assert sheet.title == "2025年任务"
    assert sheet["A1"].value == plan.plan.title
    assert sheet["A2"].value == "截至2025年6月30日"
    assert [c.value for c in sheet[3]] == ["序号", *layout.HEADERS]
    assert sheet.max_row == 3 + len(plan.tasks)
    assert sheet.auto_filter.ref == f"A3:M{3 + len(plan.tasks)}"
    assert sheet.freeze_panes == "A4" and sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 8  # A3
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet["A4"].value == 1 and sheet["D4"].value.startswith("深入贯彻落实")
    assert [sheet.cell(4 + i, 13).value for i in range(3)] == [s.status.label for s in states[:3]]


def test_status_cells_are_coloured_and_the_legend_says_how() -> None:
    _, states, book = _book()
    sheet = book.worksheets[0]
    legend = {c.value: c.fill.fgColor.rgb[-6:] for c in sheet[2] if c.fill.fill_type}
    assert legend == {"已完成": GREEN, "逾期": RED, "滞后/即将到期": AMBER}
    for number, state in enumerate(states, start=4):
        cell = sheet.cell(number, 13)
        colour = cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type else None
        expected = {"逾期": RED, "已完成": GREEN, "滞后": AMBER}.get(state.status.label)
        if state.due_soon and expected is None:
            expected = AMBER
        assert colour == expected, (state.task.id, state.status)


def test_progress_layout_columns_units_and_reports() -> None:
    _, states, book = _book(sample_plan(), layout_name="progress")
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[3]] == [h for _, h in layout.PROGRESS_COLUMNS]
    assert int(sheet.page_setup.paperSize) == 9  # A4
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert [r[0] for r in rows] == [s.task.id for s in states]
    assert all(isinstance(r[0], int) for r in rows)
    for row, state in zip(rows, states, strict=True):
        for line, target in zip(str(row[6] or "").splitlines(), state.targets, strict=True):
            assert line.endswith(target.target.unit)
            assert ("/" in line) is not target.met


def test_by_dept_gives_each_lead_department_a_sheet_as_report_by_dept_groups_them() -> None:
    from kexie_cli.core.names import canonical, same
    from kexie_cli.plans.load import load_file

    plan = load_file(DATA / "2025_tasks.yaml")[0]
    aliases = plan.departments.aliases
    _, _, book = _book(plan, layout_name="progress", by_dept=True, aliases=aliases)

    def leads(task) -> list[str]:
        return [canonical(n, aliases) for n in task.lead] or ["（清单未列）"]

    # However a department is written (普及部(中心), 普及部（中心）, the alias 市馆): one sheet.
    names: list[str] = []
    for name in (n for t in plan.tasks for n in leads(t)):
        if not any(same(name, seen) for seen in names):
            names.append(name)
    assert [s.title for s in book.worksheets] == [*names, "按牵头部室汇总"]
    assert "市馆" not in names
    for sheet, name in zip(book.worksheets, names, strict=False):
        ids = [r[0].value for r in sheet.iter_rows(min_row=4)]
        assert ids == [t.id for t in plan.tasks if any(same(n, name) for n in leads(t))]


def test_summary_sheet_stores_counts_as_numbers() -> None:
    plan, _states, book = _book()
    sheet = book["按牵头部室汇总"]
    assert [c.value for c in sheet[3]] == [
        "牵头部室",
        "任务",
        "已完成",
        "逾期",
        "滞后",
        "进行中",
        "未开始",
        "完成率",
    ]
    total = [c.value for c in sheet[sheet.max_row]]
    assert total[0] == "合计" and total[1] == len(plan.tasks)
    assert all(isinstance(v, int) for v in total[1:7])
    assert sum(total[2:7]) == total[1]
    assert sheet.cell(sheet.max_row, 8).number_format == "0.0%"
