"""Department and leader names as a list cell writes them.

Departments: one a line, or split at 、，/ outside brackets, and at 和/及 where both sides
are names of bodies (科普部和学会部), never inside one (市、县(市、区)科协 stays whole: a bare
fragment such as 市 is glued to the name after it). Leaders: core.names.split_leaders.
"""

from __future__ import annotations

import re

from kexie_cli.core.names import AS_ABOVE
from kexie_cli.formats import breakdown_sheet as layout

# How the name of a body ends: a 和/及 between two of these joins two names.
_BODY_END = "部室会协委办局处厅院所站组队团心校馆司"
_JOINED = re.compile(rf"(?<=[{_BODY_END})）])\s*(?:和|及|与)\s*(?=\S{{2}})")


def split_names(text: str) -> list[str]:
    text = text.replace("/", "、").replace("／", "、")
    names: list[str] = []
    for name in layout.split_names(text):
        if name in AS_ABOVE:
            continue  # 同上 is not a name (the reader has already taken the value above)
        names.extend(part for part in _JOINED.split(name) if part)
    return names
