"""Figures of like targets summed by unit across tasks, as a summary reports them: each unit's
total equals the hand sum; a share (%) is never added; the tasks each sum is traced from."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kexie_cli.core.models import Comparator, Target, Task
from kexie_cli.core.months import Month
from kexie_cli.core.status import TaskState, task_state
from kexie_cli.core.sums import unit_sums


def _state(key: int, targets: list[tuple[str, float, str, float]]) -> TaskState:
    task = Task(
        id=key,
        due=Month(2025, 12),
        targets=[
            Target(name=n, target=t, unit=u, comparator=Comparator.AT_LEAST, done=d)
            for n, t, u, d in targets
        ],
    )
    return task_state(task, Month(2025, 1))


def test_sums_by_unit_equal_the_hand_sums() -> None:
    states = [
        _state(1, [("宣讲", 10, "场", 4), ("培训", 100, "人次", 120)]),
        _state(2, [("科普活动", 40, "场", 16), ("素质比例", 16, "%", 15.3)]),
        _state(3, [("讲座", 5, "场", 0), ("参观", 300000, "人次", 140000), ("学校", 30, "所", 12)]),
    ]
    sums = {s.unit: s for s in unit_sums(states)}
    assert list(sums) == ["场", "人次", "所"]  # in order of first appearance; % never summed
    assert sums["场"].total == 4 + 16 and sums["场"].names == ("宣讲", "科普活动")
    assert sums["场"].tasks == (1, 2)  # 讲座 reached nothing: not counted, not named
    assert sums["人次"].total == 120 + 140000 and sums["人次"].tasks == (1, 3)
    assert sums["所"].total == 12


units = st.sampled_from(["场", "次", "人次", "所", "%", ""])
targets = st.lists(
    st.tuples(st.sampled_from(["甲", "乙", "丙"]), units, st.integers(0, 500)), max_size=4
)


@given(st.lists(targets, max_size=6))
def test_every_unit_sums_to_its_figures_and_nothing_else(plan: list) -> None:
    states = [
        _state(key, [(name, 100, unit, done) for name, unit, done in found])
        for key, found in enumerate(plan, start=1)
    ]
    sums = {s.unit: s.total for s in unit_sums(states)}
    by_hand: dict[str, float] = {}
    for found in plan:
        for _, unit, done in found:
            if unit not in ("%", "") and done > 0:
                by_hand[unit] = by_hand.get(unit, 0) + done
    assert sums == by_hand
