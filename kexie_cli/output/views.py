"""What each command shows, as plain data every renderer reads: the same facts in every format.

A `View` holds the JSON payload (the script contract, see README) and the tables the other
formats draw. Cells are plain values; a column's kind tells a renderer how to draw them:
text (a string, or a list of lines), names (a list: one a line on screen, 、-joined in text),
number, status (a `Status`), bar (a share 0–1 or None).
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any, NamedTuple

from kexie_cli.core.models import Comparator, HistoryEntry, Point, PointsPlan, Target, Task, plain
from kexie_cli.core.queries import Found
from kexie_cli.core.status import STATUS_LABELS, Status, TargetState, TaskState, is_met
from kexie_cli.core.tally import Report, Tally

MARK_LABELS = {"done": "已完成", "in_progress": "进行中", "not_started": "未开始"}


class Column(NamedTuple):
    key: str
    header: str
    kind: str = "text"  # text | names | number | status | bar
    brief: bool = True  # False: only in CSV/TSV, too wide for a screen or a page


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


def whole(value: float) -> int | float:
    """12.0 → 12: counts are floats inside, whole numbers to people and scripts."""
    return int(value) if value % 1 == 0 else value  # (infinity and NaN stay as they are)


def percent(value: float) -> float:
    # A whole number as it is: the same value, without round()'s decimal conversion (most
    # shares in a plan are 0 or 100).
    return value if value % 1 == 0 else round(value, 1)


def target_json(state: TargetState) -> dict[str, Any]:
    # state.percent and state.met worked out here: built 13,500 times for a 10,000-task
    # report, and the two property calls would cost ~2% of it.
    target, done = state.target, state.done
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
    }


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
        "history": [plain(h) for h in task.history],
    }
    if role is not None:
        data["role"] = role
    return data


def progress_json(state: TaskState) -> dict[str, Any]:
    """A task in a report: who, when, where it stands — its text is in `list`/`show`."""
    data = task_fields(state.task, text=False)
    data["status"] = str(state.status)
    data["status_label"] = state.status.label
    data["progress"] = None if state.share is None else percent(state.share * 100)
    data["targets"] = [target_json(t) for t in state.targets]
    return data


def point_json(point: Point) -> dict[str, Any]:
    return {
        "id": point.id,
        "section": point.section,
        "title": point.title,
        "content": point.content,
        "note": point.note,
    }


def tally_json(tally: Tally) -> dict[str, Any]:
    return {
        "name": tally.name,
        "tasks": tally.tasks,
        **{str(status): count for status, count in tally.counts.items()},
        "rate": percent(tally.rate),
    }


# ---- text of cells --------------------------------------------------------------------------


def names(values: list[str]) -> str:
    return "、".join(values)


def target_text(target: Target) -> str:
    """The target as the list words it: 不少于12次, 1-2场, 100名左右."""
    amount = f"{whole(target.target)}"
    match target.comparator:
        case Comparator.AT_LEAST:
            return f"不少于{amount}{target.unit}"
        case Comparator.MORE_THAN:
            return f"超过{amount}{target.unit}"
        case Comparator.ABOUT:
            return f"{amount}{target.unit}左右"
        case Comparator.RANGE:
            return f"{amount}-{whole(target.target_max or target.target)}{target.unit}"
        case _:
            return f"{amount}{target.unit}"


def percent_text(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0") + "%"


def done_text(state: TargetState) -> str:
    """5/12次（41.7%）; a range target keeps its range, 0/1-2次 (percent of the lower bound)."""
    target = state.target
    amount = f"{whole(target.target)}"
    if target.comparator is Comparator.RANGE and target.target_max is not None:
        amount += f"-{whole(target.target_max)}"
    return f"{whole(state.done)}/{amount}{target.unit}（{percent_text(state.percent)}）"


def history_change(entry: HistoryEntry, targets: list[Target]) -> tuple[str, str]:
    """(what changed, from → to) for one update."""
    if entry.target is not None:
        name = targets[entry.target - 1].name if entry.target <= len(targets) else ""
        before = "" if entry.before is None else f"{whole(entry.before)}"
        after = "" if entry.after is None else f"{whole(entry.after)}"
        return f"{entry.target}. {name}".strip(), f"{before} → {after}"
    before = MARK_LABELS.get(str(entry.status_before), "—") if entry.status_before else "—"
    after = MARK_LABELS.get(str(entry.status), "—") if entry.status else "—"
    return "状态", f"{before} → {after}"


# ---- list -----------------------------------------------------------------------------------

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
)


def task_row(state: TaskState, role: str | None = None) -> dict[str, Any]:
    """A task as a row of the list: its own columns, its targets and their figures."""
    row = _state_row(state)
    row["role"] = role or ""
    row["targets"] = [f"{t.target.name} {target_text(t.target)}" for t in state.targets]
    row["done"] = [done_text(t) for t in state.targets]
    return row


def report_row(state: TaskState) -> dict[str, Any]:
    """A task as a row of the report: each target's figure on a line, after its name."""
    row = _state_row(state)
    row["reached"] = [f"{t.target.name}：{done_text(t)}" for t in state.targets]
    return row


def _state_row(state: TaskState) -> dict[str, Any]:
    row = task_fields(state.task)
    row["progress"] = state.share
    row["status"] = state.status
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


def task_detail(state: TaskState, as_of: dt.date) -> View:
    task = state.task
    measures = [
        f"{n}.{m}" for n, m in enumerate(task.measures, start=1)
    ]  # as the list numbers them
    fields = [
        ("序号", str(task.id)),
        ("类型", task.section),
        ("重点工作", task.focus),
        ("具体内容", task.content),
        ("推进措施", measures),
        ("牵头部室", names(task.lead)),
        ("责任部室", names(task.support)),
        ("责任领导", names(task.leaders)),
        ("完成时限", str(task.due)),
        ("状态", f"{state.status.label}（截至 {as_of}）"),
        ("备注", task.note or ""),
    ]
    tables = [
        Table(_FIELD_COLUMNS, [{"field": k, "value": v} for k, v in fields], f"任务 {task.id}")
    ]
    if state.targets:
        rows = [
            {
                "key": t.key,
                "name": t.target.name,
                "target": target_text(t.target),
                "done": f"{whole(t.done)}{t.target.unit}",
                "progress": t.share,
                "met": "是" if t.met else "否",
            }
            for t in state.targets
        ]
        tables.append(Table(_TARGET_COLUMNS, rows, "目标"))
    if task.history:
        tables.append(
            Table(_HISTORY_COLUMNS, _history_rows(task.history, task.targets), "更新记录")
        )
    return View(task_json(state), tuple(tables))


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


# ---- report ---------------------------------------------------------------------------------

_REPORT_TASK_COLUMNS = (
    Column("id", "序号", "number"),
    Column("focus", "重点工作"),
    Column("content", "具体内容"),
    Column("lead", "牵头部室", "names"),
    Column("leaders", "责任领导", "names"),
    Column("due", "完成时限"),
    Column("reached", "目标完成"),  # one line a target: 宣讲：10/10场（100%）
    Column("progress", "进度", "bar"),
    Column("status", "状态", "status"),
)


def _tally_columns(header: str) -> tuple[Column, ...]:
    counts = tuple(Column(str(s), STATUS_LABELS[s], "number") for s in Status)
    return (
        Column("name", header),
        Column("tasks", "任务", "number"),
        *counts,
        Column("rate", "完成率"),
    )


def _tally_row(tally: Tally) -> dict[str, Any]:
    return {**tally_json(tally), "rate": percent_text(tally.rate)}


def report_view(report: Report) -> View:
    return View(lambda: _report_json(report), lambda: _report_tables(report))


def _report_json(report: Report) -> dict[str, Any]:
    plan = report.plan.plan
    return {
        "as_of": report.as_of.isoformat(),
        "due": None if report.due is None else str(report.due),
        "margin": whole(report.margin),
        "plan": {"title": plan.title, "year": plan.year, "start": str(report.plan.start)},
        "summary": {k: v for k, v in tally_json(report.total).items() if k != "name"},
        "groups": [tally_json(g) for g in report.groups],
        "tasks": [progress_json(s) for s in report.states],
    }


def _report_tables(report: Report) -> tuple[Table, Table]:
    plan = report.plan.plan
    scope = f"完成时限在 {report.due} 及以前的任务" if report.due else "全部任务"
    tasks = Table(
        _REPORT_TASK_COLUMNS,
        [report_row(s) for s in report.states],
        f"{plan.title}：{scope}，截至 {report.as_of}",
    )
    caption = "" if report.by == "section" else _SHARED_CAPTION[report.by]
    groups = Table(
        _tally_columns(report.group_header),
        [_tally_row(g) for g in report.groups],
        f"按{report.group_header}汇总",
        caption,
        _tally_row(report.total),
    )
    return tasks, groups


_SHARED_CAPTION = {
    "dept": "一项任务有多个牵头部室时分别计入各部室；合计每项任务只计一次",
    "leader": "一项任务有多位责任领导时分别计入各位领导；合计每项任务只计一次",
}


def id_ranges(ids: list[int]) -> str:
    """[1, 2, 3, 5, 7, 8] → 1–3、5、7–8: the numbers that exist, in a line."""
    runs: list[list[int]] = []
    for number in sorted(set(ids)):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return "、".join(f"{a}–{b}" if b > a else f"{a}" for a, b in runs)
