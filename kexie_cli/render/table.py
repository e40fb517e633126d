"""Rich tables: headed in the list's own words, Chinese aligned, long cells folded, never cut.

On a terminal: statuses in colour and progress as bars. Piped or redirected: the same table
with no ANSI escapes (Rich drops them when the stream is not a terminal).
"""

from __future__ import annotations

import os
from typing import Any, TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from kexie_cli.progress import Status
from kexie_cli.render.cells import NOTHING, plain
from kexie_cli.views import Column, Table, View

BAR_WIDTH = 10
SHORT = 16  # cells up to this many columns wide are never folded
MIN_FOLDED = 8  # room kept for a folded text column when checking the short ones fit
STATUS_STYLES = {
    Status.DONE: "bold green",
    Status.OVERDUE: "bold red",
    Status.BEHIND: "yellow",
    Status.IN_PROGRESS: "cyan",
    Status.NOT_STARTED: "dim",
}


PIPE_WIDTH = 120  # piped or redirected with no $COLUMNS: room for the table, nothing cut


def write_table(view: View, out: TextIO) -> None:
    console = Console(file=out, highlight=False, emoji=False, markup=False)
    if not console.is_terminal and not os.environ.get("COLUMNS"):
        console.width = PIPE_WIDTH
    for index, table in enumerate(view.tables):
        if index:
            console.line()
        console.print(rich_table(table, console.width))


def rich_table(table: Table, width: int) -> RichTable:
    grid = RichTable(
        title=table.title or None,
        caption=table.caption or None,
        box=box.SQUARE,
        show_lines=True,
        title_justify="left",
        caption_justify="left",
    )
    columns = [c for c in table.columns if c.brief]
    rows = [[cell(row.get(c.key), c) for c in columns] for row in table.rows]
    total = [cell(table.total.get(c.key), c) for c in columns] if table.total else None
    widths = _short_widths(columns, [*rows, *([total] if total else [])], width)
    for column, fixed in zip(columns, widths, strict=True):
        grid.add_column(
            column.header,
            justify="right" if column.kind == "number" else "left",
            overflow="fold",
            width=fixed,
        )
    for row in rows:
        grid.add_row(*row)
    if total:
        grid.add_section()
        grid.add_row(*total, style="bold")
    return grid


def _short_widths(columns: list[Column], rows: list[list[Text]], width: int) -> list[int | None]:
    """Keep short cells (dates, names, labels, bars) on one line; long text folds instead.

    While the table would outgrow the width, the widest short text column is let fold too,
    then (last resort) all of them, so nothing is ever cut.
    """
    widths: list[int | None] = []
    for index, column in enumerate(columns):
        lines = (line for r in rows for line in r[index].plain.split("\n"))
        longest = max([cell_len(column.header), *map(cell_len, lines)])
        widths.append(longest if longest <= SHORT or column.kind == "bar" else None)
    border = 3 * len(columns) + 1
    while sum(w or MIN_FOLDED for w in widths) + border > width:
        text = [i for i, w in enumerate(widths) if w and columns[i].kind in ("text", "names")]
        if not text:
            return [None] * len(columns)
        widest = max(text, key=lambda i: widths[i] or 0)
        widths[widest] = None
    return widths


def cell(value: Any, column: Column) -> Text:
    if column.kind == "status" and isinstance(value, Status):
        return Text(value.label, style=STATUS_STYLES[value])
    if column.kind == "bar":
        return bar(value)
    return Text(plain(value, column, names_sep="\n"))


def bar(share: float | None) -> Text:
    """██████░░░░ 60%: drawn in characters, so it still reads without colour."""
    if share is None:
        return Text(NOTHING, style="dim")
    filled = int(min(max(share, 0.0), 1.0) * BAR_WIDTH)  # never shows more than is done
    text = Text()
    text.append("█" * filled, style="green")
    text.append("░" * (BAR_WIDTH - filled), style="dim")
    text.append(" " + plain(share, Column("", "", "bar")))
    return text
