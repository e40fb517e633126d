"""What `kexie progress` prints once an update is written: one line, or one JSON object."""

from __future__ import annotations

from typing import Any

from kexie_cli.core.numbers import number_text, whole
from kexie_cli.core.status import TargetState, TaskState
from kexie_cli.core.wording import amount_text


def outcome(state: TaskState, key: int | None) -> dict[str, Any]:
    """The task's state after an update, as the JSON object `progress --format json` prints."""
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
    return data | {"status": state.status.value, "label": state.status.label, "mark": mark}


def outcome_line(state: TaskState, key: int | None) -> str:
    """One line: `任务 13 公民科学素质比例：12 / 16 %（75.0%）进行中`."""
    shown = _shown(state, key)
    if shown is None:
        return f"任务 {state.task.id}：{state.status.label}"
    target = shown.target
    unit = f" {target.unit}" if target.unit else ""
    return (
        f"任务 {state.task.id} {target.name}：{number_text(shown.done)} / {amount_text(target)}"
        f"{unit}（{shown.percent:.1f}%）{state.status.label}"
    )


def _shown(state: TaskState, key: int | None) -> TargetState | None:
    """The target to show: the one updated, else the task's only one."""
    if key is not None:
        return state.targets[key - 1]
    return state.targets[0] if len(state.targets) == 1 else None
