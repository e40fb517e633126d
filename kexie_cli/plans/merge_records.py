"""The records of a plan (tasks, points, sections) as a three-way merge takes them: matched by
id, each taken from ours, from theirs, or merged field by field, in an order both sides agree
to. Pure: the plain data of the three lists in, the steps out (plans/merge.py follows them on
the round-trip document, plans/merge_items.py on the file's text)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


class NotMergeable(Exception):
    """The files cannot be merged field by field; `reason` says why, in Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Step:
    """One record of the merge, in its place: where it comes from, and its position in the
    base's, ours' and theirs' lists (None where that side has none)."""

    ident: str
    take: Literal["ours", "theirs", "merge"]
    base: int | None
    ours: int | None
    theirs: int | None


def record_steps(b: list, o: list, t: list, word: str) -> list[Step]:
    """The merged list's records, in order; a record removed on one side and changed on the
    other, or added on both sides differently, is NotMergeable."""
    ids = [_ids(items, word) for items in (b, o, t)]
    found = [{ident: n for n, ident in enumerate(side)} for side in ids]
    for ident in ids[0]:  # removed on one side: refused where the other changed it
        bi, oi, ti = (f.get(ident) for f in found)
        if (oi is None) != (ti is None) and (o[oi] if ti is None else t[ti]) != b[bi]:
            raise NotMergeable(f"{word} {ident} 一方删除、另一方修改，按文本合并")
    steps = []
    for ident in _order(*ids, word):
        bi, oi, ti = (f.get(ident) for f in found)
        if oi is None or ti is None:  # added on one side
            steps.append(Step(ident, "theirs" if oi is None else "ours", bi, oi, ti))
        elif o[oi] == t[ti] or (bi is not None and t[ti] == b[bi]):
            steps.append(Step(ident, "ours", bi, oi, ti))
        elif bi is not None and o[oi] == b[bi]:
            steps.append(Step(ident, "theirs", bi, oi, ti))
        elif bi is None:
            raise NotMergeable(f"{word} {ident} 两边都新增了且内容不同，按文本合并")
        else:
            steps.append(Step(ident, "merge", bi, oi, ti))
    return steps


def _ids(items: list, word: str) -> list[str]:
    ids = []
    for item in items:
        ident = item.get("id") if isinstance(item, dict) else None
        if ident is None:
            raise NotMergeable(f"有{word}没有编号，按文本合并")
        ids.append(str(ident).strip())
    if len(set(ids)) < len(ids):
        raise NotMergeable(f"{word}编号重复，按文本合并")
    return ids


def _order(b: list[str], o: list[str], t: list[str], word: str) -> list[str]:
    """The records' order: that of the side that reordered them (neither did: the base's), and
    each side's new ones after the record they follow there; new ones after one record, by id."""
    in_o, in_t, in_b = set(o), set(t), set(b)
    kept = [i for i in b if i in in_o and i in in_t]
    both = set(kept)
    spine_o, spine_t = [i for i in o if i in both], [i for i in t if i in both]
    if spine_o in (kept, spine_t):
        spine = spine_t
    elif spine_t == kept:
        spine = spine_o
    else:
        raise NotMergeable(f"两边都调整了{word}的顺序，按文本合并")
    after: dict[str | None, set[str]] = {}
    for side in (o, t):
        anchor: str | None = None
        for ident in side:
            if ident in both:
                anchor = ident
            elif ident not in in_b:
                after.setdefault(anchor, set()).add(ident)
    placed: list[str] = []
    for anchor in (None, *spine):
        if anchor is not None:
            placed.append(anchor)
        placed += sorted(after.get(anchor, ()), key=_id_order)
    return placed


def _id_order(ident: str) -> tuple[int, str]:
    return (int(ident), "") if ident.isdigit() else (1 << 62, ident)
