"""Apply a progress update to a plan file's text, changing only the bytes it must.

The file is the user's: comments, key order, quoting and blank lines stay as typed. The task's
item is found in the top-level `tasks:` sequence by scanning lines (enough for the block style
we ship), composed alone with PyYAML for the exact position of each node, and edited in place:
a value replaced, a line inserted, history entries appended. Nothing else is re-serialised, so
`git diff` shows just the change, and the cost does not grow with the file. A layout the scan
cannot read safely (flow style, a value over several lines) falls back to a round trip of the
whole document with ruamel.yaml, which keeps comments and quotes but may reflow more.

Pure text → text; the caller re-validates the result before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import yaml

from kexie_cli.core.months import Month
from kexie_cli.core.problems import KexieError
from kexie_cli.plans.yaml_read import PlanLoader

if TYPE_CHECKING:
    from kexie_cli.core.update import Change

_TASKS_KEY = re.compile(r"tasks[ \t]*:[ \t]*(#.*)?")
# An alias (`lead: *id001`) may name an anchor outside the item; for positions alone, read it
# as a plain scalar of the same length.
_ALIAS = re.compile(r"(?<=[\s\[{,])\*(?=[^\s,\[\]{}])")
_ANCHOR = re.compile(r"[&*][^\s,\[\]{}]+")
_ANCHOR_ANYWHERE = re.compile(r"(?:^|[\s\[{,])&[^\s,\[\]{}]")
_PLAIN_SAFE = re.compile(r"[^\x00-\x1f\x7f\x85\u2028\u2029\ufeff]*")


class NotLocated(Exception):
    """The task's item cannot be edited in place safely; edit the whole document instead."""


@dataclass(frozen=True, slots=True)
class _Edit:
    """Replace lines[start:stop] of the item with `lines` (an insertion when start == stop)."""

    start: int
    stop: int
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class InPlace:
    """An edit made inside one task's item: `text` is the whole new file (str or bytes, as
    given), the item now fills text[start:end]; it filled old[start:old_end] before. Every
    byte outside the item is the old one."""

    text: str | bytes
    start: int
    end: int
    old_end: int
    items: int  # items in the `tasks:` sequence, as the line scan counts them


def edit_item(text: str | bytes, change: Change) -> InPlace:
    """Edit the task's item where it stands. Bytes are taken as UTF-8 and edited without
    decoding the rest of the file."""
    start, stop, items = item_span(text, change.index)
    piece = text[start:stop]
    old_item = piece.decode("utf-8") if isinstance(piece, bytes) else piece
    item = _edit_item(old_item, _Context(text, start, stop, change.task_id), change)
    if isinstance(text, bytes):
        whole = memoryview(text)  # joined without copying each side first: 17 MB, once
        edited: str | bytes = b"".join((whole[:start], item.encode("utf-8"), whole[stop:]))
    else:
        edited = "".join((text[:start], item, text[stop:]))
    return InPlace(edited, start, len(edited) - (len(text) - stop), stop, items)


@dataclass(frozen=True, slots=True)
class _Context:
    """The file around the item: for anchors defined or referred to elsewhere."""

    text: str | bytes
    start: int
    stop: int
    task_id: int

    def elsewhere(self, needle: str) -> bool:
        """Whether `needle` occurs in the file outside the item."""
        found = needle.encode("utf-8") if isinstance(self.text, bytes) else needle
        return (
            self.text.find(found, 0, self.start) >= 0  # type: ignore[arg-type]
            or self.text.find(found, self.stop) >= 0  # type: ignore[arg-type]
        )

    def before(self) -> list[str]:
        """The lines before the item (read only to copy an aliased value: rare)."""
        head = self.text[: self.start]
        return (head.decode("utf-8") if isinstance(head, bytes) else head).splitlines(True)

    def newline(self) -> str:
        """The file's line ending, as its first line has it."""
        text = self.text
        if isinstance(text, bytes):
            end = text.find(b"\n")
            return "\r\n" if end > 0 and text[end - 1 : end] == b"\r" else "\n"
        end = text.find("\n")
        return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


def _edit_item(item: str, context: _Context, change: Change) -> str:
    lines = item.splitlines(keepends=True)
    task = _compose_item(item, change.task_id)
    borrowed = _borrowed(lines, task, change)
    if borrowed is not None:
        # `targets: *id004`: the task borrows another's list; give it its own copy first.
        expanded = _expand_alias(context.before(), lines, *borrowed, change.task_id)
        return _edit_item(expanded, context, change)
    if not lines[-1].endswith("\n"):
        lines[-1] += context.newline()  # the last line of a file without a final newline
    shared = _Shared(context, item, lines, change.task_id)
    edits = _edits(lines, task, change, shared)
    # Bottom up, so earlier positions hold; of two edits at one line, the later made goes lower.
    newline = context.newline()
    for _, edit in sorted(
        enumerate(edits), key=lambda pair: (pair[1].start, pair[0]), reverse=True
    ):
        lines[edit.start : edit.stop] = [line + newline for line in edit.lines]
    return "".join(lines)


def item_span(text: str | bytes, index: int) -> tuple[int, int, int]:
    """Offsets [start, stop) of item `index` of the top-level `tasks:` block sequence, and the
    number of items the sequence has.

    Comment and blank lines after an item's last key are left outside it: they usually head
    the next item.
    """
    heads, end, indent = item_heads(text)
    if index >= len(heads):
        raise NotLocated(f"item {index} not found")
    start = heads[index]
    stop = heads[index + 1] if index + 1 < len(heads) else end
    key_indent = indent + 2
    nl = _NL[type(text)]
    while True:  # leave trailing blank and comment lines to what follows
        previous = text.rfind(nl, start, stop - 1) + 1
        if previous <= start or not _is_trailing_filler(_line(text, previous), key_indent):
            break
        stop = previous
    return start, stop, len(heads)


def item_heads(text: str | bytes) -> tuple[list[int], int, int]:
    """Where each item of the top-level `tasks:` block sequence starts, where the sequence
    ends, and the indent of its dashes.

    Lines are what \n ends: U+2028 and the like inside a text start no line of structure. Only
    lines no deeper than the sequence's dashes are looked at, so the scan costs little even for
    10,000 tasks.
    """
    kind = type(text)
    nl, cr = _NL[kind], _CR[kind]
    if cr in text and text.count(cr) != text.count(cr + nl):
        raise NotLocated("a line ends in a lone CR")
    head = _tasks_line(text, kind, 0)
    if head is None:
        raise NotLocated("no top-level `tasks:` line")
    at = head.end()
    while at < len(text) and _is_filler_at(text, at):  # comments before the first item
        at = _next_line(text, at)
    line = _line(text, at)
    indent = len(line) - len(line.lstrip(" "))
    if not _DASH[kind].match(text, at + indent):
        raise NotLocated("`tasks:` is not followed by a block sequence")
    heads = [at]
    end = len(text)
    hash_mark = _HASH[kind]
    for match in _shallow(kind, indent).finditer(text, at):
        line_start, after = match.start() + 1, match.end(1)
        if _DASH[kind].match(text, after):
            if len(match[1]) == indent:
                heads.append(line_start)
                continue
        elif text[after : after + 1] == hash_mark or _is_filler_at(text, line_start):
            continue
        end = line_start  # a line no deeper than the dashes that is not an item
        break
    if _tasks_line(text, kind, end) is not None:  # lines before `end` were all looked at
        raise NotLocated("more than one top-level `tasks:` line")
    return heads, end, indent


_NL: dict[type, Any] = {str: "\n", bytes: b"\n"}
_CR: dict[type, Any] = {str: "\r", bytes: b"\r"}
_HASH: dict[type, Any] = {str: "#", bytes: b"#"}
_HEAD_WORD: dict[type, Any] = {str: "tasks", bytes: b"tasks"}
_HEAD_SOURCE = r"tasks[ \t]*:[ \t]*(?:#[^\n]*)?\r?(?:\n|\Z)"
_HEAD = {str: re.compile(_HEAD_SOURCE), bytes: re.compile(_HEAD_SOURCE.encode())}
_DASH = {str: re.compile(r"-(?: |\r?\n|\r?\Z)"), bytes: re.compile(rb"-(?: |\r?\n|\r?\Z)")}


@cache
def _shallow(kind: type, indent: int) -> re.Pattern[Any]:
    """A line indented `indent` spaces or less whose first character is not a space or \\n;
    match.start() is at the \\n before it."""
    source = rf"\n( {{0,{indent}}})[^ \n]"
    return re.compile(source.encode() if kind is bytes else source)


def _tasks_line(text: str | bytes, kind: type, at: int) -> re.Match[Any] | None:
    """The first top-level `tasks:` line starting at or after `at` (a line's start)."""
    word, nl = _HEAD_WORD[kind], _NL[kind]
    if at == 0 and text[: len(word)] == word and (match := _HEAD[kind].match(text, 0)):
        return match
    found = text.find(nl + word, max(at - 1, 0))
    while found >= 0:
        if match := _HEAD[kind].match(text, found + 1):
            return match
        found = text.find(nl + word, found + 1)
    return None


def _line(text: str | bytes, start: int) -> str:
    """The line starting at `start`, decoded, with its line end."""
    end = text.find(_NL[type(text)], start)
    piece = text[start : len(text) if end < 0 else end + 1]
    return piece.decode("utf-8") if isinstance(piece, bytes) else piece


def _next_line(text: str | bytes, start: int) -> int:
    end = text.find(_NL[type(text)], start)
    return len(text) if end < 0 else end + 1


def _is_filler_at(text: str | bytes, start: int) -> bool:
    return _is_filler(_line(text, start))


def _is_filler(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _is_trailing_filler(line: str, key_indent: int) -> bool:
    """A blank line, or a comment no deeper than the item's keys (so not inside a `|` text)."""
    stripped = line.strip()
    if not stripped:
        return True
    return stripped.startswith("#") and len(line) - len(line.lstrip(" ")) <= key_indent


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


def _edits(
    lines: list[str], task: yaml.MappingNode, change: Change, shared: _Shared
) -> list[_Edit]:
    edited = ("targets", "status", "history") if change.key is not None else ("status", "history")
    for name in edited:
        shared.refuse(_value(task, name), name)
    edits = []
    if change.key is not None and change.done is not None:
        edits.append(_set_done(lines, task, change.key, _number(change.done), shared))
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
        entries, history_edits = _history(lines, task, history, change.entries)
        edits += history_edits
        tail += entries
    if tail:
        end = _last_line(task) + 1
        edits.append(_Edit(end, end, tuple(tail)))
    return edits


def _set_done(
    lines: list[str], task: yaml.MappingNode, key: int, done: str, shared: _Shared
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
    end = _last_line(target) + 1
    return _Edit(end, end, (f"{_pad(target)}done: {done}",))


@dataclass(frozen=True, slots=True)
class _Shared:
    """Refuses to edit a value written once and aliased elsewhere (`&id001` … `*id001`):
    changing it here would change every record that aliases it."""

    context: _Context
    item: str
    lines: list[str]
    task_id: int

    def refuse(self, node: yaml.Node | None, name: str) -> None:
        token = _token(self.lines, node)
        alias = f"*{token[1:]}" if token else ""
        if token is None or (
            token[0] == "&" and alias not in self.item and not self.context.elsewhere(alias)
        ):
            return  # not shared: no anchor, or an anchor nothing refers to
        raise KexieError(
            f"任务 {self.task_id} 的 {name} 与其他记录共用（YAML 锚点/别名 {token}），"
            f"登记会同时改动它们；请先在文件中把 {token} 展开成各自的内容"
        )


def _token(lines: list[str], node: yaml.Node | None) -> str | None:
    """The anchor (`&id001`) or alias (`*id001`) a node starts with, if any."""
    if node is None:
        return None
    line = lines[node.start_mark.line]
    token = _ANCHOR.match(line, node.start_mark.column)
    return token[0] if token else None


def _borrowed(
    lines: list[str], task: yaml.MappingNode, change: Change
) -> tuple[yaml.Node, yaml.Node] | None:
    """The `key: *alias` pair the update would have to write into, if there is one."""
    names = (["targets"] if change.key is not None else []) + ["history"]
    for name in names:
        pair = _pair(task, name)
        token = _token(lines, pair[1]) if pair else None
        if pair and token and token[0] == "*":
            return pair
    return None


def _expand_alias(
    before: list[str], item: list[str], key: yaml.Node, alias: yaml.Node, task_id: int
) -> str:
    """The item's text with `key: *name` replaced by a copy of what `&name` stands for (in the
    item or the lines `before` it), indented to fit; the anchor and its other aliases are left
    as they are."""
    row = alias.start_mark.line
    line = item[row]
    token = _ANCHOR.match(line, alias.start_mark.column)[0]
    refused = KexieError(
        f"任务 {task_id} 的 {key.value} 借用其他记录的内容（YAML 别名 {token}），"
        f"无法自动展开；请先在文件中把 {token} 展开成本任务自己的内容"
    )
    found = _definition([*before, *item], len(before) + row, token[1:])
    if found is None:
        raise refused
    inline, indent, block = found
    if any(_ANCHOR_ANYWHERE.search(copied) for copied in [*block, inline]):
        raise refused  # a copy would redefine an anchor others refer to
    shift = key.start_mark.column - indent
    if any(b.strip() and len(b) - len(b.lstrip(" ")) < -shift for b in block):
        raise refused
    moved = [(" " * shift + b if shift >= 0 else b[-shift:]) if b.strip() else b for b in block]
    body = line.rstrip("\r\n")
    ending = line[len(body) :]
    after = body[alias.start_mark.column + len(token) :].strip()
    head = body[: alias.start_mark.column].rstrip()
    new = " ".join(part for part in (head, inline, after) if part) + ending
    return "".join([*item[:row], new, *moved, *item[row + 1 :]])


def _definition(lines: list[str], before: int, name: str) -> tuple[str, int, list[str]] | None:
    """Where `key: &name` is last defined before line `before`: its inline value, the key's
    indentation, and the lines of its block value."""
    pattern = re.compile(
        rf"( *)[^\s#][^#]*?:[ \t]+&{re.escape(name)}(?:[ \t]+([^#]*?))?[ \t]*(#.*)?"
    )
    for row in range(before - 1, -1, -1):
        if f"&{name}" not in lines[row]:
            continue
        match = pattern.fullmatch(lines[row].rstrip("\r\n"))
        if match is None:
            return None
        indent = len(match[1])
        stop = row + 1
        while stop < len(lines) and _in_block(lines[stop], indent):
            stop += 1
        while stop > row + 1 and _is_filler(lines[stop - 1]):
            stop -= 1
        inline = match[2] or ""
        if inline and stop > row + 1:
            return None  # an inline value going on over lines
        return inline, indent, lines[row + 1 : stop]
    return None


def _in_block(line: str, indent: int) -> bool:
    """Whether a line belongs to the block value of a key at `indent` (a sequence may sit
    flush with its key)."""
    if _is_filler(line):
        return True
    here = len(line) - len(line.lstrip(" "))
    return here > indent or (here == indent and line.lstrip(" ").startswith(("- ", "-\n")))


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
) -> tuple[list[str], list[_Edit]]:
    """Lines to append at the task's end, and edits inside it, adding the history entries."""
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
        end = _last_line(value) + 1
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
        return f"'{value.year}.{value.month}'"
    if isinstance(value, bool) or value is None:
        raise TypeError(f"unexpected value {value!r}")
    if isinstance(value, int | float):
        return _number(value)
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


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


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


def _last_line(node: yaml.Node) -> int:
    """The last line holding the node's own text (a block scalar's end mark is a line later)."""
    if isinstance(node, yaml.ScalarNode):
        end = node.end_mark
        moved = end.column == 0 and end.line > node.start_mark.line
        return end.line - 1 if moved else end.line
    if node.flow_style or not node.value:
        return node.end_mark.line
    last = node.value[-1]
    return _last_line(last[1] if isinstance(node, yaml.MappingNode) else last)


def edit_document(text: str, change: Change) -> str:
    """Fallback: a ruamel.yaml round trip of the whole document (comments and quotes kept)."""
    from ruamel.yaml.error import YAMLError

    try:
        return _round_trip(text, change)
    except (YAMLError, LookupError, TypeError, ValueError) as exc:
        raise NotLocated(f"round trip failed: {exc}") from None


def _round_trip(text: str, change: Change) -> str:
    from io import StringIO

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import SingleQuotedScalarString
    from ruamel.yaml.util import load_yaml_guess_indent

    _, sequence, dash = load_yaml_guess_indent(text)
    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 1 << 30
    rt.indent(mapping=_mapping_indent(text), sequence=sequence or 2, offset=dash or 0)
    data = rt.load(text)
    task = data["tasks"][change.index]
    if str(task.get("id")).strip() != str(change.task_id):
        raise ValueError(f"task {change.task_id} is not at position {change.index}")
    if change.key is not None and change.done is not None:
        task["targets"][change.key - 1]["done"] = _ruamel_number(change.done)
    if change.status is not None:
        if "status" in task or "history" not in task:
            task["status"] = change.status.value
        else:
            task.insert(list(task).index("history"), "status", change.status.value)
    if change.entries:
        if not task.get("history"):
            task["history"] = CommentedSeq()
        for entry in change.entries:
            item = CommentedMap()
            for name, value in entry.items():
                if isinstance(value, dt.date):
                    value = SingleQuotedScalarString(value.isoformat())
                elif isinstance(value, float):
                    value = _ruamel_number(value)
                item[name] = value
            task["history"].append(item)
    out = StringIO()
    rt.dump(data, out)
    return out.getvalue()


def _mapping_indent(text: str) -> int:
    """How far the file indents a mapping under its key (ruamel guesses only sequences)."""
    lines = [line for line in text.splitlines() if not _is_filler(line)]
    for head, body in pairwise(lines):
        opened = re.fullmatch(r"( *)[^\s#-][^#]*:[ \t]*(#.*)?", head)
        indent = len(body) - len(body.lstrip(" "))
        if opened and indent > len(opened[1]) and not body.lstrip().startswith("- "):
            return indent - len(opened[1])
    return 2


def _ruamel_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)
