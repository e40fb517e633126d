"""Plain-text formats: JSON (the script contract), CSV, TSV and Markdown.

CSV and TSV carry every column (they are for spreadsheets); Markdown carries the columns the
terminal table shows. A view with several tables writes them one after another, a blank line
between.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from typing import Any, TextIO

from kexie_cli.core.controls import visible
from kexie_cli.output.cells import FORMULA_START, converter, csv_cell, on_one_line, plain
from kexie_cli.output.views import Table, View


def write_json(view: View, out: TextIO) -> None:
    """Indented for a person at a terminal, on one line for a pipe or a file. UTF-8 bytes go
    to a UTF-8 stream's own buffer as orjson wrote them, not decoded and encoded again."""
    data = json_bytes(view.data, indent=out.isatty())
    binary = getattr(out, "buffer", None)
    if binary is not None and codecs.lookup(out.encoding or "ascii").name == "utf-8":
        out.flush()
        binary.write(data)
    else:
        out.write(data.decode())


def json_text(data: object, indent: bool = False) -> str:
    return json_bytes(data, indent).decode()


def json_bytes(data: object, indent: bool = False) -> bytes:
    """The data as JSON in UTF-8 and a newline: characters as they are (no \\u escapes), keys
    in the order given. orjson, because the json module takes ~90 ms to write a 10,000-task
    report that orjson writes in ~8 ms."""
    import orjson

    option = orjson.OPT_APPEND_NEWLINE | (orjson.OPT_INDENT_2 if indent else 0)
    return orjson.dumps(data, option=option)


def write_csv(view: View, out: TextIO) -> None:
    import csv  # only here: TSV, JSON and Markdown need no quoting

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for index, table in enumerate(view.tables):
        if index:
            buffer.write("\n")
        writer.writerows(_cells(table, "\n"))
    out.write(buffer.getvalue())  # one write: an unbuffered stdout would take one per row


def write_tsv(view: View, out: TextIO) -> None:
    """TSV has no quoting: each cell keeps to one line (its lines joined by spaces) and holds
    no tab, so a row is its cells joined by tabs. Written some hundred rows at a time: few
    writes, and no one string of the whole output in memory besides its rows (each batch's
    text reuses the memory of the last: fresh memory costs a page fault every 4 KB)."""
    lines: list[str] = []
    for index, table in enumerate(view.tables):
        if index:
            lines.append("")
        for cells in _cells(table, " "):
            line = "\t".join(cells)
            # Checked on the row, not cell by cell: most rows have no break or tab in a cell.
            if line.count("\t") != len(cells) - 1 or "\n" in line or "\r" in line:
                line = "\t".join(on_one_line(cell) for cell in cells)
            lines.append(line)
            if len(lines) == _ROWS_A_WRITE:
                out.write("\n".join(lines) + "\n")
                lines.clear()
    if lines:
        out.write("\n".join(lines) + "\n")


_ROWS_A_WRITE = 500


def _cells(table: Table, line_sep: str) -> Iterator[list[str]]:
    """The header and each row of a table as the texts of all its cells."""
    yield [visible(c.header) for c in table.columns]
    cells = [(c.key, converter(c, line_sep)) for c in table.columns]
    for row in _rows(table):
        yield [_inert(text(row.get(key))) for key, text in cells]


def _inert(text: str) -> str:
    """A CSV or TSV cell no spreadsheet runs and no terminal acts on (issue 30)."""
    if text.isprintable() and not text.startswith(FORMULA_START):
        return text  # most cells: nothing to change
    return visible(csv_cell(text))


def write_markdown(view: View, out: TextIO) -> None:
    buffer = io.StringIO()
    _write_markdown(view, buffer)
    out.write(buffer.getvalue())


def _write_markdown(view: View, out: TextIO) -> None:
    for index, table in enumerate(view.tables):
        if index:
            out.write("\n")
        columns = [c for c in table.columns if c.brief]
        if table.title:
            out.write(f"### {_visible(table.title)}\n\n")
        out.write(_md_row([c.header for c in columns]))
        out.write(_md_row(["---:" if c.kind == "number" else "---" for c in columns]))
        for row in _rows(table):
            out.write(_md_row([_md_cell(plain(row.get(c.key), c, "<br>")) for c in columns]))
        if table.caption:
            out.write(f"\n{_visible(table.caption)}\n")


def _rows(table: Table) -> Iterator[dict[str, Any]]:
    yield from table.rows
    if table.total is not None:
        yield table.total


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |\n"


def _md_cell(text: str) -> str:
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")
    return _visible(text)


def _visible(text: str) -> str:
    """Markdown printed to a terminal must not colour it, ring its bell or reorder its text."""
    return visible(text)
