"""Rich tables: headed in the list's own words, Chinese aligned, long cells folded, never cut.

On a terminal: statuses in colour and progress as bars. Piped or redirected: the same table
with no ANSI escapes (Rich drops them when the stream is not a terminal).

Every column's width is worked out here, never left to Rich: Rich squeezes a table that is
too wide by shrinking every column alike, splitting dates and headers, and a column narrower
than one Chinese character shows nothing at all. So short cells (numbers, dates, statuses,
short names) keep one line, long text folds, and the table tightens in steps (percent
without bar, no padding, two-line headers); when even that does not fit, each row is shown
as a block of 表头 值 lines instead.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table as RichTable
from rich.text import Text

from kexie_cli.core.controls import visible
from kexie_cli.core.status import Status
from kexie_cli.output.cells import NOTHING, plain
from kexie_cli.output.views import Column, StatusCell, Table, View

BAR_WIDTH = 10
TOKEN = 10  # cells this wide or less (a date, a five-character name) are never split
PIPE_WIDTH = 120  # piped or redirected with no $COLUMNS: room for the table, nothing cut
STATUS_STYLES = {
    Status.DONE: "bold green",
    Status.OVERDUE: "bold red",
    Status.BEHIND: "yellow",
    Status.IN_PROGRESS: "cyan",
    Status.NOT_STARTED: "dim",
    Status.CANCELLED: "dim strike",
    Status.PAUSED: "magenta",
}

# 预警 (a "level" column: its word) in its own colour.
LEVEL_STYLES = {
    "蓝色": "bold blue",
    "黄色": "bold yellow",
    "橙色": "bold dark_orange",
    "红色": "bold red",
}


@dataclass(frozen=True, slots=True)
class Fit:
    """One way of drawing a table, from roomiest to tightest."""

    bars: bool  # progress as a bar and percent, or the percent alone
    padding: int  # spaces either side of a cell
    fold_min: int  # the narrowest a folding column may be
    split_headers: bool  # four-character headers on two lines of two


FITS = (
    Fit(bars=True, padding=1, fold_min=12, split_headers=False),
    Fit(bars=True, padding=0, fold_min=12, split_headers=False),
    Fit(bars=False, padding=1, fold_min=12, split_headers=False),
    Fit(bars=False, padding=0, fold_min=8, split_headers=False),
    Fit(bars=False, padding=0, fold_min=4, split_headers=True),
)


def write_table(view: View, out: TextIO) -> None:
    console = Console(file=out, highlight=False, emoji=False, markup=False)
    if not console.is_terminal and not os.environ.get("COLUMNS"):
        console.width = _piped_width(out)
    for index, table in enumerate(view.tables):
        if index:
            console.line()
        console.print(rich_table(table, console.width))


def _piped_width(out: TextIO) -> int:
    """Piped into a pager from a terminal (`kexie list | less`): the terminal's width, asked of
    stderr or stdin; written to a file or a program with no terminal: PIPE_WIDTH."""
    import stat

    try:
        piped = stat.S_ISFIFO(os.fstat(out.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):
        piped = False  # not a file at all (a test's buffer)
    if piped:
        for fd in (2, 0):
            try:
                return os.get_terminal_size(fd).columns
            except OSError:
                continue
    return PIPE_WIDTH


def rich_table(table: Table, width: int) -> RenderableType:
    """The table drawn in the first way that fits the width; else one block per row."""
    columns = [c for c in table.columns if c.brief and width >= c.wide]
    for fit in FITS:
        rows = _cells(table, columns, fit.bars)
        headers = [_header(c.header, fit.split_headers) for c in columns]
        widths = _widths(columns, headers, rows, width, fit)
        if widths is not None:
            return _grid(table, columns, headers, rows, widths, fit.padding)
    bars = width - max(cell_len(c.header) for c in columns) - 1 > BAR_WIDTH + 5
    return _blocks(table, columns, _cells(table, columns, bars), width)


def _cells(table: Table, columns: list[Column], bars: bool) -> list[list[Text]]:
    """Every row's cells, then the total line's (if any) last."""
    rows = [*table.rows, *([table.total] if table.total else [])]
    return [[cell(row.get(c.key), c, bars) for c in columns] for row in rows]


def _header(header: str, split: bool) -> str:
    half = len(header) // 2
    return f"{header[:half]}\n{header[half:]}" if split and len(header) >= 4 else header


def _lines_width(text: str) -> int:
    return max((cell_len(line) for line in text.split("\n")), default=0)


def _widths(
    columns: list[Column], headers: list[str], rows: list[list[Text]], width: int, fit: Fit
) -> list[tuple[int, bool]] | None:
    """Each column's (width, kept on one line), or None when this fit is too wide for `width`."""
    natural, least, rigids = [], [], []
    for index, (column, header) in enumerate(zip(columns, headers, strict=True)):
        longest = max([_lines_width(header), *(_lines_width(r[index].plain) for r in rows)])
        rigid = column.kind in ("number", "status", "bar", "level") or longest <= TOKEN
        natural.append(longest)
        rigids.append(rigid)
        narrowest = max(_lines_width(header), fit.fold_min, _widest_unit(rows, index))
        least.append(longest if rigid else min(longest, narrowest))
    room = width - (len(columns) * (1 + 2 * fit.padding) + 1) - sum(least)
    if room < 0:
        return None
    # What room is left goes to the folding columns, in proportion to what they lack.
    lacking = [n - m for n, m in zip(natural, least, strict=True)]
    total = sum(lacking)
    give = [min(lack, room * lack // total) if total else 0 for lack in lacking]
    widths = [_even(m + g, n, m) for m, g, n in zip(least, give, natural, strict=True)]
    return list(zip(widths, rigids, strict=True))


def _widest_unit(rows: list[list[Text]], index: int) -> int:
    """The widest piece of a column that wrapping keeps whole (a figure, a word)."""
    return max(
        (cell_len(found.group()) for r in rows for found in _FIGURE.finditer(r[index].plain)),
        default=0,
    )


def _even(width: int, natural: int, least: int) -> int:
    """A folded column an even number of cells wide: Chinese (two cells a character) fills
    it — unless that is narrower than its widest figure."""
    return width - 1 if width < natural and width % 2 and width > least else width


def _grid(
    table: Table,
    columns: list[Column],
    headers: list[str],
    rows: list[list[Text]],
    widths: list[tuple[int, bool]],
    padding: int,
) -> RichTable:
    grid = RichTable(
        title=visible(table.title) or None,
        caption=visible(table.caption) or None,
        box=box.SQUARE,
        show_lines=True,
        padding=(0, padding),
        title_justify="left",
        caption_justify="left",
    )
    folded = [i for i, (_, rigid) in enumerate(widths) if not rigid]
    rows = [_rewrapped(row, folded, [w for w, _ in widths]) for row in rows]
    for column, header, (fixed, rigid) in zip(columns, headers, widths, strict=True):
        grid.add_column(
            header,
            justify="right" if column.kind == "number" else "left",
            overflow="fold",
            no_wrap=rigid,
            width=fixed,
        )
    body = rows[: len(table.rows)]
    for row in body:
        grid.add_row(*row)
    if table.total:
        grid.add_section()
        grid.add_row(*rows[-1], style="bold")
    return grid


def _blocks(table: Table, columns: list[Column], rows: list[list[Text]], width: int) -> Any:
    """Too narrow for a table: each row as lines of 表头 值, a blank line between rows."""
    from rich.console import Group

    key_width = max(cell_len(c.header) for c in columns)
    parts: list[RenderableType] = []
    if table.title:
        parts.append(Text(visible(table.title)))
    for index, row in enumerate(rows):
        parts.append(Text(""))
        total = bool(table.total) and index == len(rows) - 1
        if width - key_width - 1 >= 4:
            block = RichTable.grid(padding=(0, 1))
            block.add_column(no_wrap=True, width=key_width, style="bold")
            block.add_column(overflow="fold", width=width - key_width - 1)
            for column, value in zip(columns, row, strict=True):
                value = wrapped(value, width - key_width - 1)
                block.add_row(column.header, value, style="bold" if total else None)
            parts.append(block)
        else:  # narrower still: 表头：值, folded at the edge
            for column, value in zip(columns, row, strict=True):
                parts.append(Text.assemble((column.header + "：", "bold"), value))
    if table.caption:
        parts.extend([Text(""), Text(visible(table.caption))])
    return Group(*parts)


def _rewrapped(row: list[Text], folded: list[int], widths: list[int]) -> list[Text]:
    row = list(row)
    for index in folded:
        row[index] = wrapped(row[index], widths[index])
    return row


# A figure is never split: digits with their separators, an opening bracket before, a percent
# sign, a closing bracket and the first character of a unit after (`（0%）`, `0/120所`, `3.5万`);
# nor is a word of Latin letters.
_FIGURE = re.compile(
    r"\\x[0-9a-f]{2}|[A-Za-z][A-Za-z'’\-]*"
    r"|[（(［\[]?[0-9](?:[0-9.,/%％:~～\-]*[0-9%％])?(?:[^\x00-\x7f\s，。、；：）)！？]?[%％）)］\]]?)"
)
# Never at the start of a line (the 避头 rule): closing punctuation goes with what it closes.
NO_LINE_START = set("，。、）；：！？”’」』》〉】〕…％%,.;:!?)]}")


def wrapped(text: Text, width: int) -> Text:
    """The cell's text broken into lines of at most `width` cells: figures kept whole, and
    no line starting with closing punctuation (the character before it comes down with it).
    Only for unstyled text (styled cells are statuses and bars, which never fold)."""
    if (
        width < 2
        or text.spans
        or text.style
        or (cell_len(text.plain) <= width and "\n" not in text.plain)
    ):
        return text
    lines = [line for part in text.plain.split("\n") for line in _fill(_units(part), width)]
    return Text("\n".join(lines), justify=text.justify)


def _units(line: str) -> list[str]:
    """The line as pieces that may not be split: figures, and single characters between."""
    units: list[str] = []
    at = 0
    for found in _FIGURE.finditer(line):
        units.extend(line[at : found.start()])
        units.append(found.group())
        at = found.end()
    units.extend(line[at:])
    return units


def _fill(units: list[str], width: int) -> list[str]:
    lines: list[list[str]] = [[]]
    used = 0
    for unit in units:
        size = cell_len(unit)
        if used + size > width and lines[-1]:
            carried = _carried(lines[-1], unit, width)
            lines.append(carried)
            used = sum(cell_len(u) for u in carried)
        if unit == " " and not lines[-1]:
            continue  # a line break stands for the space
        if size > width:  # a figure wider than the column: fold it, it cannot fit whole
            for char in unit:
                if used + cell_len(char) > width and lines[-1]:
                    lines.append([])
                    used = 0
                lines[-1].append(char)
                used += cell_len(char)
            continue
        lines[-1].append(unit)
        used += size
    return ["".join(line) for line in lines]


def _carried(line: list[str], unit: str, width: int) -> list[str]:
    """What comes down from a full line to the next so that `unit` does not start it: nothing,
    unless `unit` is closing punctuation — then the units back to one that may start a line
    (`新使` / `命，`), if they fit with it and leave something behind."""
    if unit[0] not in NO_LINE_START:
        return []
    back = 1
    while back < len(line) and line[-back][0] in NO_LINE_START:
        back += 1
    carried = line[-back:]
    if back >= len(line) or sum(map(cell_len, carried)) + cell_len(unit) > width:
        return []  # no way round it: the punctuation starts the line
    del line[-back:]
    return carried


def cell(value: Any, column: Column, bars: bool = True) -> Text:
    if column.kind == "status" and isinstance(value, Status):
        return Text(value.label, style=STATUS_STYLES[value])
    if column.kind == "status" and isinstance(value, StatusCell):
        # 进行中·即将到期 on two lines: the column stays as narrow as a status alone
        return Text(value.text.replace("·", "\n"), style=STATUS_STYLES[value.status])
    if column.kind == "bar":
        return bar(value) if bars else Text(plain(value, column))
    if column.kind == "level" and value in LEVEL_STYLES:
        return Text(value, style=LEVEL_STYLES[value])
    text = Text(visible(plain(value, column, names_sep="\n")))
    text.expand_tabs()  # as Rich will when drawing it, so its width is measured right
    return text


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
