"""Plan dicts as YAML text in the shipped files' shape: keys in order, Chinese unescaped,
one line per text however long, and month/date text quoted so it stays text."""

from __future__ import annotations

from typing import Any

import yaml

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def plan_yaml(data: dict[str, Any], comments: list[str]) -> str:
    """YAML text headed by `# ` comment lines (what it is, where it came from)."""
    # PyYAML quotes any string that would read back as another type ('2025.12',
    # '2019-03-12', 'no'), which is what keeps months and dates as typed.
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=2**31 - 1,
    )
    head = "".join(f"# {line}\n" for line in comments)
    return head + body
