"""A group's progress beside its 序时进度: how far its tasks are, and how far the time is.

A task's progress: 100% once done, else the mean share of its targets; a task with nothing to
count and not done has no figure. Its 序时进度: the share of the time from the plan's start to
its deadline in force gone at the date. A group's: the means over its tasks (None: no figure).
"""

from __future__ import annotations

import datetime as dt

from kexie_cli.core.months import Month
from kexie_cli.core.status import Status, TaskState, time_gone


def task_progress(state: TaskState) -> float | None:
    """Percent done: 100 when done, else the targets' mean share; None with nothing counted."""
    if state.status is Status.DONE:
        return 100.0
    return None if state.share is None else state.share * 100


def task_pace(state: TaskState, start: Month, as_of: dt.date) -> float:
    """Percent of the task's time gone: from the plan's start to the end of its deadline."""
    return time_gone(start.year, start.month, state.due.year, state.due.month, as_of)[0] * 100


def mean_progress(states: list[TaskState]) -> float | None:
    figures = [p for s in states if (p := task_progress(s)) is not None]
    return sum(figures) / len(figures) if figures else None


def mean_pace(states: list[TaskState], start: Month, as_of: dt.date) -> float | None:
    return sum(task_pace(s, start, as_of) for s in states) / len(states) if states else None
