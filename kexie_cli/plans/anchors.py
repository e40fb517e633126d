"""YAML anchors and aliases in a task's item: a value written once (`&id001`) and aliased
elsewhere (`*id001`) is not edited in place, since that would change every record aliasing it;
a value the task borrows (`targets: *id004`) is first given to it as its own copy."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from kexie_cli.core.problems import KexieError
from kexie_cli.plans.locate import is_filler

ANCHOR = re.compile(r"[&*][^\s,\[\]{}]+")
_ANCHOR_ANYWHERE = re.compile(r"(?:^|[\s\[{,])&[^\s,\[\]{}]")


@dataclass(frozen=True, slots=True)
class Shared:
    """Refuses to edit a value written once and aliased elsewhere (`&id001` … `*id001`):
    changing it here would change every record that aliases it."""

    elsewhere: Callable[[str], bool]  # whether a text occurs outside the item
    item: str
    lines: list[str]
    task_id: int

    def refuse(self, node: yaml.Node | None, name: str) -> None:
        token = anchor_at(self.lines, node)
        alias = f"*{token[1:]}" if token else ""
        if token is None or (
            token[0] == "&" and alias not in self.item and not self.elsewhere(alias)
        ):
            return  # not shared: no anchor, or an anchor nothing refers to
        raise KexieError(
            f"任务 {self.task_id} 的 {name} 与其他记录共用（YAML 锚点/别名 {token}），"
            f"登记会同时改动它们；请先在文件中把 {token} 展开成各自的内容"
        )


def anchor_at(lines: list[str], node: yaml.Node | None) -> str | None:
    """The anchor (`&id001`) or alias (`*id001`) a node starts with, if any."""
    if node is None:
        return None
    line = lines[node.start_mark.line]
    token = ANCHOR.match(line, node.start_mark.column)
    return token[0] if token else None


def expand_alias(
    before: list[str], item: list[str], key: yaml.Node, alias: yaml.Node, task_id: int
) -> str:
    """The item's text with `key: *name` replaced by a copy of what `&name` stands for (in the
    item or the lines `before` it), indented to fit; the anchor and its other aliases are left
    as they are."""
    row = alias.start_mark.line
    line = item[row]
    token = ANCHOR.match(line, alias.start_mark.column)[0]
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
        while stop > row + 1 and is_filler(lines[stop - 1]):
            stop -= 1
        inline = match[2] or ""
        if inline and stop > row + 1:
            return None  # an inline value going on over lines
        return inline, indent, lines[row + 1 : stop]
    return None


def _in_block(line: str, indent: int) -> bool:
    """Whether a line belongs to the block value of a key at `indent` (a sequence may sit
    flush with its key)."""
    if is_filler(line):
        return True
    here = len(line) - len(line.lstrip(" "))
    return here > indent or (here == indent and line.lstrip(" ").startswith(("- ", "-\n")))
