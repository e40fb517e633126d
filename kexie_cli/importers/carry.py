"""A new year's list from the last: the tasks of last year's plan not done, carried over.

A carried task keeps its columns and its targets with the figures reached; its deadline
becomes the end of the new year (the old one is past), and its note says where it came from
and sums up its record, since its history stays in last year's file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kexie_cli.core.models import Target, Task, TasksPlan, plain
from kexie_cli.core.months import Month, month_text
from kexie_cli.core.numbers import whole
from kexie_cli.core.record import latest_report
from kexie_cli.core.status import TaskState, task_state


def unfinished(plan: TasksPlan, as_of: dt.date | None) -> list[TaskState]:
    """The tasks of `plan` whose status at `as_of` (default today) is not done; a task
    cancelled (取消) by decision is not carried over (a paused one is)."""
    states = (task_state(task, plan.start, as_of) for task in plan.tasks)
    return [state for state in states if state.status.value not in ("done", "cancelled")]


def carried(
    states: list[TaskState], old_year: int, new_year: int, first_id: int, as_of: dt.date
) -> list[dict[str, Any]]:
    """The task dicts to add to the new plan, numbered from `first_id`."""
    return [_task(state, old_year, new_year, first_id + i, as_of) for i, state in enumerate(states)]


def _task(
    state: TaskState, old_year: int, new_year: int, new_id: int, as_of: dt.date
) -> dict[str, Any]:
    task = state.task
    record = {key: value for key, value in plain(task).items() if value not in ("", [], None)}
    record.pop("history", None)
    record.pop("status", None)  # a mark set last year (in progress) is last year's
    record["id"] = new_id
    record["due"] = f"{new_year}.12"
    record["targets"] = [_target(t.target, t.done) for t in state.targets]
    record["note"] = summary(state, old_year, new_year, as_of)
    return record


def _target(target: Target, done: float) -> dict[str, Any]:
    """The target as written, with the figure reached by the day of carrying over."""
    kept = {key: value for key, value in plain(target).items() if value is not None}
    return kept | {"done": whole(done)}


def summary(state: TaskState, old_year: int, new_year: int, as_of: dt.date) -> str:
    """由2025年计划第N项结转；截至结转时：… — the task's record in one note."""
    task = state.task
    parts = [f"状态{state.status.label}", f"原完成时限{_month(state.due)}"]
    if state.due != task.due:
        parts[-1] += f"（原定{_month(task.due)}，已延期）"
    parts += [_figure(t.target.name, t.done, t.target.target, t.target.unit) for t in state.targets]
    report = latest_report(task, as_of)
    if report is not None:
        said = "；".join(
            f"{label}{text}"
            for label, text in (
                ("进展：", report.note),
                ("问题：", report.problem),
                ("下步：", report.next),
            )
            if text
        )
        parts.append(f"最近报告（{report.date.isoformat()}）{said}")
    if task.note:
        parts.append(f"原备注：{task.note}")
    head = f"由{old_year}年计划第{task.id}项结转（{as_of.isoformat()}）"
    return f"{head}；截至结转时：{'，'.join(parts)}；完成时限暂定{new_year}.12，需人工核对"


def _figure(name: str, done: float, target: float, unit: str) -> str:
    return f"{name}{whole(done)}/{whole(target)}{unit}"


def _month(month: Month) -> str:
    return month_text(month)


def _describe(task: Task) -> str:
    return task.content or task.focus or f"第{task.id}项"


def listing(states: list[TaskState], old_year: int) -> str:
    """The unfinished tasks, a line each: id, status, due, what it is, its figures."""
    lines = [f"{old_year}年计划中未完成的任务 {len(states)} 项："]
    for state in states:
        figures = "，".join(
            _figure(t.target.name, t.done, t.target.target, t.target.unit) for t in state.targets
        )
        text = _describe(state.task).replace("\n", " ")
        text = text if len(text) <= 40 else text[:39] + "…"
        lines.append(
            f"  {state.task.id}  {state.status.label}  {_month(state.due)}  {text}"
            + (f"（{figures}）" if figures else "")
        )
    return "\n".join(lines)
