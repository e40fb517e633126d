"""What an update changes in a task: which target, its new count, the history entries.

`progress`, `extend`, `comment`, returned forms, `close`, `cancel`, `pause`, `resume` and `notice`
write the 督办 record, each entry dated the day it is true at (and `recorded`, the day it came
in, where another). An entry dated before others (forms come back late, out of order) is refused
only where it contradicts the record. Pure: a request (core/requests.py) and a validated plan in,
never a file; every refusal a KexieError raised before anything is written."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from kexie_cli.core.closing import check_mark
from kexie_cli.core.fields import LARGEST
from kexie_cli.core.history import entries as entries_of
from kexie_cli.core.history import replay_key
from kexie_cli.core.models import (
    EntryKind,
    HistoryEntry,
    Mark,
    Target,
    Task,
    TasksPlan,
    entry_kind,
)
from kexie_cli.core.months import Month, month_text
from kexie_cli.core.names import fold, matches, matching, same
from kexie_cli.core.numbers import number_text, whole
from kexie_cli.core.problems import KexieError
from kexie_cli.core.record import effective_due, pending_requests
from kexie_cli.core.requests import (
    DelayRequest,
    EndRequest,
    ExtendRequest,
    NoticeRequest,
    RefuseRequest,
    Request,
    Update,
    UrgeRequest,
)
from kexie_cli.core.status import Status, task_state

# Sums like 0.1 + 0.2 are written as 0.3, not 0.30000000000000004.
_DIGITS = 9


@dataclass(frozen=True, slots=True)
class Change:
    """What the update writes into the task at `index` (key, done, status None: entries only)."""

    index: int
    task_id: int
    key: int | None  # the target counted, 1-based; None for a status mark only
    done: float | None  # the count the file then holds (by place: the place's); None: as is
    status: Mark | None  # the mark the file then holds; None: as is
    entries: tuple[dict[str, Any], ...]  # history entries to add, keys in file order
    place: str | None = None  # the place counted (its name as the target's `units` has it)
    at: int | None = None  # where in the history the entries go; None: after the last


def find_task(plan: TasksPlan, task_id: int) -> tuple[int, Task]:
    for index, task in enumerate(plan.tasks):
        if task.id == task_id:
            return index, task
    ids = sorted(task.id for task in plan.tasks)
    known = f"现有编号 {ids[0]}–{ids[-1]}，共 {len(ids)} 项" if ids else "计划中没有任务"
    raise KexieError(f"没有任务 {task_id}（{known}）")


def pick_target(task: Task, ref: str | None) -> int:
    """The key of the target meant: the only one, a key, or the one whose name holds the word."""
    count = len(task.targets)
    if count == 0:
        raise KexieError(
            f"任务 {task.id} 没有可计数的指标，不能用 --done/--add；可用 --status 标记状态"
        )
    if ref is None:
        if count == 1:
            return 1
        raise KexieError(
            f"任务 {task.id} 有 {count} 项指标，请用 --target K 或写成 {task.id}.K 指明："
            + _listing(task)
        )
    if ref.isdigit():
        if 1 <= int(ref) <= count:
            return int(ref)
        raise KexieError(f"任务 {task.id} 没有指标 {ref}：" + _listing(task))
    word = fold(ref)
    matches = [k for k, t in enumerate(task.targets, 1) if word in fold(t.name)]
    exact = [k for k in matches if fold(task.targets[k - 1].name) == word]
    if len(matches) == 1 or len(exact) == 1:
        return (exact or matches)[0]
    found = "对应多项指标" if matches else "不匹配任何指标"
    raise KexieError(f"任务 {task.id} 的指标中“{ref}”{found}，请用编号指明：" + _listing(task))


def pick_place(task: Task, key: int, query: str | None) -> str | None:
    """The place meant on a target broken down by place, matched as department names are;
    required there, refused elsewhere."""
    places = list(task.targets[key - 1].places)
    label = f"任务 {task.id} 的指标 {key}（{task.targets[key - 1].name}）"
    if not places:
        if query is not None:
            raise KexieError(f"{label}没有分解到地方，不能用 --unit")
        return None
    known = "、".join(places)
    if query is None:
        raise KexieError(f"{label}分解到地方，请用 --unit 指明：{known}")
    found = sorted(matching(query, places), key=places.index)
    exact = [name for name in found if same(query, name)]
    if len(found) == 1 or len(exact) == 1:
        return (exact or found)[0]
    why = "对应多个地方" if found else "没有这个地方"
    raise KexieError(f"{label}{why}：{query}；现有：{known}")


def plan_change(plan: TasksPlan, request: Update) -> Change:
    """The change an update makes to its task, as plain values ready to write."""
    index, task = find_task(plan, request.task_id)
    _refuse_before_start(plan, request.date)
    change = _change(plan, index, task, request)
    return change if change.at != len(task.history) else dataclasses.replace(change, at=None)


def _place_in_file(task: Task, request: Update, chained: Any = None) -> int:
    """Where the new entries stand in the task's history: after every entry that replays
    before them or with them — by date, arrival, then sender, so the forms of one month
    imported in any order leave the same file — and after every entry `chained` to them
    (the same target's figures, the marks) of the same two dates, whose count they go on
    from."""
    here, sender = _arrival(request), request.by or ""
    at = 0
    for i, h in enumerate(task.history):
        key = replay_key(h)
        if (key, h.by or "") <= (here, sender) or (key <= here and chained and chained(h)):
            at = i + 1
    return at


def _change(plan: TasksPlan, index: int, task: Task, request: Update) -> Change:
    if isinstance(request, Request):
        return _progress(index, task, request)
    if isinstance(request, ExtendRequest):
        entry = _extension(plan, task, request)
    elif isinstance(request, RefuseRequest):
        entry = _refusal(task, request)
    elif isinstance(request, DelayRequest):
        entry = _delay(task, request)
    elif isinstance(request, UrgeRequest):
        entry = _dated(request, EntryKind.URGE) | {"to": request.to, "channel": request.channel}
    elif isinstance(request, EndRequest):  # close, send_back, cancel, pause, resume
        entry = __import__("kexie_cli.core.ending").core.ending.end_entry(plan, task, request)
    elif isinstance(request, NoticeRequest):
        entry = request.entry(plan, _dated(request, EntryKind.NOTICE))  # 文号 checked
    else:
        entry = _dated(request, EntryKind.COMMENT) | {"comment": request.comment, "by": request.by}
    return Change(index, task.id, None, None, None, (entry,), at=_place_in_file(task, request))


def _dated(request: Update, kind: EntryKind | None = None) -> dict[str, Any]:
    """An entry's two dates (the day it came in only where it is another day) and its kind
    (figures and marks are written without one, as kexie always wrote)."""
    entry: dict[str, Any] = {"date": request.date}
    came = request.recorded or dt.date.today()
    if came != request.date:
        entry["recorded"] = came
    return entry | ({"kind": kind.value} if kind is not None else {})


def _arrival(request: Update) -> tuple[dt.date, dt.date]:
    """Where the new entry falls in the replay: by its date, then its arrival (default today)."""
    return request.date, request.recorded or dt.date.today()


def _progress(index: int, task: Task, request: Request) -> Change:
    """Figures on a target, a status mark, written progress: each its own entry, one date."""
    counting = request.done is not None or request.add is not None
    if not counting and request.target is not None:
        raise KexieError("指标只与 --done 或 --add 一起指明；--status 标记的是整项任务")
    key = pick_target(task, request.target) if counting else None
    if request.place is not None and not counting:
        raise KexieError("--unit 只与 --done 或 --add 一起使用")
    place = pick_place(task, key, request.place) if key is not None else None
    by = {"by": request.by} if request.by else {}
    entries: list[dict[str, Any]] = []
    done = None
    status = request.status
    if key is not None:
        start, _, after = figure_at(task, key, place, request)
        done = request.done if request.done is not None else start + (request.add or 0)
        done = whole(round(done, _DIGITS))
        if done > LARGEST:
            raise KexieError(f"任务 {task.id} 的完成数 {done} 超过上限 {LARGEST:g}")
        _refuse_above_later(task, key, place, request, done, after)
        if done != start:  # the same figure again (a retry) is no change, and no entry
            entry = _dated(request) | {"target": key}
            entry |= {"unit": place} if place is not None else {}
            entry |= {"before": whole(start), "after": done}
            entries.append(entry | by)
        if after:  # a figure for an earlier period: the file keeps the later count
            done = None
    check_mark(task, request.date, request.status)
    if request.status is not None:
        before, after = _around(task, request, lambda h: _mark(h, request))
        was = before.status if before else (after[0].status_before if after else task.status)
        entry = _dated(request) | {"status": request.status.value}
        if was is not None:
            entry["status_before"] = was.value
        entries.append(entry | by)
        if after:
            status = None
    if request.report:
        entries.append(_dated(request, EntryKind.REPORT) | request.report | by)
    at = _place_in_file(task, request, lambda h: _figure_of(h, key, place) or _mark(h, request))
    return Change(index, task.id, key, done, status, tuple(entries), place, at)


def _figure_of(entry: HistoryEntry, key: int | None, place: str | None) -> bool:
    return (
        key is not None and entry.target == key and entry.unit == place and entry.after is not None
    )


def _mark(entry: HistoryEntry, request: Request) -> bool:
    return request.status is not None and entry.status is not None


def figure_at(
    task: Task, key: int, place: str | None, request: Update
) -> tuple[float, HistoryEntry | None, list[HistoryEntry]]:
    """The count where a new figure falls in the replay (the file's, with no figure yet), the
    figure that left it there (None: none before it), and the figures of later periods."""
    target = task.targets[key - 1]
    current = target.places[place].done if place is not None else target.done
    before, after = _around(task, request, lambda h: _figure_of(h, key, place))
    start = before.after if before else (after[0].before if after else current)
    return start or 0.0, before, after


def _around(
    task: Task, request: Update, chosen: Any
) -> tuple[HistoryEntry | None, list[HistoryEntry]]:
    """The chosen entries (one target's figures, or the marks) on either side of where the
    new one falls in the replay — by date and arrival, then its place in the file — the last
    before it, and every one after it, in replay order."""
    here, at = _arrival(request), _place_in_file(task, request, chosen)
    order = {id(h): (replay_key(h), i) for i, h in enumerate(task.history)}
    found = sorted((h for h in task.history if chosen(h)), key=lambda h: order[id(h)])
    earlier = [h for h in found if order[id(h)] < (here, at)]
    return (earlier[-1] if earlier else None), [h for h in found if order[id(h)] >= (here, at)]


def _refuse_above_later(
    task: Task,
    key: int,
    place: str | None,
    request: Request,
    done: float,
    after: list[HistoryEntry],
) -> None:
    """A count is cumulative: one for an earlier period above the count recorded for a later
    one contradicts the record, unless it corrects it (--force)."""
    if not after or request.force or done <= (after[0].after or 0.0):
        return
    where = f"任务 {task.id} 的指标 {key}" + (f"（{place}）" if place else "")
    raise KexieError(
        f"{where}已登记 {after[0].date.isoformat()} 的累计 {number_text(after[0].after or 0)}，"
        f"更早的 {request.date.isoformat()} 不能登记更多（{number_text(done)}）；"
        "确为更正请加 --force"
    )


def _extension(plan: TasksPlan, task: Task, request: ExtendRequest) -> dict[str, Any]:
    """The extension entry; refused for a task done or cancelled by then, a month not later
    than the deadline in force, or a date before an extension already recorded (each moves the
    deadline from the one before it)."""
    day = request.date.isoformat()
    later = [h for h in entries_of(task, EntryKind.EXTENSION) if h.date > request.date]
    if later:
        raise KexieError(
            f"任务 {task.id} 已有 {later[-1].date.isoformat()} 的延期记录，"
            f"不能再登记更早的延期（{day}）"
        )
    status = task_state(task, plan.start, request.date).status  # a task dropped has no deadline
    if status in (Status.DONE, Status.CANCELLED):
        raise KexieError(f"任务 {task.id} 在 {day} {status.label}，不能延期")
    due = effective_due(task, request.date)
    if request.due_after <= due:
        raise KexieError(
            f"延期后的时限 {month_text(request.due_after)} 应晚于任务 {task.id} 当前的时限"
            f" {month_text(due)}"
        )
    entry = _dated(request, EntryKind.EXTENSION)
    entry |= {"due_before": month_text(due), "due_after": month_text(request.due_after)}
    entry |= {"reason": request.reason}
    return entry | ({"by": request.by} if request.by else {})


def _refusal(task: Task, request: RefuseRequest) -> dict[str, Any]:
    """The refusal entry: it answers the requests for more time open at its date."""
    asked = pending_requests(task, request.date)
    if not asked:
        day = request.date.isoformat()
        raise KexieError(f"任务 {task.id} 在 {day} 没有待审批的延期申请，无需答复")
    entry = _dated(request, EntryKind.REFUSAL)
    if asked[-1].due_after is not None:
        entry["due_after"] = month_text(asked[-1].due_after)
    entry |= {"reason": request.reason}
    return entry | ({"by": request.by} if request.by else {})


def _delay(task: Task, request: DelayRequest) -> dict[str, Any]:
    """The request entry; refused for a month not later than the deadline in force."""
    due = effective_due(task, request.date)
    if request.due_after <= due:
        raise KexieError(
            f"申请延期至 {month_text(request.due_after)} 应晚于任务 {task.id} 当前的时限"
            f" {month_text(due)}"
        )
    entry = _dated(request, EntryKind.REQUEST)
    entry |= {"due_after": month_text(request.due_after), "reason": request.reason}
    return entry | ({"by": request.by} if request.by else {})


def records_nothing(task: Task, update: Update) -> bool:
    """Whether the update would only repeat what the task already holds — the same figure,
    the same words as its latest report, a request already made — so that a returned form
    imported twice records nothing the second time."""
    if isinstance(update, DelayRequest):
        return any(
            h.kind is EntryKind.REQUEST
            and h.due_after == update.due_after
            and h.reason == update.reason
            for h in task.history
        )
    if not isinstance(update, Request) or update.status is not None or update.add is not None:
        return False
    if update.done is not None:
        if update.report or update.target is None or not update.target.isdigit():
            return False
        key = int(update.target)
        if not 1 <= key <= len(task.targets):
            return False
        places = task.targets[key - 1].places
        if update.place not in places if update.place is not None else bool(places):
            return False
        return figure_at(task, key, update.place, update)[0] == update.done
    # The latest report of the same writer: a department repeating last month's words to
    # another department's report in between has still said nothing new.
    mine = [h for h in entries_of(task, EntryKind.REPORT) if h.by == update.by]
    words = {"note": None, "problem": None, "next": None} | update.report
    return bool(mine) and all(getattr(mine[-1], k) == v for k, v in words.items())


def is_leader(task: Task, name: str) -> bool:
    """Whether a name is one of the task's 责任领导 (as names are matched everywhere)."""
    return any(matches(name, leader) for leader in task.leaders)


def _refuse_before_start(plan: TasksPlan, day: dt.date) -> None:
    if day < plan.start.first_day:
        raise KexieError(
            f"日期 {day.isoformat()} 早于计划的起始月份 {month_text(plan.start)}，不能登记"
        )


def added(task: Task, change: Change) -> tuple[HistoryEntry, ...]:
    """The entries the change added, as the task after it holds them."""
    count = len(change.entries)
    at = len(task.history) - count if change.at is None else change.at
    return tuple(task.history[at : at + count])


def apply_change(plan: TasksPlan, change: Change) -> TasksPlan:
    """The plan as it must read after the change: the yardstick an edited file is checked by."""
    task = plan.tasks[change.index]
    targets = list(task.targets)
    if change.key is not None and change.done is not None:
        old = targets[change.key - 1]
        targets[change.key - 1] = _counted(old, float(change.done), change.place)
    history = list(task.history)
    at = len(history) if change.at is None else change.at
    history[at:at] = [_entry(e) for e in change.entries]
    status = change.status if change.status is not None else task.status
    new = dataclasses.replace(task, targets=targets, status=status, history=history)
    tasks = list(plan.tasks)
    tasks[change.index] = new
    return dataclasses.replace(plan, tasks=tasks)


def _counted(target: Target, done: float, place: str | None) -> Target:
    """The target with a new count (on one place: the total summed again)."""
    if place is None:
        return dataclasses.replace(target, done=done)
    places = dict(target.places)
    places[place] = dataclasses.replace(places[place], done=done)
    total = sum(p.done for p in places.values())
    return dataclasses.replace(target, done=total, units=places)


def _entry(data: dict[str, Any]) -> HistoryEntry:
    fields = dict(data)
    for name in ("before", "after"):
        if name in fields:
            fields[name] = float(fields[name])
    for name in ("status", "status_before"):
        if name in fields:
            fields[name] = Mark(fields[name])
    for name in ("due_before", "due_after", "until"):
        if name in fields:
            fields[name] = Month.parse(fields[name])
    fields["kind"] = EntryKind(fields.get("kind") or entry_kind(fields))
    return HistoryEntry(**fields)


def _listing(task: Task) -> str:
    return "；".join(f"{k} {t.name}" for k, t in enumerate(task.targets, 1))
