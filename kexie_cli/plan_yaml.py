"""The YAML reading rules of plan files, kept apart so commands served from the cache never
import PyYAML."""

from __future__ import annotations

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PlanLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that reads scalars as typed: only null is implicit.

    YAML 1.1 would turn 2025.10 into the float 2025.1, `no` into False and 2025-06-30 into a
    date; here they stay the text the person wrote, and the schemas read them.
    """


PlanLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
