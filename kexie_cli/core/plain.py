"""A record as JSON-ready data (moved out of core/models.py, which still offers it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields, is_dataclass
from enum import Enum
from typing import Any

from kexie_cli.core.months import Month
from kexie_cli.core.numbers import whole
from kexie_cli.core.packed import History


def plain(value: Any) -> Any:
    """A record as JSON-ready data, keys in schema order: months "YYYY-MM", dates ISO,
    whole numbers as int (12, not 12.0)."""
    if isinstance(value, Month | dt.date):  # before dataclasses: a Month is one
        return str(value) if isinstance(value, Month) else value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple | History):  # a task's history: a list of entries
        return [plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float):
        return whole(value)
    return value
