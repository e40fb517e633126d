"""Sign-off and end states shown: what `close`, `cancel`, `pause`, `resume` print, a task's
`ended` in JSON, and the tasks cancelled or paused listed apart in every report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kexie_cli.core import history
from kexie_cli.core.models import EntryKind, HistoryEntry, Task
from kexie_cli.core.months import Month, month_text
from kexie_cli.core.status import TaskState, task_state
from kexie_cli.output.views import Column, Table

ENDED_CAPTION = "已取消或暂缓的任务（不计入完成率、逾期、滞后和平均进度）"


def end_line(task: Task, entry: HistoryEntry, start: Month) -> str:
    """The one line a command prints once its entry is written."""
    day = entry.date.isoformat()
    who = f"，{entry.by}" if entry.by else ""
    match entry.kind:
        case EntryKind.CLOSE:
            state = task_state(task, start, entry.date)
            done = state.completed_on.isoformat() if state.completed_on else "日期不详"
            how = f"，{state.completion.label}" if state.completion else ""
            return f"任务 {task.id} 已销号（{day}{who}）；完成于 {done}{how}"
        case EntryKind.SEND_BACK:
            return f"任务 {task.id} 的办结申请已退回（{day}{who}）：{entry.reason}"
        case EntryKind.RESUME:
            return f"任务 {task.id} 已恢复（{day}{who}），重新计入统计"
    return f"任务 {task.id} {end_text(entry)}"


def end_text(entry: HistoryEntry) -> str:
    """`已取消（2025-06-10）：原因` / `暂缓（2025-06-10，至 2025.9 月底）：原因`."""
    if entry.kind is EntryKind.CANCEL:
        return f"已取消（{entry.date.isoformat()}）：{entry.reason}"
    until = f"，至 {month_text(entry.until)} 月底" if entry.until is not None else ""
    return f"暂缓（{entry.date.isoformat()}{until}）：{entry.reason}"


_ENDED_COLUMNS = (
    Column("id", "序号", "number"),
    Column("content", "具体内容"),
    Column("lead", "牵头部室", "names"),
    Column("status", "状态"),
    Column("date", "日期"),
    Column("until", "暂缓至"),
    Column("reason", "原因"),
)


def ended_row(state: TaskState) -> dict[str, Any]:
    entry = state.ended
    assert entry is not None
    return {
        "id": state.task.id,
        "content": state.task.content,
        "lead": state.task.lead,
        "status": state.status.label,
        "date": entry.date.isoformat(),
        "until": month_text(entry.until) if entry.until is not None else "",
        "reason": entry.reason or "",
    }


def ended_tables(states: list[TaskState]) -> tuple[Table, ...]:
    """The tasks cancelled or paused, apart (none: no table)."""
    rows = [ended_row(s) for s in states if s.ended is not None]
    return (Table(_ENDED_COLUMNS, rows, ENDED_CAPTION),) if rows else ()


def ended_sentences(states: list[TaskState]) -> list[str]:
    """One sentence a task, for the md draft and the docx: `任务7（内容）已取消（日期）：原因。`"""
    return [
        f"任务{s.task.id}（{s.task.content or s.task.focus}）{end_text(s.ended)}。"
        for s in states
        if s.ended is not None
    ]


_CLOSING_WORDS = {
    EntryKind.CLOSE: "销号",
    EntryKind.SEND_BACK: "退回",
    EntryKind.CANCEL: "取消",
    EntryKind.PAUSE: "暂缓",
    EntryKind.RESUME: "恢复",
}
_CLOSING_COLUMNS = (
    Column("date", "日期"),
    Column("what", "事项"),
    Column("reason", "原因或理由"),
    Column("by", "登记人"),
)


def closing_tables(task: Task, as_of: dt.date) -> tuple[Table, ...]:
    """`show`: the task's 销号, 退回, 取消, 暂缓 and 恢复 entries by as_of (none: no table)."""
    rows = [
        {
            "date": h.date.isoformat(),
            "what": _CLOSING_WORDS[h.kind]
            + (f"（至 {month_text(h.until)} 月底）" if h.until is not None else ""),
            "reason": h.reason or h.note or "",
            "by": h.by or "",
        }
        for h in history.replayed(task, as_of)
        if h.kind in _CLOSING_WORDS
    ]
    return (Table(_CLOSING_COLUMNS, rows, "销号、取消与暂缓"),) if rows else ()


def closing_fields(state: TaskState) -> list[tuple[str, str]]:
    """`show`'s lines for a task cancelled or paused, or a completion sent back."""
    found = []
    if state.ended is not None:
        found.append(("取消或暂缓", end_text(state.ended)))
    if state.sent_back is not None:
        back = state.sent_back
        found.append(("退回", f"{back.date.isoformat()} 办结申请退回：{back.reason}"))
    return found
