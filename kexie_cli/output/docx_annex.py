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

HEADS = ("序号", "重点工作任务", "牵头部室", "完成时限", "进度", "状态")
# mm, the 156 mm of the page's text: heads on one line (4.23 mm a character, 2 mm of margins),
# two departments (办公室、组宣部) on one line of 牵头部室
WIDTHS = (11, 55, 34, 20, 16, 20)


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
