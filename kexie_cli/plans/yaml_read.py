"""The YAML reading rules of plan files, kept apart so commands served from the cache never
import PyYAML."""

from __future__ import annotations

from typing import Any

import yaml

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
