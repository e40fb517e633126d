"""What `report` shows of a work-points notice (issue 29): per point, the tasks of the
organisations below that implement it (`implements:`), with their status and progress."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kexie_cli.core.models import Point, PointsPlan
from kexie_cli.core.status import TaskState
from kexie_cli.output.views import Column, Table, View, due_text, percent, status_cell

_COLUMNS = (
    Column("point", "要点", "number"),
    Column("title", "要点标题"),
    Column("org", "组织"),
    Column("id", "任务", "number"),
    Column("focus", "重点工作"),
    Column("due", "完成时限"),
    Column("progress", "进度", "bar"),
    Column("status", "状态", "status"),
)


def points_view(notice: PointsPlan, found: dict[int, list[TaskState]], as_of: dt.date) -> View:
    """`found`: each point's id with the states of the tasks implementing it."""
    return View(
        lambda: _json(notice, found, as_of),
        lambda: (Table(_COLUMNS, _rows(notice, found), _title(notice, found, as_of)),),
    )


def _title(notice: PointsPlan, found: dict[int, list[TaskState]], as_of: dt.date) -> str:
    done = sum(1 for states in found.values() if states)
    return (
        f"{notice.plan.title}：各要点的落实任务（截至 {as_of}，{done}/{len(found)} 条有落实任务）"
    )


def _json(notice: PointsPlan, found: dict[int, list[TaskState]], as_of: dt.date) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat(),
        "plan": {"title": notice.plan.title, "year": notice.year, "org": notice.plan.org},
        "points": [
            {
                "id": point.id,
                "section": point.section,
                "title": point.title,
                "tasks": [_task_json(s) for s in found.get(point.id, [])],
            }
            for point in notice.points
        ],
    }


def _task_json(state: TaskState) -> dict[str, Any]:
    task = state.task
    return {
        "org": task.org,
        "id": task.id,
        "focus": task.focus,
        "content": task.content,
        "lead": task.lead,
        "due": str(state.due),
        "status": str(state.status),
        "status_label": state.status.label,
        "progress": None if state.share is None else percent(state.share * 100),
    }


def _rows(notice: PointsPlan, found: dict[int, list[TaskState]]) -> list[dict[str, Any]]:
    rows = []
    for point in notice.points:
        states = found.get(point.id, [])
        if not states:
            rows.append(_point_cells(point) | {"org": "（无落实任务）", "id": "", "focus": ""})
        for state in states:
            rows.append(
                _point_cells(point)
                | {
                    "org": state.task.org,
                    "id": state.task.id,
                    "focus": state.task.focus or state.task.content,
                    "due": due_text(state),
                    "progress": state.share,
                    "status": status_cell(state),
                }
            )
    return rows


def _point_cells(point: Point) -> dict[str, Any]:
    return {"point": point.id, "title": point.title, "due": "", "progress": None, "status": ""}
