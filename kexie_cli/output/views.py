"""What each command shows, as plain data every renderer reads: the same facts in every format.

A `View` holds the JSON payload (the script contract, see README) and the tables the other
formats draw. Cells are plain values; a column's kind tells a renderer how to draw them:
text (a string, or a list of lines), names (a list: one a line on screen, 、-joined in text),
number, status (a `Status`), bar (a share 0–1 or None).

Here: the list (`list`), the detail (`show`); the report's view is in report_view.py.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any, NamedTuple

from kexie_cli.core import history
from kexie_cli.core.models import (
    EntryKind,
    HistoryEntry,
    Mark,
    Point,
    PointsPlan,
    Target,
    Task,
    plain,
)
from kexie_cli.core.months import Month
from kexie_cli.core.numbers import number_text, percent_text, whole
from kexie_cli.core.queries import Found, NameCount
from kexie_cli.core.status import Status, TargetState, TaskState, is_met
from kexie_cli.core.wording import amount_text, target_text


class Column(NamedTuple):
    key: str
    header: str
    kind: str = "text"  # text | names | number | status | bar
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
            {"name": p.name, "target": whole(p.target), "done": whole(p.done), "met": p.met}
            for p in state.places
        ],
        "milestones": _milestones_json(target),
        "measured": None if target.measured is None else str(target.measured),
    }


def _milestones_json(target: Target) -> dict[str, Any] | None:
    if target.milestones is None:
        return None
    return {str(month): whole(value) for month, value in target.milestones.items()}


def task_fields(task: Task, text: bool = True) -> dict[str, Any]:
    """The list's own eight columns of a task (and its number), as plain values; with
    text=False, less its text (具体内容, 推进措施). The lists are the task's own, not copies:
    a view is read, never changed."""
    fields: dict[str, Any] = {"id": task.id, "section": task.section, "focus": task.focus}
    if text:
        fields["content"] = task.content
        fields["measures"] = task.measures
    fields["lead"] = task.lead
    fields["support"] = task.support
    fields["leaders"] = task.leaders
    fields["due"] = str(task.due)
    return fields


def task_json(state: TaskState, role: str | None = None) -> dict[str, Any]:
    task = state.task
    data: dict[str, Any] = {
        **task_fields(task),
        "status": str(state.status),
        "status_label": state.status.label,
        "targets": [target_json(t) for t in state.targets],
        "note": task.note,
        "history": [entry_json(h) for h in task.history],
    }
    data["due"] = str(state.due)
    if role is not None:
        data["role"] = role
    data.update(record_json(state))
    return data


def record_json(state: TaskState) -> dict[str, Any]:
    """What the 督办 record says of a task at the state's date (keys: README)."""
    task, when = state.task, state.as_of
    latest, said = history.said_by(task, when) if task.history else (None, [])
    return {
        "due_original": str(task.due),
        "extensions": [extension_json(h) for h in state.extensions],
        "completed_on": None if state.completed_on is None else state.completed_on.isoformat(),
        "on_time": state.on_time,
        "completion_label": None if state.completion is None else state.completion.label,
        "due_soon": state.due_soon,
        "latest": None if latest is None else report_json(latest),
        "comments": [comment_json(h) for h in said],
    }


def extension_json(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "date": entry.date.isoformat(),
        "due_before": str(entry.due_before),
        "due_after": str(entry.due_after),
        "reason": entry.reason,
        "by": entry.by,
    }


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


def history_change(entry: HistoryEntry, targets: list[Target]) -> tuple[str, str]:
    """(what changed, from → to) for one update."""
    if entry.target is not None:
        name = targets[entry.target - 1].name if entry.target <= len(targets) else ""
        before = "" if entry.before is None else number_text(entry.before)
        after = "" if entry.after is None else number_text(entry.after)
        place = f"（{entry.unit}）" if entry.unit else ""
        return f"{entry.target}. {name}{place}".strip(), f"{before} → {after}"
    return "状态", f"{_mark_label(entry.status_before)} → {_mark_label(entry.status)}"


def month_text(month: Month) -> str:
    return f"{month.year}.{month.month}"


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
    if state.due_soon:
        return StatusCell(state.status, f"{state.status.label}·即将到期")
    return state.status


def latest_text(state: TaskState) -> str:
    """The latest 进展情况 as of the state's date, dated: 2025-06-30 已制定方案初稿."""
    latest = history.latest_report(state.task, state.as_of) if state.task.history else None
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


# ---- list -----------------------------------------------------------------------------------

WIDE = 160  # a terminal this wide has room for the latest 进展情况
_TASK_COLUMNS = (
    Column("id", "序号", "number"),
    Column("section", "类型", brief=False),
    Column("focus", "重点工作"),
    Column("content", "具体内容"),
    Column("measures", "推进措施", brief=False),
    Column("lead", "牵头部室", "names"),
    Column("support", "责任部室", "names", brief=False),
    Column("role", "职责"),
    Column("leaders", "责任领导", "names"),
    Column("due", "完成时限"),
    Column("targets", "目标", brief=False),
    Column("done", "完成", brief=False),
    Column("progress", "进度", "bar"),
    Column("status", "状态", "status"),
    Column("latest", "进展情况", wide=WIDE),
)


def task_row(state: TaskState, role: str | None = None) -> dict[str, Any]:
    """A task as a row of the list: its own columns, its targets and their figures."""
    row = state_row(state)
    row["role"] = role or ""
    row["targets"] = [f"{t.target.name} {target_text(t.target)}" for t in state.targets]
    row["done"] = [done_text(t) for t in state.targets]
    return row


def state_row(state: TaskState) -> dict[str, Any]:
    """A task's own columns with its progress and status: the start of a list or report row."""
    row = task_fields(state.task)
    row["due"] = due_text(state)
    row["progress"] = state.share
    row["status"] = status_cell(state)
    row["latest"] = latest_text(state)
    return row


def task_list(found: list[Found], with_role: bool, title: str = "") -> View:
    columns = tuple(c for c in _TASK_COLUMNS if with_role or c.key != "role")
    return View(
        lambda: [task_json(f.state, f.role if with_role else None) for f in found],
        lambda: (Table(columns, [task_row(f.state, f.role) for f in found], title),),
    )


_POINT_COLUMNS = (
    Column("id", "序号", "number"),
    Column("section", "部分"),
    Column("title", "要点"),
    Column("content", "内容"),
)


def point_list(points: list[Point], title: str = "") -> View:
    rows = [point_json(p) for p in points]
    return View(rows, (Table(_POINT_COLUMNS, rows, title),))


# ---- show -----------------------------------------------------------------------------------

_FIELD_COLUMNS = (Column("field", "项目"), Column("value", "内容"))
_TARGET_COLUMNS = (
    Column("key", "序号", "number"),
    Column("name", "目标"),
    Column("target", "目标值"),
    Column("done", "完成"),
    Column("progress", "进度", "bar"),
    Column("met", "达标"),
)
_HISTORY_COLUMNS = (
    Column("date", "日期"),
    Column("what", "项目"),
    Column("change", "变化"),
    Column("by", "登记人"),
    Column("note", "备注"),
)


_REPORT_COLUMNS = (
    Column("date", "日期"),
    Column("note", "进展情况"),
    Column("problem", "存在问题"),
    Column("next", "下步打算"),
    Column("by", "登记人"),
)
_COMMENT_COLUMNS = (
    Column("date", "日期"),
    Column("by", "领导"),
    Column("comment", "批示"),
    Column("follow_up", "落实情况"),
)
_EXTENSION_COLUMNS = (
    Column("date", "日期"),
    Column("change", "时限"),
    Column("reason", "理由"),
    Column("by", "登记人"),
)


def task_detail(state: TaskState, as_of: dt.date) -> View:
    task = state.task
    measures = [
        f"{n}.{m}" for n, m in enumerate(task.measures, start=1)
    ]  # as the list numbers them
    status = status_cell(state)
    shown = status.text if isinstance(status, StatusCell) else status.label
    fields = [
        ("序号", str(task.id)),
        ("类型", task.section),
        ("重点工作", task.focus),
        ("具体内容", task.content),
        ("推进措施", measures),
        ("牵头部室", names(task.lead)),
        ("责任部室", names(task.support)),
        ("责任领导", names(task.leaders)),
        ("完成时限", due_text(state)),
        ("状态", f"{shown}（截至 {as_of}）"),
    ]
    if state.completed_on is not None:
        fields.append(("完成日期", state.completed_on.isoformat()))
    fields.append(("备注", task.note or ""))
    tables = [
        Table(_FIELD_COLUMNS, [{"field": k, "value": v} for k, v in fields], f"任务 {task.id}")
    ]
    if state.targets:
        rows = [row for t in state.targets for row in _target_rows(t)]
        tables.append(Table(_TARGET_COLUMNS, rows, "目标"))
    tables.extend(_record_tables(state, as_of))
    changes = [h for h in task.history if h.kind in (EntryKind.FIGURE, EntryKind.MARK)]
    if changes:
        tables.append(Table(_HISTORY_COLUMNS, _history_rows(changes, task.targets), "更新记录"))
    return View(task_json(state), tuple(tables))


def _target_rows(state: TargetState) -> list[dict[str, Any]]:
    """A target's row; broken down by place, the total then a row per place (14.1 大冶市),
    each with its own bar."""
    target = state.target
    when = _when(target)
    rows = [
        {
            "key": state.key,
            "name": target.name + when,
            "target": target_text(target) + ("（合计）" if state.places else ""),
            "done": f"{number_text(state.done)}{target.unit}",
            "progress": state.share,
            "met": "是" if state.met else "否",
        }
    ]
    for place in state.places:
        rows.append(
            {
                "key": f"{state.key}·{place.name}",
                "name": f"  {place.name}",
                "target": f"{number_text(place.target)}{target.unit}",
                "done": f"{number_text(place.done)}{target.unit}",
                "progress": place.share,
                "met": "是" if place.met else "否",
            }
        )
    return rows


def _when(target: Target) -> str:
    """When a target is judged, if not along the year: （2025.12考核） or its milestones."""
    if target.measured is not None:
        return f"（{month_text(target.measured)}考核）"
    if target.milestones:
        steps = "，".join(
            f"{month_text(m)}达{number_text(v)}" for m, v in target.milestones.items()
        )
        return f"（节点：{steps}）"
    return ""


def _record_tables(state: TaskState, as_of: dt.date) -> list[Table]:
    """The 督办 record by as_of: reports, comments with their follow-up, extensions."""
    task, tables = state.task, []
    if said := history.reports(task, as_of):
        rows = [{**report_json(h), "by": h.by or ""} for h in said]
        tables.append(Table(_REPORT_COLUMNS, rows, "进展情况"))
    if followed := history.follow_ups(task, as_of):
        rows = [
            {
                "date": c.date.isoformat(),
                "by": c.by or "",
                "comment": c.comment or "",
                "follow_up": [latest_line(r) for r in after] or "（尚无）",
            }
            for c, after in followed
        ]
        tables.append(Table(_COMMENT_COLUMNS, rows, "领导批示及落实"))
    if state.extensions:
        rows = [
            {
                "date": h.date.isoformat(),
                "change": f"{month_text(h.due_before or task.due)} → {month_text(h.due_after or task.due)}",
                "reason": h.reason or "",
                "by": h.by or "",
            }
            for h in state.extensions
        ]
        tables.append(Table(_EXTENSION_COLUMNS, rows, "延期记录"))
    return tables


def _history_rows(history: list[HistoryEntry], targets: list[Target]) -> list[dict[str, Any]]:
    rows = []
    for entry in sorted(history, key=lambda h: h.date):
        what, change = history_change(entry, targets)
        rows.append(
            {
                "date": entry.date.isoformat(),
                "what": what,
                "change": change,
                "by": entry.by or "",
                "note": entry.note or "",
            }
        )
    return rows


def point_detail(point: Point, plan: PointsPlan) -> View:
    fields = [
        ("序号", str(point.id)),
        ("部分", point.section),
        ("要点", point.title),
        ("内容", point.content),
        ("备注", point.note or ""),
    ]
    rows = [{"field": k, "value": v} for k, v in fields]
    return View(point_json(point), (Table(_FIELD_COLUMNS, rows, plan.plan.title),))


def id_ranges(ids: list[int]) -> str:
    """[1, 2, 3, 5, 7, 8] → 1–3、5、7–8: the numbers that exist, in a line."""
    runs: list[list[int]] = []
    for number in sorted(set(ids)):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return "、".join(f"{a}–{b}" if b > a else f"{a}" for a, b in runs)


def name_list(counts: list[NameCount], kind: str, title: str = "") -> View:
    """`list --depts` / `--leaders`: every name with its task counts."""
    if kind == "dept":
        columns = (
            Column("name", "部室"),
            Column("lead", "牵头", "number"),
            Column("support", "配合", "number"),
            Column("tasks", "合计", "number"),
            Column("also", "又写作"),
        )
        data = [
            {"name": c.name, "lead": c.lead, "support": c.support, "tasks": c.tasks, "also": c.also}
            for c in counts
        ]
    else:
        columns = (Column("name", "责任领导"), Column("tasks", "任务数", "number"))
        data = [{"name": c.name, "tasks": c.tasks} for c in counts]
    rows = [{**row, "also": names(row["also"])} if "also" in row else row for row in data]
    return View(data, (Table(columns, rows, title),))
