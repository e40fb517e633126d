"""The breakdown list as an Excel workbook, laid out and set up for printing as the office does.

Sheet 1 (`2025年任务`): the document's columns (sheet_layout), header frozen and repeated on
every printed page, text wrapped, widths fitted to Chinese text, landscape A4 fitted to the
page width; runs of one 类型 / 重点工作 merged as the document prints them. Sheet 2: the
report's per-department summary. Returns bytes; storage writes them.
"""

from __future__ import annotations

import io
import unicodedata
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kexie_cli.core import sheet_layout as layout
from kexie_cli.output.cells import plain
from kexie_cli.output.views import Table

# Width limits in character cells (a Chinese character is two): long text wraps instead.
_MAX_WIDTH = {"content": 44, "measures": 60, "targets": 26}
_MIN_WIDTH = 6
_DEFAULT_MAX = 16
_FONT = "宋体"
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_MERGED_KEYS = ("section", "focus")
_FONT_SIZE = 10
_LINE_HEIGHT = 13.0  # points a wrapped line of 10-point 宋体 takes


def workbook_bytes(title: str, year: int, states: list[Any], summary: Table | None) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = layout.sheet_title(year)
    book.properties.title = title  # read back by `kexie import tasks` as the plan's title
    rows = [layout.task_cells(state) for state in states]
    _write_table(sheet, list(layout.HEADERS), rows, [key for key, _ in layout.COLUMNS])
    _merge_runs(sheet, rows)
    _set_up_page(sheet, title)
    if summary is not None:
        _summary_sheet(book.create_sheet(_sheet_name(summary.title)), summary, title)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def display_width(text: str) -> int:
    """Character cells a line takes: East Asian wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _write_table(
    sheet: Worksheet, headers: list[str], rows: list[list[Any]], keys: list[str]
) -> None:
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(name=_FONT, size=_FONT_SIZE, bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.font = Font(name=_FONT, size=_FONT_SIZE)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = _BORDER
    widths = []
    for index, key in enumerate(keys, start=1):
        column = [headers[index - 1]] + [str(r[index - 1]) for r in rows]
        widest = max(display_width(line) for text in column for line in text.split("\n"))
        widths.append(max(_MIN_WIDTH, min(widest, _MAX_WIDTH.get(key, _DEFAULT_MAX)) + 2))
        sheet.column_dimensions[get_column_letter(index)].width = widths[-1]
    # Neither openpyxl nor every reader sizes wrapped rows, so each row is given the height
    # its tallest cell needs.
    for number, row in enumerate([headers, *rows], start=1):
        lines = max(_lines(str(text), width) for text, width in zip(row, widths, strict=False))
        sheet.row_dimensions[number].height = max(1, lines) * _LINE_HEIGHT + 4
    sheet.freeze_panes = "A2"


def _lines(text: str, width: float) -> int:
    """Lines a text wraps to in a column `width` character cells wide."""
    room = max(1, int(width))
    return sum(max(1, -(-display_width(line) // room)) for line in text.split("\n"))


def _merge_runs(sheet: Worksheet, rows: list[list[str]]) -> None:
    """Merge consecutive equal 类型 (and 重点工作 within one 类型), as the document prints them."""
    keys = [key for key, _ in layout.COLUMNS]
    for key in _MERGED_KEYS:
        col = keys.index(key)
        start = 0
        for end in range(1, len(rows) + 1):
            if end < len(rows) and _same_run(rows, start, end, col):
                continue
            if end - start > 1 and rows[start][col]:
                sheet.merge_cells(
                    start_row=start + 2, end_row=end + 1, start_column=col + 1, end_column=col + 1
                )
            start = end


def _same_run(rows: list[list[str]], start: int, row: int, col: int) -> bool:
    # 重点工作 runs never cross a change of 类型 (column 0).
    return rows[row][col] == rows[start][col] and rows[row][0] == rows[start][0]


def _set_up_page(sheet: Worksheet, title: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.8
    sheet.page_margins.header = sheet.page_margins.footer = 0.3  # clear of the table
    sheet.oddHeader.center.text = title
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def _summary_sheet(sheet: Worksheet, table: Table, title: str) -> None:
    headers = [c.header for c in table.columns]
    rows = [[_cell(row.get(c.key), c) for c in table.columns] for row in table.rows]
    if table.total is not None:
        rows.append([_cell(table.total.get(c.key), c) for c in table.columns])
    _write_table(sheet, headers, rows, [c.key for c in table.columns])
    for index, column in enumerate(table.columns, start=1):
        if column.kind == "number" or column.key == "rate":  # figures line up on the right
            for row in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                row[0].alignment = Alignment(horizontal="right", vertical="top")
    if table.total is not None:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(name=_FONT, size=_FONT_SIZE, bold=True)
    if table.caption:
        sheet.append([])
        sheet.append([table.caption])
    _set_up_page(sheet, f"{title}：{table.title}")
    sheet.page_setup.orientation = "portrait"


def _cell(value: Any, column: Any) -> Any:
    """Counts stay numbers (Excel can sum them); everything else as the text formats show it."""
    if column.kind == "number" and isinstance(value, int | float):
        return value
    return plain(value, column)


def _sheet_name(title: str) -> str:
    name = "".join(ch for ch in title if ch not in "[]:*?/\\")
    return name[:31] or "汇总"
