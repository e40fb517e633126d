"""The year's 考核 score (`kexie score`): per department (or leader), the base of the rules and
each item's lines, every line about a task of the plan and what its record says.

Pure. The items are worked out by core/score_items.py; the rules are core/score_rules.py's.
A task cancelled or paused at the date is out of every item (its status says so once the
end states exist: read by value, so the score needs no change when they arrive).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple

from kexie_cli.core.models import TasksPlan
from kexie_cli.core.months import Month, MonthError, month_text
from kexie_cli.core.names import same
from kexie_cli.core.numbers import number_text
from kexie_cli.core.problems import Finding
from kexie_cli.core.queries import plan_states
from kexie_cli.core.score_items import LINES, Context, Line
from kexie_cli.core.score_rules import Item, ItemKind, Rules
from kexie_cli.core.status import DEFAULT_MARGIN, TaskState
from kexie_cli.core.tally import GROUPINGS, grouped

# The statuses of a task dropped (取消) or paused (暂缓): out of the rates and the averages.
SET_ASIDE = frozenset({"cancelled", "paused"})
BY = ("dept", "leader")


class Score(NamedTuple):
    name: str  # the department (or leader)
    score: float
    lines: tuple[Line, ...]
    tasks: int  # the tasks scored (those set apart not counted)
    rank: int = 0  # 1 the highest; equal scores share a rank


class Scoring(NamedTuple):
    rules: Rules
    as_of: dt.date
    by: str
    scores: list[Score]
    set_aside: list[TaskState]  # cancelled or paused at the date: listed apart

    @property
    def group_header(self) -> str:
        return GROUPINGS[self.by][0]


def set_aside(state: TaskState) -> bool:
    """Cancelled or paused at the date (by the status's value: see the module's note)."""
    return str(state.status) in SET_ASIDE


def score_plan(
    plan: TasksPlan,
    rules: Rules,
    as_of: dt.date,
    by: str = "dept",
    margin: float = DEFAULT_MARGIN,
) -> Scoring:
    """Every department's (or leader's) score at the date, in the plan's order, ranked."""
    states = plan_states(plan, as_of, margin)
    scored = [s for s in states if not set_aside(s)]
    ctx = Context(plan, as_of, margin)
    found = []
    for name, members in grouped(scored, by, plan.departments.aliases):
        lines = [line for item in rules.items for line in item_lines(item, name, members, ctx)]
        total = round(rules.base + sum(line.points for line in lines), 2)
        found.append(Score(name, total, tuple(lines), len(members)))
    return Scoring(rules, as_of, by, ranked(found), [s for s in states if set_aside(s)])


def item_lines(item: Item, name: str, members: list[TaskState], ctx: Context) -> list[Line]:
    """An item's lines for one group; its deductions held to its `max`, by a line saying so.
    Each line's points to the hundredth, as shown: the score is the base and the lines shown."""
    lines = [
        line._replace(points=round(line.points, 2) + 0.0)
        for line in LINES[item.kind](item, name, members, ctx)
    ]
    taken = round(-sum(line.points for line in lines if line.points < 0), 2)
    if item.max is not None and item.kind is not ItemKind.EVALUATION and taken > item.max:
        back = round(taken - item.max, 2)
        lines.append(
            Line(
                item.name,
                None,
                back,
                f"本项共扣 {number_text(taken)} 分，以 {number_text(item.max)} 分为限",
            )
        )
    return lines


def ranked(scores: list[Score]) -> list[Score]:
    """Each score with its rank (1 the highest; equal scores share one), in the order given."""
    order = sorted((s.score for s in scores), reverse=True)
    return [s._replace(rank=order.index(s.score) + 1) for s in scores]


def plan_findings(raw: Any, plan: TasksPlan, by: str) -> Iterable[Finding]:
    """What a rules file's data says that the plan does not bear out: an evaluation for a name
    no task is grouped under, a period outside the plan's year or before its start. Read from
    the data as written, so they are said with the file's other problems (values malformed
    are the schema's to say)."""
    items = raw.get("items") if isinstance(raw, dict) else None
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        at = ("items", index)
        points = item.get("points")
        if item.get("kind") == ItemKind.EVALUATION and isinstance(points, dict):
            names = {n for t in plan.tasks for n in GROUPINGS[by][1](t)}
            names |= set(plan.departments.aliases) if by == "dept" else set()
            for key in points:
                if not any(same(str(key), n) for n in names):
                    yield Finding((*at, "points", key), f"{key} 不是本计划的{GROUPINGS[by][0]}")
        months = item.get("periods")
        for m, written in enumerate(months if isinstance(months, list) else []):
            try:
                month = Month.parse(written)
            except MonthError:
                continue
            if month.year != plan.year or month < plan.start:
                yield Finding(
                    (*at, "periods", m),
                    f"月份 {month_text(month)} 不在计划 {plan.year} 年（自 {month_text(plan.start)} 起）内",
                )
