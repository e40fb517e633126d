"""What `kexie progress`, `extend` and `comment` print once an update is written: one line,
or one JSON object."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from kexie_cli.core.models import HistoryEntry, Task
from kexie_cli.core.months import month_text
from kexie_cli.core.numbers import number_text, whole
from kexie_cli.core.record import extensions
from kexie_cli.core.status import TargetState, TaskState
from kexie_cli.core.wording import amount_text
from kexie_cli.output.views import entry_json

if TYPE_CHECKING:
    from kexie_cli.plans.save import Recorded


def outcome(
    state: TaskState, key: int | None, report: HistoryEntry | None = None
) -> dict[str, Any]:
    """The task's state after an update, as the JSON object `progress --format json` prints;
    with the report entry written, if any, under `report`."""
    shown = _shown(state, key)
    data: dict[str, Any] = {"id": state.task.id}
    if shown is not None:
        target = shown.target
        data |= {
            "key": shown.key,
            "name": target.name,
            "done": whole(shown.done),
            "target": whole(target.target),
            "target_max": whole(target.target_max) if target.target_max else None,
            "unit": target.unit,
            "percent": round(shown.percent, 1),
        }
    mark = state.mark.value if state.mark else None
    data |= {"status": state.status.value, "label": state.status.label, "mark": mark}
    return (data | {"report": entry_json(report)}) if report is not None else data


def outcome_line(
    state: TaskState, key: int | None, report: HistoryEntry | None = None, counted: bool = True
) -> str:
    """One line: `任务 13 公民科学素质比例：12 / 16 %（75.0%）进行中`, and `已登记进展情况` when
    a report was written; a report alone: `任务 6 已登记进展情况（2025-06-30）`."""
    written = f"已登记进展情况（{report.date.isoformat()}）" if report is not None else ""
    if not counted and report is not None:
        return f"任务 {state.task.id} {written}"
    shown = _shown(state, key)
    said = "已申请办结，待销号" if state.awaiting else state.status.label
    if shown is None:
        line = f"任务 {state.task.id}：{said}"
    else:
        target = shown.target
        unit = f" {target.unit}" if target.unit else ""
        line = (
            f"任务 {state.task.id} {target.name}：{number_text(shown.done)} / "
            f"{amount_text(target)}{unit}（{shown.percent:.1f}%）{said}"
        )
    return f"{line}；{written}" if written else line


def recorded_state(
    recorded: Recorded, as_of: dt.date | None = None
) -> tuple[TaskState, HistoryEntry | None]:
    """An update written: its task's state at the update's date (the entries', else as_of),
    and the report it wrote."""
    from kexie_cli.core.models import EntryKind
    from kexie_cli.core.status import task_state
    from kexie_cli.core.update import added

    written = added(recorded.task, recorded.change)
    report = next((h for h in written if h.kind is EntryKind.REPORT), None)
    as_of = written[-1].date if written else as_of
    return task_state(recorded.task, recorded.plan.start, as_of), report


def recorded_line(recorded: Recorded) -> str:
    """An update written, as `progress` reports it: the figure now in the file, the mark, the
    words — what a command that failed after its write still says was recorded."""
    state, report = recorded_state(recorded)
    counted = recorded.change.key is not None or recorded.change.status is not None
    return outcome_line(state, recorded.change.key, report, counted)


def entry_outcome(task: Task, entry: HistoryEntry) -> dict[str, Any]:
    """The entry `extend` or `comment` wrote, with its task's id, as one JSON object."""
    return {"id": task.id} | entry_json(entry)


def extension_line(task: Task, entry: HistoryEntry) -> str:
    """`任务 3 延期至 2025.9（原定 2025.5，延期 1 次）`: counted as of the extension's date."""
    assert entry.due_after is not None
    count = len(extensions(task, entry.date))
    return (
        f"任务 {task.id} 延期至 {month_text(entry.due_after)}"
        f"（原定 {month_text(task.due)}，延期 {count} 次）"
    )


def refusal_line(task: Task, entry: HistoryEntry) -> str:
    """`任务 7 的延期申请（至 2025.9）未同意（2025-06-10）`."""
    asked = f"（至 {month_text(entry.due_after)}）" if entry.due_after is not None else ""
    return f"任务 {task.id} 的延期申请{asked}未同意（{entry.date.isoformat()}）"


def comment_line(task: Task, entry: HistoryEntry) -> str:
    """`任务 8 已登记批示（郑昌盛，2025-04-10）`."""
    return f"任务 {task.id} 已登记批示（{entry.by}，{entry.date.isoformat()}）"


def not_a_leader_line(task: Task, by: str) -> str:
    """The hint when a comment's author is not one of the task's 责任领导 (it is recorded)."""
    leaders = "、".join(task.leaders) or "清单未列责任领导"
    return f"提示：{by}不是任务 {task.id} 的责任领导（{leaders}）"


def _shown(state: TaskState, key: int | None) -> TargetState | None:
    """The target to show: the one updated, else the task's only one."""
    if key is not None:
        return state.targets[key - 1]
    return state.targets[0] if len(state.targets) == 1 else None
