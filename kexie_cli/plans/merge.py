"""A plan file merged three ways, as git's merge driver (`kexie merge-file`) asks: the common
ancestor, ours and theirs in, the merged text out. Pure: texts in, text out; no file touched.

Tasks (and points, sections) are matched by id. In each, a field one side changed is taken
from that side; the 督办 record both sides appended to is merged in replay order
(plans/merge_history.py), and what it drives — each target's `done`, the task's mark — is
worked out again from the merged record, as kexie's own update would have left it. Only a
field both sides changed differently is a conflict: git's markers around that field's lines.
A task list is spliced by its items' text (plans/merge_items.py): a task one side changed is
that side's text, and only a task both sides changed goes through a ruamel.yaml round trip of
ours (comments, quotes and indents kept) — as the whole document does where the item scan cannot
read the layout. What cannot be merged field by field (a task removed on one side and changed
on the other, two sides reordering the tasks) raises NotMergeable, and the caller merges the
lines as git does. The merged plan is validated; one that is not valid is a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import yaml

from kexie_cli.plans.merge_conflicts import MISSING, Conflict, conflicted_text, path_of
from kexie_cli.plans.merge_history import Derived, merge_history
from kexie_cli.plans.merge_records import NotMergeable, record_steps
from kexie_cli.plans.round_trip import round_trip_yaml

_RECORDS = {"tasks": "任务", "points": "要点", "sections": "类型"}


@dataclass(frozen=True)
class Merged:
    """The merged text, and each field both sides changed differently (empty: a clean merge)."""

    text: str
    conflicts: tuple[str, ...]
    invalid: str = ""  # merged cleanly but not a valid plan: why (the text is then a conflict)


def merge_plans(base: str, ours: str, theirs: str, name: str) -> Merged:
    """The three texts of one plan file merged (see the module's docstring)."""
    plain = [
        _plain(text, which)
        for text, which in ((base, "共同祖先"), (ours, "我方"), (theirs, "对方"))
    ]
    kinds = {_kind(data) for data in plain}
    if len(kinds) != 1 or None in kinds:
        raise NotMergeable("三个版本不都是同一种计划文件，按文本合并")
    if kinds == {"tasks"}:
        from kexie_cli.plans.merge_items import merge_by_items

        spliced = merge_by_items(plain, [base, ours, theirs])
        if spliced is not None:
            text, conflicts = spliced
            return Merged(text, conflicts) if conflicts else _checked(text, ours, theirs, name)
    from ruamel.yaml.error import YAMLError

    rt = round_trip_yaml(base)
    try:
        docs = [None, rt.load(ours), rt.load(theirs)]
    except (YAMLError, RecursionError) as exc:  # read by PyYAML, refused by ruamel.yaml
        raise NotMergeable(f"无法按结构读取（{type(exc).__name__}），按文本合并") from None
    merger = Merger()
    merger.mapping(plain[0], plain[1], plain[2], docs[1], docs[2], ())
    text = dump(rt, docs[1])
    if merger.conflicts:
        paths = [path_of(docs[1], c) for c in merger.conflicts]
        return Merged(
            conflicted_text(rt, docs[1], merger.conflicts, paths, text),
            tuple(c.label for c in merger.conflicts),
        )
    return _checked(text, ours, theirs, name)


def _checked(text: str, ours: str, theirs: str, name: str) -> Merged:
    """A clean merge, validated as `kexie check` would; an invalid one left as a conflict of
    the whole file, never written as a broken plan."""
    from kexie_cli.plans.load import load_text

    _, problems = load_text(text, Path(name))
    if not problems:
        return Merged(text, ())
    whole = "".join(
        ("<<<<<<< ours\n", _ended(ours), "=======\n", _ended(theirs), ">>>>>>> theirs\n")
    )
    return Merged(whole, ("整个文件",), invalid=str(problems[0]))


def _ended(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


def _plain(text: str, which: str) -> Any:
    from kexie_cli.plans.yaml_read import load

    try:
        return load(text)
    except (yaml.YAMLError, RecursionError):
        raise NotMergeable(f"{which}不是可读的 YAML，按文本合并") from None


def _kind(data: Any) -> str | None:
    if isinstance(data, dict) and isinstance(data.get("tasks"), list):
        return "tasks"
    if isinstance(data, dict) and isinstance(data.get("points"), list):
        return "points"
    return None


def dump(rt: Any, doc: Any) -> str:
    out = StringIO()
    rt.dump(doc, out)
    return out.getvalue()


def _get(data: Any, key: Any) -> Any:
    return data.get(key, MISSING) if isinstance(data, dict) else MISSING


class Merger:
    """Walks the three plain data alike, writing the merge into ours' round-trip document."""

    def __init__(self) -> None:
        self.conflicts: list[Conflict] = []
        self.derived: dict[str, Derived] = {}  # per task id, where both sides added to history

    def mapping(self, b: Any, o: dict, t: dict, o_node: Any, t_node: Any, where: tuple) -> None:
        """Each key of a mapping both sides changed: theirs where only they changed it."""
        for key in _keys(o, t, where):
            bv, ov, tv = _get(b, key), _get(o, key), _get(t, key)
            if ov == tv or tv == bv:
                continue
            if ov == bv:
                _take(o_node, key, t_node, t)
            else:
                self.both(bv, ov, tv, o_node, t_node, (*where, key))

    def both(self, b: Any, o: Any, t: Any, o_node: Any, t_node: Any, where: tuple) -> None:
        """A value both sides changed, each its own way."""
        key = where[-1]
        if len(where) == 1 and key in _RECORDS and isinstance(o, list) and isinstance(t, list):
            self.records(b if isinstance(b, list) else [], o, t, o_node[key], t_node[key], where)
        elif len(where) == 3 and where[0] == "tasks" and key == "history":
            self.history(b, o, t, o_node, t_node, where)
        elif isinstance(b, dict) and isinstance(o, dict) and isinstance(t, dict):
            self.mapping(b, o, t, o_node[key], t_node[key], where)
        elif _same_shape(b, o, t):
            for i, (bi, oi, ti) in enumerate(zip(b, o, t, strict=True)):
                if oi != ti and ti != bi:
                    if oi == bi:
                        o_node[key][i] = t_node[key][i]
                        _comment_with(o_node[key], t_node[key], i)
                    else:
                        self.mapping(bi, oi, ti, o_node[key][i], t_node[key][i], (*where, i))
        elif not self._derived_here(where):
            conflict = Conflict.of(
                o_node, t_node, key, _label(where), o is not MISSING, t is not MISSING
            )
            self.conflicts.append(conflict)

    def records(self, b: list, o: list, t: list, o_seq: Any, t_seq: Any, where: tuple) -> None:
        """Tasks (points, sections) matched by id; each merged as a mapping."""
        items = []
        for step in record_steps(b, o, t, _RECORDS[where[0]]):
            if step.take == "ours":
                items.append(o_seq[step.ours])
            elif step.take == "theirs":
                items.append(t_seq[step.theirs])
            else:
                node = o_seq[step.ours]
                self.task(
                    b[step.base],
                    o[step.ours],
                    t[step.theirs],
                    node,
                    t_seq[step.theirs],
                    (where[0], step.ident),
                )
                items.append(node)
        del o_seq[:]
        o_seq.extend(items)

    def task(self, b: dict, o: dict, t: dict, o_node: Any, t_node: Any, where: tuple) -> None:
        """One record both sides changed: merged field by field, then (a task) what its merged
        record drives written."""
        self.mapping(b, o, t, o_node, t_node, where)
        if where[0] == "tasks" and where[1] in self.derived:
            write_derived(o_node, self.derived[where[1]])

    def history(self, b: Any, o: Any, t: Any, o_task: Any, t_task: Any, where: tuple) -> None:
        """The 督办 record both sides added to: merged, and what it drives worked out again."""
        lists = [v if isinstance(v, list) else [] for v in (b, o, t)]
        nodes = [_seq(o_task.get("history")), _seq(t_task.get("history"))]
        if not all(isinstance(h, dict) for side in lists for h in side):
            label = _label(where)
            conflict = Conflict.of(
                o_task, t_task, "history", label, o is not MISSING, t is not MISSING
            )
            self.conflicts.append(conflict)
            return
        base = [(h, None) for h in lists[0]]
        merged = merge_history(
            base,
            list(zip(lists[1], nodes[0], strict=True)),
            list(zip(lists[2], nodes[1], strict=True)),
        )
        seq = o_task.get("history")
        if seq is None or not hasattr(seq, "extend"):
            from ruamel.yaml.comments import CommentedSeq

            seq = CommentedSeq()
            o_task["history"] = seq
        del seq[:]
        seq.extend(node for _, node in merged)
        self.derived[where[1]] = Derived([data for data, _ in merged])

    def _derived_here(self, where: tuple) -> bool:
        """Whether a field both changed is one the merged record decides: a target's (or a
        place's) done, where it has figures; the mark, where it has marks."""
        if len(where) < 3 or where[0] != "tasks" or where[1] not in self.derived:
            return False
        derived, rest = self.derived[where[1]], where[2:]
        if rest == ("status",):
            return derived.status is not None
        if rest[0] != "targets" or len(rest) < 3 or not isinstance(rest[1], int):
            return False
        key = rest[1] + 1
        if rest[2:] == ("done",):
            return derived.count(key, None) is not None
        if rest[2] == "units" and len(rest) in (4, 5) and rest[4:] in ((), ("done",)):
            return derived.count(key, str(rest[3])) is not None
        return False


def write_derived(task: Any, derived: Derived) -> None:
    """The counts and the mark the merged record leaves, written into the task where they
    differ from what it holds (by place: under `units:`, in the flow form kexie writes)."""
    targets = task.get("targets")
    targets = targets if isinstance(targets, list) else []
    for (key, unit), value in derived.counts.items():
        if not key.isdigit() or not 1 <= int(key) <= len(targets):
            continue  # a figure on no target: the validation of the merge says so
        target = targets[int(key) - 1]
        if isinstance(target, dict) and unit is None:
            _set(target, "done", value)
        elif isinstance(target, dict):
            _set_place(target, str(unit), value)
    if derived.status is not None and str(task.get("status")) != derived.status:
        if "status" in task or "history" not in task:
            task["status"] = derived.status
        else:
            task.insert(list(task).index("history"), "status", derived.status)


def _set(mapping: Any, key: str, value: Any) -> None:
    if key not in mapping or not _equal(mapping[key], value):
        mapping[key] = value


def _set_place(target: Any, place: str, value: Any) -> None:
    from ruamel.yaml.comments import CommentedMap

    units = target.get("units")
    if not isinstance(units, dict):
        units = target["units"] = CommentedMap()
    old = units.get(place)
    if isinstance(old, dict):
        _set(old, "done", value)
        return
    if _equal(value, 0):
        return  # `大冶市: 200` (or a place of `each:`) has counted nothing: as it stands
    new = CommentedMap()
    if old is not None:
        new["target"] = old
    new["done"] = value
    new.fa.set_flow_style()
    units[place] = new


def _equal(a: Any, b: Any) -> bool:
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return str(a) == str(b)


def _seq(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _keys(o: dict, t: dict, where: tuple) -> list[Any]:
    """Ours' keys, then theirs' new ones; a task's history first, as its counts follow from it."""
    keys = list(o) + [k for k in t if k not in o]
    if len(where) == 2 and where[0] == "tasks" and "history" in keys:
        keys.remove("history")
        keys.insert(0, "history")
    return keys


def _take(o_node: Any, key: Any, t_node: Any, t: dict) -> None:
    """Theirs' value for the key (removed, where they removed it), at its place in theirs."""
    if key not in t:
        del o_node[key]
        return
    if key in o_node:
        o_node[key] = t_node[key]
    else:
        order = list(t)
        before = [k for k in order[: order.index(key)] if k in o_node]
        at = list(o_node).index(before[-1]) + 1 if before else 0
        o_node.insert(at, key, t_node[key])
    _comment_with(o_node, t_node, key)


def _comment_with(o_node: Any, t_node: Any, key: Any) -> None:
    """The comment after theirs' value (`content: …  # 原文如此`), which ruamel.yaml keeps
    in the mapping, not the value: it goes with the value taken."""
    ours, theirs = getattr(o_node, "ca", None), getattr(t_node, "ca", None)
    if ours is None or theirs is None:
        return
    if key in theirs.items:
        ours.items[key] = theirs.items[key]
    else:
        ours.items.pop(key, None)


def _same_shape(b: Any, o: Any, t: Any) -> bool:
    """Lists of mappings of one length on all three sides: merged item by item."""
    lists = (b, o, t)
    return (
        all(isinstance(v, list) for v in lists)
        and len({len(v) for v in lists}) == 1
        and all(isinstance(i, dict) for v in lists for i in v)
    )


def _label(where: tuple) -> str:
    """`任务 3 的 targets[1].name`, `计划 的 title`: the field as `kexie check` names it."""
    if where[0] in _RECORDS and len(where) >= 2:
        head, rest = f"{_RECORDS[where[0]]} {where[1]} 的 ", where[2:]
    elif where[0] == "plan" and len(where) >= 2:
        head, rest = "计划 的 ", where[1:]
    else:
        head, rest = "", where
    text = ""
    for part in rest:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return head + (text or "全部内容")
