"""Each kind of 考核 item, worked out for one department's (or leader's) tasks: the lines it
gives, each with the task it is about and the points, so a score reads back to the plan.

Pure. The tasks come as their states at the score's date (core/status.py); those cancelled
or paused are already set apart (core/score.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from kexie_cli.core.models import EntryKind, Task, TasksPlan
from kexie_cli.core.months import Month, month_text, month_words
from kexie_cli.core.numbers import number_text, percent_text
from kexie_cli.core.pace import mean_pace, task_progress
from kexie_cli.core.score_rules import DEFAULT_PER, Item, ItemKind
from kexie_cli.core.status import Status, TaskState


class Line(NamedTuple):
    """One line of a score's explanation: `任务 7 逾期完成 −0.5`."""

    item: str  # the item's name, as the rules call it
    task: int | None  # the task it is about; None: the department as a whole
    points: float  # given (+) or taken (−); 0 for a line that only states a figure
    why: str


class Context(NamedTuple):
    plan: TasksPlan
    as_of: dt.date
    margin: float


Lines = Callable[[Item, str, list[TaskState], Context], list[Line]]


def on_time(item: Item, name: str, states: list[TaskState], ctx: Context) -> list[Line]:
    """按时完成率: the tasks due by the date (by the deadline in force) or done by then; each
    not done by its deadline takes its share of the weight, so the item gives weight × rate."""
    judged = [s for s in states if s.status is Status.DONE or s.due.last_day <= ctx.as_of]
    if not judged:
        return [Line(item.name, None, 0.0, "没有到期或已完成的任务")]
    weight = item.weight or 0.0
    each = weight / len(judged)
    late = [s for s in judged if s.status is Status.OVERDUE or s.on_time is False or _asked_late(s)]
    kept = len(judged) - len(late)
    summary = (
        f"按时完成 {kept} / {len(judged)} 项（{percent_text(kept / len(judged) * 100)}），"
        f"每项 {number_text(round(each, 2))} 分"
    )
    lines = [Line(item.name, None, 0.0, summary)]
    for state, cents in zip(late, shares(weight * len(late) / len(judged), len(late)), strict=True):
        due = month_text(state.due)
        if state.status is Status.DONE:
            why = f"逾期完成（{state.completed_on}，时限 {due}）"
        elif state.awaiting:
            why = f"逾期申请办结（{_asked_late(state)}，时限 {due}），待销号"
        else:
            why = f"逾期未完成（时限 {due}）"
        lines.append(Line(item.name, state.task.id, -cents / 100, why))
    return lines


def shares(total: float, count: int) -> list[int]:
    """The total to the hundredth split in `count` shares of whole hundredths, as even as can
    be (the first ones one hundredth more): the lines add up to the item as a person computes
    it — 40 × 14 ÷ 15 = 37.33, not 14 × 2.67 = 37.38."""
    cents = round(total * 100)
    each, more = divmod(cents, count) if count else (0, 0)
    return [each + (i < more) for i in range(count)]


def _asked(state: TaskState) -> dt.date | None:
    """The date of the completion request awaiting 销号 (the day the work was done), else None."""
    from kexie_cli.core.closing import sign_off_at

    return sign_off_at(state.task, state.as_of).asked if state.awaiting else None


def _asked_late(state: TaskState) -> dt.date | None:
    """The date of a completion request awaiting 销号 made after the deadline in force (the
    work done late, whenever the office closes it), else None: `report` counts the task 逾期完成
    once closed, so the score does not count it on time meanwhile."""
    asked = _asked(state)
    return asked if asked is not None and asked > state.due.last_day else None


def progress(item: Item, name: str, states: list[TaskState], ctx: Context) -> list[Line]:
    """平均进度对照序时进度: the tasks with figures, their mean share done against the mean
    share of their time gone (from the plan's start to each deadline in force); behind by
    more than nothing, `weight` for every `per` percentage points."""
    counted = [s for s in states if s.share is not None]
    if not counted:
        return [Line(item.name, None, 0.0, "没有可计数的目标")]
    figures = [task_progress(s) or 0.0 for s in counted]  # never None: each has a share
    mean = sum(figures) / len(figures)
    gone = mean_pace(counted, ctx.plan.start, ctx.as_of) or 0.0
    behind = round(gone - mean, 1)
    each = "、".join(
        f"任务 {s.task.id} {percent_text(figure)}"
        for s, figure in zip(counted, figures, strict=True)
    )
    why = f"平均进度 {percent_text(mean)}（{each}），序时进度 {percent_text(gone)}"
    if behind <= 0:
        return [Line(item.name, None, 0.0, f"{why}，未落后")]
    per = item.per or DEFAULT_PER
    points = -(item.weight or 0.0) * behind / per
    return [Line(item.name, None, points, f"{why}，落后 {number_text(behind)} 个百分点")]


# What a department sends for its task in a period: a figure, words, a request, a mark.
REPORTED = frozenset({EntryKind.FIGURE, EntryKind.REPORT, EntryKind.REQUEST, EntryKind.MARK})


def periods(item: Item, plan: TasksPlan) -> list[Month]:
    """The months forms were due: the item's `periods`, else every month of the plan's year
    from its start."""
    if item.periods:
        return sorted(set(item.periods))
    start = plan.start
    return [Month(plan.year, m) for m in range(start.month if start.year == plan.year else 1, 13)]


def missing_reports(item: Item, name: str, states: list[TaskState], ctx: Context) -> list[Line]:
    """未报送进展: each period ended by the date in which a task not yet done, nor paused or
    cancelled at the period's end, had no entry from its department (dated in the period: a
    form's entries are dated by its 截至)."""
    ended = [m for m in periods(item, ctx.plan) if m.last_day <= ctx.as_of]
    lines = []
    for state in states:
        task = state.task
        after = ctx.plan.start.first_day - dt.timedelta(days=1)
        done = state.completed_on or _asked(state)  # a request awaiting 销号: its part is done
        for month in ended:
            if done is not None and done <= after:
                break  # done before the period began: nothing more to report
            if not _held(task, month) and not _reported(task, after, month.last_day):
                lines.append(
                    Line(
                        item.name, task.id, -(item.weight or 0.0), f"{month_words(month)}未报送进展"
                    )
                )
            after = month.last_day
    return lines


_HOLDS = frozenset({EntryKind.PAUSE, EntryKind.RESUME, EntryKind.CANCEL})


def _held(task: Task, month: Month) -> bool:
    """Cancelled, or paused (through its `until` month, if it names one), at the period's end:
    nothing was due from it in that period."""
    last = None
    for entry in task.history:
        if entry.kind in _HOLDS and entry.date <= month.last_day:
            last = entry if last is None or entry.date >= last.date else last
    if last is None or last.kind is EntryKind.RESUME:
        return False
    return last.kind is EntryKind.CANCEL or last.until is None or month <= last.until


def _reported(task: Task, after: dt.date, until: dt.date) -> bool:
    return any(h.kind in REPORTED and after < h.date <= until for h in task.history)


def extensions(item: Item, name: str, states: list[TaskState], ctx: Context) -> list[Line]:
    """延期: each extension granted by the date."""
    return [
        Line(
            item.name,
            state.task.id,
            -(item.weight or 0.0),
            f"延期至 {month_text(entry.due_after or state.task.due)}（{entry.date}）",
        )
        for state in states
        for entry in state.extensions
    ]


LEVEL_WORDS = {"red": "红色", "orange": "橙色"}


def levels(item: Item, name: str, states: list[TaskState], ctx: Context) -> list[Line]:
    """预警: each task that reached red (or orange) by the date, once per level."""
    lines = []
    for state in states:
        for level, day in levels_reached(state.task, ctx.plan, ctx.as_of).items():
            points = getattr(item, level, None)
            if points:
                why = f"{day} 达到{LEVEL_WORDS[level]}预警"
                lines.append(Line(item.name, state.task.id, -points, why))
    return lines


def levels_reached(task: Task, plan: TasksPlan, as_of: dt.date) -> dict[str, dt.date]:
    """Each warning level counted (red, orange) the task reached by as_of, with the first day
    it stood at it: the plan's 督办 rules replayed (core/levels)."""
    from kexie_cli.core.levels import level_replay

    found: dict[str, dt.date] = {}
    aliases = plan.departments.aliases
    for day, level in level_replay(task, plan.start, as_of, plan.supervision, aliases=aliases):
        if level is not None and level.value in LEVEL_WORDS:
            found.setdefault(level.value, day)
    return found


def evaluation(item: Item, name: str, states: list[TaskState], ctx: Context) -> list[Line]:
    """领导评价: the points the rules give this department (or leader), if any."""
    from kexie_cli.core.names import same

    given = next((v for k, v in (item.points or {}).items() if same(k, name)), None)
    if given is None:
        return [Line(item.name, None, 0.0, "未给出评价")]
    return [Line(item.name, None, given, "领导评价")]


LINES: dict[ItemKind, Lines] = {
    ItemKind.ON_TIME: on_time,
    ItemKind.PROGRESS: progress,
    ItemKind.MISSING_REPORTS: missing_reports,
    ItemKind.EXTENSIONS: extensions,
    ItemKind.LEVELS: levels,
    ItemKind.EVALUATION: evaluation,
}
