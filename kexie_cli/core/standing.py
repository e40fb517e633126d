"""What a task's history says from its last entry on: the deadline in force, when it was
done, its latest report, its comments and requests for more time — everything a command about the
tasks as they stand today asks of the history.

Worked out once per task (`Task.standing`) and pickled with it in the cache, so a warm `list`
or `report` reads no history entry; a date before the last entry replays the entries instead
(core/history.py).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from kexie_cli.core.history import Asked, asked, entries
from kexie_cli.core.models import EntryKind, HistoryEntry, Task
from kexie_cli.core.status import replayed_completion


class Standing(NamedTuple):
    last: dt.date | None  # the date of the latest entry; None: no history
    completed_on: dt.date | None  # the date of the entry that made it done
    extensions: tuple[HistoryEntry, ...]  # oldest first
    latest: HistoryEntry | None  # the latest written report
    comments: tuple[HistoryEntry, ...]  # oldest first
    requests: tuple[Asked, ...]  # requests for more time, each with its answer


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
        tuple(asked(task, None)),
    )
