"""Reading plan YAML: the loader's rules, parsing with problems at their line and column, and
the line of a node a validation finding names. Kept apart so commands served from the cache never
import PyYAML."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from kexie_cli.core.problems import KexieError, Loc, Problem

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PlanLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that reads scalars as typed (only null is implicit) and refuses a key
    written twice.

    YAML 1.1 would turn 2025.10 into the float 2025.1, `no` into False and 2025-06-30 into a
    date; here they stay the text the person wrote, and the schemas read them. A repeated key
    would silently keep the last value.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        seen: dict[object, yaml.Node] = {}
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise yaml.constructor.ConstructorError(
                    None, None, f"键 {key!r} 重复（第 {first} 行已有）", key_node.start_mark
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep)


PlanLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


def parse_yaml(text: str, file: str) -> Any:
    """Parse plan text; malformed YAML becomes a Problem with line and column."""
    try:
        return yaml.load(text, Loader=PlanLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        message = " ".join(filter(None, [exc.context, exc.problem]))
        problem = Problem(file, line, "YAML", "", f"格式错误：{message}", column)
        raise KexieError(str(problem), [problem]) from None
    except yaml.YAMLError as exc:
        problem = Problem(file, None, "YAML", "", f"格式错误：{exc}")
        raise KexieError(str(problem), [problem]) from None


def line_finder(text: str) -> Callable[[Loc], int | None]:
    """Map a data path to the 1-based line of its node (or its nearest ancestor that exists)."""
    root = yaml.compose(text, Loader=PlanLoader)

    def find(loc: Loc) -> int | None:
        node = root
        line = node.start_mark.line + 1 if node is not None else None
        for key in loc:
            node = _child(node, key)
            if node is None:
                break
            line = node.start_mark.line + 1
        return line

    return find


def _child(node: Any, key: str | int) -> Any:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                # An unknown or empty key is best shown at the key itself.
                return value_node if value_node.value not in ("", None) else key_node
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None
