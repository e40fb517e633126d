"""Errors as data: what is wrong and where, collected and shown all at once."""

from __future__ import annotations

from typing import NamedTuple

from kexie_cli.core.controls import one_line

Loc = tuple[str | int, ...]


class Finding(NamedTuple):
    """A problem found in a plan's data, before it is tied to a file and line."""

    loc: Loc
    message: str


class Problem(NamedTuple):
    """One line of `kexie check`: FILE:LINE: 任务 N：field：message."""

    file: str
    line: int | None
    where: str  # "任务 13", "要点 2", "计划", "YAML"
    field: str
    message: str
    column: int | None = None

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        said = "：".join(part for part in (self.where, self.field, self.message) if part)
        # One line whatever a key or a value holds (a key typed with a line break in it).
        return f"{place}: {one_line(said)}" if said else place


class KexieError(Exception):
    """A usage or data error: shown as one line on stderr, exit code 2."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
