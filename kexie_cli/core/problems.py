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


def unreadable_settings(path: object, exc: Exception) -> KexieError:
    """kexie.toml that cannot be read, said in Chinese at its line (Python's messages are
    English): not UTF-8, not TOML (a key twice, a bracket missing), or not there to read."""
    import re

    text = str(exc)
    if isinstance(exc, UnicodeDecodeError):
        return KexieError(f"{path}: 不是 UTF-8 文本（第 {exc.start} 字节）")
    if isinstance(exc, OSError):
        return KexieError(f"{path}: 无法读取（错误号 {exc.errno}）")
    at = re.search(r"at line (\d+), column (\d+)", text)
    where = f"{path}:{at[1]}" if at else str(path)
    what = "键重复或与已有的表冲突" if "overwrite" in text or "declare" in text else "格式错误"
    column = f"（第 {at[2]} 列附近）" if at else ""
    return KexieError(f"{where}: 不是正确的 TOML：{what}{column}")
