"""A cell as plain text, the same in every text format and in the table's words."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from kexie_cli.core.numbers import percent_text
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
