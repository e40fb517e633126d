"""kexie's own exports read back: what its layouts write in a cell that another office's list
does not — targets with their figures in each layout's form, the progress sheet's
【重点工作】具体内容 and a deadline moved by an extension (2025.9（原2025.8）).
"""

from __future__ import annotations

import re
from typing import Any

from kexie_cli.formats import breakdown_sheet as layout
from kexie_cli.formats.listed_targets import read_listed_targets

# 【深化学会党的建设】不断深化… : the progress sheet's 重点工作 before its 具体内容.
_FOCUS = re.compile(r"^【(?P<focus>[^【】]+)】(?P<content>.*)$", re.DOTALL)
# 2025.9（原2025.8） in the progress sheet, 2025.9（原定2025.6，延期1次） in the CSV.
_MOVED = re.compile(r"^(?P<now>\d{4}\.\d{1,2})、?[（(]原定?(?P<was>\d{4}\.\d{1,2})[^）)]*[）)]$")


def read_back(targets: str, done: str) -> list[dict[str, Any]]:
    """The 目标/完成 cells kexie wrote: as its full sheet writes them (名称：不少于12次 | 5),
    else as its CSV or progress sheet does; the full sheet's error if neither reads."""
    try:
        return layout.read_targets(targets, done)
    except ValueError as sheet_error:
        try:
            return read_listed_targets(targets, done)
        except ValueError:
            raise sheet_error from None


def split_focus(content: str) -> tuple[str, str]:
    """(重点工作, 具体内容) of a content cell that prints its heading in 【】 first, else
    ('', content)."""
    match = _FOCUS.match(content.strip())
    return (match["focus"].strip(), match["content"].strip()) if match else ("", content)


def original_due(written: str) -> tuple[str, str]:
    """The month the list set, from a deadline an extension moved, and a note saying so; a
    deadline not moved as it is, with no note."""
    match = _MOVED.match(re.sub(r"\s+", "", written))
    if match is None:
        return written, ""
    note = f"完成时限原为 {match['was']}，导出时已延期至 {match['now']}（延期记录未随表导入）"
    return match["was"], note


def one_each(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of several sheets (export --by-dept): a task printed on two departments'
    sheets once, in the order of its 序号."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for record in records:
        key = (record.get("id", ""), record.get("content", ""))
        if key not in seen:
            seen.add(key)
            kept.append(record)
    return sorted(kept, key=lambda r: int(r["id"]) if str(r.get("id", "")).isdigit() else 0)
