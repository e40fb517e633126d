"""What a task's history says from its last entry on: the deadline in force, when it was
done, its latest report, its comments and open requests — everything a command about the
tasks as they stand today asks of the history.

Worked out once per task (`Task.standing`) and pickled with it in the cache, so a warm `list`
or `report` reads no history entry; a date before the last entry replays the entries instead
(core/history.py).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from kexie_cli.core.history import entries, unanswered
from kexie_cli.core.models import EntryKind, HistoryEntry, Task
from kexie_cli.core.status import replayed_completion


class Standing(NamedTuple):
    last: dt.date | None  # the date of the latest entry; None: no history
    completed_on: dt.date | None  # the day the entry that made it done was recorded
    extensions: tuple[HistoryEntry, ...]  # oldest first
    latest: HistoryEntry | None  # the latest written report
    comments: tuple[HistoryEntry, ...]  # oldest first
    requests: tuple[HistoryEntry, ...]  # requests for more time not yet answered


NO_HISTORY = Standing(None, None, (), None, (), ())


def standing(task: Task) -> Standing:
    if not task.history:
        return NO_HISTORY
    reports = entries(task, EntryKind.REPORT)
    return Standing(
        max(h.date for h in task.history),
        replayed_completion(task, None),
        tuple(entries(task, EntryKind.EXTENSION)),
        reports[-1] if reports else None,
        tuple(entries(task, EntryKind.COMMENT)),
        tuple(unanswered(task, None)),
    )
