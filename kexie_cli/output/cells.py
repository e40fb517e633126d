"""A cell as plain text, the same in every text format and in the table's words."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from kexie_cli.core.controls import visible, xml_safe
from kexie_cli.core.numbers import percent_text
from kexie_cli.core.problems import KexieError
from kexie_cli.core.status import Status
from kexie_cli.output.views import Column, StatusCell

NOTHING = "—"  # a bar with nothing to count


def plain(value: Any, column: Column, line_sep: str = "\n", names_sep: str = "、") -> str:
    return converter(column, line_sep, names_sep)(value)


@cache
def converter(column: Column, line_sep: str = "\n", names_sep: str = "、") -> Callable[[Any], str]:
    """The column's cell-to-text function, chosen once per column rather than once per cell."""
    if column.kind == "status":
        return lambda value: _status_text(value, line_sep)
    if column.kind == "bar":
        return lambda value: NOTHING if value is None else percent_text(value * 100)
    sep = names_sep if column.kind == "names" else line_sep
    return lambda value: value if isinstance(value, str) else _text(value, sep)


def _status_text(value: Any, sep: str) -> str:
    if isinstance(value, Status):
        return value.label
    return value.text if isinstance(value, StatusCell) else _text(value, sep)


def _text(value: Any, sep: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        try:
            return sep.join(value)  # lines and names: strings already
        except TypeError:
            return sep.join(map(str, value))
    return "" if value is None else str(value)


def on_one_line(text: str) -> str:
    """The text's line breaks and tabs (and the spaces around them) as one space each."""
    return " ".join(text.split()) if "\n" in text or "\t" in text or "\r" in text else text


# ---- cells in a file another program opens (issue 30) ---------------------------------------

# A text starting with one of these is a formula to Excel, LibreOffice and WPS (a CSV cell
# `=HYPERLINK(…)` becomes a live link when opened): written as text, never as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SHEET_CELL_MAX = 32_767  # characters an Excel cell holds; more is cut when the file is opened


def sheet_value(value: Any) -> Any:
    """A value as an xlsx cell may hold it: a text's XML-illegal characters escaped (openpyxl
    refuses them); anything else as it is. Every xlsx writer assigns its cells through this.
    A text longer than a cell holds is refused: openpyxl would cut it without a word."""
    if not isinstance(value, str):
        return value
    if len(value) > SHEET_CELL_MAX:
        start = visible(value[:20])
        raise KexieError(
            f"“{start}…”有 {len(value):,} 个字符，超过 Excel 单元格能容纳的"
            f" {SHEET_CELL_MAX:,} 个；请把这段文字缩短后再导出"
        )
    return xml_safe(value)


def seal(book: Any) -> None:
    """Every text cell of the workbook written as text: one starting like a formula stays
    text (and is marked so, as Excel marks `'=1+1` typed in a cell), none is a formula."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str):
                    continue
                if cell.data_type == "f" or value.startswith(FORMULA_START):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def sheet_name(name: str, used: set[str]) -> str:
    """A sheet name Excel accepts (no []:*?/\\ nor control, not starting like a formula nor
    with an apostrophe, at most 31 characters), unique in the book."""
    kept = "".join(ch for ch in name if ch not in "[]:*?/\\" and ch.isprintable())
    base = kept.lstrip("=+-@'").rstrip("'")[:31] or "汇总"
    candidate, n = base, 2
    while candidate in used:
        suffix = f"({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate)
    return candidate


def csv_cell(text: str) -> str:
    """A CSV or TSV cell that no spreadsheet opens as a formula: one starting with = + - @ (or
    a tab or CR) behind a `'`, the OWASP convention, which Excel shows and keeps as text."""
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


_NUMBER = re.compile(r"-?\d+(\.\d+)?%?")  # a figure is left as it is: -5 computes nothing


def sheet_fields(record: Any) -> Any:
    """A record (a dataclass or a named tuple) with each of its texts as `sheet_value` has it."""
    import dataclasses

    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        fields = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
        texts = {k: sheet_value(v) for k, v in fields.items() if isinstance(v, str)}
        return dataclasses.replace(record, **texts)
    texts = {k: sheet_value(v) for k, v in record._asdict().items() if isinstance(v, str)}
    return record._replace(**texts)


_FILE_NAME_BYTES = 120  # of a name part: whole names stay far under the 255 a folder allows


def file_name_part(text: str, blank: str) -> str:
    """A text as part of a file name: no path separator, character Windows refuses or control
    (a line break, a tab), cut to a length every file system takes; `blank` if nothing is left."""
    kept = "".join("_" if ch in '\\/:*?"<>|' else ch for ch in text if ch.isprintable()).strip()
    while len(kept.encode("utf-8")) > _FILE_NAME_BYTES:
        kept = kept[:-1]
    return kept or blank
