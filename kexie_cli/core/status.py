"""Progress arithmetic: each target against its comparator, each task's status at a date.

History entries replay the state on an earlier date; the file's own values are the state
from the last recorded update on.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from kexie_cli.core.closing import in_force, needs_sign_off, sign_off_of
from kexie_cli.core.history import Completion, done_as_of, mark_as_of, place_done_as_of
from kexie_cli.core.models import Comparator, EntryKind, HistoryEntry, Mark, Target, Task
from kexie_cli.core.months import Month
from kexie_cli.core.record import completion, record_at

if TYPE_CHECKING:
    from kexie_cli.core.levels import Level

DEFAULT_MARGIN = 10.0  # percentage points a task may trail the calendar before it is 滞后
DEFAULT_WITHIN = 30  # days ahead in which a deadline makes an unfinished task 即将到期


class Status(StrEnum):
    DONE = "done"
    OVERDUE = "overdue"
    BEHIND = "behind"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    CANCELLED = "cancelled"  # 取消: out of every rate and average (core/closing.py)
    PAUSED = "paused"  # 暂缓: likewise, while the pause holds

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.DONE: "已完成",
    Status.OVERDUE: "逾期",
    Status.BEHIND: "滞后",
    Status.IN_PROGRESS: "进行中",
    Status.NOT_STARTED: "未开始",
    Status.CANCELLED: "已取消",
    Status.PAUSED: "暂缓",
}
ENDED = (Status.CANCELLED, Status.PAUSED)


class Flag(StrEnum):
    """What `--status` selects beside the status: a task may be 滞后 and 即将到期 at once."""

    DONE_ON_TIME = "done_on_time"  # done by the deadline in force (an extension's included)
    DONE_LATE = "done_late"  # done after it
    EXTENDED = "extended"
    DUE_SOON = "due_soon"
    PENDING = "pending"  # a request for more time awaiting an answer
    AWAITING_SIGN_OFF = "awaiting_sign_off"  # done by the department, awaiting 销号

    @property
    def label(self) -> str:
        return FLAG_LABELS[self]


FLAG_LABELS = {
    Flag.DONE_ON_TIME: "按期完成",
    Flag.DONE_LATE: "逾期完成",
    Flag.EXTENDED: "已延期",
    Flag.DUE_SOON: "即将到期",
    Flag.PENDING: "待审批",
    Flag.AWAITING_SIGN_OFF: "待销号",
}


class PlaceState(NamedTuple):
    """One place's share of a target broken down by place, at a date."""

    name: str
    target: float
    done: float
    comparator: Comparator

    @property
    def met(self) -> bool:
        return self.comparator.reached(self.target, self.done)

    @property
    def share(self) -> float:
        return min(self.done / self.target, 1.0)


class TargetState(NamedTuple):
    """A target at a date. (Named tuples: built for every task of a report, and a frozen
    dataclass takes twice as long to make.) Broken down by place, `done` is the total and
    the target is met when every place is, its share the mean of theirs."""

    key: int  # 1-based position in the task's targets
    target: Target
    done: float
    places: tuple[PlaceState, ...] = ()

    @property
    def percent(self) -> float:
        if self.places:
            return self.share * 100
        return self.done / self.target.target * 100

    @property
    def met(self) -> bool:
        if self.places:
            return all(p.met for p in self.places)
        return is_met(self.target, self.done)

    @property
    def share(self) -> float:
        if self.places:
            return sum(p.share for p in self.places) / len(self.places)
        return min(self.done / self.target.target, 1.0)


class TaskState(NamedTuple):
    task: Task
    targets: tuple[TargetState, ...]
    mark: Mark | None
    share: float | None  # mean share of the targets reached; None with nothing to count
    status: Status
    due: Month  # the deadline in force at the date: the document's, or an extension's
    completed_on: dt.date | None = None  # the date of the entry that made it done
    completion: Completion | None = None  # on time, after an extension, late; None: not done
    due_soon: bool = False  # not done, and its deadline ends within the next days asked for
    as_of: dt.date | None = None  # the date the state is at: the history seen is up to it
    extensions: tuple[HistoryEntry, ...] = ()  # recorded by that date, oldest first
    pending: tuple[HistoryEntry, ...] = ()  # requests for more time not yet answered
    awaiting: bool = False  # a completion request awaiting the office's 销号
    ended: HistoryEntry | None = None  # the cancel or pause in force (status CANCELLED, PAUSED)
    sent_back: HistoryEntry | None = None  # the latest 退回 no new completion request answered
    level: Level | None = None  # 预警: set by core/levels.py (`leveled`), by the plan's rules

    @property
    def on_time(self) -> bool | None:
        """Done by the end of the deadline in force; None while not done or not known when."""
        return None if self.completion is None else self.completion is not Completion.LATE

    def flags(self) -> list[Flag]:
        """The flags the task carries beside its status, in Flag's order (none while cancelled
        or paused: such a task is counted apart)."""
        found: list[Flag] = []
        if self.ended is not None:
            return found
        if self.completion is not None:
            found.append(
                Flag.DONE_LATE if self.completion is Completion.LATE else Flag.DONE_ON_TIME
            )
        if self.extensions:
            found.append(Flag.EXTENDED)
        if self.due_soon:
            found.append(Flag.DUE_SOON)
        if self.pending:
            found.append(Flag.PENDING)
        if self.awaiting:
            found.append(Flag.AWAITING_SIGN_OFF)
        return found

    def has(self, flag: Flag) -> bool:
        return flag in self.flags()


def is_met(target: Target, done: float) -> bool:
    return target.comparator.reached(target.target, done)


def target_state(task: Task, key: int, as_of: dt.date | None) -> TargetState:
    """A target at a date (the file's values without one), place by place if broken down."""
    target = task.targets[key - 1]
    if not target.places:
        return TargetState(key, target, done_as_of(task, key, as_of))
    places = tuple(
        PlaceState(
            name, place.target or 0.0, place_done_as_of(task, key, name, as_of), target.comparator
        )
        for name, place in target.places.items()
    )
    return TargetState(key, target, sum(p.done for p in places), places)


def milestone_due(target: Target, as_of: dt.date) -> float | None:
    """The count the target's milestones ask for by as_of: that of the last month ended."""
    due = [value for month, value in (target.milestones or {}).items() if month.last_day <= as_of]
    return due[-1] if due else None


def is_behind(targets: list[TargetState], as_of: dt.date, elapsed: float, margin: float) -> bool:
    """滞后: a target below the milestone due by now, or the targets on a straight line
    through the year trailing the time gone by more than the margin. A target `measured`
    in a later month (a survey, an event in autumn) is not judged before it."""
    line = []
    for state in targets:
        target = state.target
        if target.measured is not None and as_of < target.measured.first_day:
            continue
        if target.milestones is not None:
            due = milestone_due(target, as_of)
            if due is not None and state.done < due:
                return True
            continue
        line.append(state.share)
    return bool(line) and sum(line) / len(line) < elapsed - margin / 100


# A plan has a handful of due months and a command one date: remembered, by plain numbers
# (which hash in C; a month's hash is a Python function, asked of every task).
@cache
def time_gone(
    start_year: int, start: int, due_year: int, due: int, as_of: dt.date
) -> tuple[float, bool]:
    """The share of the time from the plan's start to the end of the due month gone by at
    `as_of` (0 to 1), and whether the deadline has passed: a date is read at its close, as a
    report as of June 30 covers that day, so the due month's last day is past it."""
    first = Month(start_year, start).first_day
    last = Month(due_year, due).last_day
    span = (last - first).days + 1
    gone = (as_of - first).days + 1
    return min(max(gone / span, 0.0), 1.0) if span > 0 else 1.0, as_of >= last


def task_state(
    task: Task,
    start: Month,
    as_of: dt.date | None = None,
    margin: float = DEFAULT_MARGIN,
    within: int = DEFAULT_WITHIN,
) -> TaskState:
    """Status at `as_of` (default: today), by the rules of docs/commands.md, "Statuses";
    `within`: the days ahead in which an unfinished task's deadline makes it due soon."""
    when = as_of or dt.date.today()
    record = record_at(task, when)
    # From the task's last entry on, the file's counts and mark stand; a date before it
    # replays them, as it does the rest of the record.
    replay = as_of is not None and record is not task.standing
    targets = []
    reached = 0.0  # the shares of the targets, added up
    met = True
    for key, target in enumerate(task.targets, start=1):
        if target.places:
            state = target_state(task, key, as_of if replay else None)
            reached += state.share
            met = met and state.met
            targets.append(state)
            continue
        done = done_as_of(task, key, as_of) if replay else target.done
        targets.append(TargetState(key, target, done))
        reached += min(done / target.target, 1.0)  # TargetState.share and .met, inline:
        met = met and target.comparator.reached(target.target, done)  # asked of every task
    mark = mark_as_of(task, as_of) if replay else task.status
    share = reached / len(targets) if targets else None
    moved = record.extensions
    due = moved[-1].due_after or task.due if moved else task.due
    elapsed, overdue = time_gone(start.year, start.month, due.year, due.month, when)
    pending = record.pending
    base = (task, tuple(targets), mark, share)
    end = in_force(record.ended, when)
    if end is not None:
        status = Status.CANCELLED if end.kind is EntryKind.CANCEL else Status.PAUSED
        return TaskState(*base, status, due, None, None, False, when, moved, pending, ended=end)
    done = mark is Mark.DONE or bool(targets and met)
    signed = None
    if done and needs_sign_off(task):  # the department's "done" asks the office's 销号
        signed = record.sign_off if task.history else sign_off_of(task, [])
        done = signed.closed is not None
    if done:
        done_on = record.completed_on if signed is None else signed.asked
        finished = completion(task, done_on, when)
        return TaskState(*base, Status.DONE, due, done_on, finished, False, when, moved, pending)
    back = record.sign_off.sent_back if needs_sign_off(task) else None
    if signed is not None and signed.open:  # done on its side: not overdue while it waits
        return TaskState(
            *base, Status.IN_PROGRESS, due, None, None, False, when, moved, pending, True
        )
    behind = bool(targets) and is_behind(targets, when, elapsed, margin)
    reported = record.latest is not None
    worked = Mark.IN_PROGRESS if mark is Mark.DONE else mark  # sent back (退回): at work again
    status = _status(worked, share, behind, overdue, reported)
    soon = not overdue and (due.last_day - when).days <= within
    return TaskState(*base, status, due, None, None, soon, when, moved, pending, sent_back=back)


def _status(
    mark: Mark | None, share: float | None, behind: bool, overdue: bool, reported: bool
) -> Status:
    """The status of a task not done: by its due month, its share against the calendar's; a
    written report says it is under way (a task with nothing to count has only words), unless
    it is marked not started."""
    if overdue:
        return Status.OVERDUE
    if behind:
        return Status.BEHIND
    if mark is Mark.IN_PROGRESS or (share or 0) > 0 or (reported and mark is None):
        return Status.IN_PROGRESS
    return Status.NOT_STARTED
