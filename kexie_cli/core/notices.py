"""督办通知单 (`kexie notice`): the 文号 a new notice takes, and the record a notice tells.

A notice is a `notice` entry on its task (its 文号 in `number`, the month to answer by in
`due_after`). The 文号 not given goes on from the last notice of the plan: 黄科协督〔2025〕3号
→ 黄科协督〔2025〕4号; in a new year the count starts at 1; with no notice yet, or none
numbered, `〔2025〕  号`, a blank to fill in by hand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from kexie_cli.core.history import replay_key, replayed
from kexie_cli.core.models import EntryKind, HistoryEntry, Task, TasksPlan
from kexie_cli.core.months import Month, month_text
from kexie_cli.core.problems import KexieError

_NUMBERED = re.compile(r"^(?P<head>.*?)(?P<count>\d+)(?P<tail>\s*号\s*)$")
_YEAR = re.compile(r"〔(\d{4})〕")

# What a notice tells of its task's record, in replay order: the figures are in its own part.
TOLD = frozenset(
    {
        EntryKind.REPORT,
        EntryKind.REQUEST,
        EntryKind.EXTENSION,
        EntryKind.REFUSAL,
        EntryKind.COMMENT,
        EntryKind.URGE,
        EntryKind.NOTICE,
    }
)


@dataclass(frozen=True, slots=True)
class NoticeRequest:
    """`kexie notice N`: a 督办通知单 issued, its 文号 and the month to answer by (an update,
    as core/requests.py has the others)."""

    task_id: int
    number: str
    due_after: Month | None = None
    date: dt.date = dataclasses.field(default_factory=dt.date.today)
    by: str | None = None
    recorded: dt.date | None = None

    def keys(self) -> dict[str, Any]:
        """The notice entry's own keys, in file order (its dates and kind: core/update.py)."""
        keys: dict[str, Any] = {"number": self.number}
        if self.due_after is not None:
            keys["due_after"] = month_text(self.due_after)
        return keys | ({"by": self.by} if self.by else {})

    def entry(self, plan: TasksPlan, dated: dict[str, Any]) -> dict[str, Any]:
        return notice_entry(plan, self, dated)


def blank_number(year: int) -> str:
    return f"〔{year}〕  号"


def notices(plan: TasksPlan) -> list[HistoryEntry]:
    """Every notice of the plan, oldest first (by date, then arrival)."""
    found = [h for task in plan.tasks for h in task.history if h.kind is EntryKind.NOTICE]
    return sorted(found, key=replay_key)


def next_number(plan: TasksPlan, day: dt.date) -> str:
    """The 文号 after the last notice's, for a notice dated `day`."""
    issued = notices(plan)
    if not issued:
        return blank_number(day.year)
    last = (issued[-1].number or "").strip()
    numbered = _NUMBERED.match(last)
    if numbered is None:
        return blank_number(day.year)
    head, count = numbered["head"], int(numbered["count"]) + 1
    year = _YEAR.search(head)
    if year is not None and int(year[1]) != day.year:
        head, count = head.replace(year[0], f"〔{day.year}〕"), 1
    return f"{head}{count}{numbered['tail'].strip()}"


def notice_entry(plan: TasksPlan, request: NoticeRequest, dated: dict[str, Any]) -> dict[str, Any]:
    """The notice's entry; refused when another notice of the plan has its 文号 (two clerks
    drafting at once both take the next one: the second is told, under the plan's lock). A
    blank 〔2025〕  号 is filled in by hand later: it never clashes."""
    number = request.number.strip()
    asked = _NUMBERED.match(number)
    for task in plan.tasks if asked else ():
        for h in task.history:
            if h.kind is EntryKind.NOTICE and (h.number or "").strip() == number:
                free = _after_highest(plan, asked["head"], asked["tail"].strip())
                raise KexieError(
                    f"文号 {number} 已用于任务 {task.id} 的督办通知单（{h.date}）；下一个可用：{free}"
                )
    return dated | request.keys()


def _after_highest(plan: TasksPlan, head: str, tail: str) -> str:
    """One past the highest count the plan's notices have under this head (〔2025〕 of 黄科协督)."""
    found = [_NUMBERED.match((h.number or "").strip()) for h in notices(plan)]
    counts = [int(m["count"]) for m in found if m is not None and m["head"] == head]
    return f"{head}{max(counts, default=0) + 1}{tail}"


def told(task: Task, as_of: dt.date) -> list[HistoryEntry]:
    """The entries a notice lists by its date: reports, requests and their answers, comments,
    reminders and earlier notices."""
    return [h for h in replayed(task, as_of) if h.kind in TOLD]
