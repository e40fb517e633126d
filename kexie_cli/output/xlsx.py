"""The list as an Excel workbook, laid out and set up for printing as the office does.

Two layouts of the task sheet: `full`, the document's own columns with 目标/完成/进度/状态
(what `kexie import tasks` reads back), and `progress`, the 进展情况表 a progress meeting
reads (序号 … 状态, 进展情况). Both carry a title row, the 截至 date with a colour legend, a
header with an autofilter, frozen and repeated on every printed page, and status cells
coloured. Then a summary sheet of counts by department, stored as numbers. Returns bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from rich.cells import cell_len

from kexie_cli.core.dates import day_words
from kexie_cli.core.status import ENDED, Status, TaskState
from kexie_cli.core.tally import Tally, grouped, tally, tally_groups
from kexie_cli.core.trend import Trend
from kexie_cli.formats import breakdown_sheet as layout
from kexie_cli.formats.sheet_style import BORDER, HEADER_FILL, fit_landscape, font
from kexie_cli.formats.text_measure import row_height
from kexie_cli.output.cells import seal, sheet_name, sheet_value
from kexie_cli.output.chart_sheet import add_chart_sheet
from kexie_cli.output.ending import ENDED_CAPTION, ended_row

LAYOUTS = ("full", "progress")
# Column widths (Excel's units, about 0.7 of a Chinese character at 10 pt), chosen so that the
# progress layout fits A4 landscape and the full layout A3 landscape at 9 pt or more once
# fitted to the page (measured in LibreOffice: docs/export-import.md).
WIDTHS = {
    "full": {
        "id": 4.5,
        "section": 12,
        "focus": 12,
        "content": 30,
        "measures": 40,
        "lead": 9,
        "support": 12,
        "leaders": 7,
        "due": 7.5,
        "targets": 18,
        "done": 6,
        "progress": 7,
        "status": 10,
    },
    "progress": {
        "id": 4.5,
        "content": 26,
        "lead": 8.5,
        "leaders": 7,
        "due": 8.5,
        "targets": 17,
        "done": 9,
        "progress": 6.5,
        "status": 9,
        "report": 28,
    },
}
_MIN_WIDTH = 5
_DEFAULT_MAX = 12
_FONT_SIZE = 10
# Status colours, as the office marks them by hand: red, amber, green.
RED, AMBER, GREEN = "FFC7CE", "FFEB9C", "C6EFCE"
# Laid over the last three columns, the longest word in the widest.
_LEGEND = (("已完成", GREEN), ("逾期", RED), ("滞后/即将到期", AMBER))
_TOP = 3  # the header's row: title, then the 截至 date and legend above it
_COUNTS = (Status.DONE, Status.OVERDUE, Status.BEHIND, Status.IN_PROGRESS, Status.NOT_STARTED)


def workbook_bytes(
    title: str,
    year: int,
    states: Sequence[TaskState],
    as_of: dt.date | None = None,
    *,
    layout_name: str = "full",
    by_dept: bool = False,
    aliases: dict[str, str] | None = None,
    spelling: Callable[[str], str] = str,
    trend: Trend | None = None,
) -> bytes:
    """The workbook: the task sheet (or one a 牵头部室 with by_dept, grouped as `report --by
    dept` groups them: an alias under its department), then the summary, then the 图表 sheet
    (with `trend`); the 截至 date as_of, today without it. A department's sheet and summary
    line are named by `spelling`."""
    as_of = as_of or dt.date.today()
    title = sheet_value(title)
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    book.properties.title = title  # read back by `kexie import tasks` as the plan's title
    whole = [(layout.sheet_title(year), list(states))]
    parts = grouped(list(states), "dept", aliases) if by_dept else whole
    parts = [(spelling(name), part) for name, part in parts] if by_dept else parts
    used: set[str] = set()
    for name, part in parts:
        sheet = book.create_sheet(sheet_name(name, used))
        heading = sheet_value(f"{title}（{name}）") if by_dept else title
        _task_sheet(sheet, heading, part, as_of, layout_name)
    summary = book.create_sheet(sheet_name("按牵头部室汇总", used))
    _summary_sheet(summary, title, states, as_of, aliases, spelling)
    if trend is not None:  # the pictures: output/chart_sheet.py
        add_chart_sheet(book, title, trend, used, spelling)
    seal(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def status_fill(state: TaskState) -> str | None:
    """The status cell's colour: red overdue, amber behind or due soon, green done."""
    if state.status is Status.OVERDUE:
        return RED
    if state.status is Status.DONE:
        return GREEN
    if state.status is Status.BEHIND or state.due_soon:
        return AMBER
    return None


# ---- the task sheet -------------------------------------------------------------------------


def _columns(layout_name: str) -> list[tuple[str, str]]:
    if layout_name == "progress":
        return list(layout.PROGRESS_COLUMNS)
    return [("id", "序号"), *layout.COLUMNS]


def _row(state: TaskState, as_of: dt.date, layout_name: str) -> list[Any]:
    if layout_name == "progress":
        return layout.progress_cells(state, as_of)
    cells = layout.task_cells(state)
    cells[2] = state.task.content  # the number has its own column (import reads 序号)
    return [state.task.id, *cells]


def _task_sheet(
    sheet: Worksheet, title: str, states: list[TaskState], as_of: dt.date, layout_name: str
) -> None:
    columns = _columns(layout_name)
    keys = [key for key, _ in columns]
    rows = [_row(state, as_of, layout_name) for state in states]
    measured = _unmerged(rows, keys) if layout_name == "full" else rows
    heads = [h for _, h in columns]
    widths = _write_table(sheet, heads, rows, keys, WIDTHS[layout_name], measured)
    _heading(sheet, title, as_of, widths)
    status_col = keys.index("status") + 1
    for number, state in enumerate(states, start=_TOP + 1):
        colour = status_fill(state)
        if colour:
            sheet.cell(number, status_col).fill = PatternFill("solid", fgColor=colour)
        sheet.cell(number, 1).alignment = Alignment(horizontal="center", vertical="top")
    if layout_name == "full":
        _merge_runs(sheet, rows, keys, widths)
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A{_TOP}:{last}{_TOP + len(rows)}"
    _set_up_page(sheet, title, wide=sum(widths) > 130)


def _heading(sheet: Worksheet, title: str, as_of: dt.date, widths: list[float]) -> None:
    """Row 1 the title across the table; row 2 the 截至 date, then the colour legend, as high
    as its words need in their columns (never cut)."""
    width = len(widths)
    sheet.cell(1, 1, title).font = Font(name="黑体", size=16, bold=True)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(start_row=1, end_row=1, start_column=1, end_column=width)
    sheet.row_dimensions[1].height = 30
    sheet.cell(2, 1, f"截至{day_words(as_of)}").font = font(11)
    sheet.merge_cells(start_row=2, end_row=2, start_column=1, end_column=3)
    key = width - len(_LEGEND)
    sheet.cell(2, key, "图例：").alignment = Alignment(horizontal="right", wrap_text=True)
    for offset, (word, colour) in enumerate(_LEGEND):
        cell = sheet.cell(2, key + 1 + offset, word)
        cell.fill = PatternFill("solid", fgColor=colour)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
    for cell in sheet[2]:
        cell.font = font(_FONT_SIZE)
    said = [(f"截至{day_words(as_of)}", sum(widths[:3])), ("图例：", widths[key - 1])]
    said += [(word, widths[key + offset]) for offset, (word, _) in enumerate(_LEGEND)]
    sheet.row_dimensions[2].height = max(18, row_height(said, _FONT_SIZE))


def _write_table(
    sheet: Worksheet,
    headers: list[str],
    rows: list[list[Any]],
    keys: list[str],
    fixed: dict[str, float],
    measured: list[list[Any]] | None = None,
) -> list[float]:
    """Header at row _TOP, the rows under it; widths as fixed, else fitted; returns them.
    Each row is as high as its cells in `measured` need (default: the rows themselves)."""
    for index, header in enumerate(headers, start=1):
        cell = sheet.cell(_TOP, index, header)
        cell.font = font(_FONT_SIZE, bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
    for number, row in enumerate(rows, start=_TOP + 1):
        for index, value in enumerate(row, start=1):
            cell = sheet.cell(number, index, sheet_value(value))
            cell.font = font(_FONT_SIZE)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = BORDER
    widths: list[float] = []
    for index, key in enumerate(keys):
        column = [headers[index]] + [str(r[index]) for r in rows]
        widest = max(cell_len(line) for text in column for line in text.split("\n"))
        fitted = max(_MIN_WIDTH, min(widest, _DEFAULT_MAX) + 2)
        widths.append(fixed.get(key, fitted))
        sheet.column_dimensions[get_column_letter(index + 1)].width = widths[-1]
    # Neither openpyxl nor every reader sizes wrapped rows, so each row is given the height
    # its tallest cell needs, measured as the fonts set it (formats/text_measure.py).
    for number, row in enumerate([headers, *(measured or rows)], start=_TOP):
        cells = [("" if t is None else str(t), w) for t, w in zip(row, widths, strict=False)]
        sheet.row_dimensions[number].height = row_height(cells, _FONT_SIZE)
    sheet.freeze_panes = f"A{_TOP + 1}"
    return widths


def _unmerged(rows: list[list[Any]], keys: list[str]) -> list[list[Any]]:
    """The rows with the 类型 and 重点工作 of a run _merge_runs merges left blank: their text
    spans the run's rows, not each row's height."""
    measured = [list(row) for row in rows]
    for key in ("section", "focus"):
        col = keys.index(key)
        for index, row in enumerate(rows):
            before = index > 0 and rows[index - 1][col] == row[col]
            after = index + 1 < len(rows) and rows[index + 1][col] == row[col]
            if before or after:
                measured[index][col] = ""
    return measured


def _merge_runs(
    sheet: Worksheet, rows: list[list[Any]], keys: list[str], widths: list[float]
) -> None:
    """Merge consecutive equal 类型 (and 重点工作 within one 类型), as the document prints them;
    a run too low for its merged text is made higher at its last row."""
    section = keys.index("section")
    for key in ("section", "focus"):
        col = keys.index(key)
        start = 0
        for end in range(1, len(rows) + 1):
            same = end < len(rows) and rows[end][col] == rows[start][col]
            if same and rows[end][section] == rows[start][section]:
                continue
            if end - start > 1 and rows[start][col]:
                sheet.merge_cells(
                    start_row=start + _TOP + 1,
                    end_row=end + _TOP,
                    start_column=col + 1,
                    end_column=col + 1,
                )
                _fit_run(
                    sheet, range(start + _TOP + 1, end + _TOP + 1), rows[start][col], widths[col]
                )
            start = end


def _fit_run(sheet: Worksheet, numbers: range, text: str, width: float) -> None:
    needed = row_height([(str(text), width)], _FONT_SIZE)
    given = sum(sheet.row_dimensions[n].height or 0 for n in numbers)
    if given < needed:
        sheet.row_dimensions[numbers[-1]].height = (
            (sheet.row_dimensions[numbers[-1]].height or 0) + needed - given
        )


def _set_up_page(sheet: Worksheet, title: str, *, wide: bool) -> None:
    """Landscape, fitted to the width (A3 for a table too wide for A4 at a readable size)."""
    fit_landscape(sheet, title_row=_TOP, a3=wide, side=0.3, top=0.7)
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.oddHeader.center.text = title


# ---- the summary sheet ----------------------------------------------------------------------


def _summary_sheet(
    sheet: Worksheet,
    title: str,
    states: Sequence[TaskState],
    as_of: dt.date,
    aliases: dict[str, str] | None,
    spelling: Callable[[str], str] = str,
) -> None:
    """Counts by 牵头部室 as numbers (Excel can sum them), the rate as a percent number."""
    groups = [*tally_groups(list(states), "dept", aliases), tally(list(states))]
    shown = _COUNTS + tuple(s for s in ENDED if groups[-1].counts[s])  # only where there are
    headers = ["牵头部室", "任务", *(s.label for s in shown), "完成率"]
    rows = [_summary_row(group, shown) for group in groups]
    for row in rows[:-1]:  # the total's 合计 is no department
        row[0] = spelling(row[0])
    keys = ["name"] + [""] * (len(headers) - 1)
    widths = _write_table(sheet, headers, rows, keys, {"name": 20})
    _heading(sheet, f"{title}：按牵头部室汇总", as_of, widths)
    for row in sheet.iter_rows(min_row=_TOP + 1, min_col=2):
        for cell in row:
            cell.alignment = Alignment(horizontal="right", vertical="top")
    for cell in sheet[sheet.max_row]:
        cell.font = font(_FONT_SIZE, bold=True)
    for (cell,) in sheet.iter_rows(min_row=_TOP + 1, min_col=len(headers), max_col=len(headers)):
        cell.number_format = "0.0%"
    sheet.auto_filter.ref = f"A{_TOP}:{get_column_letter(len(headers))}{_TOP + len(rows) - 1}"
    _set_up_page(sheet, f"{title}：按牵头部室汇总", wide=False)
    sheet.page_setup.orientation = "portrait"
    _ended_rows(sheet, states)


def _ended_rows(sheet: Worksheet, states: Sequence[TaskState]) -> None:
    """Under the counts, the tasks cancelled or paused, apart: each with its date and reason."""
    rows = [ended_row(s) for s in states if s.ended is not None]
    at = sheet.max_row + 2
    if rows:
        sheet.cell(at, 1, ENDED_CAPTION).font = font(_FONT_SIZE, bold=True)
    for number, row in enumerate(rows, start=at + 1):
        when = row["date"] + (f"，暂缓至 {row['until']} 月底" if row["until"] else "")
        cells = (f"任务 {row['id']}", row["status"], when, row["reason"])
        for index, value in enumerate(cells, start=1):
            sheet.cell(number, index, sheet_value(value)).font = font(_FONT_SIZE)


def _summary_row(group: Tally, shown: tuple[Status, ...] = _COUNTS) -> list[Any]:
    counts = [group.counts[s] for s in shown]
    return [group.name, group.tasks, *counts, round(group.rate / 100, 4)]
