"""What a plan says of its place among organisations (issue 29): its level, its parent, the
target of another organisation a target's figure reports into, the work point a task
implements. Plain records, read by the schema like the rest of core/models.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from kexie_cli.core.fields import STRICT, Key, Name

# 省 a province's association, 市 a city's, 县 a county's (县、市、区 alike).
OrgLevel = Literal["省", "市", "县"]
LEVELS: tuple[str, ...] = ("省", "市", "县")


class Flowed:
    """A target, or a place of one, whose figure may flow up from another organisation's: its
    `source` is set on the record by core/flows — not a field, so never read from a file,
    shown by repr, compared or written back."""

    source: ClassVar[str | None] = None  # 大冶市科协 任务 7，2025-06-28


class Owned:
    """A task of a tree of organisations: its `org` is set on it by core/orgs.tag (not a
    field, as `Flowed.source`)."""

    org: ClassVar[str] = ""


@dataclass(frozen=True)
class ReportsTo:
    """`reports_to: {org: 黄石市科协, year: 2025, task: 19, target: 1, place: 大冶市}` on a
    target: its figure is that target's figure for that place (the whole target's when the
    target is not broken down by place), read at the same date."""

    __pydantic_config__ = STRICT

    org: Name
    year: int
    task: Key
    target: Key = 1
    place: Name | None = None

    def label(self) -> str:
        """黄石市科协 2025 任务 19.1（大冶市）."""
        where = f"（{self.place}）" if self.place else ""
        return f"{self.org} {self.year} 任务 {self.task}.{self.target}{where}"


@dataclass(frozen=True)
class Implements:
    """`implements: {year: 2019, point: 3}` on a task: the work point of a notice it carries
    out — by default the notice of the plan's parent organisation (`org:` names another)."""

    __pydantic_config__ = STRICT

    year: int
    point: Key
    org: Name | None = None
