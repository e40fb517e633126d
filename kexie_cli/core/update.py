"""What a progress update changes in a task: which target, its new count, the history entries.

Pure: reads the options a person typed and a validated plan, never a file. Every refusal is a
KexieError raised before anything is written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import unicodedata
from dataclasses import dataclass
from typing import Any

from kexie_cli.core.models import LARGEST, HistoryEntry, Mark, Task, TasksPlan
from kexie_cli.core.problems import KexieError
from kexie_cli.core.status import TargetState, TaskState

# Sums like 0.1 + 0.2 are written as 0.3, not 0.30000000000000004.
_DIGITS = 9


@dataclass(frozen=True, slots=True)
class Request:
    """An update as typed: `kexie progress N[.K] --done/--add V --target K --status S …`."""

    task_id: int
    target: str | None = None  # a key (1, 2, …) or a word of the target's name
    done: float | None = None
    add: float | None = None
    status: Mark | None = None
    date: dt.date = dataclasses.field(default_factory=dt.date.today)
    by: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """What the update writes into the task at `index` of the plan's tasks."""

    index: int
    task_id: int
    key: int | None  # the target whose `done` is set, 1-based; None for a status mark only
    done: float | None
    status: Mark | None
    entries: tuple[dict[str, Any], ...]  # history entries to append, keys in file order


def parse_ref(text: str) -> tuple[int, str | None]:
    """`13` → (13, None); `13.2` → (13, "2"): N.K means N --target K."""
    head, dot, tail = text.strip().partition(".")
    if not head.isdigit() or int(head) < 1 or (dot and not tail.strip()):
        raise KexieError(f"任务编号 {text!r} 无效，应写成 13 或 13.2（任务 13 的第 2 项指标）")
    return int(head), tail.strip() if dot else None


def parse_count(option: str, text: str) -> float:
    """A count typed on the command line: a finite number, not negative."""
    try:
        value = float(text.strip())
    except ValueError:
        raise KexieError(f"{option} 的值 {text!r} 不是数字") from None
    if not math.isfinite(value):
        raise KexieError(f"{option} 的值 {text!r} 不是有限的数字")
    if value < 0:
        raise KexieError(f"{option} 的值不能为负数：{text}")
    return value


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise KexieError(
            f"--date 的值 {text!r} 不是日期，应写成 YYYY-MM-DD，如 2025-06-30"
        ) from None


def parse_mark(text: str) -> Mark:
    try:
        return Mark(text.strip())
    except ValueError:
        choices = "、".join(m.value for m in Mark)
        raise KexieError(f"--status 的值 {text!r} 无效，应为 {choices} 之一") from None


def make_request(
    ref: str,
    *,
    done: str | None = None,
    add: str | None = None,
    target: str | None = None,
    status: str | None = None,
    date: str | None = None,
    by: str | None = None,
    note: str | None = None,
) -> Request:
    """Read and check the options as typed; refuse a combination that means nothing."""
    task_id, ref_target = parse_ref(ref)
    if ref_target is not None and target is not None and ref_target != target.strip():
        raise KexieError(f"{ref} 已指明指标 {ref_target}，与 --target {target} 矛盾")
    if done is not None and add is not None:
        raise KexieError("--done 与 --add 不能同时使用：--done 设定累计完成数，--add 在其上增加")
    if done is None and add is None and status is None:
        raise KexieError("没有要登记的内容：请给出 --done V、--add V 或 --status")
    return Request(
        task_id=task_id,
        target=ref_target if ref_target is not None else _text(target),
        done=parse_count("--done", done) if done is not None else None,
        add=parse_count("--add", add) if add is not None else None,
        status=parse_mark(status) if status is not None else None,
        date=parse_date(date) if date is not None else dt.date.today(),
        by=_text(by),
        note=_text(note),
    )


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
    word = _fold(ref)
    matches = [k for k, t in enumerate(task.targets, 1) if word in _fold(t.name)]
    exact = [k for k in matches if _fold(task.targets[k - 1].name) == word]
    if len(matches) == 1 or len(exact) == 1:
        return (exact or matches)[0]
    found = "对应多项指标" if matches else "不匹配任何指标"
    raise KexieError(f"任务 {task.id} 的指标中“{ref}”{found}，请用编号指明：" + _listing(task))


def plan_change(plan: TasksPlan, request: Request) -> Change:
    """The change an update makes to its task, as plain values ready to write."""
    index, task = find_task(plan, request.task_id)
    counting = request.done is not None or request.add is not None
    if not counting and request.target is not None:
        raise KexieError("指标只与 --done 或 --add 一起指明；--status 标记的是整项任务")
    key = pick_target(task, request.target) if counting else None
    _refuse_back_dating(task, key, request)
    extra = {k: v for k, v in (("by", request.by), ("note", request.note)) if v}
    entries: list[dict[str, Any]] = []
    done = None
    if key is not None:
        before = task.targets[key - 1].done
        done = request.done if request.done is not None else before + (request.add or 0)
        done = _number(round(done, _DIGITS))
        if done > LARGEST:
            raise KexieError(f"任务 {task.id} 的完成数 {done} 超过上限 {LARGEST:g}")
        entry = {"date": request.date, "target": key, "before": _number(before), "after": done}
        entries.append(entry | extra)
    if request.status is not None:
        entry = {"date": request.date, "status": request.status.value}
        if task.status is not None:
            entry["status_before"] = task.status.value
        entries.append(entry | extra)
    return Change(index, task.id, key, done, request.status, tuple(entries))


def _refuse_back_dating(task: Task, key: int | None, request: Request) -> None:
    """History is replayed by date, each entry from the count before it: an entry dated
    before one already recorded for the same target (or mark) would replay wrongly."""
    same = [
        h
        for h in task.history
        if (key is not None and h.target == key and h.after is not None)
        or (request.status is not None and h.status is not None)
    ]
    latest = max((h.date for h in same), default=None)
    if latest is not None and request.date < latest:
        raise KexieError(
            f"任务 {task.id} 已有 {latest.isoformat()} 的进度记录，不能再登记更早的日期"
            f" {request.date.isoformat()}（历史按日期回放）"
        )


def apply_change(plan: TasksPlan, change: Change) -> TasksPlan:
    """The plan as it must read after the change: the yardstick an edited file is checked by."""
    task = plan.tasks[change.index]
    targets = list(task.targets)
    if change.key is not None and change.done is not None:
        old = targets[change.key - 1]
        targets[change.key - 1] = dataclasses.replace(old, done=float(change.done))
    history = list(task.history) + [_entry(e) for e in change.entries]
    status = change.status if change.status is not None else task.status
    new = dataclasses.replace(task, targets=targets, status=status, history=history)
    tasks = list(plan.tasks)
    tasks[change.index] = new
    return dataclasses.replace(plan, tasks=tasks)


def _entry(data: dict[str, Any]) -> HistoryEntry:
    fields = dict(data)
    for name in ("before", "after"):
        if name in fields:
            fields[name] = float(fields[name])
    for name in ("status", "status_before"):
        if name in fields:
            fields[name] = Mark(fields[name])
    return HistoryEntry(**fields)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _text(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def _fold(text: str) -> str:
    """Full-width and half-width forms, upper and lower case, compare alike."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _listing(task: Task) -> str:
    return "；".join(f"{k} {t.name}" for k, t in enumerate(task.targets, 1))


def outcome(state: TaskState, key: int | None) -> dict[str, Any]:
    """The task's state after an update, as the JSON object `progress --format json` prints."""
    shown = _shown(state, key)
    data: dict[str, Any] = {"id": state.task.id}
    if shown is not None:
        target = shown.target
        data |= {
            "key": shown.key,
            "name": target.name,
            "done": _number(shown.done),
            "target": _number(target.target),
            "target_max": _number(target.target_max) if target.target_max else None,
            "unit": target.unit,
            "percent": round(shown.percent, 1),
        }
    mark = state.mark.value if state.mark else None
    return data | {"status": state.status.value, "label": state.status.label, "mark": mark}


def outcome_line(state: TaskState, key: int | None) -> str:
    """One line: `任务 13 公民科学素质比例：12 / 16 %（75.0%）进行中`."""
    shown = _shown(state, key)
    if shown is None:
        return f"任务 {state.task.id}：{state.status.label}"
    target = shown.target
    goal = _fmt(target.target)
    if target.target_max is not None:
        goal += f"-{_fmt(target.target_max)}"
    unit = f" {target.unit}" if target.unit else ""
    return (
        f"任务 {state.task.id} {target.name}：{_fmt(shown.done)} / {goal}{unit}"
        f"（{shown.percent:.1f}%）{state.status.label}"
    )


def _shown(state: TaskState, key: int | None) -> TargetState | None:
    """The target to show: the one updated, else the task's only one."""
    if key is not None:
        return state.targets[key - 1]
    return state.targets[0] if len(state.targets) == 1 else None


def _fmt(value: float) -> str:
    return str(_number(value))
