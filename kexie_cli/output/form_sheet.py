"""A department's monthly fill-in form (填报表) as an Excel workbook.

One sheet to fill: a header block (填报单位 filled; 填报人, 联系电话, 填报日期 to fill; 截至),
a line on how to fill it in, then the tasks the department leads and, in a marked block, those
it supports — a row per target. What the office wrote is grey and locked (the sheet is
protected without a password, so anyone can read and print it); what the department writes is
white. A target broken down by place has a row per place, its own number and figure.
Printed on A4 landscape, one page wide (11-point text at no less than 10 points), the column header on
every page. A hidden sheet records what the form was made from, so that its return can be
checked row by row. The form's columns, header block and hidden sheet are
formats/fill_in_form.py's (the importer reads a returned form with the same); its look and
print set-up formats/sheet_style.py's.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kexie_cli.core.forms import PLACE, FormRow
from kexie_cli.core.months import Month, month_text, month_words
from kexie_cli.core.numbers import whole
from kexie_cli.core.queries import LEAD, SUPPORT
from kexie_cli.formats import fill_in_form as layout
from kexie_cli.formats.fill_in_form import DATE_CELL, HEADER_ROW, PERSON_CELL, PHONE_CELL, SHEET
from kexie_cli.formats.fill_in_form import FormInfo as FormInfo  # what commands make a form of
from kexie_cli.formats.sheet_style import BORDER, HEADER_FILL, fit_landscape, font
from kexie_cli.formats.text_measure import line_height, row_height
from kexie_cli.output.cells import file_name_part, seal, sheet_fields

_SIZE = 11
# Character cells per column (a Chinese character takes two), 119 in all. Excel prints that
# within an A4 landscape page at 100 %; LibreOffice measures a cell wider and fits the page
# at about 93 %: 11-point text still prints above 10 points.
_WIDTHS = {
    "ref": 5,
    "content": 17,
    "due": 7,
    "target": 12,
    "figure": 7,
    "done": 7,
    "state": 7,
    "finished": 10,
    "note": 14,
    "problem": 9,
    "next": 9,
    "delay": 7,
    "reason": 8,
}
_KEYS = list(layout.KEYS)
# Merged over a task's rows: what is said once for the task.
_PER_TASK = ("content", "due", "state", "finished", "note", "problem", "next", "delay", "reason")
_LEADS = ("state", "finished")  # 完成情况 and 完成日期: the lead's to say
_LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")


def form_name(dept: str, as_of: dt.date) -> str:
    """2025年6月_组宣部.xlsx: the month collected and the department, safe as a file name."""
    safe = file_name_part(dept, "部门")
    return f"{month_words(Month.parse(as_of))}_{safe}.xlsx"


def form_bytes(info: FormInfo, rows: list[FormRow]) -> bytes:
    info, rows = sheet_fields(info), [sheet_fields(row) for row in rows]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    book.properties.title = f"{info.title} 进展填报表（{info.dept}）"
    book.properties.creator = "kexie"
    _header_block(sheet, info)
    _column_headers(sheet)
    placed = _body(sheet, rows, info.as_of)
    _set_up_page(sheet, info)
    _meta_sheet(book.create_sheet(layout.META_SHEET), info, placed)
    seal(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _style(cell, *, locked: bool, bold: bool = False, fill: PatternFill | None = None) -> None:
    cell.font = font(_SIZE, bold=bold)
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    cell.border = BORDER
    cell.protection = Protection(locked=locked)
    if fill is not None:
        cell.fill = fill
    elif locked:
        cell.fill = _LOCKED_FILL


def _header_block(sheet: Worksheet, info: FormInfo) -> None:
    last = get_column_letter(len(_KEYS))
    sheet["A1"] = f"{info.title}　{month_words(Month.parse(info.as_of))}进展填报表"
    sheet["A1"].font = font(14, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(f"A1:{last}1")
    sheet.row_dimensions[1].height = 26
    labels = {
        "A2": f"{layout.UNIT}：{info.dept}",
        "C2": layout.PERSON,
        "E2": layout.PHONE,
        "H2": layout.DATE,
        "J2": layout.AS_OF,
        "K2": info.as_of.isoformat(),
    }
    for ref, text in labels.items():
        sheet[ref] = text
        _style(sheet[ref], locked=True, bold=ref != "K2")
    for ref in (PERSON_CELL, PHONE_CELL, "G2", DATE_CELL):
        _style(sheet[ref], locked=False)
    sheet[PHONE_CELL].number_format = "@"  # a phone number is text: leading 0 kept
    sheet[DATE_CELL].number_format = "yyyy-mm-dd"
    _style(sheet["B2"], locked=True)
    sheet.merge_cells("A2:B2")
    sheet.merge_cells(f"{PHONE_CELL}:G2")
    sheet.merge_cells("K2:L2")  # the 截至 date, whole on one line
    sheet.row_dimensions[2].height = 22
    december = month_text(Month(info.as_of.year, 12))
    sheet["A3"] = (
        "填写说明：白色格由本单位填写，灰色格为已有内容（已锁定，无需密码）。累计完成填自年初以来"
        "的累计数（只填数字）；完成情况从列表中选已完成、推进中或未启动，已完成的在完成日期写完成"
        "之日；进展情况、存在问题、下步打算按任务填写；需延期的，在申请延期至选填"
        f"月份（如 {december}）并写明延期理由。日期写成 {info.as_of.isoformat()} 的"
        "样式。配合任务的累计完成、完成情况由牵头单位填报。"
    )
    sheet["A3"].font = font(_SIZE)
    sheet["A3"].alignment = Alignment(vertical="center", wrap_text=True)
    sheet.merge_cells(f"A3:{last}3")
    whole = sum(_WIDTHS[key] for key in _KEYS)  # the note across every column, never cut
    sheet.row_dimensions[3].height = row_height([(sheet["A3"].value, whole)], _SIZE)


def _column_headers(sheet: Worksheet) -> None:
    for index, (key, header) in enumerate(layout.COLUMNS, start=1):
        cell = sheet.cell(HEADER_ROW, index, header)
        _style(cell, locked=True, bold=True, fill=HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS[key]
    heads = [(header, _WIDTHS[key]) for key, header in layout.COLUMNS]
    sheet.row_dimensions[HEADER_ROW].height = row_height(heads, _SIZE, least=2)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"


def _body(sheet: Worksheet, rows: list[FormRow], as_of: dt.date) -> list[tuple[int, FormRow]]:
    """The rows, each block under its heading; returns each form row with its sheet row."""
    placed: list[tuple[int, FormRow]] = []
    number = HEADER_ROW
    lead = [r for r in rows if r.role == LEAD]
    support = [r for r in rows if r.role == SUPPORT]
    local = [r for r in rows if r.role == PLACE]
    blocks = (
        ("牵头任务", lead),
        ("配合任务（累计完成、完成情况由牵头单位填报；请填写本单位配合的进展）", support),
        ("分解到本地的指标（请填本地的累计完成和进展）", local),
    )
    shown = [(heading, block) for heading, block in blocks if block]
    for count, (heading, block) in enumerate(shown):
        number += 1
        _block_heading(sheet, number, f"{'一二三'[count]}、{heading}")
        for row in block:
            number += 1
            _write_row(sheet, number, row)
            placed.append((number, row))
    _merge_tasks(sheet, placed)
    _validate(sheet, placed, as_of)
    return placed


def _block_heading(sheet: Worksheet, number: int, heading: str) -> None:
    cell = sheet.cell(number, 1, heading)
    _style(cell, locked=True, bold=True)
    sheet.merge_cells(start_row=number, end_row=number, start_column=1, end_column=len(_KEYS))
    sheet.row_dimensions[number].height = line_height(_SIZE) + 6


def _write_row(sheet: Worksheet, number: int, row: FormRow) -> None:
    values = {
        "ref": row.ref,
        "content": row.content + (f"\n【{row.office_note}】" if row.office_note else ""),
        "due": row.due,
        "target": row.target or "（无量化指标）",
        "figure": None if row.figure is None else whole(row.figure),
    }
    countable = row.role != SUPPORT and row.key is not None
    for index, key in enumerate(_KEYS, start=1):
        cell = sheet.cell(number, index, values.get(key))
        locked = key not in layout.FILLED or (key == "done" and not countable)
        locked = locked or (key in _LEADS and row.role != LEAD)
        _style(cell, locked=locked)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        if key in ("ref", "due", "figure", "done", "state", "finished", "delay"):
            cell.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)
        if key in ("ref", "delay", "due"):
            cell.number_format = "@"  # 14.1 and 2025.10 stay text, never 14.1 or 2025.1
        if key == "finished":
            cell.number_format = "yyyy-mm-dd"
    cells = [(str(values.get(k) or ""), _WIDTHS[k]) for k in _KEYS]
    # Room to write in: a row is at least two lines high.
    sheet.row_dimensions[number].height = row_height(cells, _SIZE, least=2)


def _merge_tasks(sheet: Worksheet, placed: list[tuple[int, FormRow]]) -> None:
    """A task's content, deadline and words once over its target rows."""
    runs: list[list[int]] = []
    for index, (number, row) in enumerate(placed):
        previous = placed[index - 1] if index else None
        if previous and previous[1].task_id == row.task_id and previous[1].role == row.role:
            runs[-1].append(number)
        else:
            runs.append([number])
    for run in runs:
        if len(run) < 2:
            continue
        for key in _PER_TASK:
            column = _KEYS.index(key) + 1
            sheet.merge_cells(
                start_row=run[0], end_row=run[-1], start_column=column, end_column=column
            )


def _validate(sheet: Worksheet, placed: list[tuple[int, FormRow]], as_of: dt.date) -> None:
    """Numbers ≥ 0 in 累计完成; a month from a list in 申请延期至 (other spellings allowed)."""
    done = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="累计完成",
        error="请填写数字（自年初以来的累计数，不小于 0）",
    )
    months = _months_after(Month(as_of.year, as_of.month), 18)
    delay = DataValidation(
        type="list",
        formula1='"' + ",".join(months) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="申请延期至",
        error=f"请填写月份，如 {months[0]}",
    )
    state = DataValidation(
        type="list",
        formula1='"' + ",".join(layout.STATES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="完成情况",
        error="请从列表中选：" + "、".join(layout.STATES),
    )
    finished = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="1",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="完成日期",
        error=f"请填写日期，如 {as_of.isoformat()}",
    )
    for validation in (done, delay, state, finished):
        sheet.add_data_validation(validation)
    column = {key: get_column_letter(_KEYS.index(key) + 1) for key in _KEYS}
    for number, row in placed:
        if row.role != SUPPORT and row.key is not None:
            done.add(f"{column['done']}{number}")
        if row.role == LEAD:
            state.add(f"{column['state']}{number}")
            finished.add(f"{column['finished']}{number}")
        delay.add(f"{column['delay']}{number}")


def _months_after(month: Month, count: int) -> list[str]:
    found = []
    for _ in range(count):
        month = month.following
        found.append(month_text(month))
    return found


def _set_up_page(sheet: Worksheet, info: FormInfo) -> None:
    sheet.protection.sheet = True  # no password: locked cells guard against slips, not people
    sheet.protection.formatRows = False  # False allows: rows may be made taller to write in
    sheet.protection.formatColumns = False
    fit_landscape(sheet, title_row=HEADER_ROW, side=0.4, top=0.6)
    sheet.oddFooter.center.text = f"{info.dept}　第 &P 页，共 &N 页"


def _meta_sheet(sheet: Worksheet, info: FormInfo, placed: list[tuple[int, FormRow]]) -> None:
    """What the form was made from, for the import to check its return against."""
    for row in layout.meta_rows(info, placed):
        sheet.append(row)
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True
