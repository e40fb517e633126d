"""What each command shows, as plain data every renderer reads: the same facts in every format.

A `View` holds the JSON payload (the script contract, docs/json.md) and the tables the other
formats draw. Cells are plain values; a column's kind tells a renderer how to draw them:
text (a string, or a list of lines), names (a list: one a line on screen, 、-joined in text),
number, status (a `Status`), bar (a share 0–1 or None).

Here: the building blocks every view shares (View, Column, Table), a record's JSON objects and
the text of its cells. The views themselves: list_view.py (`list`), show_view.py (`show`),
report_view.py (`report`).
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, NamedTuple

from kexie_cli.core import history, record
from kexie_cli.core.models import (
    EntryKind,
    HistoryEntry,
    Mark,
    Point,
    Target,
    Task,
    plain,
)
from kexie_cli.core.months import month_text
from kexie_cli.core.numbers import number_text, percent_text, whole
from kexie_cli.core.status import Status, TargetState, TaskState, is_met
from kexie_cli.core.wording import amount_text

WIDE = 160  # a terminal this wide has room for the latest 进展情况


class Column(NamedTuple):
    key: str
    header: str
    kind: str = "text"  # text | names | number | status | bar | level (预警)
    brief: bool = True  # False: only in CSV/TSV, too wide for a screen or a page
    wide: int = 0  # on a terminal, shown only when it is at least this many columns wide


class StatusCell(NamedTuple):
    """A status with what a table marks beside it: 进行中·即将到期, or how a task was done."""

    status: Status
    text: str


class Table(NamedTuple):
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]
    title: str = ""
    caption: str = ""
    total: dict[str, Any] | None = None  # a closing line set apart from the rows


class View:
    """The JSON payload and the tables of one command's result, each built on first use: a
    format pays only for what it draws (a 5,000-row TSV never builds the JSON objects).

    `data` and `tables` are given as values or as functions that make them.
    """

    def __init__(self, data: Any, tables: Any = ()) -> None:
        self._data, self._tables = data, tables

    @cached_property
    def data(self) -> Any:
        return self._data() if callable(self._data) else self._data

    @cached_property
    def tables(self) -> tuple[Table, ...]:
        return self._tables() if callable(self._tables) else self._tables


# ---- JSON objects -------------------------------------------------------------------------


def percent(value: float) -> float:
    # A whole number as it is: the same value, without round()'s decimal conversion (most
    # shares in a plan are 0 or 100).
    return value if value % 1 == 0 else round(value, 1)


def target_json(state: TargetState) -> dict[str, Any]:
    # state.percent and state.met worked out here: built 13,500 times for a 10,000-task
    # report, and the two property calls would cost ~2% of it.
    target, done = state.target, state.done
    if state.places:
        return _places_json(state)
    return {
        "key": state.key,
        "name": target.name,
        "target": whole(target.target),
        "target_max": None if target.target_max is None else whole(target.target_max),
        "unit": target.unit,
        "comparator": str(target.comparator),
        "done": whole(done),
        "percent": percent(done / target.target * 100),
        "met": is_met(target, done),
        "units": [],
        "milestones": _milestones_json(target),
        "measured": None if target.measured is None else str(target.measured),
        "note": target.note,
        "source": target.source,
    }


def _places_json(state: TargetState) -> dict[str, Any]:
    """A target broken down by place: the totals, percent and met over the places, and each
    place with its own number."""
    target = state.target
    return {
        "key": state.key,
        "name": target.name,
        "target": whole(target.target),
        "target_max": None,
        "unit": target.unit,
        "comparator": str(target.comparator),
        "done": whole(state.done),
        "percent": percent(state.percent),
        "met": state.met,
        "units": [
            {
                "name": p.name,
                "target": whole(p.target),
                "done": whole(p.done),
                "met": p.met,
                "source": target.places[p.name].source,
            }
            for p in state.places
        ],
        "milestones": _milestones_json(target),
        "measured": None if target.measured is None else str(target.measured),
        "note": target.note,
        "source": target.source,
    }


def _milestones_json(target: Target) -> dict[str, Any] | None:
    if target.milestones is None:
        return None
    return {str(month): whole(value) for month, value in target.milestones.items()}


def task_fields(task: Task) -> dict[str, Any]:
    """The list's own eight columns of a task (and its number), as plain values. The lists are
    the task's own, not copies: a view is read, never changed."""
    return {
        "id": task.id,
        "section": task.section,
        "focus": task.focus,
        "content": task.content,
        "measures": task.measures,
        **_whose(task),
    }


def task_heading(task: Task) -> dict[str, Any]:
    """A task as a report names it: its number, heading, who and when — its text (具体内容,
    推进措施) is in `list` and `show`."""
    return {"id": task.id, "section": task.section, "focus": task.focus, **_whose(task)}


def _whose(task: Task) -> dict[str, Any]:
    return {
        "lead": task.lead,
        "support": task.support,
        "leaders": task.leaders,
        "due": str(task.due),
    }


def task_json(state: TaskState, role: str | None = None) -> dict[str, Any]:
    task = state.task
    data: dict[str, Any] = {
        **task_fields(task),
        "status": str(state.status),
        "status_label": state.status.label,
        **level_json(state),
        "targets": [target_json(t) for t in state.targets],
        "note": task.note,
        "history": [entry_json(h) for h in task.history],
    }
    data["due"] = str(state.due)
    if role is not None:
        data["role"] = role
    data.update(record_json(state))
    return data


def level_json(state: TaskState) -> dict[str, Any]:
    """预警: `level` (blue, yellow, orange, red; null: none) and its word (蓝色…)."""
    level = state.level
    return {
        "level": None if level is None else str(level),
        "level_label": None if level is None else level.label,
    }


def record_json(state: TaskState) -> dict[str, Any]:
    """What the 督办 record says of a task at the state's date (keys: docs/json.md)."""
    task = state.task
    said = record.record_at(task, state.as_of)  # read once: at an earlier date, a replay
    latest = said.latest
    return {
        "due_original": str(task.due),
        "extensions": [extension_json(h) for h in state.extensions],
        "requests": [asked_json(a) for a in said.requests],
        "completed_on": None if state.completed_on is None else state.completed_on.isoformat(),
        "on_time": state.on_time,
        "completion_label": None if state.completion is None else state.completion.label,
        "due_soon": state.due_soon,
        "latest": None if latest is None else report_json(latest),
        "comments": [comment_json(h) for h in said.comments],
        "ended": ended_json(state),
        "sent_back": sent_back_json(state),
        "awaiting_sign_off": awaiting_json(state),
    }


def awaiting_json(state: TaskState) -> str | None:
    """A task's `awaiting_sign_off`: the date of the completion request awaiting the office's
    销号 (the day the department says the work was done), else None."""
    if not state.awaiting:
        return None
    from kexie_cli.core.closing import sign_off_at

    asked = sign_off_at(state.task, state.as_of).asked
    return None if asked is None else asked.isoformat()


def ended_json(state: TaskState) -> dict[str, Any] | None:
    """A task's `ended` (docs/json.md): the cancel or pause in force, else None."""
    entry = state.ended
    if entry is None:
        return None
    return {
        "kind": str(entry.kind),
        "date": entry.date.isoformat(),
        "reason": entry.reason,
        "until": None if entry.until is None else str(entry.until),
    }


def sent_back_json(state: TaskState) -> dict[str, Any] | None:
    """A task's `sent_back`: the latest 退回 no new completion request answered, else None."""
    entry = state.sent_back
    if entry is None:
        return None
    return {"date": entry.date.isoformat(), "reason": entry.reason, "by": entry.by}


def extension_json(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "date": entry.date.isoformat(),
        "due_before": str(entry.due_before),
        "due_after": str(entry.due_after),
        "reason": entry.reason,
        "by": entry.by,
    }


def asked_json(asked: history.Asked) -> dict[str, Any]:
    """A request for more time and its answer: granted (已批准), refused (未同意), pending."""
    reply = asked.reply
    return {
        "date": asked.request.date.isoformat(),
        "due_after": str(asked.request.due_after),
        "reason": asked.request.reason,
        "by": asked.request.by,
        "answer": str(asked.answer),
        "answer_label": asked.answer.label,
        "answered": None
        if reply is None
        else {"date": reply.date.isoformat(), "reason": reply.reason, "by": reply.by},
    }


def reply_text(asked: history.Asked) -> str:
    """How a request for more time was answered, in a cell: `2025-06-05 延期至 2025.9，陈汉平`,
    or `2025-06-06，郑昌盛：按原定时限完成` (nothing while it waits)."""
    reply = asked.reply
    if reply is None:
        return ""
    who = f"，{reply.by}" if reply.by else ""
    if reply.kind is EntryKind.EXTENSION:
        return f"{reply.date.isoformat()} 延期至 {month_text(reply.due_after)}{who}"
    return f"{reply.date.isoformat()}{who}：{reply.reason or ''}"


def report_json(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "date": entry.date.isoformat(),
        "by": entry.by,
        "note": entry.note,
        "problem": entry.problem,
        "next": entry.next,
    }


def comment_json(entry: HistoryEntry) -> dict[str, Any]:
    return {"date": entry.date.isoformat(), "comment": entry.comment, "by": entry.by}


def entry_json(entry: HistoryEntry) -> dict[str, Any]:
    """A history entry as its kind has it: the keys it was given, none of the other kinds'."""
    return {key: plain(value) for key, value in entry.given().items()}


def point_json(point: Point) -> dict[str, Any]:
    return {
        "id": point.id,
        "section": point.section,
        "heading": point.heading,  # the sub-heading it is under, in a three-level notice
        "title": point.title,
        "content": point.content,
        "note": point.note,
    }


# ---- text of cells --------------------------------------------------------------------------


def names(values: list[str]) -> str:
    return "、".join(values)


def done_text(state: TargetState) -> str:
    """5/12次（41.7%）; a range target keeps its range, 0/1-2次 (percent of the lower bound)."""
    done, unit = number_text(state.done), state.target.unit
    return f"{done}/{amount_text(state.target)}{unit}（{percent_text(state.percent)}）"


def sources(state: TargetState) -> list[str]:
    """Where a target's figures flow from (issue 29), a line each: 大冶市：大冶市科协 任务 7，
    2025-06-28 — the target's own figure, or each place's."""
    target = state.target
    found = [f"来自 {target.source}"] if target.source else []
    held = target.places
    return found + [
        f"{p.name}：来自 {held[p.name].source}" for p in state.places if held[p.name].source
    ]


def history_change(entry: HistoryEntry, targets: list[Target]) -> tuple[str, str]:
    """(what changed, from → to) for one update."""
    if entry.target is not None:
        name = targets[entry.target - 1].name if entry.target <= len(targets) else ""
        before = "" if entry.before is None else number_text(entry.before)
        after = "" if entry.after is None else number_text(entry.after)
        place = f"（{entry.unit}）" if entry.unit else ""
        return f"{entry.target}. {name}{place}".strip(), f"{before} → {after}"
    return "状态", f"{_mark_label(entry.status_before)} → {_mark_label(entry.status)}"


def due_text(state: TaskState) -> str:
    """The deadline in force as the document writes a month (2025.6); an extended one with the
    document's month and how many times: 2025.9（原定2025.6，延期1次）."""
    moved = len(state.extensions)
    if not moved:
        return month_text(state.due)
    return f"{month_text(state.due)}（原定{month_text(state.task.due)}，延期{moved}次）"


def status_cell(state: TaskState) -> Status | StatusCell:
    """The status, marked where a table should say more: how a done task was done, or that
    an unfinished one is due soon."""
    if state.completion is not None:
        return StatusCell(state.status, state.completion.label)
    if state.awaiting:  # the department's "done", awaiting the office's 销号
        return StatusCell(state.status, f"{state.status.label}·待销号")
    if state.due_soon:
        return StatusCell(state.status, f"{state.status.label}·即将到期")
    return state.status


def latest_text(state: TaskState) -> str:
    """The latest 进展情况 as of the state's date, dated: 2025-06-30 已制定方案初稿."""
    latest = record.latest_report(state.task, state.as_of) if state.task.history else None
    return "" if latest is None else latest_line(latest)


def latest_line(report: HistoryEntry) -> str:
    """A report on one line, dated: its 进展情况, else its problem and next step."""
    said = report.note or "；".join(
        f"{word}：{text}"
        for word, text in (("问题", report.problem), ("下步", report.next))
        if text
    )
    return f"{report.date.isoformat()} {said}"


def _mark_label(mark: Mark | None) -> str:
    """A mark set by hand is worded as the status of the same name: done → 已完成."""
    return "—" if mark is None else Status(mark.value).label


def state_row(state: TaskState) -> dict[str, Any]:
    """A task's own columns with its progress and status: the start of a list or report row."""
    row = task_fields(state.task)
    row["due"] = due_text(state)
    row["progress"] = state.share
    row["status"] = status_cell(state)
    row["level"] = "" if state.level is None else state.level.label
    row["latest"] = latest_text(state)
    return row
