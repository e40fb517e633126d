"""The 通报's task table (附件2): one row a task — its number, what it is, who leads it, its
deadline in force, how far it is and its status — as docx_official.table draws it.
"""

from __future__ import annotations

import datetime as dt

from kexie_cli.core.numbers import percent_text
from kexie_cli.core.pace import task_progress
from kexie_cli.core.status import TaskState
from kexie_cli.formats.breakdown_sheet import due_cell, status_text
from kexie_cli.output import prose

HEADS = ("序号", "重点工作任务", "牵头部室", "完成时限", "完成进度", "状态")
WIDTHS = (11, 61, 28, 20, 16, 20)  # mm: the 156 mm of the page's text


def task_rows(
    states: list[TaskState], as_of: dt.date
) -> tuple[tuple[str, ...], list[list[str]], tuple[int, ...]]:
    """The heads, a row for each task, the widths."""
    rows = []
    for state in states:
        task = state.task
        done = task_progress(state)
        rows.append(
            [
                str(task.id),
                prose.gist(task),
                prose.names(task.lead, "—"),
                due_cell(state),
                "—" if done is None else percent_text(done),
                status_text(state),
            ]
        )
    return HEADS, rows, WIDTHS
