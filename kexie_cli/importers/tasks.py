"""Read a breakdown list from a workbook into a tasks plan (a dict, as in YAML).

The sheet may be kexie's own export or a document laid out like it: the header row is found
by its words, repeated page headers are skipped, and in a document (not in the export, where
every cell is written) a blank 类型/重点工作 cell means “as in the row above”. Targets are
read back from the 目标/完成 columns when the sheet has them filled (kexie's own export);
otherwise suggested from the wording by the extractor, each marked as needing a person's check.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from kexie_cli.core import sheet_layout as layout
from kexie_cli.core.extract import suggest_task_targets

TARGET_NOTE = "程序从推进措施中提取，需人工核对"
_CARRIED = ("section", "focus")  # blank in a document: the same as the row above
_NOT_EXPANDED = ("content", "measures")  # a merged content cell would duplicate a task
_DUE_NUMBER = "due is a number"  # beside the cell texts: whether 完成时限 was a number cell


def parse_workbook(data: bytes, source: str = "", year: int | None = None) -> dict[str, Any]:
    """The plan dict from the first sheet with a recognisable header row."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data))
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValueError(f"不是可读的 Excel 工作簿（.xlsx）：{exc}") from None
    for sheet in book.worksheets:
        rows = _rows(sheet)
        for index, row in enumerate(rows):
            keys = layout.header_keys(row)
            if keys:
                title = _title(rows[:index]) or book.properties.title or sheet.title
                return _plan(title, rows[index + 1 :], keys, source, year)
    raise ValueError("找不到表头：应有“具体内容”“推进措施”等列")


def _rows(sheet: Any) -> list[list[Any]]:
    """Cell values, merged cells filled from their top-left cell, months typed as numbers kept."""
    rows = [[_value(cell) for cell in row] for row in sheet.iter_rows()]
    for merged in sheet.merged_cells.ranges:
        top = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                if (r, c) != (merged.min_row - 1, merged.min_col - 1):
                    rows[r][c] = _Merged(top)
    return rows


class _Merged:
    """A cell covered by a merge, carrying the merge's value."""

    def __init__(self, value: Any) -> None:
        self.value = value


def _value(cell: Any) -> Any:
    value = cell.value
    # 2025.10 typed as a number is the float 2025.1; a display format with decimals (0.00)
    # still says how it was shown. In a General cell only the float is left (see _due).
    decimals = re.search(r"0\.(0+)", cell.number_format or "")
    if isinstance(value, float) and decimals:
        return f"{value:.{len(decimals[1])}f}"
    return value


def _title(above: list[list[Any]]) -> str:
    """A title row above the header (黄石市科协2025年重点工作任务分解清单), if any."""
    for row in reversed(above):
        texts = [layout.cell_text(c) for c in row if not isinstance(c, _Merged)]
        texts = [t for t in texts if t]
        if len(texts) == 1 and len(texts[0]) <= 60:
            return texts[0]
    return ""


def _plan(
    title: str, rows: list[list[Any]], keys: dict[int, str], source: str, year: int | None
) -> dict[str, Any]:
    own_layout = set(layout.PROGRESS_KEYS) <= set(keys.values())
    records = [r for r in (_record(row, keys) for row in rows) if r is not None]
    if not records:
        raise ValueError("表头下没有任务行")
    year = year or _year(title) or _due_year(records)
    if year is None:
        raise ValueError("找不到年度（标题中没有，完成时限也没有），请用 --plan YEAR 指明")
    # kexie's own export carries its targets in 目标/完成: read them back exactly. A sheet
    # whose 目标 column is empty throughout (or absent) gets them suggested from the wording.
    read_back = any(r.get("targets") for r in records)
    tasks = _tasks(records, own_layout, read_back, year)
    info: dict[str, Any] = {"title": title, "org": _org(title), "year": year, "source": source}
    return {"plan": {k: v for k, v in info.items() if v not in ("", None)}, "tasks": tasks}


def _record(row: list[Any], keys: dict[int, str]) -> dict[str, Any] | None:
    """The row's cells by key; None for a blank row or a header repeated on a new page."""
    cells: dict[str, Any] = {}
    for index, key in keys.items():
        value = row[index] if index < len(row) else None
        if isinstance(value, _Merged):
            value = None if key in _NOT_EXPANDED else value.value
        cells[key] = layout.cell_text(value)
    if layout.header_keys(list(cells.values())) or not (
        cells.get("content") or cells.get("measures")
    ):
        return None
    due_at = next((i for i, key in keys.items() if key == "due"), None)
    cells[_DUE_NUMBER] = due_at is not None and isinstance(_plain(row, due_at), float)
    return cells


def _plain(row: list[Any], index: int) -> Any:
    value = row[index] if index < len(row) else None
    return value.value if isinstance(value, _Merged) else value


def _tasks(
    records: list[dict[str, Any]], own_layout: bool, read_back: bool, year: int
) -> list[dict[str, Any]]:
    tasks: list[dict[str, Any]] = []
    above: dict[str, str] = {}
    for cells in records:
        if not own_layout:
            for key in _CARRIED:
                cells[key] = cells.get(key) or above.get(key, "")
            above = cells
        items = layout.split_content(cells.get("content", "")) or [(None, "")]
        for number, content in items:
            tasks.append(_task(number, content, cells, tasks, year, read_back))
    return tasks


def _task(
    number: int | None,
    content: str,
    cells: dict[str, Any],
    before: list[dict],
    year: int,
    read_back: bool,
) -> dict[str, Any]:
    notes = []
    following = max((t["id"] for t in before), default=0) + 1
    if number is None:
        number = following
        notes.append(f"id: 具体内容未编号，按上一行顺延为 {number}")
    elif any(t["id"] == number for t in before):
        notes.append(f"id: 原文编号 {number} 与前面的任务重复，改为 {following}")
        number = following
    due, due_note = _due(layout.due_text(cells.get("due")), cells[_DUE_NUMBER], year)
    if due_note:
        notes.append(f"due: {due_note}")
    measures = layout.split_measures(cells.get("measures", ""))
    targets = None
    if read_back:
        try:
            targets = layout.read_targets(cells.get("targets", ""), cells.get("done", ""))
        except ValueError as exc:
            notes.append(f"targets: {exc}；已改为从推进措施中提取")
    if targets is None:
        suggested = suggest_task_targets(content, measures)
        targets = [{**target, "note": TARGET_NOTE} for target in suggested]
    task: dict[str, Any] = {
        "id": number,
        "section": cells.get("section", ""),
        "focus": cells.get("focus", ""),
        "content": content,
        "measures": measures,
        "lead": layout.split_names(cells.get("lead", "")),
        "support": layout.split_names(cells.get("support", "")),
        "leaders": layout.split_leaders(cells.get("leaders", "")),
        "due": due,
        "targets": targets,
    }
    if notes:
        task["note"] = "；".join(notes)
    return task


def _due(written: str, is_number: bool, year: int) -> tuple[str, str]:
    """The month as '2026.9' (the shipped data's way), and a note when a person must check it."""
    from kexie_cli.core.months import Month, MonthError

    try:
        month = Month.parse(written)
    except MonthError:
        found = re.search(r"\d{4}\s*[.\-/年]\s*\d{1,2}(?!\d)", written)
        try:
            month = Month.parse(found[0]) if found else None
        except MonthError:
            month = None
        due = f"{month.year}.{month.month}" if month else f"{year}.12"
        if not written:
            return due, f"完成时限未填，暂定为 {due}，需人工核对"
        return due, f"原文为“{written}”，取 {due}，需人工核对"
    due = f"{month.year}.{month.month}"
    if is_number and month.month == 1:
        # 2026.10 typed into a General cell is stored as the number 2026.1: never choose silently.
        return due, f"完成时限单元格是数字 {due}，可能是 {month.year}.10，需人工核对"
    return due, ""


def _year(text: str) -> int | None:
    match = re.search(r"(?<!\d)(20\d{2})(?!\d)", text or "")
    return int(match[1]) if match else None


def _due_year(records: list[dict[str, Any]]) -> int | None:
    years = Counter(_year(r.get("due", "")) for r in records)
    years.pop(None, None)
    return years.most_common(1)[0][0] if years else None


def _org(title: str) -> str:
    """黄石市科协2025年重点工作任务分解清单 → 黄石市科协."""
    match = re.match(r"^(\D+?)\s*20\d{2}年", title or "")
    return match[1] if match else ""
