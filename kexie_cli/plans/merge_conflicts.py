"""A merge's conflicts written as git writes them: around each field both sides changed
differently, ours' lines and theirs' lines between `<<<<<<<`, `=======` and `>>>>>>>`. The
merged document is written twice — with ours' value in each conflicted field, then theirs' —
and each field's lines found in each text by composing it (PyYAML marks its lines). Pure."""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO
from typing import Any

import yaml

from kexie_cli.plans.edit import last_line
from kexie_cli.plans.yaml_read import PlanLoader


class _Missing:
    """A key a side does not have."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass
class Conflict:
    """A field both sides changed differently: ours' mapping in the merged document holding
    it, its key, theirs' node (MISSING where they removed it), and how `kexie` names it."""

    parent: Any
    key: Any
    theirs: Any
    ours_missing: bool
    label: str

    @classmethod
    def of(
        cls, o_node: Any, t_node: Any, key: Any, label: str, ours: bool, theirs: bool
    ) -> Conflict:
        """The conflict at `key`; where ours removed the field, theirs' value holds its place
        in the document until the markers are written (ours' side of them then empty)."""
        node = t_node[key] if theirs else MISSING
        if not ours:
            o_node[key] = node
        return cls(o_node, key, node, not ours, label)


def path_of(root: Any, conflict: Conflict) -> tuple[Any, ...]:
    """The path from the document's root to the conflicted field."""
    found = _find(root, conflict.parent, ())
    if found is None:  # pragma: no cover - a conflict's mapping is always in the document
        raise LookupError("conflicted field not in the merged document")
    return (*found, conflict.key)


def _find(node: Any, wanted: Any, path: tuple[Any, ...]) -> tuple[Any, ...] | None:
    if node is wanted:
        return path
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in children:
        if isinstance(child, dict | list) and (found := _find(child, wanted, (*path, key))):
            return found
        if child is wanted:
            return (*path, key)
    return None


def conflicted_text(
    rt: Any, root: Any, conflicts: list[Conflict], paths: list[tuple], ours: str
) -> str:
    """`ours` (the merged document, ours' value in each conflict) with each conflicted field's
    lines replaced by git's markers around ours' and theirs' lines."""
    for conflict in conflicts:
        if conflict.theirs is MISSING:
            del conflict.parent[conflict.key]
        else:
            conflict.parent[conflict.key] = conflict.theirs
    out = StringIO()
    rt.dump(root, out)
    theirs = out.getvalue()
    o_root, t_root = (yaml.compose(text, Loader=PlanLoader) for text in (ours, theirs))
    o_lines, t_lines = ours.splitlines(keepends=True), theirs.splitlines(keepends=True)
    marked = []
    for conflict, path in zip(conflicts, paths, strict=True):
        o_span, t_span = _span(o_root, path), _span(t_root, path)
        assert o_span is not None  # ours' text holds every conflicted field (Conflict.of)
        mine = "" if conflict.ours_missing else "".join(o_lines[slice(*o_span)])
        other = "" if t_span is None else "".join(t_lines[slice(*t_span)])
        marked.append((o_span, mine, other))
    for (start, stop), mine, other in sorted(marked, reverse=True):
        block = ["<<<<<<< ours\n", _ended(mine), "=======\n", _ended(other), ">>>>>>> theirs\n"]
        o_lines[start:stop] = [part for part in block if part]
    return "".join(o_lines)


def _ended(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


def _span(root: yaml.Node | None, path: tuple[Any, ...]) -> tuple[int, int] | None:
    """The lines [start, stop) of the field at `path`: its key's line to its value's last."""
    node = root
    for n, part in enumerate(path):
        if isinstance(node, yaml.MappingNode):
            pair = next((p for p in node.value if p[0].value == str(part)), None)
            if pair is None:
                return None
            if n == len(path) - 1:
                return pair[0].start_mark.line, max(pair[0].start_mark.line, last_line(pair[1])) + 1
            node = pair[1]
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
        else:
            return None
    return None
