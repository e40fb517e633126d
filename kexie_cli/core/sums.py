"""The figures of like targets added up across tasks, by unit (场、人次、所…), as an office
sums a year's results (累计组织各类宣讲活动千余场…): what a summary's section reports.

Only counts add up: a share (%, ‰) or a target without a unit is never summed. Each sum keeps
the targets' names, in the plan's order, so the sentence names what was counted. Pure.
"""

from __future__ import annotations

from typing import NamedTuple

from kexie_cli.core.status import TaskState

UNSUMMED = ("%", "％", "‰", "百分点")  # shares: adding them means nothing


class UnitSum(NamedTuple):
    unit: str
    total: float
    names: tuple[str, ...]  # the targets counted, each once, as the plan names them
    tasks: tuple[int, ...]  # the tasks they belong to: where the sum is traced from


def unit_sums(states: list[TaskState]) -> list[UnitSum]:
    """Each unit's total of the figures reached (above zero), in order of first appearance."""
    found: dict[str, tuple[float, list[str], list[int]]] = {}
    for state in states:
        for target in state.targets:
            unit = target.target.unit.strip()
            if not unit or unit in UNSUMMED or target.done <= 0:
                continue
            total, names, tasks = found.setdefault(unit, (0.0, [], []))
            if target.target.name not in names:
                names.append(target.target.name)
            if state.task.id not in tasks:
                tasks.append(state.task.id)
            found[unit] = (total + target.done, names, tasks)
    return [UnitSum(u, total, tuple(n), tuple(t)) for u, (total, n, t) in found.items()]
