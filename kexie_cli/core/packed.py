"""A task's history entries as the task holds them: a read-only sequence that the cache
stores packed and unpacks on first use.

A year of the 督办 record is most of a plan's objects (10,000 tasks with monthly entries:
279,000 of them). A command about the tasks as they stand today reads none of them — each
task's `standing` (core/record.py, cached beside it) answers — so the cache keeps each
task's entries as one compressed pickle, unpacked only by a command that reads them (`show`,
an earlier `--as-of`, an update to that task). See benchmarks/README.md for what it buys.
"""

from __future__ import annotations

import copyreg
import pickle
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar, get_args, overload

from kexie_cli.core import safe_pickle

E = TypeVar("E")


class History(Sequence[E]):
    """A task's entries in the order recorded (a tuple, or packed bytes until first read)."""

    # No __slots__: an instance dict is restored by the unpickler itself, without a call into
    # Python for each of 10,000 tasks.
    def __init__(self, entries: Iterable[E] = ()) -> None:
        self._entries: tuple[E, ...] | None = tuple(entries)
        self._packed: bytes | None = None
        self._count = len(self._entries)

    _entries: tuple[E, ...] | None = None  # None: still packed

    @property
    def entries(self) -> tuple[E, ...]:
        if self._entries is None:
            self._entries = safe_pickle.loads(zlib.decompress(self._packed or b""))
        return self._entries

    def __len__(self) -> int:  # without unpacking: `if task.history` is asked of every task
        return self._count

    @overload
    def __getitem__(self, index: int) -> E: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[E, ...]: ...
    def __getitem__(self, index: int | slice) -> E | tuple[E, ...]:
        return self.entries[index]

    def __iter__(self) -> Iterator[E]:
        return iter(self.entries)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, History):
            return len(self) == len(other) and self.entries == other.entries
        if isinstance(other, list | tuple):
            return list(self.entries) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # as a list's: tasks were never hashable

    def __repr__(self) -> str:
        return f"History({list(self.entries)!r})"

    def __reduce__(self) -> str | tuple[Any, ...]:
        if self is EMPTY:
            return "EMPTY"  # by name: one shared object however many tasks have no history
        if not self._count:
            return History, ()
        # Packed once: a plan pickled again (after `progress`) copies the other tasks' bytes.
        if self._packed is None:
            self._packed = zlib.compress(pickle.dumps(self.entries, protocol=5), 1)
        # copyreg.__newobj__ is written as the NEWOBJ opcode: History.__new__, no name to look up.
        return copyreg.__newobj__, (History,), {"_packed": self._packed, "_count": self._count}

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """Validated as a list of its entries' type (`History[HistoryEntry]`), then held."""
        from pydantic_core import core_schema

        (item,) = get_args(source) or (Any,)
        return core_schema.no_info_after_validator_function(
            cls, handler.generate_schema(list[item])
        )


EMPTY: History[Any] = History()
