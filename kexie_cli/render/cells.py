"""A cell as plain text, the same in every text format and in the table's words."""

from __future__ import annotations

from typing import Any

from kexie_cli.progress import Status
from kexie_cli.views import Column, percent_text

NOTHING = "—"  # a bar with nothing to count


def plain(value: Any, column: Column, line_sep: str = "\n", names_sep: str = "、") -> str:
    if column.kind == "status" and isinstance(value, Status):
        return value.label
    if column.kind == "bar":
        return NOTHING if value is None else percent_text(value * 100)
    if column.kind == "names" and isinstance(value, list | tuple):
        return names_sep.join(value)
    if isinstance(value, list | tuple):
        return line_sep.join(str(v) for v in value)
    return "" if value is None else str(value)
