"""What `show` shows: every column of one task, its targets (place by place), its 督办 record
— reports, comments with their follow-up, extensions, figures and marks — and one work point."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kexie_cli.core import history, record
from kexie_cli.core.history import replay_key
from kexie_cli.core.models import EntryKind, HistoryEntry, Mark, Point, PointsPlan, Target
from kexie_cli.core.months import Month, month_text
from kexie_cli.core.numbers import number_text
from kexie_cli.core.status import TargetState, TaskState
from kexie_cli.core.wording import target_text
from kexie_cli.output.ending import closing_fields, closing_tables
from kexie_cli.output.views import (
    Column,
    StatusCell,
    Table,
    View,
    due_text,
    history_change,
    latest_line,
    names,
    point_json,
    reply_text,
    report_json,
    status_cell,
    task_json,
)

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
_URGE_COLUMNS = (Column("date", "日期"), Column("to", "催办部室"), Column("channel", "发往"))
_NOTICE_COLUMNS = (Column("date", "日期"), Column("number", "文号"), Column("answer", "回复期限"))
_COMMENT_COLUMNS = (
    Column("date", "日期"),
    Column("by", "领导"),
    Column("comment", "批示"),
    Column("follow_up", "落实情况"),
)
_REQUEST_COLUMNS = (
    Column("date", "申请日期"),
    Column("due_after", "申请延期至"),
    Column("reason", "理由"),
    Column("by", "申请人"),
    Column("answer", "审批"),
    Column("reply", "答复"),
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
    if state.level is not None:
        fields.append(("预警", state.level.label))
    if state.completed_on is not None:
        fields.append(("完成日期", state.completed_on.isoformat()))
    fields += closing_fields(state)  # 取消, 暂缓, 退回
    fields.append(("备注", task.note or ""))
    tables = [
        Table(_FIELD_COLUMNS, [{"field": k, "value": v} for k, v in fields], f"任务 {task.id}")
    ]
    if state.targets:
        rows = [row for t in state.targets for row in _target_rows(t)]
        tables.append(Table(_TARGET_COLUMNS, rows, "目标"))
    tables.extend(_record_tables(state, as_of))
    tables.extend(closing_tables(task, as_of))
    changes = [h for h in task.history if h.kind in (EntryKind.FIGURE, EntryKind.MARK)]
    if changes:
        rows = _history_rows(changes, task.targets, bool(task.sign_off))
        tables.append(Table(_HISTORY_COLUMNS, rows, "更新记录"))
    return View(task_json(state), tuple(tables))


def _target_rows(state: TargetState) -> list[dict[str, Any]]:
    """A target's row; broken down by place, the total then a row per place (14.1 大冶市),
    each with its own bar; then its note, if it has one."""
    target = state.target
    when = _when(target)
    rows = [
        {
            "key": state.key,
            "name": target.name + when,
            "target": target_text(target) + ("（合计）" if state.places else ""),
            "done": f"{number_text(state.done)}{target.unit}",
            # A figure past its target reads as it is (150/120: 125%); the bar stops at full.
            # By place, the mean of the places' shares, each capped: the target's own rule.
            "progress": state.share if state.places else state.done / target.target,
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
                "progress": place.done / place.target,
                "met": "是" if place.met else "否",
            }
        )
        if source := target.places[place.name].source:  # flowed up from below (issue 29)
            rows.append({"key": "", "name": f"    来自 {source}"})
    if target.source:
        rows.insert(1, {"key": "", "name": f"  来自 {target.source}"})
    if target.note:  # why it is counted so (备注), under the target and its places
        rows.append({"key": "", "name": f"备注：{target.note}"})
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
    """The 督办 record by as_of: reports, comments with their follow-up, extensions, and
    requests for more time with their answers."""
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
    if asked := record.requests(task, as_of):
        rows = [
            {
                "date": a.request.date.isoformat(),
                "due_after": month_text(a.request.due_after) if a.request.due_after else "",
                "reason": a.request.reason or "",
                "by": a.request.by or "",
                "answer": a.answer.label,
                "reply": reply_text(a),
            }
            for a in asked
        ]
        tables.append(Table(_REQUEST_COLUMNS, rows, "延期申请"))
    urged = [h for h in history.replayed(task, as_of) if h.kind is EntryKind.URGE]
    if urged:  # a line each: `kexie remind` sent the department a digest naming the task
        rows = [{"date": h.date.isoformat(), "to": h.to, "channel": h.channel} for h in urged]
        tables.append(Table(_URGE_COLUMNS, rows, "催办记录"))
    issued = [h for h in history.replayed(task, as_of) if h.kind is EntryKind.NOTICE]
    if issued:  # `kexie notice`: each 督办通知单 with its 文号 and the month to answer by
        rows = [
            {"date": h.date.isoformat(), "number": h.number, "answer": _month(h.due_after)}
            for h in issued
        ]
        tables.append(Table(_NOTICE_COLUMNS, rows, "督办通知单"))
    return tables


def _month(month: Month | None) -> str:
    return "" if month is None else month_text(month)


def _history_rows(
    history: list[HistoryEntry], targets: list[Target], signed: bool = False
) -> list[dict[str, Any]]:
    """The figures and marks, in replay order; with sign-off a mark done is the department's
    completion request (申请办结), said in 备注: the office's 销号 is in its own table."""
    rows = []
    for entry in sorted(history, key=replay_key):
        what, change = history_change(entry, targets)
        asked = signed and entry.kind is EntryKind.MARK and entry.status is Mark.DONE
        rows.append(
            {
                "date": entry.date.isoformat(),
                "what": what,
                "change": change,
                "by": entry.by or "",
                "note": "申请办结" if asked else entry.note or "",
            }
        )
    return rows


def point_detail(point: Point, plan: PointsPlan) -> View:
    fields = [
        ("序号", str(point.id)),
        ("部分", point.section),
        *([("小标题", point.heading)] if point.heading else []),
        ("要点", point.title),
        ("内容", point.content),
        ("备注", point.note or ""),
    ]
    rows = [{"field": k, "value": v} for k, v in fields]
    return View(point_json(point), (Table(_FIELD_COLUMNS, rows, plan.plan.title),))
