"""A task list merged by its items' text: what does not need merging field by field is copied
as it stands. The file is cut at its `tasks:` items as the in-place edit finds them
(plans/locate.py); an item taken from one side is that side's text, and only a task both sides
changed is read by ruamel.yaml and written again — a 1,000-task file merges in the time a few
tasks take, not the seconds a whole round trip takes. The plan's own fields (`plan:`,
`departments:`) come whole from the side that changed them. A layout the line scan cannot read,
or both sides changing the plan's own fields, is left to the whole-document merge (None). Pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kexie_cli.plans.locate import NotLocated, is_trailing_filler, item_heads
from kexie_cli.plans.merge_conflicts import conflicted_text, path_of
from kexie_cli.plans.merge_records import NotMergeable, Step, record_steps
from kexie_cli.plans.round_trip import round_trip_yaml


@dataclass(frozen=True, slots=True)
class _Cut:
    """A file cut at its task items: the text before the first, each item's (with the blank and
    comment lines before it), and the text after the last."""

    head: str
    items: list[str]
    tail: str


def merge_by_items(plain: list[Any], texts: list[str]) -> tuple[str, tuple[str, ...]] | None:
    """The merged text and the fields left in conflict, or None: merge the whole document."""
    frame = _frame(plain)
    if frame is None:
        return None
    try:
        cuts = [_cut(text) for text in texts]
    except NotLocated:
        return None
    if any(len(cut.items) != len(data["tasks"]) for cut, data in zip(cuts, plain, strict=True)):
        return None
    pieces = [cuts[frame].head]
    conflicts: list[str] = []
    for step in record_steps(*(data["tasks"] for data in plain), "任务"):
        if step.take == "ours":
            text = cuts[1].items[step.ours]  # type: ignore[index]
        elif step.take == "theirs":
            text = cuts[2].items[step.theirs]  # type: ignore[index]
        else:
            text, found = _merged(step, plain, cuts)
            conflicts += found
        pieces.append(text if text.endswith("\n") else text + "\n")
    pieces.append(cuts[frame].tail)
    return "".join(pieces), tuple(conflicts)


def _frame(plain: list[Any]) -> int | None:
    """Whose text holds the plan's own fields: ours (1), theirs (2), None if both changed them."""
    base, ours, theirs = ({k: v for k, v in data.items() if k != "tasks"} for data in plain)
    if ours == theirs or theirs == base:
        return 1
    return 2 if ours == base else None


def _cut(text: str) -> _Cut:
    heads, end, indent = item_heads(text)
    if indent:
        raise NotLocated("items indented under `tasks:`")  # read whole: ruamel re-indents
    stops = []
    for n, start in enumerate(heads):
        stop = heads[n + 1] if n + 1 < len(heads) else end
        while True:  # blank and comment lines at an item's end head what follows
            previous = text.rfind("\n", start, stop - 1) + 1
            if previous <= start or not is_trailing_filler(text[previous:stop], 2):
                break
            stop = previous
        stops.append(stop)
    leads = [heads[0], *stops[:-1]]
    items = [text[lead:stop] for lead, stop in zip(leads, stops, strict=True)]
    return _Cut(text[: heads[0]], items, text[stops[-1] :])


def _merged(step: Step, plain: list[Any], cuts: list[_Cut]) -> tuple[str, list[str]]:
    """A task both sides changed: its three items read alone and merged field by field."""
    from ruamel.yaml.error import YAMLError

    from kexie_cli.plans.merge import Merger, dump

    b, o, t = (data["tasks"] for data in plain)
    base, ours, theirs = (
        cut.items[index]  # type: ignore[index]
        for cut, index in zip(cuts, (step.base, step.ours, step.theirs), strict=True)
    )
    rt = round_trip_yaml(base)
    try:
        o_doc, t_doc = rt.load(ours), rt.load(theirs)
    except (YAMLError, RecursionError) as exc:
        raise NotMergeable(
            f"任务 {step.ident} 无法按结构读取（{type(exc).__name__}），按文本合并"
        ) from None
    merger = Merger()
    where = ("tasks", step.ident)
    merger.task(b[step.base], o[step.ours], t[step.theirs], o_doc[0], t_doc[0], where)  # type: ignore[index]
    text = dump(rt, o_doc)
    if merger.conflicts:
        paths = [path_of(o_doc, c) for c in merger.conflicts]
        text = conflicted_text(rt, o_doc, merger.conflicts, paths, text)
    return text, [c.label for c in merger.conflicts]
