"""The 考核 score as a workbook: a sheet of the scores (numbers Excel can sort and sum) and a
sheet of every line that makes them up, both drawn from the view's own tables."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from rich.cells import cell_len

from kexie_cli.core.score import Scoring
from kexie_cli.formats.sheet_style import BORDER, HEADER_FILL, fit_landscape, font
from kexie_cli.output.cells import seal, sheet_name, sheet_value
from kexie_cli.output.score_view import score_tables
from kexie_cli.output.views import Table

_TOP = 3  # the header's row: the title, then the 截至 line
_WIDEST = 60  # a column's width at most (说明 wraps beyond it)


def score_workbook(scoring: Scoring) -> bytes:
    scores, lines = score_tables(scoring)
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    used: set[str] = set()
    note = f"截至 {scoring.as_of}；基础分 {scoring.rules.base:g}"
    _sheet(book.create_sheet(sheet_name("得分", used)), scores, note)
    _sheet(book.create_sheet(sheet_name("计分明细", used)), lines, note)
    book.properties.title = sheet_value(scoring.rules.title)
    seal(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(sheet: Worksheet, table: Table, note: str) -> None:
    """Title, the 截至 line, the header (filtered, frozen, repeated on every page), the rows."""
    width = len(table.columns)
    sheet.cell(1, 1, sheet_value(table.title)).font = Font(name="黑体", size=14, bold=True)
    sheet.merge_cells(start_row=1, end_row=1, start_column=1, end_column=width)
    sheet.cell(2, 1, sheet_value(f"{note}。{table.caption}" if table.caption else note))
    sheet.cell(2, 1).font = font(10)
    sheet.merge_cells(start_row=2, end_row=2, start_column=1, end_column=width)
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(_TOP, index, column.header)
        cell.font, cell.fill, cell.border = font(10, bold=True), HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for number, row in enumerate(table.rows, start=_TOP + 1):
        for index, column in enumerate(table.columns, start=1):
            cell = sheet.cell(number, index, sheet_value(_value(row.get(column.key))))
            cell.font, cell.border = font(10), BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=column.kind != "number")
    for index, column in enumerate(table.columns, start=1):
        texts = [column.header, *(str(r.get(column.key, "")) for r in table.rows)]
        widest = max(cell_len(t) for t in texts)
        sheet.column_dimensions[get_column_letter(index)].width = min(widest + 2, _WIDEST)
    last = get_column_letter(width)
    sheet.auto_filter.ref = f"A{_TOP}:{last}{_TOP + len(table.rows)}"
    sheet.freeze_panes = f"A{_TOP + 1}"
    fit_landscape(sheet, title_row=_TOP, side=0.3, top=0.7)


def _value(value: Any) -> Any:
    """A cell's value: numbers as numbers, an empty task as an empty cell."""
    return None if value == "" else value
