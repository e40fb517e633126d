"""The 目标 and 完成 cells as kexie's other layouts write them, read back.

`list` and `export --format csv` (output/list_view.task_row) write a target a line in 目标 as
`名称 不少于12次` (the name, a space, the target as the list words it) and its figure a line in
完成 as `5/12次（41.7%）`; the progress sheet (breakdown_sheet.progress_cells) writes 目标 as the
full sheet does, `名称：不少于12次`, and 完成 as `80/120所` while a target is not met, `12次`
once it is. Each is read here into the `名称：不少于12次` and `5` that the full sheet's own
reader (breakdown_sheet.read_targets) takes, so the wording is read one way. A target by place
is written in these layouts without its places: it comes back as one target.
"""

from __future__ import annotations

import re
from typing import Any

from kexie_cli.formats.breakdown_sheet import TARGET_SEPARATOR, read_targets

# 5/12次（41.7%）, 0/1-2场（0%）, 80/120所, 12次: the figure first. A place's figure (大冶市80)
# starts with its name and is left for read_targets.
_FIGURE = re.compile(r"^(?P<done>\d+(?:\.\d+)?)(?:/\S*?(?:（[^（）]*%）)?|[^\d\s/、（）]+)$")


def read_listed_targets(targets: str, done: str) -> list[dict[str, Any]]:
    """The targets of a listed or progress row; ValueError for a line not written so."""
    named = [_named(line) for line in _lines(targets)]
    figures = [_figure(line) for line in _lines(done)]
    return read_targets("\n".join(named), "\n".join(figures))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _named(line: str) -> str:
    if TARGET_SEPARATOR in line:
        return line
    name, space, wording = line.rpartition(" ")
    if not space or not name.strip():
        raise ValueError(f"目标“{line}”应写成“名称 不少于12次”的样子")
    return f"{name.strip()}{TARGET_SEPARATOR}{wording}"


def _figure(line: str) -> str:
    match = _FIGURE.match(line)
    return match["done"] if match else line
