"""What the 督办 record says of a task at a date: the deadline in force, when it was done, its
latest report, its comments and its requests for more time — one `Standing`, asked through
`record_at`, the one way every command reads them.

A task works out its own standing once (`Task.standing`: the whole record) and the cache
pickles it with the task, so a warm `list` or `report` of today reads no history entry; a date
before the task's last entry replays the entries dated by then (core/history.py).
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from typing import NamedTuple

from kexie_cli.core.closing import (
    NO_SIGN_OFF,
    SignOff,
    all_met,
    last_end,
    needs_sign_off,
    sign_off_of,
)
from kexie_cli.core.history import (
    Asked,
    Completion,
    asked,
    before_entries,
    replay_key,
    replayed,
)
from kexie_cli.core.models import EntryKind, HistoryEntry, Mark, Task
from kexie_cli.core.months import Month


class Standing(NamedTuple):
    last: dt.date | None  # the date of the latest entry seen; None: none
    completed_on: dt.date | None  # the date of the entry that made it done
    extensions: tuple[HistoryEntry, ...]  # oldest first
    latest: HistoryEntry | None  # the latest written report
    comments: tuple[HistoryEntry, ...]  # oldest first
    requests: tuple[Asked, ...]  # requests for more time, each with its answer
    sign_off: SignOff = NO_SIGN_OFF  # completion requests and their answers (core/closing.py)
    ended: HistoryEntry | None = None  # the latest cancel or pause not resumed (its `until`
    # is read against the date asked: core/closing.py, `ended_at`)

    @property
    def pending(self) -> tuple[HistoryEntry, ...]:
        """The requests no extension or refusal has answered: the office's to-do."""
        return tuple(a.request for a in self.requests if a.reply is None)


NO_HISTORY = Standing(None, None, (), None, (), ())


def standing(task: Task) -> Standing:
    """The whole record: what `Task.standing` holds."""
    return read(task, None) if task.history else NO_HISTORY


def record_at(task: Task, as_of: dt.date | None = None) -> Standing:
    """The record as of a date: the task's standing where the date sees every entry, else the
    entries dated by then, replayed."""
    if as_of is None or not task.history or as_of >= task.standing.last:
        return task.standing
    return read(task, as_of)


def read(task: Task, as_of: dt.date | None) -> Standing:
    seen = replayed(task, as_of)
    if not seen:
        return NO_HISTORY
    reports = [h for h in seen if h.kind is EntryKind.REPORT]
    return Standing(
        seen[-1].date,
        replayed_completion(task, as_of),
        tuple(h for h in seen if h.kind is EntryKind.EXTENSION),
        reports[-1] if reports else None,
        tuple(h for h in seen if h.kind is EntryKind.COMMENT),
        tuple(asked(task, as_of)),
        _sign_off(task, seen, as_of),
        last_end(seen),
    )


def _sign_off(task: Task, seen: list[HistoryEntry], as_of: dt.date | None) -> SignOff:
    """The sign-off among the entries seen. The whole record (no date) is read when the task
    is made, before its plan tells it whether it needs sign-off; a replay at a date is asked
    by a command, once the task knows: one that needs none is not replayed for it (a report
    `--as-of` replays every task's record, some several times)."""
    if as_of is not None and not needs_sign_off(task):
        return NO_SIGN_OFF
    return sign_off_of(task, seen)


def extensions(task: Task, as_of: dt.date | None = None) -> list[HistoryEntry]:
    return list(record_at(task, as_of).extensions)


def effective_due(task: Task, as_of: dt.date | None = None) -> Month:
    """The deadline in force at as_of: the last extension's, else the document's."""
    moved = record_at(task, as_of).extensions
    return moved[-1].due_after or task.due if moved else task.due


def comments(task: Task, as_of: dt.date | None = None) -> list[HistoryEntry]:
    return list(record_at(task, as_of).comments)


def latest_report(task: Task, as_of: dt.date | None = None) -> HistoryEntry | None:
    return record_at(task, as_of).latest


def said_by(task: Task, as_of: dt.date | None) -> tuple[HistoryEntry | None, list[HistoryEntry]]:
    """The latest report and the comments by as_of (every task of a report asks)."""
    record = record_at(task, as_of)
    return record.latest, list(record.comments)


def requests(task: Task, as_of: dt.date | None = None) -> list[Asked]:
    """Every request for more time by as_of, each with its answer: an extension or a refusal
    after it in the record answers every request still open before it."""
    return list(record_at(task, as_of).requests)


def pending_requests(task: Task, as_of: dt.date | None = None) -> list[HistoryEntry]:
    """Requests for more time not answered since: the office's to-do."""
    return list(record_at(task, as_of).pending)


def completed_on(task: Task, as_of: dt.date | None) -> dt.date | None:
    """The date of the entry that made the task done (its last target met, or the mark): the
    start of the last run of dates on which it was done. None where the history does not show
    it (done in a file edited by hand)."""
    return record_at(task, as_of).completed_on


def completion(task: Task, completed_on: dt.date | None, as_of: dt.date) -> Completion | None:
    """On time, after an extension, or late — None while not done or not known when."""
    if completed_on is None:
        return None
    if completed_on <= task.due.last_day:
        return Completion.ON_TIME
    if completed_on <= effective_due(task, as_of).last_day:
        return Completion.EXTENDED
    return Completion.LATE


def replayed_completion(task: Task, as_of: dt.date | None) -> dt.date | None:
    """`completed_on`, found by replaying the task's figures and marks forward once."""
    changes = sorted(
        (h for h in task.history if h.kind in _CHANGES and (as_of is None or h.date <= as_of)),
        key=replay_key,
    )
    counts, mark = before_entries(task, changes)
    found = None
    for day, entries in groupby(changes, key=lambda h: h.date):
        for h in entries:
            if h.kind is EntryKind.MARK:
                mark = h.status
            elif h.target is not None:
                counts[(h.target, h.unit)] = h.after or 0.0
        done = mark is Mark.DONE or all_met(task, counts)
        found = (found or day) if done else None
    return found


_CHANGES = (EntryKind.FIGURE, EntryKind.MARK)
