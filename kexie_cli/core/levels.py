"""Warning levels (预警: 蓝色, 黄色, 橙色, 红色) by the plan's 督办 rules (core/supervision.py).

At a date, a task not done has a base level: 红色 overdue (by `red_days`), 黄色 behind the
序时进度 by more than `yellow_points` (or below a milestone due), 蓝色 with its deadline in
force ending within `blue_days`, else none. 黄色 escalates: at `orange_after` month ends in a
row it is 橙色, and with `urge_step` each 催办 sent to its lead while 黄色 or 橙色 raises it one
step (a 催办 to the lead under one of its aliases, the plan's `departments:`, is to the lead).
So a level is a replay: over the month ends from the plan's start, the days a 催办 was
sent, and the date asked — a run of 黄色 ends at the first of these days the task is not 黄色.
A task done, awaiting 销号 (done on the department's side), or in any status other than the
open four (cancelled, paused) has no level.

`task_level` is what a command asks; `level_replay` the same replay, day by day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum

from kexie_cli.core.models import EntryKind, Task
from kexie_cli.core.months import Month
from kexie_cli.core.status import Status, TaskState, is_behind, task_state, time_gone
from kexie_cli.core.supervision import Supervision


class Level(StrEnum):
    BLUE = "blue"
    YELLOW = "yellow"
    ORANGE = "orange"
    RED = "red"

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]

    def up(self) -> Level:
        """One step up (红色 stays 红色)."""
        order = list(Level)
        return order[min(order.index(self) + 1, len(order) - 1)]


LEVEL_LABELS = {
    Level.BLUE: "蓝色",
    Level.YELLOW: "黄色",
    Level.ORANGE: "橙色",
    Level.RED: "红色",
}

# The statuses a level applies to: a task done, cancelled or paused (and any status added
# later) is out of the 督办 warnings.
OPEN = frozenset({Status.OVERDUE, Status.BEHIND, Status.IN_PROGRESS, Status.NOT_STARTED})


def base_level(state: TaskState, start: Month, rules: Supervision) -> Level | None:
    """The level the state is at by the rules alone, before any escalation."""
    if state.status not in OPEN or state.awaiting:  # awaiting 销号: done on its side
        return None
    when = state.as_of or dt.date.today()
    last = state.due.last_day
    if when >= last and (when - last).days >= rules.red_days:  # overdue: see time_gone
        return Level.RED
    if state.targets:
        gone = time_gone(start.year, start.month, state.due.year, state.due.month, when)[0]
        if is_behind(list(state.targets), when, gone, rules.yellow_points):
            return Level.YELLOW
    return Level.BLUE if (last - when).days <= rules.blue_days else None


def _raised(base: Level | None, ends: int, urged: int, rules: Supervision) -> Level | None:
    """黄色 escalated by the month ends in a row it has been 黄色 and the 催办 sent since."""
    if base is not Level.YELLOW:
        return base
    level = Level.ORANGE if rules.orange_after and ends >= rules.orange_after else base
    for _ in range(urged):
        level = level.up()
    return level


def month_ends(start: Month, until: dt.date) -> list[dt.date]:
    """The last day of each month from the plan's start to `until`."""
    found = []
    month = start
    while month.last_day <= until:
        found.append(month.last_day)
        month = month.following
    return found


Aliases = Mapping[str, str]  # the plan's `departments: aliases:` (科普部 → 普及部（中心）)


def urge_days(
    task: Task, start: Month, until: dt.date, aliases: Aliases | None = None
) -> set[dt.date]:
    """The days a 催办 naming the task was sent to a department leading it (by any name the
    plan gives it), from the plan's start to `until`: one sent to a supporter (（配合）in its
    digest) presses the supporter, not the lead, so it raises nothing (a task with no lead:
    any department it was sent to)."""
    first = start.first_day
    return {
        h.date
        for h in task.history
        if h.kind is EntryKind.URGE and first <= h.date <= until and _to_lead(task, h.to, aliases)
    }


def _to_lead(task: Task, to: str | None, aliases: Aliases | None) -> bool:
    from kexie_cli.core.names import matches, matching_with

    if not task.lead or to is None:
        return True
    return bool(matching_with(to, task.lead, dict(aliases or {}))) or any(
        matches(n, to) for n in task.lead
    )


def _days(
    task: Task, start: Month, until: dt.date, rules: Supervision, aliases: Aliases | None
) -> list[dt.date]:
    """The days the replay looks at, in order: month ends, 催办 days (if they count), `until`."""
    days = set(month_ends(start, until)) | {until}
    if rules.urge_step:
        days |= urge_days(task, start, until, aliases)
    return sorted(days)


def level_replay(
    task: Task,
    start: Month,
    until: dt.date,
    rules: Supervision,
    state_at: Callable[[dt.date], TaskState] | None = None,
    aliases: Aliases | None = None,
) -> Iterator[tuple[dt.date, Level | None]]:
    """The level on each day the replay looks at up to `until` (the last one yielded)."""
    days = _days(task, start, until, rules, aliases)
    yield from _run(task, start, days, rules, state_at, aliases)


def _run(
    task: Task,
    start: Month,
    days: list[dt.date],
    rules: Supervision,
    state_at: Callable[[dt.date], TaskState] | None = None,
    aliases: Aliases | None = None,
) -> Iterator[tuple[dt.date, Level | None]]:
    state_at = state_at or (lambda day: task_state(task, start, day))
    urging = rules.urge_step and days
    urged_on = urge_days(task, start, days[-1], aliases) if urging else set()
    ends = urged = 0
    for day in days:
        base = base_level(state_at(day), start, rules)
        if base is not Level.YELLOW:
            ends = urged = 0
            yield day, base
            continue
        ends += day == Month(day.year, day.month).last_day
        level = _raised(base, ends, urged, rules)
        if day in urged_on and level in (Level.YELLOW, Level.ORANGE):
            urged += 1  # one step a day, however many departments were reminded
            level = _raised(base, ends, urged, rules)
        yield day, level


def month_levels(
    task: Task, start: Month, until: dt.date, rules: Supervision, aliases: Aliases | None = None
) -> list[tuple[Month, Level | None]]:
    """The level at each month end from the plan's start to `until`: the record a 考核 reads."""
    ends = set(month_ends(start, until))
    return [
        (Month(day.year, day.month), level)
        for day, level in level_replay(task, start, until, rules, aliases=aliases)
        if day in ends
    ]


def task_level(
    task: Task,
    start: Month,
    as_of: dt.date,
    rules: Supervision,
    state: TaskState | None = None,
    aliases: Aliases | None = None,
) -> Level | None:
    """The task's level at `as_of` (what `level_replay` ends with), replaying only the run of
    黄色 days before it: a day not 黄色 starts the count afresh. `state`: the task's state at
    as_of, if already worked out; `aliases`: the plan's names for its departments."""
    state = state if state is not None else task_state(task, start, as_of)
    base = base_level(state, start, rules)
    if base is not Level.YELLOW:
        return base
    if not rules.orange_after and not rules.urge_step:
        return base
    days = _days(task, start, as_of, rules, aliases)[:-1]
    run = [as_of]
    ends = 0
    for day in reversed(days):
        if base_level(task_state(task, start, day), start, rules) is not Level.YELLOW:
            break
        run.append(day)
        ends += day == Month(day.year, day.month).last_day
        if not rules.urge_step and ends >= rules.orange_after:
            break  # 橙色 already, and no 催办 can raise it
    run.reverse()

    def state_at(day: dt.date) -> TaskState:
        return state if day == as_of else task_state(task, start, day)

    *_, (_, level) = _run(task, start, run, rules, state_at, aliases)
    return level


def leveled(
    state: TaskState, start: Month, rules: Supervision, aliases: Aliases | None = None
) -> TaskState:
    """The state with its level at its own date."""
    when = state.as_of or dt.date.today()
    level = task_level(state.task, start, when, rules, state, aliases)
    return state if level is None else state._replace(level=level)
