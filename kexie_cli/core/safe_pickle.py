"""Unpickling that can make kexie's own records and nothing else (issue 30).

A pickle names the callables that rebuild it, and the standard unpickler calls whatever is
named: a forged cache entry could run any code. Here a name is looked up only if it is a
class of kexie's core (records, enums, a month, a history) or a date — pure data, whose
construction runs no command, opens no file and imports nothing.
"""

from __future__ import annotations

import io
import pickle
from typing import Any

_ALLOWED = {("datetime", "date"), ("kexie_cli.core.packed", "EMPTY")}


class _OwnRecords(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        if module.startswith("kexie_cli.core.") and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__ == module:
                return found  # a class defined there, not one it imported
        raise pickle.UnpicklingError(f"不是 kexie 的记录：{module}.{name}")


def loads(data: bytes | memoryview) -> Any:
    """The object the pickle holds, if it is made only of kexie's records and plain data."""
    return _OwnRecords(io.BytesIO(data)).load()
