"""Which column is which, known by what its header means, not by the list's own words.

Offices print the same column many ways (工作任务, 重点任务, 任务内容 for 具体内容; 工作措施,
具体措施 for 推进措施; 时间节点 for 完成时限), in simplified or traditional characters. A header
is known by how it starts once simplified, made half-width and stripped of spaces. Where that
still fails, a person maps the columns by hand: --columns 'A=序号,C=具体内容'.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from kexie_cli.core.names import simplified
from kexie_cli.formats import breakdown_sheet as layout
from kexie_cli.importers.rows import Merged, Row

# (how the header starts, key); longer words first where one starts another (工作目标 / 目标).
_WORDS: tuple[tuple[str, str], ...] = (
    ("序号", "id"),
    ("编号", "id"),
    ("类型", "section"),
    ("类别", "section"),
    ("重点工作", "focus"),
    ("具体内容", "content"),
    ("工作任务", "task"),
    ("重点任务", "task"),
    ("主要任务", "task"),
    ("任务内容", "task"),
    ("工作内容", "task"),
    ("项目名称", "task"),
    ("推进措施", "measures"),
    ("工作措施", "measures"),
    ("具体措施", "measures"),
    ("主要措施", "measures"),
    ("工作目标", "measures"),
    ("牵头部室", "lead"),
    ("牵头单位", "lead"),
    ("牵头部门", "lead"),
    ("责任部室", "support"),
    ("责任单位", "support"),
    ("责任部门", "support"),
    ("配合部室", "support"),
    ("配合单位", "support"),
    ("配合部门", "support"),
    ("协办单位", "support"),
    ("责任领导", "leaders"),
    ("分管领导", "leaders"),
    ("牵头领导", "leaders"),
    ("责任人", "leaders"),
    ("完成时限", "due"),
    ("完成时间", "due"),
    ("完成期限", "due"),
    ("时间节点", "due"),
    ("时限", "due"),
    ("备注", "note"),
    ("目标", "targets"),
    ("完成", "done"),
    ("进度", "progress"),
    ("状态", "status"),
)
# Keys one column at most may hold: kexie's own layout and the id.
_SINGLE = {"id", "targets", "done", "progress", "status", "content", "focus", "section"}
COLUMNS_HINT = "可用 --columns 'A=序号,C=具体内容,D=推进措施' 按列字母指明"


def key_of(header: str) -> str | None:
    word = even(header)
    for start, key in _WORDS:
        if word.startswith(start):
            return key
    return None


def header_keys(row: Row) -> dict[int, str] | None:
    """Column index → key, if this row is a header row: a task column and two others known."""
    found: dict[int, str] = {}
    for index, cell in enumerate(row):
        if isinstance(cell, Merged):
            continue
        key = key_of(layout.cell_text(cell))
        if key and not (key in _SINGLE and key in found.values()):
            found[index] = key
    keys = _resolve(found)
    known = set(keys.values())
    if "content" in known and len(known) >= 3:
        return keys
    return None


def _resolve(found: dict[int, str]) -> dict[int, str]:
    """工作任务 is 具体内容 where no 具体内容 column is printed, else 重点工作 (the heading
    the contents share); 责任单位 is the lead where no 牵头 column is printed."""
    keys = set(found.values())
    result = {}
    for index, key in found.items():
        if key == "task":
            key = "focus" if "content" in keys else "content"
            keys.add(key)
        result[index] = key
    if "lead" not in keys:
        first = next((i for i, k in result.items() if k == "support"), None)
        if first is not None:
            result[first] = "lead"
    return result


def manual_keys(spec: str) -> dict[int, str]:
    """'A=序号,C=具体内容' → {0: 'id', 2: 'content'}; ValueError naming what is wrong."""
    keys: dict[int, str] = {}
    for part in filter(None, (p.strip() for p in re.split(r"[,，]", spec))):
        letter, _, header = part.partition("=")
        letter = unicodedata.normalize("NFKC", letter).strip().upper()
        key = key_of(header)
        if not re.fullmatch(r"[A-Z]{1,2}", letter) or key is None:
            raise ValueError(
                f"--columns 中“{part}”应写成“列字母=表头”，表头如 序号、具体内容、推进措施"
            )
        keys[_column_index(letter)] = key
    resolved = _resolve(keys)
    if "content" not in resolved.values():
        raise ValueError("--columns 中要有一列是具体内容（或工作任务等）")
    return resolved


def _column_index(letter: str) -> int:
    index = 0
    for char in letter:
        index = index * 26 + ord(char) - ord("A") + 1
    return index - 1


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def found_columns(rows: list[Row]) -> str:
    """The columns of the likeliest header row, for the error when none could be mapped:
    A 事项、B 做法、…"""
    candidates = [row for row in rows[:15] if _texts(row)]
    if not candidates:
        return "（表中没有文字）"
    row = max(candidates, key=lambda r: len(_texts(r)))
    return "、".join(f"{column_letter(i)} {text}" for i, text in _texts(row))


def _texts(row: Row) -> list[tuple[int, str]]:
    return [
        (i, layout.cell_text(cell).replace("\n", ""))
        for i, cell in enumerate(row)
        if not isinstance(cell, Merged) and layout.cell_text(cell)
    ]


def even(value: Any) -> str:
    """Simplified, half-width, without spaces: how a header is recognised."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", layout.cell_text(value)))
    return _simplify(text)


@cache
def _simplify(text: str) -> str:
    return simplified(text)  # kept per header text: a sheet repeats its headers
