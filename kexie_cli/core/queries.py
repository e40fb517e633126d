"""Which tasks a person asked for: every filter given must hold.

Pure: returns the matching task states, each with its role for the department asked about,
and a notice for any name that matches nothing (the command prints it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from typing import NamedTuple

from kexie_cli.core.levels import Level, leveled
from kexie_cli.core.models import Departments, Point, Task, TasksPlan
from kexie_cli.core.months import Month
from kexie_cli.core.names import canonical, distinct, fold, matches, matching, matching_with, same
from kexie_cli.core.problems import KexieError
from kexie_cli.core.record import effective_due
from kexie_cli.core.status import (
    DEFAULT_MARGIN,
    DEFAULT_WITHIN,
    Flag,
    Status,
    TaskState,
    task_state,
)

LEAD, SUPPORT = "牵头", "配合"


class Filters(NamedTuple):
    dept: str | None = None
    lead_only: bool = False
    leader: str | None = None
    due: Month | None = None  # due (by the deadline in force) in or before this month
    status: Collection[Status | Flag | Level] = ()  # in any of these; none: every status
    grep: str | None = None


class Found(NamedTuple):
    state: TaskState
    role: str | None = None  # 牵头 / 配合, when a department was asked about


class Selection(NamedTuple):
    found: list[Found]
    notices: list[str]  # names that match nothing, with the names that exist


def plan_states(
    plan: TasksPlan,
    as_of: dt.date | None = None,
    margin: float = DEFAULT_MARGIN,
    within: int = DEFAULT_WITHIN,
) -> list[TaskState]:
    start, rules = plan.start, plan.supervision
    states = (task_state(task, start, as_of, margin, within) for task in plan.tasks)
    aliases = plan.departments.aliases
    return [leveled(state, start, rules, aliases) for state in states]


def due_by(task: Task, month: Month, as_of: dt.date) -> bool:
    """Due in or before the month by the deadline in force at as_of (an extension moves it)."""
    return (effective_due(task, as_of) if task.history else task.due) <= month


def in_any(state: TaskState, wanted: Collection[Status | Flag | Level]) -> bool:
    """In any of the statuses, flags or levels (预警) asked for."""
    return any(
        w is state.status or w is state.level or (isinstance(w, Flag) and state.has(w))
        for w in wanted
    )


def select_tasks(
    plan: TasksPlan,
    filters: Filters,
    as_of: dt.date | None = None,
    margin: float = DEFAULT_MARGIN,
    within: int = DEFAULT_WITHIN,
) -> Selection:
    """The tasks every filter holds for; a task's state is worked out only once the filters
    that need none have kept it."""
    tasks = plan.tasks
    when = as_of or dt.date.today()
    notices: list[str] = []
    depts = leaders = None  # no such filter; the names in a plan are gathered only if asked
    groups: dict[str, str] = {}  # a group holding the department asked about → its name
    if filters.dept is not None:
        office = plan.departments
        depts = _wanted(filters.dept, departments(tasks), "部室", notices, office.aliases)
        groups = holding_groups(depts, departments(tasks), office) if depts else {}
    if filters.leader is not None:
        leaders = _wanted(
            filters.leader, unique(n for t in tasks for n in t.leaders), "领导", notices
        )
    found = []
    for task in tasks:
        role = _role(task, depts, groups, filters.lead_only) if depts is not None else None
        if depts is not None and role is None:
            continue
        if leaders is not None and leaders.isdisjoint(task.leaders):
            continue
        if filters.due is not None and not due_by(task, filters.due, when):
            continue
        if filters.grep and not grep_text(filters.grep, task_text(task)):
            continue
        state = task_state(task, plan.start, when, margin, within)
        state = leveled(state, plan.start, plan.supervision, plan.departments.aliases)
        if filters.status and not in_any(state, filters.status):
            continue
        found.append(Found(state, role))
    return Selection(found, notices)


def select_points(points: Sequence[Point], filters: Filters) -> list[Point]:
    """A work-points notice has only sections, titles and text: --grep is the filter it takes."""
    unsupported = [
        option
        for option, given in (
            ("--dept", filters.dept),
            ("--lead-only", filters.lead_only),
            ("--leader", filters.leader),
            ("--due", filters.due),
            ("--status", filters.status),
        )
        if given
    ]
    if unsupported:
        raise KexieError(
            f"工作要点没有部室、领导、时限和进度，不能用 {'、'.join(unsupported)} 筛选；可用 --grep"
        )
    if not filters.grep:
        return list(points)
    return [p for p in points if grep_text(filters.grep, [p.title, p.content, p.section])]


def departments(tasks: Iterable[Task]) -> list[str]:
    """Every department named as lead or support, in order of first appearance."""
    return unique(name for task in tasks for name in (*task.lead, *task.support))


def unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


def task_text(task: Task) -> list[str]:
    return [task.focus, task.content, *task.measures]


def grep_text(query: str, texts: Iterable[str]) -> bool:
    """Plain substring search, blind to full/half width and letter case."""
    wanted = fold(query)
    return any(wanted in fold(text) for text in texts)


def holding_groups(depts: set[str], names: list[str], office: Departments) -> dict[str, str]:
    """Every spelling in the plan of a group with one of the departments among its members
    (组宣部 is one of 机关各部室), mapped to the group's name as declared."""
    found = {}
    for group, members in office.groups.items():
        if any(matches(member, name) for member in members for name in depts):
            found |= dict.fromkeys(matching(group, names), group)
    return found


def _wanted(
    query: str,
    names: list[str],
    kind: str,
    notices: list[str],
    aliases: dict[str, str] | None = None,
) -> set[str]:
    """The names a query stands for (an alias, its department); a notice if it matches none."""
    found = matching_with(query, names, aliases) if aliases else matching(query, names)
    if not found:
        existing = "、".join(distinct(names)) or "（无）"
        notices.append(f"没有名为 {query} 的{kind}；现有：{existing}")
    return found


def _role(task: Task, depts: set[str], groups: dict[str, str], lead_only: bool) -> str | None:
    """牵头 / 配合, or 配合（机关各部室） when the department takes part as one of a group."""
    for role, names in ((LEAD, task.lead), (SUPPORT, task.support)):
        if role == SUPPORT and lead_only:
            break
        # isdisjoint, not intersection: asked of every task, and it builds no set
        if not depts.isdisjoint(names):
            return role
        via = next((groups[n] for n in names if n in groups), None)
        if via is not None:
            return f"{role}（{via}）"
    return None


class NameCount(NamedTuple):
    """A department or leader with the tasks it leads and supports, and how else it is
    written (other spellings, the office's aliases)."""

    name: str
    lead: int
    support: int
    also: list[str]

    @property
    def tasks(self) -> int:
        return self.lead + self.support


def name_counts(plan: TasksPlan, kind: str) -> list[NameCount]:
    """Every department (`dept`: lead and support; a group as one name) or leader (`leader`)
    of the plan, once however written, in order of first appearance, with its task counts."""
    aliases = plan.departments.aliases if kind == "dept" else {}
    found: dict[str, list] = {}  # the name as first written → [lead ids, support ids, spellings]
    for task in plan.tasks:
        roles = ((0, task.lead), (1, task.support)) if kind == "dept" else ((0, task.leaders),)
        for role, names in roles:
            for name in names:
                meant = canonical(name, aliases)
                key = next((k for k in found if same(k, meant)), meant)
                entry = found.setdefault(key, [set(), set(), []])
                entry[role].add(task.id)
                if name != key and name not in entry[2]:
                    entry[2].append(name)
    for alias, meant in aliases.items():
        key = next((k for k in found if same(k, canonical(meant, aliases))), None)
        if key is not None and alias not in found[key][2]:
            found[key][2].append(alias)
    return [
        NameCount(name, len(lead), len(support - lead), also)
        for name, (lead, support, also) in found.items()
    ]
