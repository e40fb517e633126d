"""What the pictures of a report show: each department's completion and average progress, and
the year month by month (the record replayed at each month's end), against the 序时进度.

A task's progress and a department's 序时进度 are core/pace.py's, as the 通报 counts them: its
figures' mean share, 100% once done, none (left out of the average) with nothing to count and
not done; the share of each task's time gone, averaged. A task cancelled or paused at a date
is out of every figure, as it is out of the report's. Pure: the renderers in output/ draw it.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from kexie_cli.core.months import Month
from kexie_cli.core.pace import mean_pace, mean_progress
from kexie_cli.core.status import Status, TaskState, task_state, time_gone
from kexie_cli.core.tally import Report, grouped


class GroupBar(NamedTuple):
    """A department's bars: tasks, done, completion (done ÷ tasks) and mean progress, %."""

    name: str
    tasks: int
    done: int
    completion: float
    progress: float | None  # None: none of its tasks has a progress to average
    pace: float  # its 序时进度: the share of its tasks' time gone, averaged (core/pace.py)


class MonthPoint(NamedTuple):
    """The report's tasks at a month's end (or the report's date within its last month)."""

    day: dt.date
    done: int
    completion: float  # done ÷ tasks, %
    progress: float | None  # mean progress, %
    time_share: float  # the share of the plan's year gone, %


class Trend(NamedTuple):
    """All a report's pictures need: its date, 序时进度, departments, and months."""

    as_of: dt.date
    time_share: float
    groups: list[GroupBar]
    months: list[MonthPoint]


def group_bar(name: str, states: list[TaskState], start: Month, as_of: dt.date) -> GroupBar:
    done = sum(s.status is Status.DONE for s in states)
    rate = done / len(states) * 100 if states else 0.0
    pace = mean_pace(states, start, as_of) or 0.0
    return GroupBar(name, len(states), done, rate, mean_progress(states), pace)


def month_ends(start: Month, as_of: dt.date) -> list[dt.date]:
    """Each month's last day from the plan's start up to as_of, and as_of itself when it
    falls within a month (never past the plan's year)."""
    days = []
    month = start
    while month.last_day <= as_of and month.year <= start.year:
        days.append(month.last_day)
        month = month.following
    if as_of.year == start.year and (not days or days[-1] < as_of):
        days.append(as_of)
    return days


def trend(report: Report) -> Trend:
    """The report's pictures: its departments (as `--by dept` groups them) and its tasks at
    each month's end, replayed from the record as at that day."""
    plan = report.plan
    start = plan.start
    aliases = plan.departments.aliases
    found = grouped(report.counted, "dept", aliases)
    bars = [group_bar(n, m, start, report.as_of) for n, m in found]
    tasks = [s.task for s in report.states]
    months = []
    for day in month_ends(start, report.as_of):
        states = [task_state(t, start, day, report.margin, report.within) for t in tasks]
        states = [s for s in states if s.ended is None]  # cancelled or paused by then: out
        done = sum(s.status is Status.DONE for s in states)
        gone = time_gone(start.year, start.month, plan.year, 12, day)[0] * 100
        rate = done / len(states) * 100 if states else 0.0
        months.append(MonthPoint(day, done, rate, mean_progress(states), gone))
    return Trend(report.as_of, report.time_share, bars, months)
