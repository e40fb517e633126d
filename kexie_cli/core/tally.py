"""The status report: tasks due by a month, counted by department, leader or section.

A task with two lead departments (or two leaders) counts in each of their groups; the total
counts every task once, so the groups may add up to more than the total.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from kexie_cli.core.levels import Level
from kexie_cli.core.models import Task, TasksPlan
from kexie_cli.core.months import Month
from kexie_cli.core.names import bare, canonical, normalize, same
from kexie_cli.core.queries import plan_states
from kexie_cli.core.status import DEFAULT_WITHIN, ENDED, Flag, Status, TaskState, time_gone

UNNAMED = "（清单未列）"  # a task the list names no one for (task 20 has no 牵头部室)

# --by value → (the column's own word, the names a task is counted under)
GROUPINGS: dict[str, tuple[str, Callable[[Task], list[str]]]] = {
    "dept": ("牵头部室", lambda task: task.lead),
    "leader": ("责任领导", lambda task: task.leaders),
    "section": ("类型", lambda task: [task.section] if task.section else []),
    "unit": ("地方", lambda task: [p for t in task.targets for p in t.places]),
    "org": ("组织", lambda task: [task.org] if task.org else []),  # then each level: roll_up
}


@dataclass(slots=True)
class Tally:
    """One line of the group table: how many tasks, how many in each status, how many
    with each flag (done on time or late, extended, due soon) and at each level (预警)."""

    name: str
    counts: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(Status, 0))
    flags: dict[Flag, int] = field(default_factory=lambda: dict.fromkeys(Flag, 0))
    levels: dict[Level, int] = field(default_factory=lambda: dict.fromkeys(Level, 0))
    shares: list[float] = field(default_factory=list)  # of the tasks with figures

    def add(
        self,
        status: Status,
        flags: list[Flag],
        level: Level | None = None,
        share: float | None = None,
    ) -> None:
        self.counts[status] += 1
        for flag in flags:
            self.flags[flag] += 1
        if level is not None:
            self.levels[level] += 1
        if share is not None:
            self.shares.append(share)

    @property
    def progress(self) -> float | None:
        """The mean share done of its tasks with figures, % (None: no such task)."""
        return sum(self.shares) / len(self.shares) * 100 if self.shares else None

    @property
    def tasks(self) -> int:
        return sum(self.counts.values())

    @property
    def counted(self) -> int:
        """The tasks the rate is of: every task but those cancelled or paused."""
        return self.tasks - sum(self.counts[s] for s in ENDED)

    @property
    def rate(self) -> float:
        """Completion rate: done / tasks counted, as a percentage (0 with none)."""
        return self.counts[Status.DONE] / self.counted * 100 if self.counted else 0.0


class Report(NamedTuple):
    """The tasks of a report (`states`, every one) and their tallies; `counted` and `ended`
    split them: those cancelled or paused are listed apart."""

    plan: TasksPlan
    as_of: dt.date
    due: Month | None
    margin: float
    by: str
    states: list[TaskState]
    groups: list[Tally]
    total: Tally
    within: int = DEFAULT_WITHIN

    @property
    def counted(self) -> list[TaskState]:
        return [s for s in self.states if s.ended is None]

    @property
    def ended(self) -> list[TaskState]:
        return [s for s in self.states if s.ended is not None]

    @property
    def group_header(self) -> str:
        return GROUPINGS[self.by][0]

    @property
    def progress(self) -> float | None:
        """The mean share done of the tasks with figures, as a percentage (None: no such task);
        a task cancelled or paused is left out."""
        shares = [s.share for s in self.states if s.share is not None and s.ended is None]
        return sum(shares) / len(shares) * 100 if shares else None

    @property
    def time_share(self) -> float:
        """The share of the plan's year gone at as_of (from its start month to Dec 31), %."""
        start = self.plan.start
        return time_gone(start.year, start.month, self.plan.year, 12, self.as_of)[0] * 100


def build_report(
    plan: TasksPlan,
    as_of: dt.date,
    due: Month | None,
    margin: float,
    by: str = "dept",
    within: int = DEFAULT_WITHIN,
    org_levels: dict[str, str] | None = None,
) -> Report:
    """The tasks due by the month (by the deadline in force at as_of), tallied; by
    organisation, then by level (`org_levels`: each organisation's 省/市/县)."""
    states = plan_states(plan, as_of, margin, within)
    if due is not None:
        states = [s for s in states if s.due <= due]
    groups = tally_groups(states, by, plan.departments.aliases)
    if by == "org":
        groups += roll_up(states, org_levels or {})
    return Report(plan, as_of, due, margin, by, states, groups, tally(states), within)


def roll_up(states: list[TaskState], levels: dict[str, str]) -> list[Tally]:
    """A tally per level (县级合计, …) of the organisations whose level is known."""
    found: dict[str, Tally] = {}
    for level in ("省", "市", "县"):
        members = [s for s in states if levels.get(s.task.org) == level]
        if members:
            found[level] = tally(members, f"{level}级合计")
    return list(found.values())


def tally(states: list[TaskState], name: str = "合计") -> Tally:
    total = Tally(name)
    for state in states:
        total.add(state.status, state.flags(), state.level, state.share)
    return total


def tally_groups(
    states: list[TaskState], by: str, aliases: dict[str, str] | None = None
) -> list[Tally]:
    """One tally per group of `grouped`. By place (`unit`), a task counts under each place of
    its targets, done there when the place has met every number it has in the task."""
    flags: dict[int, list[Flag]] = {}  # a task in two groups is asked its flags once
    found = []
    for name, members in grouped(states, by, aliases):
        group = Tally(name)
        for state in members:
            status = _place_status(state, name) if by == "unit" else state.status
            group.add(status, flags.setdefault(id(state), state.flags()), state.level, state.share)
        found.append(group)
    return found


def grouped(
    states: list[TaskState], by: str, aliases: dict[str, str] | None = None
) -> list[tuple[str, list[TaskState]]]:
    """The tasks under each name, in order of first appearance in the plan (a task with two
    lead departments is under both, once in each).

    Names written differently are one group, shown as first written, as `--dept` would match
    them: 普及部 / 普及部（中心） (bracketed part dropped) and 各县(市、区)科协 / 各县(市)区科协
    (brackets dropped, contents kept). A department's alias counts as the department, under
    its name (市馆 → 市科技馆). By place (`unit`), a task not broken down counts nowhere.
    """
    names_of = GROUPINGS[by][1]
    aliases = aliases or {}
    keys: dict[str, int] = {}  # each normal form of each name seen → its group's index
    spelled: dict[str, int] = {}  # each spelling seen: a plan repeats a few dozen names
    found: list[tuple[str, list[TaskState]]] = []
    for state in states:
        names = names_of(state.task)
        if not names and by == "unit":
            continue
        indexes: dict[int, None] = {}  # a task counts once in a group
        for name in names or [UNNAMED]:
            if name not in spelled:
                meant = canonical(name, aliases) if by == "dept" else name
                spelled[name] = _group(meant, keys, found)
            indexes[spelled[name]] = None
        for index in indexes:
            found[index][1].append(state)
    return found


def _place_status(state: TaskState, place: str) -> Status:
    """A task's status at one place: done there once the place met its numbers."""
    own = [p for t in state.targets for p in t.places if same(p.name, place)]
    if state.status is Status.DONE or (own and all(p.met for p in own)):
        return Status.DONE
    return state.status


def _group(name: str, keys: dict[str, int], found: list[tuple[str, list[TaskState]]]) -> int:
    """The index of the group a name belongs to, by its normal forms; a new one if none."""
    forms = (normalize(name), bare(name))
    index = next((keys[k] for k in forms if k in keys), None)
    if index is None:
        index = len(found)
        found.append((name, []))
    for key in forms:
        keys.setdefault(key, index)
    return index
