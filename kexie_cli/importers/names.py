"""Department and leader names as a list cell writes them.

Departments: one a line, or split at 、，/ outside brackets, and at 和/及 where both sides
are names of bodies (科普部和学会部), never inside one (市、县(市、区)科协 stays whole: a bare
fragment such as 市 is glued to the name after it). Leaders: split at spaces and 、, except
that a name padded to the width of a three-character one (曹  卫) is one name.
"""

from __future__ import annotations

import re

from kexie_cli.core import sheet_layout as layout

# How the name of a body ends: a 和/及 between two of these joins two names.
_BODY_END = "部室会协委办局处厅院所站组队团心校馆司"
_JOINED = re.compile(rf"(?<=[{_BODY_END})）])\s*(?:和|及|与)\s*(?=\S{{2}})")
_SAME = re.compile(r"^(?:同上|同前|同左)$")


def split_names(text: str) -> list[str]:
    text = text.replace("/", "、").replace("／", "、")
    names: list[str] = []
    for name in layout.split_names(text):
        if _SAME.match(name):
            continue  # 同上 is not a name (the reader has already taken the value above)
        names.extend(part for part in _JOINED.split(name) if part)
    return names


def split_leaders(text: str) -> list[str]:
    """郑昌盛 陈汉平 → two names; 曹  卫 → 曹卫 (one name padded with spaces)."""
    names: list[str] = []
    for line in re.split(r"[\n、,，;；/／]+", text):
        parts = line.split()
        if parts and all(len(part) == 1 for part in parts):
            names.append("".join(parts))  # a padded two-character name
            continue
        for part in parts:
            if names and len(part) == 1 and len(names[-1]) == 1:
                names[-1] += part
            else:
                names.append(part)
    return [name for name in names if not _SAME.match(name)]
