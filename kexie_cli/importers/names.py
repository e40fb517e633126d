"""Department and leader names as a list cell writes them, and as a person splits them.

Departments: one a line, or split at 、，/ outside brackets, and at 和/及/与 where both sides
are names of bodies (科普部和学会部), never inside one (市、县(市、区)科协 and 各县、市、区政府
stay whole: a bare 市 or 各县 is glued to the name after it); a short name printed with spaces
(组 宣 部) is one name; a trailing 等 is dropped, with a note. Leaders: core.names.split_leaders
(titles and brackets dropped, with a note).
"""

from __future__ import annotations

import re

from kexie_cli.core.names import AS_ABOVE, split_leaders
from kexie_cli.formats import breakdown_sheet as layout

# How the name of a body ends: a 和/及 between two of these joins two names.
_BODY_END = "部室会协委办局处厅院所站组队团心校馆司府社台行厂园门會協辦處廳團館門"
_JOINED = re.compile(rf"(?<=[{_BODY_END})）])\s*(?:和|及|与|與)\s*(?=\S{{2}})")
# 各县、市、区政府 is one body: its 、 are kept from the splitter.
_AREAS = re.compile(r"各[省市县区乡镇縣區鄉鎮](?:[、，,][省市县区乡镇縣區鄉鎮])+")
_KEEP = "\ue000"  # stands for a 、 inside one name while the cell is split
_SEPARATORS = re.compile(r"([、，,;；\n])")
_SHORT = 5  # a name this short printed with spaces between its characters is one name


def split_names(text: str) -> list[str]:
    return read_names(text)[0]


def read_names(text: str, field: str = "单位") -> tuple[list[str], list[str]]:
    """The names in a cell, and notes on what was guessed (a trailing 等 dropped)."""
    text = text.replace("/", "、").replace("／", "、")
    text = _AREAS.sub(lambda m: re.sub("[、，,]", _KEEP, m[0]), text)
    text = "".join(_unspaced(part) for part in _SEPARATORS.split(text))
    names: list[str] = []
    notes: list[str] = []
    for name in layout.split_names(text):
        name = name.replace(_KEEP, "、")
        if name in AS_ABOVE:
            continue  # 同上 is not a name (the reader has already taken the value above)
        for part in filter(None, _JOINED.split(name)):
            if len(part) > 2 and part.endswith("等"):
                notes.append(f"{field}原文“{part}”末尾的“等”已略去，如有其他单位请补上")
                part = part[:-1]
            names.append(part)
    return names, notes


def _unspaced(part: str) -> str:
    """组 宣 部 → 组宣部: spaces inside a short name are padding, not separators."""
    words = part.split()
    if len(words) > 1 and len("".join(words)) <= _SHORT and min(map(len, words)) == 1:
        return "".join(words)
    return part


def read_leaders(text: str) -> tuple[list[str], list[str]]:
    """The leaders in a cell, and a note when more than separators was dropped or split
    (a title, a bracket, a 和 between two names)."""
    names = split_leaders(text)
    written = re.sub(r"[\s、,，;；/／]+", "", text)
    if names and written != "".join(names) and written not in AS_ABOVE:
        return names, [f"责任领导原文为“{text.strip()}”，记为“{'、'.join(names)}”"]
    return names, []
