"""The 考核 rules file (`kexie score --rules FILE`): its records and the keys each item takes.

Plain frozen dataclasses like core/models.py, read by Pydantic only when a rules file is
checked (plans/score_rules.py). What each kind of item means — the figures it counts and
the points it gives — is core/score.py's; docs/score.md describes the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from kexie_cli.core.fields import LARGEST, STRICT, Amount, Name, Text, _Bound
from kexie_cli.core.months import Month
from kexie_cli.core.problems import Finding

# A number of points a rule gives or takes: any finite number a person would write.
Points = Annotated[float, _Bound(ge=-LARGEST, le=LARGEST)]


class ItemKind(StrEnum):
    """What an item of the rules scores (docs/score.md)."""

    ON_TIME = "on_time"  # 按时完成率: done by the deadline in force ÷ due (or done) by as_of
    PROGRESS = "progress"  # 平均进度对照序时进度: points per `per` percentage points behind
    MISSING_REPORTS = "missing_reports"  # 未报送进展: a task with no entry in a period
    EXTENSIONS = "extensions"  # 延期: per extension granted
    LEVELS = "levels"  # 预警: per task that reached red or orange
    EVALUATION = "evaluation"  # 领导评价: points given per department (or leader)


# The keys each kind must have and may have (beside kind, name and note), as ENTRY_KEYS does
# for history entries: one table, read by the check below and by docs/score.md's reader.
ITEM_KEYS: dict[ItemKind, tuple[frozenset[str], frozenset[str]]] = {
    ItemKind.ON_TIME: (frozenset({"weight"}), frozenset({"max"})),
    ItemKind.PROGRESS: (frozenset({"weight"}), frozenset({"per", "max"})),
    ItemKind.MISSING_REPORTS: (frozenset({"weight"}), frozenset({"periods", "max"})),
    ItemKind.EXTENSIONS: (frozenset({"weight"}), frozenset({"max"})),
    ItemKind.LEVELS: (frozenset(), frozenset({"red", "orange", "max"})),
    ItemKind.EVALUATION: (frozenset({"points"}), frozenset({"max"})),
}
_ALWAYS = frozenset({"kind", "name", "note"})
DEFAULT_PER = 10.0  # progress: the percentage points behind that cost `weight`


@dataclass(frozen=True)
class Item:
    """One item of the score: its kind, its Chinese name, and the numbers its kind takes."""

    __pydantic_config__ = STRICT

    kind: ItemKind
    name: Name
    weight: Amount | None = None  # the points at stake (on_time) or taken per unit (others)
    per: Amount | None = None  # progress: percentage points behind per `weight`
    max: Amount | None = None  # the most the item takes (or, for evaluation, gives)
    periods: list[Month] | None = None  # missing_reports: the months forms were due
    red: Amount | None = None  # levels: points taken per task that reached red
    orange: Amount | None = None  # … orange
    points: dict[Name, Points] | None = None  # evaluation: name → points given
    note: Text | None = None


@dataclass(frozen=True)
class Rules:
    """A 考核 scheme: its title, the base score, and its items in the order shown."""

    __pydantic_config__ = STRICT

    title: Name
    items: list[Item]
    base: Points = 100.0
    source: Text = ""  # the published scheme it follows
    note: Text | None = None

    def item(self, kind: ItemKind) -> Item | None:
        return next((i for i in self.items if i.kind is kind), None)


def item_findings(raw: Any) -> Iterable[Finding]:
    """What Pydantic cannot see: the keys each kind needs and takes, a kind given twice, an
    evaluation above its own `max`, a levels item that names no level."""
    items = raw.get("items") if isinstance(raw, dict) else None
    if not isinstance(items, list):
        return
    named = [i for i in items if isinstance(i, dict) and isinstance(i.get("kind"), str)]
    kinds = Counter(i["kind"] for i in named)  # a kind written as a list or a map: the schema's
    for index, item in enumerate(items):
        if not any(item is i for i in named) or item["kind"] not in set(ItemKind):
            continue  # the schema says why
        kind = ItemKind(item["kind"])
        at = ("items", index)
        if kinds[item["kind"]] > 1:
            yield Finding((*at, "kind"), f"{kind} 项重复：每种只能有一项")
        required, optional = ITEM_KEYS[kind]
        given = {k for k, v in item.items() if v is not None}
        for key in sorted(required - given):
            yield Finding(at, f"{kind} 项缺少 {key}")
        for key in sorted(given - required - optional - _ALWAYS):
            yield Finding((*at, key), f"{kind} 项不应有 {key}")
        if kind is ItemKind.LEVELS and not given & {"red", "orange"}:
            yield Finding(at, "levels 项至少要有 red、orange 之一")
        yield from _evaluation_cap(item, at)


def _evaluation_cap(item: dict[str, Any], at: tuple[Any, ...]) -> Iterable[Finding]:
    points, top = item.get("points"), item.get("max")
    if not isinstance(points, dict):
        return
    try:
        cap = float(top) if top is not None else None
    except (TypeError, ValueError):
        return  # the schema says why
    for name, value in points.items():
        try:
            given = float(value)
        except (TypeError, ValueError):
            continue
        if cap is not None and abs(given) > cap:
            yield Finding((*at, "points", name), f"{name} 的评价分 {value} 超过本项上限 {top}")
