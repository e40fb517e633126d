"""Fallback edit of a plan file: a ruamel.yaml round trip of the whole document, for a layout
the in-place edit cannot read safely (flow style, a value over several lines). Comments and
quotes are kept, but more may be reflowed than the change needs."""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from kexie_cli.core.numbers import whole
from kexie_cli.plans.locate import NotLocated, is_filler

if TYPE_CHECKING:
    from kexie_cli.core.update import Change


def edit_document(text: str, change: Change) -> str:
    """Fallback: a ruamel.yaml round trip of the whole document (comments and quotes kept)."""
    from ruamel.yaml.error import YAMLError

    try:
        return _round_trip(text, change)
    except (YAMLError, LookupError, TypeError, ValueError) as exc:
        raise NotLocated(f"round trip failed: {exc}") from None


def _round_trip(text: str, change: Change) -> str:
    from io import StringIO

    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    rt = round_trip_yaml(text)
    data = rt.load(text)
    task = data["tasks"][change.index]
    if str(task.get("id")).strip() != str(change.task_id):
        raise ValueError(f"task {change.task_id} is not at position {change.index}")
    if change.key is not None and change.done is not None and change.place is not None:
        _place_done(task["targets"][change.key - 1], change.place, whole(change.done))
    elif change.key is not None and change.done is not None:
        task["targets"][change.key - 1]["done"] = whole(change.done)
    if change.status is not None:
        if "status" in task or "history" not in task:
            task["status"] = change.status.value
        else:
            task.insert(list(task).index("history"), "status", change.status.value)
    if change.entries:
        if not task.get("history"):
            task["history"] = CommentedSeq()
        at = len(task["history"]) if change.at is None else change.at
        for offset, entry in enumerate(change.entries):
            item = CommentedMap()
            for name, value in entry.items():
                if isinstance(value, dt.date):
                    value = SingleQuotedScalarString(value.isoformat())
                elif isinstance(value, float):
                    value = whole(value)
                item[name] = value
            task["history"].insert(at + offset, item)
    out = StringIO()
    rt.dump(data, out)
    return out.getvalue()


def round_trip_yaml(text: str) -> Any:
    """A ruamel.yaml round tripper that writes as this text is written: its indents, its
    quotes, no line folded (shared with the merge of plan files, plans/merge.py)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    _, sequence, dash = load_yaml_guess_indent(text)
    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 1 << 30
    rt.indent(mapping=_mapping_indent(text), sequence=sequence or 2, offset=dash or 0)
    return rt


def _place_done(target: Any, place: str, done: float) -> None:
    """One place's count under `units:` (issue 15), in the flow form kexie writes."""
    from ruamel.yaml.comments import CommentedMap

    units = target.setdefault("units", CommentedMap())
    old = units.get(place)
    new = CommentedMap(old) if isinstance(old, dict) else CommentedMap()
    if old is not None and not isinstance(old, dict):
        new["target"] = old
    new["done"] = done
    new.fa.set_flow_style()
    units[place] = new


def _mapping_indent(text: str) -> int:
    """How far the file indents a mapping under its key (ruamel guesses only sequences)."""
    lines = [line for line in text.splitlines() if not is_filler(line)]
    for head, body in pairwise(lines):
        opened = re.fullmatch(r"( *)[^\s#-][^#]*:[ \t]*(#.*)?", head)
        indent = len(body) - len(body.lstrip(" "))
        if opened and indent > len(opened[1]) and not body.lstrip().startswith("- "):
            return indent - len(opened[1])
    return 2
