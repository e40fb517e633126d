"""Find a task's item in a plan file's text by scanning lines: where each item of the top-level
`tasks:` block sequence starts and ends. Enough for the block style kexie ships; a layout the
scan cannot read safely raises NotLocated, and the caller edits the whole document instead.
"""

from __future__ import annotations

import re
from functools import cache


class NotLocated(Exception):
    """The task's item cannot be edited in place safely; edit the whole document instead."""


_HEAD = re.compile(r"tasks[ \t]*:[ \t]*(?:#[^\n]*)?\r?(?:\n|\Z)")
_DASH = re.compile(r"-(?: |\r?\n|\r?\Z)")


def item_span(text: str, index: int) -> tuple[int, int, int]:
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
    while True:  # leave trailing blank and comment lines to what follows
        previous = text.rfind("\n", start, stop - 1) + 1
        if previous <= start or not is_trailing_filler(_line(text, previous), key_indent):
            break
        stop = previous
    return start, stop, len(heads)


def item_heads(text: str) -> tuple[list[int], int, int]:
    """Where each item of the top-level `tasks:` block sequence starts, where the sequence
    ends, and the indent of its dashes.

    Lines are what \\n ends: U+2028 and the like inside a text start no line of structure. Only
    lines no deeper than the sequence's dashes are looked at, so the scan costs little even for
    10,000 tasks.
    """
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        raise NotLocated("a line ends in a lone CR")
    head = _tasks_line(text, 0)
    if head is None:
        raise NotLocated("no top-level `tasks:` line")
    at = head.end()
    while at < len(text) and is_filler(_line(text, at)):  # comments before the first item
        at = _next_line(text, at)
    line = _line(text, at)
    indent = len(line) - len(line.lstrip(" "))
    if not _DASH.match(text, at + indent):
        raise NotLocated("`tasks:` is not followed by a block sequence")
    heads = [at]
    end = len(text)
    for match in _shallow(indent).finditer(text, at):
        line_start, after = match.start() + 1, match.end(1)
        if _DASH.match(text, after):
            if len(match[1]) == indent:
                heads.append(line_start)
                continue
        elif text[after : after + 1] == "#" or is_filler(_line(text, line_start)):
            continue
        end = line_start  # a line no deeper than the dashes that is not an item
        break
    if _tasks_line(text, end) is not None:  # lines before `end` were all looked at
        raise NotLocated("more than one top-level `tasks:` line")
    return heads, end, indent


@cache
def _shallow(indent: int) -> re.Pattern[str]:
    """A line indented `indent` spaces or less whose first character is not a space or \\n;
    match.start() is at the \\n before it."""
    return re.compile(rf"\n( {{0,{indent}}})[^ \n]")


def _tasks_line(text: str, at: int) -> re.Match[str] | None:
    """The first top-level `tasks:` line starting at or after `at` (a line's start)."""
    if at == 0 and text.startswith("tasks") and (match := _HEAD.match(text, 0)):
        return match
    found = text.find("\ntasks", max(at - 1, 0))
    while found >= 0:
        if match := _HEAD.match(text, found + 1):
            return match
        found = text.find("\ntasks", found + 1)
    return None


def _line(text: str, start: int) -> str:
    """The line starting at `start`, with its line end."""
    end = text.find("\n", start)
    return text[start : len(text) if end < 0 else end + 1]


def _next_line(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end + 1


def is_filler(line: str) -> bool:
    """A blank or comment line."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def is_trailing_filler(line: str, key_indent: int) -> bool:
    """A blank line, or a comment no deeper than the item's keys (so not inside a `|` text)."""
    stripped = line.strip()
    if not stripped:
        return True
    return stripped.startswith("#") and len(line) - len(line.lstrip(" ")) <= key_indent
