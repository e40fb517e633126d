"""What a task's history says at a date: the 督办 record replayed.

Every entry has two dates: `date`, the day it is true at (the period a form reports, the day
the work was done), and `recorded`, the day it came in. The record replays by date, then by
arrival, then as the file lists it — so a June form that came back in July counts on June 30,
and the forms of one month give the same answers whatever order they were imported in. An
as-of date sees the entries dated on or before it, whenever they came in; `as_known` takes
back what had not yet come in, to answer as the office knew it on a day. The document's own
due month stays in `task.due`; extensions move the deadline from their date on.

What the record says at a date — the deadline in force, when the task was done, its latest
report, comments and requests — is asked of core/record.py, which reads it from here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import StrEnum
from typing import NamedTuple

from kexie_cli.core.models import EntryKind, HistoryEntry, Mark, Task, TasksPlan


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


def replay_key(entry: HistoryEntry) -> tuple[dt.date, dt.date]:
    """The order the record replays in: by date, then by arrival (a sort keeps file order)."""
    return entry.date, entry.arrived


def replayed(task: Task, as_of: dt.date | None = None) -> list[HistoryEntry]:
    """The task's entries dated on or before as_of (all without it), in replay order."""
    found = [h for h in task.history if as_of is None or h.date <= as_of]
    return sorted(found, key=replay_key)


def entries(task: Task, kind: EntryKind, as_of: dt.date | None = None) -> list[HistoryEntry]:
    """The task's entries of one kind dated on or before as_of, in replay order."""
    return [h for h in replayed(task, as_of) if h.kind is kind]


def reports(task: Task, as_of: dt.date | None = None) -> list[HistoryEntry]:
    return entries(task, EntryKind.REPORT, as_of)


def follow_ups(
    task: Task, as_of: dt.date | None = None
) -> list[tuple[HistoryEntry, list[HistoryEntry]]]:
    """Each comment (批示) by as_of with its 落实: the reports after it up to the task's next
    comment, which answers for what comes after it. After means later in the replay, so a
    report of the same day counts only if it came in after the comment (and before the next)."""
    found: list[tuple[HistoryEntry, list[HistoryEntry]]] = []
    for entry in replayed(task, as_of):
        if entry.kind is EntryKind.COMMENT:
            found.append((entry, []))
        elif entry.kind is EntryKind.REPORT and found:
            found[-1][1].append(entry)
    return found


class Answer(StrEnum):
    """What became of a request for more time (延期申请)."""

    GRANTED = "granted"  # an extension recorded after it
    REFUSED = "refused"  # a refusal recorded after it
    PENDING = "pending"  # neither yet: the office's to-do

    @property
    def label(self) -> str:
        return ANSWER_LABELS[self]


ANSWER_LABELS = {Answer.GRANTED: "已批准", Answer.REFUSED: "未同意", Answer.PENDING: "待审批"}


class Asked(NamedTuple):
    """A request for more time and the entry that answered it (None while pending)."""

    request: HistoryEntry
    reply: HistoryEntry | None

    @property
    def answer(self) -> Answer:
        if self.reply is None:
            return Answer.PENDING
        return Answer.GRANTED if self.reply.kind is EntryKind.EXTENSION else Answer.REFUSED


def asked(task: Task, as_of: dt.date | None) -> list[Asked]:
    found: list[Asked] = []
    waiting: list[HistoryEntry] = []
    for entry in replayed(task, as_of):
        if entry.kind is EntryKind.REQUEST:
            waiting.append(entry)
        elif entry.kind in (EntryKind.EXTENSION, EntryKind.REFUSAL):
            found += [Asked(r, entry) for r in waiting]
            waiting = []
    found += [Asked(r, None) for r in waiting]
    return sorted(found, key=lambda a: replay_key(a.request))


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
    """The count at as_of: the last figure by then in replay order; before the first, the
    count it started from. The file holds the count after the last figure."""
    if as_of is None or not task.history:  # most tasks: nothing to replay
        return current
    figures = [
        h for h in task.history if h.target == key and h.unit == place and h.after is not None
    ]
    if not figures or as_of >= max(h.date for h in figures):
        return current
    figures.sort(key=replay_key)
    earlier = [h for h in figures if h.date <= as_of]
    if earlier:
        return earlier[-1].after or 0.0
    return figures[0].before if figures[0].before is not None else 0.0


def mark_as_of(task: Task, as_of: dt.date | None) -> Mark | None:
    if as_of is None or not task.history:
        return task.status
    marks = [h for h in task.history if h.status is not None]
    if not marks or as_of >= max(h.date for h in marks):
        return task.status
    marks.sort(key=replay_key)
    earlier = [h for h in marks if h.date <= as_of]
    return earlier[-1].status if earlier else marks[0].status_before


def as_known(task: Task, day: dt.date) -> Task:
    """The task as the office knew it on `day`: the entries that had come in by then, and
    the counts and mark those entries leave (a 通报 once sent, reproduced)."""
    if all(h.arrived <= day for h in task.history):
        return task
    kept = [h for h in task.history if h.arrived <= day]

    def count(key: int, place: str | None, current: float) -> float:
        figures = [h for h in task.history if h.target == key and h.unit == place]
        figures = sorted((h for h in figures if h.after is not None), key=replay_key)
        if all(h.arrived <= day for h in figures):
            return current  # the file's count: every figure on it had come in
        known = [h for h in figures if h.arrived <= day]
        return (known[-1].after if known else figures[0].before) or 0.0

    targets = []
    for key, target in enumerate(task.targets, start=1):
        if not target.places:
            targets.append(dataclasses.replace(target, done=count(key, None, target.done)))
            continue
        units = {
            name: dataclasses.replace(place, done=count(key, name, place.done))
            for name, place in target.places.items()
        }
        total = sum(place.done for place in units.values())
        targets.append(dataclasses.replace(target, done=total, units=units))
    marks = sorted((h for h in task.history if h.status is not None), key=replay_key)
    status = task.status
    if any(h.arrived > day for h in marks):
        known = [h for h in marks if h.arrived <= day]
        status = known[-1].status if known else marks[0].status_before
    return dataclasses.replace(task, targets=targets, status=status, history=kept)


def known_plan(
    plan: TasksPlan, as_of: dt.date | None, known_on: dt.date | None
) -> tuple[TasksPlan, dt.date]:
    """The plan and the day a command answers at: as of `as_of` (else `known_on`, else
    today), with only the entries that had come in by `known_on` (`--known-on`)."""
    when = answer_day(as_of, known_on)
    if known_on is None:
        return plan, when
    return dataclasses.replace(plan, tasks=[as_known(task, known_on) for task in plan.tasks]), when


def answer_day(as_of: dt.date | None, known_on: dt.date | None) -> dt.date:
    """The day a command answers at: `--as-of`, else `--known-on`, else today."""
    return as_of or known_on or dt.date.today()


def before_entries(
    task: Task, seen: list[HistoryEntry]
) -> tuple[dict[tuple[int, str | None], float], Mark | None]:
    """Where a forward replay of `seen` (in replay order) starts: each target's (and place's)
    count before its first figure, and the task's mark before its first mark."""
    counts: dict[tuple[int, str | None], float] = {}
    for h in reversed(seen):
        if h.kind is EntryKind.FIGURE and h.target is not None:
            counts[(h.target, h.unit)] = h.before or 0.0
    marks = [h for h in seen if h.kind is EntryKind.MARK]
    return counts, (marks[0].status_before if marks else task.status)
