"""What a returned form must hold before it is read (issue 30): the hidden sheet as kexie
wrote it (a person may have unhidden and changed it), and every formula with its result.

Each problem is one line at its cell (FILE:SHEET!CELL: what), as the form reader's are.
"""

from __future__ import annotations

import io
from typing import Any

from kexie_cli.core.fields import LARGEST_KEY
from kexie_cli.formats import fill_in_form as layout

_LARGEST_ROW = 1_048_576  # Excel's last row
_YEARS = range(1900, 10_000)


def meta_problems(sheet: Any, name: str) -> list[str]:
    """The hidden sheet's values that are not what kexie writes there: the year a year, each
    row's sheet row, task and target numbers whole numbers in range."""
    where = f"{name}:{sheet.title}!"
    problems: list[str] = []
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    table = next((i for i, r in enumerate(rows) if r and r[0] == layout.ROWS_LABEL), len(rows))
    labels = {row[0] for row in rows[1:table] if row}
    for label in layout.REQUIRED:
        if label not in labels:
            problems.append(f"{where}A1: 制表信息缺少“{label}”一行（制表信息被改动）")
    for index, row in enumerate(rows[1:table], start=2):
        if (
            row
            and row[0] == layout.YEAR
            and _whole(row[1] if len(row) > 1 else None, _YEARS) is None
        ):
            problems.append(
                f"{where}B{index}: {layout.YEAR}应为年份，实为“{_shown(row)}”（制表信息被改动）"
            )
    spans = {"A": range(layout.FIRST_ROW, _LARGEST_ROW + 1), "C": range(1, LARGEST_KEY + 1)}
    for index, row in enumerate(rows[table + 1 :], start=table + 2):
        cells = dict(zip("ABCD", (row + [None] * 4)[:4], strict=True))
        if cells["A"] is None:
            continue
        for column, span in spans.items():
            if _whole(cells[column], span) is None:
                problems.append(
                    f"{where}{column}{index}: 应为 {span.start}–{span.stop - 1} 的整数，"
                    f"实为“{cells[column]}”（制表信息被改动）"
                )
        if cells["D"] not in (None, "") and _whole(cells["D"], range(1, LARGEST_KEY + 1)) is None:
            problems.append(
                f"{where}D{index}: 指标编号应为正整数，实为“{cells['D']}”（制表信息被改动）"
            )
    return problems


def uncomputed(data: bytes, values: Any, sheet_name: str) -> list[str]:
    """The cells of the sheet holding a formula with no result saved (a workbook written by a
    program that does not calculate): read as blank, they would lose what was meant."""
    from openpyxl import load_workbook

    formulas = load_workbook(io.BytesIO(data), read_only=True)
    try:
        found = [
            cell.coordinate
            for row in formulas[sheet_name].iter_rows()
            for cell in row
            if getattr(cell, "data_type", None) == "f"
            and values[sheet_name][cell.coordinate].value is None
        ]
    finally:
        formulas.close()
    return found


def _whole(value: Any, span: range) -> int | None:
    """The value as a whole number within span, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 12:
        value = int(value.strip())
    return value if isinstance(value, int) and value in span else None


def _shown(row: list[Any]) -> Any:
    return row[1] if len(row) > 1 else ""
