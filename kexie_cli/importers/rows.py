"""A table as rows of cell values, whichever file it came from (.xlsx or .docx).

A cell covered by a merge holds a `Merged` carrying the merge's value, so the reader can tell
a merged 类型 (the same for every row it spans) from a blank cell (which may mean 同上).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

Row = list[Any]


class Merged:
    """A cell covered by a merge, carrying the merge's value."""

    def __init__(self, value: Any) -> None:
        self.value = value


def plain(value: Any) -> Any:
    return value.value if isinstance(value, Merged) else value


def kind(data: bytes) -> str:
    """'xlsx', 'docx', 'old' (a .doc/.xls of Office 97–2003) or '' for anything else."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "old"
    if not data.startswith(b"PK"):
        return ""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError):
        return ""
    if "word/document.xml" in names:
        return "docx"
    return "xlsx" if any(name.startswith("xl/") for name in names) else ""


def workbook_tables(data: bytes) -> list[tuple[str, list[Row]]]:
    """(sheet title, rows) of each sheet; merged cells filled, months typed as numbers kept."""
    from kexie_cli.importers.safe_open import open_workbook

    book = open_workbook(data)  # a file received: checked before it is parsed
    tables = []
    for sheet in book.worksheets:
        rows = [[_value(cell) for cell in row] for row in sheet.iter_rows()]
        for merged in sheet.merged_cells.ranges:
            top = rows[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, merged.max_row):
                for c in range(merged.min_col - 1, merged.max_col):
                    if (r, c) != (merged.min_row - 1, merged.min_col - 1):
                        rows[r][c] = Merged(top)
        tables.append((book.properties.title or sheet.title, rows))
    return tables


def _value(cell: Any) -> Any:
    value = cell.value
    if isinstance(value, str) and "\r" in value:  # a line break as Windows writes it
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    # 2025.10 typed as a number is the float 2025.1; a display format with decimals (0.00)
    # still says how it was shown. In a General cell only the float is left.
    decimals = re.search(r"0\.(0+)", cell.number_format or "")
    if isinstance(value, float) and decimals:
        return f"{value:.{len(decimals[1])}f}"
    return value


def csv_rows(data: bytes, delimiter: str = ",") -> list[Row]:
    """A CSV's rows of texts: UTF-8 with or without BOM (as `export` writes it), or GBK as
    Excel saves 「CSV」 on a Chinese Windows; a tab-separated text with delimiter '\t'."""
    import csv

    from kexie_cli.importers.text import decoded

    reader = csv.reader(io.StringIO(decoded(data)), delimiter=delimiter)
    return [[cell.replace("\r\n", "\n") for cell in row] for row in reader]


def tab_separated(text: str) -> bool:
    """A table copied out of a document as text: most lines cells joined by tabs."""
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and sum(line.count("\t") >= 2 for line in lines) * 2 >= len(lines)
