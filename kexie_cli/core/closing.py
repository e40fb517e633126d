"""How a task's record ends: sign-off (申请办结 → 销号 or 退回) and the end states (取消, 暂缓).

With sign-off (`sign_off: true` on the plan or the task) a department's "done" — a mark
`done`, or the day its last target is met — is a completion request (申请办结): the task is
待销号 until a `close` entry accepts it (done at the request's date, the day the work was
done) or a `send_back` entry returns it to work (退回, with its reason). A new request after a
send-back is a new mark `done`.

A `cancel` entry ends a task for good; a `pause` entry until a `resume`, or, given `until`,
until that month ends. Both come from the record replayed, so `--as-of` before them sees the
task as it was. What other modules ask: `ended_at(task, as_of)` (the cancel or pause in
force, else None), `sign_off_at(task, as_of)` and `needs_sign_off(task)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from kexie_cli.core.history import before_entries
from kexie_cli.core.models import EntryKind, HistoryEntry, Mark, Task
from kexie_cli.core.problems import KexieError


class SignOff(NamedTuple):
    """Where a task's completion stands with the office (read only where sign-off applies)."""

    asked: dt.date | None  # the date of the completion request open or accepted
    open: bool  # a request awaiting the office: 待销号
    closed: HistoryEntry | None  # the close entry that accepted it (销号)
    sent_back: HistoryEntry | None  # the latest 退回 no new request has answered


NO_SIGN_OFF = SignOff(None, False, None, None)
ENDS = (EntryKind.CANCEL, EntryKind.PAUSE)


def needs_sign_off(task: Task) -> bool:
    """Whether the task's completion needs the office's 销号: its own `sign_off`, else the
    plan's (a task silent on it is given the plan's when the plan is made)."""
    return bool(task.sign_off)


def sign_off_of(task: Task, seen: list[HistoryEntry]) -> SignOff:
    """The requests, acceptances and send-backs among the entries seen (in replay order),
    worked out whether or not the task needs sign-off: a task's standing is worked out before
    its plan tells it (`needs_sign_off` decides what it means)."""
    counts, mark = before_entries(task, seen)
    done = mark is Mark.DONE or all_met(task, counts)
    asked, waiting, closed, back = None, done, None, None
    for h in seen:
        if h.kind is EntryKind.CLOSE and waiting:
            closed, waiting = h, False
        elif h.kind is EntryKind.SEND_BACK and waiting:
            back, waiting, asked = h, False, None
        elif h.kind in (EntryKind.FIGURE, EntryKind.MARK):
            if h.kind is EntryKind.MARK:
                mark = h.status
            elif h.target is not None:
                counts[(h.target, h.unit)] = h.after or 0.0
            now = mark is Mark.DONE or all_met(task, counts)
            if not now:
                asked, waiting, closed = None, False, None
            elif closed is None and not waiting and (not done or h.status is Mark.DONE):
                asked, waiting, back = h.date, True, None
            done = now
    return SignOff(asked, waiting, closed, back)


def all_met(task: Task, counts: dict[tuple[int, str | None], float]) -> bool:
    """Every target met, each count as replayed (the file's, where nothing was recorded)."""
    for key, target in enumerate(task.targets, start=1):
        reached = target.comparator.reached
        if target.places:
            if not all(
                reached(place.target or 0.0, counts.get((key, name), place.done))
                for name, place in target.places.items()
            ):
                return False
        elif not reached(target.target, counts.get((key, None), target.done)):
            return False
    return bool(task.targets)


def last_end(seen: Iterable[HistoryEntry]) -> HistoryEntry | None:
    """The latest cancel or pause among the entries seen that no resume has taken back."""
    found = None
    for h in seen:
        if h.kind in ENDS:
            found = h
        elif h.kind is EntryKind.RESUME:
            found = None
    return found


def in_force(entry: HistoryEntry | None, as_of: dt.date) -> HistoryEntry | None:
    """The end entry if it holds at as_of: a pause `until` a month lapses when it ends."""
    if entry is None or entry.date > as_of:
        return None
    if entry.kind is EntryKind.PAUSE and entry.until is not None:
        return entry if as_of <= entry.until.last_day else None
    return entry


def ended_at(task: Task, as_of: dt.date | None = None) -> HistoryEntry | None:
    """The cancel (取消) or pause (暂缓) in force at as_of (default today), else None: the one
    question every tally, score and level asks before counting a task."""
    from kexie_cli.core.record import record_at

    if not task.history:
        return None
    when = as_of or dt.date.today()
    return in_force(record_at(task, when).ended, when)


def sign_off_at(task: Task, as_of: dt.date | None = None) -> SignOff:
    """Where the task's completion stands with the office at as_of (default: the whole
    record); NO_SIGN_OFF where the task needs no sign-off."""
    from kexie_cli.core.record import record_at

    if not needs_sign_off(task):
        return NO_SIGN_OFF
    if not task.history:  # done in the file with no entry: a request of no known date
        return sign_off_of(task, [])
    return record_at(task, as_of).sign_off


def check_mark(task: Task, day: dt.date, status: Mark | None) -> None:
    """A mark the record no longer takes, refused. A department's "done" (a form's 已完成,
    `progress --status done`) dated after the task was cancelled: the task was dropped, there
    is nothing to complete or to close (a paused task may still be done: it counts again when
    the pause ends). A mark other than done dated on or after the request the office accepted
    (销号): the office's acceptance is not undone by a department's 推进中 (a closed task's row
    is still on its forms)."""
    if status is None:
        return
    end = ended_at(task, day) if status is Mark.DONE else None
    if end is not None and end.kind is EntryKind.CANCEL:
        raise KexieError(
            f"任务 {task.id} 已于 {end.date.isoformat()} 取消，不能登记 {day.isoformat()} 完成"
        )
    signed = sign_off_at(task) if status is not Mark.DONE and task.history else NO_SIGN_OFF
    if signed.closed is not None and signed.asked is not None and day >= signed.asked:
        raise KexieError(
            f"任务 {task.id} 已于 {signed.closed.date.isoformat()} 销号（完成于"
            f" {signed.asked.isoformat()}），不能再登记为{MARK_WORDS[status]}"
        )


MARK_WORDS = {Mark.IN_PROGRESS: "推进中", Mark.NOT_STARTED: "未启动", Mark.DONE: "已完成"}
