"""What `list` shows: the tasks found (with their role for a department asked about), the
work points of a notice, and the departments' or leaders' names with their counts."""

from __future__ import annotations

from typing import Any

from kexie_cli.core.models import Point
from kexie_cli.core.queries import Found, NameCount
from kexie_cli.core.status import TaskState
from kexie_cli.core.wording import target_text
from kexie_cli.output.views import (
    WIDE,
    Column,
    Table,
    View,
    done_text,
    names,
    point_json,
    state_row,
    task_json,
)

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
    Column("level", "预警", "level"),
    Column("latest", "进展情况", wide=WIDE),
)


def task_row(state: TaskState, role: str | None = None) -> dict[str, Any]:
    """A task as a row of the list: its own columns, its targets and their figures."""
    row = state_row(state)
    row["role"] = role or ""
    row["targets"] = [f"{t.target.name} {target_text(t.target)}" for t in state.targets]
    row["done"] = [done_text(t) for t in state.targets]
    return row


def task_list(found: list[Found], with_role: bool, title: str = "", with_org: bool = False) -> View:
    """The tasks found; `with_org`: of several organisations, each row saying whose."""
    columns = tuple(c for c in _TASK_COLUMNS if with_role or c.key != "role")
    if with_org:
        columns = (Column("org", "组织"), *columns)

    def json() -> list[dict[str, Any]]:
        rows = [task_json(f.state, f.role if with_role else None) for f in found]
        return (
            [{"org": f.state.task.org, **r} for f, r in zip(found, rows, strict=True)]
            if with_org
            else rows
        )

    def rows() -> list[dict[str, Any]]:
        return [{**task_row(f.state, f.role), "org": f.state.task.org} for f in found]

    return View(json, lambda: (Table(columns, rows(), title),))


_POINT_COLUMNS = (
    Column("id", "序号", "number"),
    Column("section", "部分"),
    Column("heading", "小标题"),
    Column("title", "要点"),
    Column("content", "内容"),
)


def point_list(points: list[Point], title: str = "") -> View:
    rows = [point_json(p) for p in points]
    # A notice of two levels has no sub-headings: no empty column for them.
    columns = tuple(
        c for c in _POINT_COLUMNS if c.key != "heading" or any(p.heading for p in points)
    )
    table_rows = [{**row, "heading": row["heading"] or ""} for row in rows]
    return View(rows, (Table(columns, table_rows, title),))


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
