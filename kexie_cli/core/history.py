"""What a task's history says at a date: the 督办 record replayed.

Every entry is dated; an as-of date sees the entries dated on or before it, so a report run
later for an earlier date says what it said then. The document's own due month stays in
`task.due`; extensions move the deadline from their date on.

A date on or after the task's last entry sees the whole history: there `task.standing`
(core/standing.py, worked out once and cached) answers without reading the entries.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from kexie_cli.core.models import EntryKind, HistoryEntry, Mark, Task
from kexie_cli.core.months import Month


class Completion(StrEnum):
    """When a done task was done, against its deadlines."""

    ON_TIME = "on_time"  # by the end of the document's due month
    EXTENDED = "extended"  # after it, within an extension
    LATE = "late"  # after the effective deadline

    @property
    def label(self) -> str:
        return COMPLETION_LABELS[self]


COMPLETION_LABELS = {
    Completion.ON_TIME: "按期完成",
    Completion.EXTENDED: "延期后完成",
    Completion.LATE: "逾期完成",
}


def entries(task: Task, kind: EntryKind, as_of: dt.date | None = None) -> list[HistoryEntry]:
    """The task's entries of one kind dated on or before as_of (all without it), by date;
    entries of one day in the order they were recorded."""
    found = [h for h in task.history if h.kind is kind and (as_of is None or h.date <= as_of)]
    return sorted(found, key=lambda h: h.date)  # stable: one day's entries keep their order


def sees_all(task: Task, as_of: dt.date | None) -> bool:
    """Whether the date sees the whole history (no date does): then `task.standing` answers."""
    return as_of is None or not task.history or as_of >= task.standing.last


def extensions(task: Task, as_of: dt.date | None = None) -> list[HistoryEntry]:
    if sees_all(task, as_of):
        return list(task.standing.extensions)
    return entries(task, EntryKind.EXTENSION, as_of)


def effective_due(task: Task, as_of: dt.date | None = None) -> Month:
    """The deadline in force at as_of: the last extension's, else the document's."""
    moved = extensions(task, as_of)
    return moved[-1].due_after or task.due if moved else task.due


def reports(task: Task, as_of: dt.date | None = None) -> list[HistoryEntry]:
    return entries(task, EntryKind.REPORT, as_of)


def comments(task: Task, as_of: dt.date | None = None) -> list[HistoryEntry]:
    if sees_all(task, as_of):
        return list(task.standing.comments)
    return entries(task, EntryKind.COMMENT, as_of)


def latest_report(task: Task, as_of: dt.date | None = None) -> HistoryEntry | None:
    if sees_all(task, as_of):
        return task.standing.latest
    found = reports(task, as_of)
    return found[-1] if found else None


def said_by(task: Task, as_of: dt.date | None) -> tuple[HistoryEntry | None, list[HistoryEntry]]:
    """The latest report and the comments by as_of, in one pass (every task of a report asks)."""
    if sees_all(task, as_of):
        return task.standing.latest, list(task.standing.comments)
    latest, said = None, []
    for entry in task.history:
        if as_of is not None and entry.date > as_of:
            continue
        if entry.kind is EntryKind.REPORT and (latest is None or entry.date >= latest.date):
            latest = entry
        elif entry.kind is EntryKind.COMMENT:
            said.append(entry)
    return latest, sorted(said, key=lambda h: h.date)


def follow_ups(
    task: Task, as_of: dt.date | None = None
) -> list[tuple[HistoryEntry, list[HistoryEntry]]]:
    """Each comment (批示) by as_of with its 落实: the reports after it up to the task's next
    comment, which answers for what comes after it. After means later in the history, so a
    report the same day counts only if written after the comment (and before the next)."""
    seen = sorted(
        (h for h in task.history if as_of is None or h.date <= as_of), key=lambda h: h.date
    )  # stable: one day's entries keep their order
    found: list[tuple[HistoryEntry, list[HistoryEntry]]] = []
    for entry in seen:
        if entry.kind is EntryKind.COMMENT:
            found.append((entry, []))
        elif entry.kind is EntryKind.REPORT and found:
            found[-1][1].append(entry)
    return found


def pending_requests(task: Task, as_of: dt.date | None = None) -> list[HistoryEntry]:
    """Requests for more time no extension has answered since: the office's to-do."""
    if sees_all(task, as_of):
        return list(task.standing.requests)
    return unanswered(task, as_of)


def unanswered(task: Task, as_of: dt.date | None) -> list[HistoryEntry]:
    answered = [h.date for h in entries(task, EntryKind.EXTENSION, as_of)]
    return [
        r
        for r in entries(task, EntryKind.REQUEST, as_of)
        if not any(day >= r.date for day in answered)
    ]


def done_as_of(task: Task, key: int, as_of: dt.date | None) -> float:
    """The count on a target as of a date, replayed from the task's figures (by place, the
    sum of the places' counts)."""
    places = task.targets[key - 1].places
    if places:
        return sum(place_done_as_of(task, key, name, as_of) for name in places)
    return _replayed(task, key, None, task.targets[key - 1].done, as_of)


def place_done_as_of(task: Task, key: int, place: str, as_of: dt.date | None) -> float:
    """One place's count on a target broken down by place, as of a date."""
    current = task.targets[key - 1].places[place].done
    return _replayed(task, key, place, current, as_of)


def _replayed(
    task: Task, key: int, place: str | None, current: float, as_of: dt.date | None
) -> float:
    if as_of is None or not task.history:  # most tasks: nothing to replay
        return current
    figures = [
        h for h in task.history if h.target == key and h.unit == place and h.after is not None
    ]
    if not figures or as_of >= max(h.date for h in figures):
        return current
    earlier = [h for h in figures if h.date <= as_of]
    if earlier:
        # Of several entries on one day, the last recorded (max keeps the first it meets).
        return max(reversed(earlier), key=lambda h: h.date).after or 0.0
    first = min(figures, key=lambda h: h.date)
    return first.before if first.before is not None else 0.0


def mark_as_of(task: Task, as_of: dt.date | None) -> Mark | None:
    if as_of is None or not task.history:
        return task.status
    marks = [h for h in task.history if h.status is not None]
    if not marks or as_of >= max(h.date for h in marks):
        return task.status
    earlier = [h for h in marks if h.date <= as_of]
    if earlier:
        return max(reversed(earlier), key=lambda h: h.date).status
    return min(marks, key=lambda h: h.date).status_before


def completion(task: Task, completed_on: dt.date | None, as_of: dt.date) -> Completion | None:
    """On time, after an extension, or late — None while not done or not known when."""
    if completed_on is None:
        return None
    if completed_on <= task.due.last_day:
        return Completion.ON_TIME
    if completed_on <= effective_due(task, as_of).last_day:
        return Completion.EXTENDED
    return Completion.LATE
