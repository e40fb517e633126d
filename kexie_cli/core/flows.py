"""Figures that flow up (issue 29): a county's target `reports_to` a city target's place, so
the city's figure for that place is the county's, read at the same date, with its source; a
city task `implements` a province's work point, so the province sees, per point, the tasks
that carry it out. Pure: plans in, plans (or findings) out."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from kexie_cli.core.history import done_as_of
from kexie_cli.core.links import ReportsTo
from kexie_cli.core.models import Plan, PointsPlan, Target, Task, TasksPlan
from kexie_cli.core.names import same
from kexie_cli.core.orgs import TreeFinding, key

Node = tuple[int, int, int]  # plan index, task index, target key (1-based)


class Link(NamedTuple):
    """One `reports_to` found: from a target to a target (and the place within it)."""

    source: Node
    dest: Node | None  # None: it names nothing
    place: str | None  # the place's name as the destination target writes it
    problem: str  # why it names nothing ('' when it resolves)


def _task_index(plans: Sequence[Plan]) -> dict[tuple[str, int, int], tuple[int, int]]:
    """(organisation key, year, task id) → (plan index, task index), for the task lists."""
    found: dict[tuple[str, int, int], tuple[int, int]] = {}
    for i, plan in enumerate(plans):
        if isinstance(plan, TasksPlan) and plan.plan.org:
            for j, task in enumerate(plan.tasks):
                found.setdefault((key(plan.plan.org), plan.year, task.id), (i, j))
    return found


def links(plans: Sequence[Plan]) -> list[Link]:
    """Every `reports_to` of the plans, resolved to its destination or told why not."""
    sources = [
        ((i, j, k), target.reports_to)
        for i, plan in enumerate(plans)
        if isinstance(plan, TasksPlan)
        for j, task in enumerate(plan.tasks)
        for k, target in enumerate(task.targets, start=1)
        if target.reports_to is not None
    ]
    if not sources:  # the usual plan: no index of every task built (~10 ms for 10,000)
        return []
    index = _task_index(plans)
    orgs_known = {key(p.plan.org) for p in plans if p.plan.org}
    return [_resolve(plans, index, orgs_known, node, to) for node, to in sources]


def _resolve(
    plans: Sequence[Plan],
    index: dict[tuple[str, int, int], tuple[int, int]],
    orgs_known: set[str],
    source: Node,
    to: ReportsTo,
) -> Link:
    where = index.get((key(to.org), to.year, to.task))
    if where is None:
        if key(to.org) not in orgs_known:
            return Link(source, None, None, f"没有名为 {to.org} 的组织的计划")
        if not any(k[:2] == (key(to.org), to.year) for k in index):
            return Link(source, None, None, f"{to.org} 没有 {to.year} 年的任务分解清单")
        return Link(source, None, None, f"{to.org} {to.year} 年清单中没有任务 {to.task}")
    plan = plans[where[0]]
    assert isinstance(plan, TasksPlan)
    task = plan.tasks[where[1]]
    if to.target > len(task.targets):
        message = f"{to.org} 任务 {to.task} 没有第 {to.target} 项指标（共 {len(task.targets)} 项）"
        return Link(source, None, None, message)
    target = task.targets[to.target - 1]
    dest = (*where, to.target)
    if not target.places:
        if to.place:
            message = f"{to.org} 任务 {to.task}.{to.target} 没有分解到地方，不应写 place"
            return Link(source, None, None, message)
        return Link(source, dest, None, "")
    if not to.place:
        places = "、".join(target.places)
        message = f"{to.org} 任务 {to.task}.{to.target} 分解到地方，须写 place（{places}）"
        return Link(source, None, None, message)
    name = next((n for n in target.places if same(n, to.place)), None)
    if name is None:
        places = "、".join(target.places)
        message = f"{to.org} 任务 {to.task}.{to.target} 没有地方 {to.place}；现有：{places}"
        return Link(source, None, None, message)
    return Link(source, dest, name, "")


def link_findings(plans: Sequence[Plan]) -> list[TreeFinding]:
    """`kexie check` on a tree: a link to nothing, two links into one figure, a figure also
    entered where it flows to, a cycle of links, a work point that does not exist."""
    found: list[TreeFinding] = []
    taken: dict[tuple[Node, str | None], Node] = {}
    edges: dict[Node, Node] = {}
    for link in links(plans):
        i, j, k = link.source
        loc = ("tasks", j, "targets", k - 1, "reports_to")
        if link.dest is None:
            found.append((i, loc, link.problem))
            continue
        to = _task(plans, link.source).targets[k - 1].reports_to
        assert to is not None
        if (link.dest, link.place) in taken:
            other = _label(plans, taken[(link.dest, link.place)])
            found.append((i, loc, f"{to.label()} 已由 {other} 报送，不能两处报送"))
            continue
        taken[(link.dest, link.place)] = link.source
        edges[link.source] = link.dest
        if entered := _entered(_task(plans, link.dest), link.dest[2], link.place):
            message = f"{to.label()} 的数字由此报送，那里不应再登记（{entered}）"
            found.append((i, loc, message))
    found += _cycles(plans, edges)
    return found + _point_findings(plans)


def _entered(task: Task, target_key: int, place: str | None) -> str:
    """Where the destination itself holds a figure for what flows into it: '' if nowhere."""
    for h, entry in enumerate(task.history, start=1):
        if entry.target == target_key and entry.unit == place and entry.after is not None:
            return f"第 {h} 条记录 {entry.date}"
    target = task.targets[target_key - 1]
    done = target.places[place].done if place is not None else target.done
    return f"done: {done:g}" if done else ""


def _cycles(plans: Sequence[Plan], edges: dict[Node, Node]) -> list[TreeFinding]:
    """A figure that, link by link, flows back to itself: told once, at its first link."""
    found: list[TreeFinding] = []
    told: set[Node] = set()
    for start in edges:
        path, node = [start], edges[start]
        while node in edges and node not in path:
            path.append(node)
            node = edges[node]
        if node == start and not told & set(path):
            told |= set(path)
            chain = " → ".join(_label(plans, n) for n in [*path, start])
            i, j, k = min(path)
            found.append((i, ("tasks", j, "targets", k - 1, "reports_to"), f"报送循环：{chain}"))
    return found


def _point_findings(plans: Sequence[Plan]) -> list[TreeFinding]:
    found: list[TreeFinding] = []
    for i, plan in enumerate(plans):
        if not isinstance(plan, TasksPlan):
            continue
        for j, task in enumerate(plan.tasks):
            if task.implements is None:
                continue
            notice = notice_for(plans, plan, task)
            what = task.implements
            whose = what.org or plan.plan.parent
            if notice is None and whose and key(whose) not in {key(p.plan.org) for p in plans}:
                message = f"没有名为 {whose} 的组织的计划（implements 所指的工作要点）"
                found.append((i, ("tasks", j, "implements"), message))
            elif notice is None:
                message = f"没有{whose or ''} {what.year} 年的工作要点"
                found.append((i, ("tasks", j, "implements"), message))
            elif all(point.id != what.point for point in notice.points):
                message = f"{notice.plan.title}中没有第 {what.point} 条要点"
                found.append((i, ("tasks", j, "implements", "point"), message))
    return found


def notice_for(plans: Sequence[Plan], plan: TasksPlan, task: Task) -> PointsPlan | None:
    """The work-points notice a task's `implements` names: of its `org`, else of the plan's
    parent organisation (a notice naming no organisation, when the plan names no parent)."""
    what = task.implements
    if what is None:
        return None
    whose = key(what.org or plan.plan.parent)
    return next(
        (
            p
            for p in plans
            if isinstance(p, PointsPlan) and p.year == what.year and key(p.plan.org) == whose
        ),
        None,
    )


def _task(plans: Sequence[Plan], node: Node) -> Task:
    plan = plans[node[0]]
    assert isinstance(plan, TasksPlan)
    return plan.tasks[node[1]]


def _label(plans: Sequence[Plan], node: Node) -> str:
    """大冶市科协 任务 7.1."""
    return f"{plans[node[0]].plan.org} 任务 {_task(plans, node).id}.{node[2]}"


# ---- the figures, flowed -------------------------------------------------------------------


def flowed(plans: Sequence[Plan], as_of: dt.date) -> list[Plan]:
    """The plans with each figure that reports into another's target written there, as the
    source's figure at `as_of`, with its source (`大冶市科协 任务 7，2025-06-28`). A figure
    flowing through several levels (county → city → province) is passed on a level a round;
    links to nothing and cycles (refused by `kexie check`) are left out."""
    found = [link for link in links(plans) if link.dest is not None]
    current = list(plans)
    for _ in range(len(found) + 1):
        changed = False
        for link in found:
            assert link.dest is not None
            value, source = _figure(current, link.source, as_of)
            dest = _task(current, link.dest)
            target = dest.targets[link.dest[2] - 1]
            if _written(target, link.place) == (value, source):
                continue
            changed = True
            new = _with_figure(target, link.place, value, source)
            targets = [new if t is target else t for t in dest.targets]
            current[link.dest[0]] = _replace_task(current, link.dest, targets)
        if not changed:
            break
    return current


def _figure(plans: Sequence[Plan], node: Node, as_of: dt.date) -> tuple[float, str]:
    """A target's figure at as_of and where it comes from: the organisation, the task, the
    date of the last figure by then."""
    task = _task(plans, node)
    dates = [h.date for h in task.history if h.target == node[2] and h.date <= as_of]
    day = f"，{max(dates)}" if dates else ""
    return done_as_of(task, node[2], as_of), f"{plans[node[0]].plan.org} 任务 {task.id}{day}"


def _written(target: Target, place: str | None) -> tuple[float, str | None]:
    if place is None:
        return target.done, target.source
    held = target.places[place]
    return held.done, held.source


def _with_figure(target: Target, place: str | None, value: float, source: str) -> Target:
    if place is None:
        new = dataclasses.replace(target, done=value)
        object.__setattr__(new, "source", source)
        return new
    units = dict(target.places)
    units[place] = dataclasses.replace(units[place], done=value)
    object.__setattr__(units[place], "source", source)
    new = dataclasses.replace(target, units=units)
    object.__setattr__(new, "source", target.source)
    return new


def _replace_task(plans: Sequence[Plan], node: Node, targets: list[Target]) -> TasksPlan:
    plan = plans[node[0]]
    assert isinstance(plan, TasksPlan)
    tasks = list(plan.tasks)
    tasks[node[1]] = dataclasses.replace(tasks[node[1]], targets=targets)
    return dataclasses.replace(plan, tasks=tasks)


def implementers(plans: Sequence[Plan], notice: PointsPlan) -> dict[int, list[tuple[int, Task]]]:
    """Each point of the notice with the tasks (plan index, task) that implement it."""
    found: dict[int, list[tuple[int, Task]]] = {point.id: [] for point in notice.points}
    for i, plan in enumerate(plans):
        if not isinstance(plan, TasksPlan):
            continue
        for task in plan.tasks:
            what = task.implements
            if what is not None and what.point in found and notice_for(plans, plan, task) is notice:
                found[what.point].append((i, task))
    return found


def at_date(
    plans: Sequence[Plan], as_of: dt.date | None, known_on: dt.date | None
) -> tuple[list[Plan], dt.date]:
    """The plans as a command answers at (`known_plan` of each), their figures flowed up,
    each task knowing its organisation; and the day they answer at."""
    from kexie_cli.core.history import answer_day, known_plan
    from kexie_cli.core.orgs import tag

    when = answer_day(as_of, known_on)
    known = [known_plan(p, as_of, known_on)[0] if isinstance(p, TasksPlan) else p for p in plans]
    if has_flows(known):
        known = flowed(known, when)
    return [tag(p) if isinstance(p, TasksPlan) else p for p in known], when


def has_flows(plans: Sequence[Plan]) -> bool:
    """Whether any plan's target reports into another's."""
    return any(
        t.reports_to is not None
        for plan in plans
        if isinstance(plan, TasksPlan)
        for task in plan.tasks
        for t in task.targets
    )
