"""What `kexie report` shows: each task due by the month, and the tallies by group."""

from __future__ import annotations

from typing import Any

from kexie_cli.core.levels import LEVEL_LABELS, Level
from kexie_cli.core.models import HistoryEntry
from kexie_cli.core.months import month_text
from kexie_cli.core.numbers import percent_text, whole
from kexie_cli.core.record import requests
from kexie_cli.core.status import ENDED, FLAG_LABELS, STATUS_LABELS, Flag, Status, TaskState
from kexie_cli.core.tally import Report, Tally
from kexie_cli.output.ending import ended_tables
from kexie_cli.output.views import (
    WIDE,
    Column,
    Table,
    View,
    done_text,
    level_json,
    percent,
    record_json,
    reply_text,
    sources,
    state_row,
    target_json,
    task_heading,
)


def request_json(entry: HistoryEntry) -> dict[str, Any]:
    """A request for more time awaiting an extension: {date, due_after, reason, by}."""
    return {
        "date": entry.date.isoformat(),
        "due_after": str(entry.due_after),
        "reason": entry.reason,
        "by": entry.by,
    }


def report_row(state: TaskState) -> dict[str, Any]:
    """A task as a row of the report: each target's figure on a line, after its name."""
    row = state_row(state)
    row["reached"] = [
        line
        for t in state.targets
        for line in [f"{t.target.name}：{done_text(t)}", *[f"  {s}" for s in sources(t)]]
    ]
    return row


def progress_json(state: TaskState) -> dict[str, Any]:
    """A task in a report: who, when, where it stands — its text is in `list`/`show`."""
    return {
        **task_heading(state.task),
        "due": str(state.due),
        "status": str(state.status),
        "status_label": state.status.label,
        **level_json(state),
        "progress": None if state.share is None else percent(state.share * 100),
        "targets": [target_json(t) for t in state.targets],
        **record_json(state),
    }


def tally_json(tally: Tally) -> dict[str, Any]:
    return {
        "name": tally.name,
        "tasks": tally.tasks,
        **{str(status): count for status, count in tally.counts.items()},
        "rate": percent(tally.rate),
        **{str(flag): count for flag, count in tally.flags.items()},
        **{str(level): count for level, count in tally.levels.items()},
    }


def headline(report: Report) -> str:
    """平均进度 38%，时间进度 50%: the figures' mean share done against the year gone."""
    progress = report.progress
    mean = "—（无可计数的目标）" if progress is None else percent_text(progress)
    return f"平均进度 {mean}，时间进度 {percent_text(report.time_share)}"


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
    Column("level", "预警", "level"),
    Column("latest", "进展情况", wide=WIDE),
)


LEVELS_WIDE = 120


def _tally_columns(
    header: str, shown: tuple[Status | Flag, ...] = (), by: str = ""
) -> tuple[Column, ...]:
    """The tally's columns; 已取消, 暂缓 and 待销号 only where a task has them (`shown`); by
    organisation, 平均进度 after 完成率."""
    rare = (*ENDED, Flag.AWAITING_SIGN_OFF)
    counts = tuple(
        Column(str(s), STATUS_LABELS[s], "number") for s in Status if s not in rare or s in shown
    )
    flags = tuple(
        Column(str(f), FLAG_LABELS[f], "number") for f in Flag if f not in rare or f in shown
    )
    mean = (Column("progress", "平均进度"),) if by == "org" else ()  # the roll-up's figure
    # 预警 on a terminal wide enough for four more columns (at 80 the list's column says it)
    levels = tuple(Column(str(lv), LEVEL_LABELS[lv], "number", wide=LEVELS_WIDE) for lv in Level)
    return (
        Column("name", header),
        Column("tasks", "任务", "number"),
        *counts,
        Column("rate", "完成率"),
        *mean,
        *flags,
        *levels,
    )


def _shown(total: Tally) -> tuple[Status | Flag, ...]:
    return (
        *(s for s in ENDED if total.counts[s]),
        *((Flag.AWAITING_SIGN_OFF,) if total.flags[Flag.AWAITING_SIGN_OFF] else ()),
    )


def _tally_row(tally: Tally, by: str = "") -> dict[str, Any]:
    row = {**tally_json(tally), "rate": percent_text(tally.rate)}
    if by == "org":
        row["progress"] = "—" if tally.progress is None else percent_text(tally.progress)
    return row


def _group_json(tally: Tally, by: str) -> dict[str, Any]:
    """A group's tally; by organisation, with its tasks' mean progress (%, null: none)."""
    if by != "org":
        return tally_json(tally)
    mean = None if tally.progress is None else round(tally.progress, 1)
    return {**tally_json(tally), "progress": mean}


def report_view(report: Report) -> View:
    return View(lambda: _report_json(report), lambda: _report_tables(report))


def _report_json(report: Report) -> dict[str, Any]:
    plan = report.plan.plan
    return {
        "as_of": report.as_of.isoformat(),
        "due": None if report.due is None else str(report.due),
        "margin": whole(report.margin),
        "plan": {"title": plan.title, "year": plan.year, "start": str(report.plan.start)},
        "summary": {
            **{k: v for k, v in tally_json(report.total).items() if k != "name"},
            "progress": None if report.progress is None else round(report.progress, 1),
            "time_share": round(report.time_share, 1),
        },
        "groups": [_group_json(g, report.by) for g in report.groups],
        "tasks": _tasks_json(report, report.counted),
        "ended_tasks": _tasks_json(report, report.ended),  # cancelled or paused
        "pending_requests": [{"id": s.task.id, **request_json(r)} for s, r in _pending(report)],
    }


def _tasks_json(report: Report, states: list[TaskState]) -> list[dict[str, Any]]:
    """Each task where it stands; of several organisations, each saying whose it is."""
    if not _many(report):
        return [progress_json(s) for s in states]
    return [{"org": s.task.org, **progress_json(s)} for s in states]


def _many(report: Report) -> bool:
    return len({s.task.org for s in report.states}) > 1


def _pending(report: Report) -> list[tuple[TaskState, HistoryEntry]]:
    """Requests for more time still awaiting the office's approval, task by task: each
    state's own, worked out with it at the report's date (not the record read again)."""
    return [(state, asked) for state in report.states for asked in state.pending]


_REQUEST_COLUMNS = (
    Column("id", "序号", "number"),
    Column("lead", "牵头部室", "names"),
    Column("date", "申请日期"),
    Column("due_after", "申请延期至"),
    Column("reason", "理由"),
    Column("answer", "审批"),
    Column("reply", "答复"),
)


def _requests_table(report: Report) -> tuple[Table, ...]:
    """Every request for more time by the date, answered or not: 已批准 with the extension's
    date, 未同意 with the reason given, 待审批."""
    rows = [
        {
            "id": state.task.id,
            "lead": state.task.lead,
            "date": asked.request.date.isoformat(),
            "due_after": month_text(asked.request.due_after) if asked.request.due_after else "",
            "reason": asked.request.reason or "",
            "answer": asked.answer.label,
            "reply": reply_text(asked),
        }
        for state in report.states
        if state.task.history
        for asked in requests(state.task, report.as_of)
    ]
    caption = "延期申请（批准：kexie extend N MONTH；不同意：kexie extend N --refuse）"
    return (Table(_REQUEST_COLUMNS, rows, caption),) if rows else ()


def _report_tables(report: Report) -> tuple[Table, ...]:
    plan = report.plan.plan
    scope = f"完成时限在 {report.due} 及以前的任务" if report.due else "全部任务"
    columns = _REPORT_TASK_COLUMNS
    if _many(report):
        columns = (Column("org", "组织"), *columns)
    tasks = Table(
        columns,
        [{**report_row(s), "org": s.task.org} for s in report.counted],
        f"{plan.title}：{scope}，截至 {report.as_of}；{headline(report)}",
    )
    caption = "" if report.by == "section" else _SHARED_CAPTION[report.by]
    groups = Table(
        _tally_columns(report.group_header, _shown(report.total), report.by),
        [_tally_row(g, report.by) for g in report.groups],
        f"按{report.group_header}汇总",
        caption,
        _tally_row(report.total, report.by),
    )
    return tasks, groups, *ended_tables(report.states), *_requests_table(report)


_SHARED_CAPTION = {
    "dept": "一项任务有多个牵头部室时分别计入各部室；合计每项任务只计一次",
    "leader": "一项任务有多位责任领导时分别计入各位领导；合计每项任务只计一次",
    "unit": "只计分解到地方的任务，一项任务分到多地时分别计入各地；合计为全部任务，每项只计一次",
    "org": "各组织之后为各级合计（省级、市级、县级）；平均进度为有可计数目标的任务的平均完成进度",
}
