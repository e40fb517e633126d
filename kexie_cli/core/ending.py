"""What `close`, `cancel`, `pause` and `resume` write: one entry, checked against the record at
its date (core/closing.py says what the entries mean). Pure; every refusal is a KexieError
raised before anything is written."""

from __future__ import annotations

from typing import Any

from kexie_cli.core.closing import in_force, needs_sign_off
from kexie_cli.core.models import EntryKind, Task, TasksPlan
from kexie_cli.core.months import month_text
from kexie_cli.core.problems import KexieError
from kexie_cli.core.record import record_at
from kexie_cli.core.requests import EndRequest
from kexie_cli.core.status import Status, task_state
from kexie_cli.core.update import _dated

END_WORDS = {EntryKind.CANCEL: "已取消", EntryKind.PAUSE: "已暂缓"}
END_VERBS = {EntryKind.CANCEL: "取消", EntryKind.PAUSE: "暂缓"}


def end_entry(plan: TasksPlan, task: Task, request: EndRequest) -> dict[str, Any]:
    """The entry the request writes, keys in file order; refused where the record at its date
    does not allow it."""
    _check(plan, task, request)
    entry = _dated(request, request.kind)
    if request.kind is EntryKind.PAUSE and request.until is not None:
        entry["until"] = month_text(request.until)
    if request.reason is not None:
        entry["reason"] = request.reason
    return entry | ({"by": request.by} if request.by else {})


def _check(plan: TasksPlan, task: Task, request: EndRequest) -> None:
    day, kind = request.date, request.kind
    label = f"任务 {task.id} 在 {day.isoformat()} "
    end = in_force(record_at(task, day).ended, day)
    if kind is EntryKind.RESUME:
        if end is None or end.kind is not EntryKind.PAUSE:
            raise KexieError(f"{label}没有暂缓，无需恢复")
        return
    if end is not None:
        raise KexieError(f"{label}{END_WORDS[end.kind]}（{end.date.isoformat()}），不能再登记")
    if kind in (EntryKind.CLOSE, EntryKind.SEND_BACK):
        _check_sign_off(plan, task, request)
    else:
        state, verb = task_state(task, plan.start, day), END_VERBS[kind]
        if state.status is Status.DONE:
            raise KexieError(f"{label}已完成，不能{verb}")
        if state.awaiting:  # the department says it is done: the office answers that first
            raise KexieError(
                f"{label}已申请办结，待销号：请先销号或退回（close --refuse），再{verb}"
            )
    if request.until is not None and request.until.last_day < day:
        raise KexieError(f"暂缓至 {month_text(request.until)} 早于登记日期 {day.isoformat()}")


def _check_sign_off(plan: TasksPlan, task: Task, request: EndRequest) -> None:
    """销号 and 退回 answer a completion request open at the date."""
    if not needs_sign_off(task):
        raise KexieError(f"任务 {task.id} 不需销号（计划或任务未设 sign_off: true）")
    state = task_state(task, plan.start, request.date)
    if not state.awaiting:
        now = "已销号" if state.status is Status.DONE else "没有申请办结"
        raise KexieError(f"任务 {task.id} 在 {request.date.isoformat()} {now}，无需销号或退回")
