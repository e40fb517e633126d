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
from kexie_cli.importers.rows import Merged, Row, plain

# (how the header starts, key); longer words first where one starts another (工作目标 / 目标).
# Task texts: "focus" words head a group (重点工作), "task" words are one task's text; a list
# printing only one of them has it as 具体内容 (see _resolve).
_WORDS: tuple[tuple[str, str], ...] = (
    ("序号", "id"),
    ("编号", "id"),
    ("类型", "section"),
    ("类别", "section"),
    ("领域", "section"),
    ("重点工作", "focus"),
    ("重点任务", "focus"),
    ("主要任务", "focus"),
    ("具体内容", "content"),
    ("工作任务", "task"),
    ("任务内容", "task"),
    ("工作内容", "task"),
    ("项目名称", "task"),
    ("推进措施", "measures"),
    ("工作措施", "measures"),
    ("具体措施", "measures"),
    ("主要措施", "measures"),
    ("工作目标", "measures"),
    ("完成时限", "due"),
    ("完成时间", "due"),
    ("完成期限", "due"),
    ("时间节点", "due"),
    ("时间要求", "due"),
    ("时限", "due"),
    ("备注", "note"),
    ("目标", "targets"),
    ("完成", "done"),
    ("进度", "progress"),
    ("状态", "status"),
)
# Who: 牵头负责领导, 分管领导, 责任人; 牵头(责任)单位/部门/部室; 责任/配合/协同/协办(责任)单位.
_LEADERS = re.compile(r"(?:牵头|分管|责任|负责|主要|联系)*(?:领导|责任人|负责人)(?:姓名)?")
_LEAD = re.compile(r"牵头(?:责任)?(?:单位|部门|部室|处室)?")
_SUPPORT = re.compile(r"(?:责任|配合|协同|协办|协作|参与)(?:责任)?(?:单位|部门|部室|处室)")
# Keys one column at most may hold: kexie's own layout and the id.
_SINGLE = {"id", "targets", "done", "progress", "status", "content", "section"}
# The header each key is written as in a proposed --columns.
NAMES = {
    "id": "序号",
    "section": "类型",
    "focus": "重点工作",
    "content": "具体内容",
    "measures": "推进措施",
    "lead": "牵头单位",
    "support": "责任单位",
    "leaders": "责任领导",
    "due": "完成时限",
    "note": "备注",
    "targets": "目标",
    "done": "完成",
    "progress": "进度",
    "status": "状态",
}
_HEADER_LENGTH = 20  # a header is a few words; a longer cell is a task's text


def key_of(header: str) -> str | None:
    word = even(header)
    if not word or len(word) > _HEADER_LENGTH:
        return None
    core = re.sub(r"\([^()]*\)", "", word)  # 重点工作(任务) → 重点工作
    if _LEADERS.fullmatch(core):
        return "leaders"
    if _LEAD.match(word):
        return "lead"
    if _SUPPORT.match(word):
        return "support"
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
    """One task-text column is the 具体内容, whatever it is called. Beside a 具体内容, a
    工作任务 is the 重点工作 (the heading the contents share); beside 重点任务, 工作内容 is the
    具体内容. 责任单位 is the lead where no 牵头 column is printed."""
    result = dict(found)
    keys = set(found.values())
    if "content" not in keys:
        # the rightmost: a list goes from the heading to the detail
        last = [i for i, k in found.items() if k == "task"] or [
            i for i, k in found.items() if k == "focus"
        ]
        if last:
            result[last[-1]] = "content"
    result = {i: "focus" if k == "task" else k for i, k in result.items()}
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
    at = _likeliest_header(rows)
    if at is None:
        return "（表中没有文字）"
    return "、".join(f"{column_letter(i)} {text}" for i, text in _texts(rows[at]))


def columns_hint(rows: list[Row]) -> str:
    """A --columns that fits the headers found: the columns known by meaning, and where no
    task text was known, the column with the most words below it as 具体内容."""
    at = _likeliest_header(rows)
    texts = _texts(rows[at]) if at is not None else []
    found = {i: key for i, text in texts if (key := key_of(text))}
    found = _resolve(found)
    if "content" not in found.values():
        below = rows[at + 1 : at + 11] if at is not None else []
        free = [i for i, _ in texts if i not in found]
        if free:
            found[max(free, key=lambda i: _words_below(below, i))] = "content"
    if "content" not in found.values():
        return "可用 --columns 'A=序号,B=具体内容,C=推进措施' 按列字母指明"
    spec = ",".join(f"{column_letter(i)}={NAMES[k]}" for i, k in sorted(found.items()))
    return f"可按找到的表头试用 --columns '{spec}'（请核对每列）"


def _likeliest_header(rows: list[Row]) -> int | None:
    candidates = [i for i, row in enumerate(rows[:15]) if _texts(row)]
    if not candidates:
        return None
    return max(candidates, key=lambda i: len(_texts(rows[i])))


def _words_below(rows: list[Row], index: int) -> int:
    return sum(len(layout.cell_text(plain(row[index]))) for row in rows if index < len(row))


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


# ---- a header printed over two rows -----------------------------------------------------------

_SUB_HEADER_LENGTH = 10  # the words under a merged header (牵头 / 配合) are short


def header_block(rows: list[Row], index: int) -> tuple[Row, int]:
    """The header starting at row `index` as one row, and how many rows it takes.

    A header over two rows — 责任单位 merged over 牵头 | 配合, 序号 merged down both — is read
    as one row of the lower words where there are any (牵头, then 配合 made 配合责任单位 when the
    lower word alone means nothing), the upper elsewhere. A CSV keeps no merges: there a blank
    upper cell over a lower word stands under the upper word to its left.
    """
    top = rows[index]
    below = rows[index + 1] if index + 1 < len(rows) else []
    if not _is_sub_header(top, below):
        return top, 1
    combined: Row = []
    spanning = ""
    for column in range(max(len(top), len(below))):
        upper = layout.cell_text(plain(top[column])) if column < len(top) else ""
        spanning = upper or spanning
        lower = _own_text(below, column)
        combined.append(_joined(upper or (spanning if lower else ""), lower))
    return combined, 2


def _is_sub_header(top: Row, below: Row) -> bool:
    """Whether `below` continues the header `top`: two or more short words, none a number,
    at least one under a merged or blank upper cell (the cell spanning it)."""
    words = [(i, text) for i, text in _texts(below)]
    if len({text for _, text in words}) < 2 or len({text for _, text in _texts(top)}) < 2:
        return False
    if any(len(text) > _SUB_HEADER_LENGTH or re.fullmatch(r"[\d.]+", text) for _, text in words):
        return False
    return any(  # under an upper word spanning it: merged, or (a CSV) blank right of a word
        0 < i < len(top) and (isinstance(top[i], Merged) or not layout.cell_text(top[i]))
        for i, _ in words
    )


def _own_text(row: Row, column: int) -> str:
    if column >= len(row) or isinstance(row[column], Merged):
        return ""  # merged down from the upper row: the upper word is the column's
    return layout.cell_text(row[column]).replace("\n", "")


def _joined(upper: str, lower: str) -> str:
    """牵头 under 责任单位 is 牵头; 配合 under it is 配合责任单位; a lower word that means
    nothing either way is kept as it is (a --columns names the column anyway)."""
    if not lower or lower == upper:
        return upper
    if key_of(lower) or not upper:
        return lower
    for word in (lower + upper, upper + lower):
        if key_of(word):
            return word
    return lower
