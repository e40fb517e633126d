"""What a department is reminded of (催办): one digest per department, worked out at a date.

Pure: reads a validated plan. A department's tasks are those `list --dept` finds (lead or
support); its form counts as returned as `forms --status` counts it (anything since the 1st
of the month). The digest's lines are drawn by output/remind.py.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from kexie_cli.core.forms import Reporting, recipients, reporting
from kexie_cli.core.history import follow_ups
from kexie_cli.core.models import EntryKind, HistoryEntry, TasksPlan
from kexie_cli.core.queries import Filters, Found, select_tasks
from kexie_cli.core.status import Status


class Digest(NamedTuple):
    dept: str
    as_of: dt.date
    within: int
    overdue: list[Found]  # 逾期
    behind: list[Found]  # 滞后
    due_soon: list[Found]  # 即将到期 (neither overdue nor behind)
    pending: list[tuple[Found, HistoryEntry]]  # requests for more time awaiting the office
    comments: list[tuple[Found, HistoryEntry]]  # leader comments no report has followed
    form: Reporting | None  # the month's form not returned; None: returned

    @property
    def task_ids(self) -> list[int]:
        """Every task the digest names, in the plan's order of mention, once."""
        found = [*self.overdue, *self.behind, *self.due_soon]
        found += [f for f, _ in (*self.pending, *self.comments)]
        return list(dict.fromkeys(f.state.task.id for f in found))

    @property
    def empty(self) -> bool:
        return not self.task_ids and self.form is None


def departments(plan: TasksPlan) -> list[tuple[str, set[str]]]:
    """The departments reminded when none is named: those a form goes to (every lead)."""
    return [(r.name, r.names) for r in recipients(plan)]


def digest(plan: TasksPlan, dept: str, names: set[str], as_of: dt.date, within: int) -> Digest:
    found = select_tasks(plan, Filters(dept=dept), as_of, within=within).found
    open_ = [f for f in found if f.state.status is not Status.DONE]
    overdue = [f for f in open_ if f.state.status is Status.OVERDUE]
    behind = [f for f in open_ if f.state.status is Status.BEHIND]
    soon = [f for f in open_ if f.state.due_soon and f not in behind]
    pending = [(f, h) for f in found for h in f.state.pending]
    comments = [
        (f, comment)
        for f in open_
        for comment, after in follow_ups(f.state.task, as_of)
        if not after
    ]
    (return_,) = reporting(plan, [(dept, names)], as_of, as_of.replace(day=1))
    form = None if return_.reported or not return_.lead else return_
    return Digest(dept, as_of, within, overdue, behind, soon, pending, comments, form)


def sent_on(plan: TasksPlan, dept: str, day: dt.date) -> bool:
    """Whether a digest to the department is already recorded for that day (an urge entry)."""
    return any(
        h.kind is EntryKind.URGE and h.date == day and h.to == dept
        for task in plan.tasks
        for h in task.history
    )
