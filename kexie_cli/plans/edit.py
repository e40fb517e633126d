"""Apply a progress update to a plan file's text, changing only the bytes it must.

The file is the user's: comments, key order, quoting and blank lines stay as typed. The task's
item is found in the top-level `tasks:` sequence by scanning lines (enough for the block style
we ship, see `locate`), composed alone with PyYAML for the exact position of each node, and
edited in place: a value replaced, a line inserted, history entries appended. Nothing else is
re-serialised, so `git diff` shows just the change, and the cost does not grow with the file. A
layout it cannot read safely raises NotLocated; the caller then uses `round_trip`.

Pure text → text; the caller re-validates the result before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from kexie_cli.core.months import Month, month_text
from kexie_cli.core.numbers import number_text
from kexie_cli.plans.anchors import Shared, anchor_at, expand_alias
from kexie_cli.plans.locate import NotLocated, item_span
from kexie_cli.plans.yaml_read import PlanLoader

if TYPE_CHECKING:
    from kexie_cli.core.update import Change

# An alias (`lead: *id001`) may name an anchor outside the item; for positions alone, read it
# as a plain scalar of the same length.
_ALIAS = re.compile(r"(?<=[\s\[{,])\*(?=[^\s,\[\]{}])")
_PLAIN_SAFE = re.compile(r"[^\x00-\x1f\x7f\x85\u2028\u2029\ufeff]*")


@dataclass(frozen=True, slots=True)
class _Edit:
    """Replace lines[start:stop] of the item with `lines` (an insertion when start == stop)."""

    start: int
    stop: int
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class InPlace:
    """An edit made inside one task's item: `text` is the whole new file, the item now fills
    text[start:end]; it filled old[start:old_end] before. Every character outside the item is
    the old one."""

    text: str
    start: int
    end: int
    old_end: int
    items: int  # items in the `tasks:` sequence, as the line scan counts them


def edit_item(text: str, change: Change) -> InPlace:
    """Edit the task's item where it stands."""
    start, stop, items = item_span(text, change.index)
    item = _edit_item(text[start:stop], _Context(text, start, stop, change.task_id), change)
    edited = "".join((text[:start], item, text[stop:]))
    return InPlace(edited, start, len(edited) - (len(text) - stop), stop, items)


@dataclass(frozen=True, slots=True)
class _Context:
    """The file around the item: for anchors defined or referred to elsewhere."""

    text: str
    start: int
    stop: int
    task_id: int

    def elsewhere(self, needle: str) -> bool:
        """Whether `needle` occurs in the file outside the item."""
        return self.text.find(needle, 0, self.start) >= 0 or self.text.find(needle, self.stop) >= 0

    def before(self) -> list[str]:
        """The lines before the item (read only to copy an aliased value: rare)."""
        return self.text[: self.start].splitlines(True)

    def newline(self) -> str:
        """The file's line ending, as its first line has it."""
        end = self.text.find("\n")
        return "\r\n" if end > 0 and self.text[end - 1] == "\r" else "\n"


def _edit_item(item: str, context: _Context, change: Change) -> str:
    lines = item.splitlines(keepends=True)
    task = _compose_item(item, change.task_id)
    borrowed = _borrowed(lines, task, change)
    if borrowed is not None:
        # `targets: *id004`: the task borrows another's list; give it its own copy first.
        expanded = expand_alias(context.before(), lines, *borrowed, change.task_id)
        return _edit_item(expanded, context, change)
    if not lines[-1].endswith("\n"):
        lines[-1] += context.newline()  # the last line of a file without a final newline
    shared = Shared(context.elsewhere, item, lines, change.task_id)
    edits = _edits(lines, task, change, shared)
    # Bottom up, so earlier positions hold; of two edits at one line, the later made goes lower.
    newline = context.newline()
    for _, edit in sorted(
        enumerate(edits), key=lambda pair: (pair[1].start, pair[0]), reverse=True
    ):
        lines[edit.start : edit.stop] = [line + newline for line in edit.lines]
    return "".join(lines)


def _compose_item(text: str, task_id: int) -> yaml.MappingNode:
    try:
        node = yaml.compose(_ALIAS.sub("_", text), Loader=PlanLoader)
    except yaml.YAMLError as exc:
        raise NotLocated(f"item does not parse alone: {exc}") from None
    if not (isinstance(node, yaml.SequenceNode) and len(node.value) == 1):
        raise NotLocated("item is not one sequence entry")
    task = node.value[0]
    if not isinstance(task, yaml.MappingNode) or task.flow_style:
        raise NotLocated("item is not a block mapping")
    ident = _value(task, "id")
    if not isinstance(ident, yaml.ScalarNode) or ident.value.strip() != str(task_id):
        raise NotLocated("item holds another task")
    return task


def _edits(lines: list[str], task: yaml.MappingNode, change: Change, shared: Shared) -> list[_Edit]:
    edited = ("targets", "status", "history") if change.key is not None else ("status", "history")
    for name in edited:
        shared.refuse(_value(task, name), name)
    edits = []
    if change.key is not None and change.done is not None and change.place is not None:
        edits.append(_set_place_done(lines, task, change, shared))
    elif change.key is not None and change.done is not None:
        edits.append(_set_done(lines, task, change.key, number_text(change.done), shared))
    tail: list[str] = []  # lines appended after the task's last key
    history = _pair(task, "history")
    if change.status is not None:
        status = _pair(task, "status")
        if status is not None:
            edits.append(_set_scalar(lines, status[1], change.status.value))
        elif history is not None:
            line = history[0].start_mark.line
            edits.append(_Edit(line, line, (f"{_pad(task)}status: {change.status.value}",)))
        else:
            tail.append(f"{_pad(task)}status: {change.status.value}")
    if change.entries:
        entries, history_edits = _history(lines, task, history, change.entries, change.at)
        edits += history_edits
        tail += entries
    if tail:
        end = last_line(task) + 1
        edits.append(_Edit(end, end, tuple(tail)))
    return edits


def _set_done(
    lines: list[str], task: yaml.MappingNode, key: int, done: str, shared: Shared
) -> _Edit:
    targets = _value(task, "targets")
    if not isinstance(targets, yaml.SequenceNode) or targets.flow_style:
        raise NotLocated("targets is not a block sequence")
    target = targets.value[key - 1]
    shared.refuse(target, f"targets[{key}]")
    if not isinstance(target, yaml.MappingNode) or target.flow_style:
        raise NotLocated("target is not a block mapping")
    pair = _pair(target, "done")
    if pair is not None:
        shared.refuse(pair[1], f"targets[{key}].done")
        return _set_scalar(lines, pair[1], done)
    end = last_line(target) + 1
    return _Edit(end, end, (f"{_pad(target)}done: {done}",))


def _set_place_done(
    lines: list[str], task: yaml.MappingNode, change: Change, shared: Shared
) -> _Edit:
    """One place's count under the target's `units:`, where it stands: `大冶市: {target: 200,
    done: 10}` or a block mapping has its done replaced; `大冶市: 200` becomes the flow
    mapping with its count; a place only listed in `each:` gets a line of its own."""
    assert change.key is not None and change.done is not None and change.place is not None
    targets = _value(task, "targets")
    if not isinstance(targets, yaml.SequenceNode) or targets.flow_style:
        raise NotLocated("targets is not a block sequence")
    target = targets.value[change.key - 1]
    shared.refuse(target, f"targets[{change.key}]")
    if not isinstance(target, yaml.MappingNode) or target.flow_style:
        raise NotLocated("target is not a block mapping")
    done = number_text(change.done)
    place = f"{_scalar(change.place)}: {{done: {done}}}"
    units = _value(target, "units")
    if units is None:
        end = last_line(target) + 1
        return _Edit(end, end, (f"{_pad(target)}units:", f"{_pad(target)}  {place}"))
    shared.refuse(units, f"targets[{change.key}].units")
    if not isinstance(units, yaml.MappingNode) or units.flow_style or not units.value:
        raise NotLocated("units is not a block mapping")
    pair = next((pair for pair in units.value if pair[0].value == change.place), None)
    if pair is None:
        end = last_line(units) + 1
        return _Edit(end, end, (f"{_pad(units)}{place}",))
    value = pair[1]
    if isinstance(value, yaml.ScalarNode):
        return _set_scalar(lines, value, f"{{target: {value.value}, done: {done}}}")
    count = _value(value, "done") if isinstance(value, yaml.MappingNode) else None
    if count is None:
        raise NotLocated("a place without a done to set")
    return _set_scalar(lines, count, done)


def _borrowed(
    lines: list[str], task: yaml.MappingNode, change: Change
) -> tuple[yaml.Node, yaml.Node] | None:
    """The `key: *alias` pair the update would have to write into, if there is one."""
    names = (["targets"] if change.key is not None else []) + ["history"]
    for name in names:
        pair = _pair(task, name)
        token = anchor_at(lines, pair[1]) if pair else None
        if pair and token and token[0] == "*":
            return pair
    return None


def _set_scalar(lines: list[str], node: yaml.Node, text: str) -> _Edit:
    """Replace a one-line scalar where it stands; a comment after it stays."""
    start, end = node.start_mark, node.end_mark
    if not isinstance(node, yaml.ScalarNode) or start.line != end.line:
        raise NotLocated("value is not a one-line scalar")
    line = lines[start.line].rstrip("\r\n")
    gap = "" if start.column > 0 and line[start.column - 1] == " " else " "
    new = line[: start.column] + gap + text + line[end.column :]
    return _Edit(start.line, start.line + 1, (new,))


def _history(
    lines: list[str],
    task: yaml.MappingNode,
    pair: tuple[yaml.Node, yaml.Node] | None,
    entries: tuple[dict[str, Any], ...],
    at: int | None = None,
) -> tuple[list[str], list[_Edit]]:
    """Lines to append at the task's end, and edits inside it, adding the history entries
    after the last one, or before the one at index `at`."""
    if pair is None:
        dash = len(_pad(task)) + _sequence_offset(lines, task)
        added = _entry_lines(entries, dash, _item_offset(lines, task))
        return [f"{_pad(task)}history:", *added], []
    key, value = pair
    if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
        first = value.value[0]
        if not isinstance(first, yaml.MappingNode) or first.flow_style:
            raise NotLocated("history entries are not block mappings")
        dash = _dash(lines, value)
        offset = first.value[0][0].start_mark.column - dash
        end = last_line(value) + 1 if at is None else _entry_line(lines, value.value[at])
        return [], [_Edit(end, end, tuple(_entry_lines(entries, dash, offset)))]
    empty = (
        isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null", "Null", "NULL")
    ) or (isinstance(value, yaml.SequenceNode) and not value.value)
    if not empty or value.start_mark.line != value.end_mark.line:
        raise NotLocated("history is neither a block sequence nor empty")
    # `history:`, `history: ~` or `history: []`: drop the empty value, add entries below.
    line = lines[key.start_mark.line].rstrip("\r\n")
    rest = line[value.end_mark.column :]
    head = line[: value.start_mark.column].rstrip()
    new = head + (" " + rest.lstrip() if rest.strip() else "")
    dash = len(_pad(task)) + _sequence_offset(lines, task)
    row = key.start_mark.line
    added = _entry_lines(entries, dash, _item_offset(lines, task))
    return [], [_Edit(row, row + 1, (new, *added))]


def _entry_line(lines: list[str], entry: yaml.Node) -> int:
    """The line an entry starts on — its dash's, which its first key or its `{` shares — or
    that of the comments written just above it, which stay with it."""
    if not isinstance(entry, yaml.MappingNode):
        raise NotLocated("history entries are not mappings")
    line = entry.start_mark.line
    while line > 0 and lines[line - 1].lstrip().startswith("#"):
        line -= 1
    return line


def _entry_lines(entries: tuple[dict[str, Any], ...], dash: int, offset: int) -> list[str]:
    out = []
    for entry in entries:
        for n, (name, value) in enumerate(entry.items()):
            lead = " " * dash + "-" + " " * (offset - 1) if n == 0 else " " * (dash + offset)
            out.append(f"{lead}{name}: {_scalar(value)}")
    return out


def _scalar(value: Any) -> str:
    """One value as a one-line YAML scalar: dates quoted, whole numbers as integers."""
    if isinstance(value, dt.date):
        return f"'{value.isoformat()}'"
    if isinstance(value, Month):
        return f"'{month_text(value)}'"
    if isinstance(value, bool) or value is None:
        raise TypeError(f"unexpected value {value!r}")
    if isinstance(value, int | float):
        return number_text(value)
    text = str(value)
    if _PLAIN_SAFE.fullmatch(text):
        dumped = yaml.dump(text, Dumper=yaml.SafeDumper, allow_unicode=True, width=1 << 30)
        dumped = dumped.removesuffix("\n").removesuffix("\n...")
        if "\n" not in dumped:
            return dumped
    # A JSON string is a YAML double-quoted one; YAML's own line breaks escaped as well, and
    # what a YAML file may not hold as typed (U+FFFE, C1 controls) as \uXXXX.
    return _UNPRINTABLE.sub(_escape, json.dumps(text, ensure_ascii=False))


_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_ESCAPES = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def _escape(found: re.Match[str]) -> str:
    char = found[0]
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


def _pair(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for pair in mapping.value:
        if isinstance(pair[0], yaml.ScalarNode) and pair[0].value == key:
            return pair
    return None


def _value(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    pair = _pair(mapping, key)
    return pair[1] if pair else None


def _pad(mapping: yaml.MappingNode) -> str:
    """The indentation of the mapping's keys."""
    return " " * mapping.value[0][0].start_mark.column


def _dash(lines: list[str], sequence: yaml.SequenceNode) -> int:
    """The column of a block sequence's dashes. Not its start mark: that is at an anchor
    (`lead: &id001`) when there is one."""
    line = lines[sequence.value[0].start_mark.line]
    column = len(line) - len(line.lstrip(" "))
    if not line[column:].startswith("-"):
        raise NotLocated("a sequence's first item does not start its line")
    return column


def _sequence_offset(lines: list[str], task: yaml.MappingNode) -> int:
    """How far this file indents a block sequence's dash past its key (0 or 2, usually)."""
    for key, value in task.value:
        if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
            return _dash(lines, value) - key.start_mark.column
    return 0


def _item_offset(lines: list[str], task: yaml.MappingNode) -> int:
    """How far an item's keys sit past its dash, as in the task's own item."""
    for _, value in task.value:
        if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
            first = value.value[0]
            if isinstance(first, yaml.MappingNode) and not first.flow_style:
                return first.value[0][0].start_mark.column - _dash(lines, value)
    return 2


def last_line(node: yaml.Node) -> int:
    """The last line holding the node's own text (a block scalar's end mark is a line later)."""
    if isinstance(node, yaml.ScalarNode):
        end = node.end_mark
        moved = end.column == 0 and end.line > node.start_mark.line
        return end.line - 1 if moved else end.line
    if node.flow_style or not node.value:
        return node.end_mark.line
    last = node.value[-1]
    return last_line(last[1] if isinstance(node, yaml.MappingNode) else last)
