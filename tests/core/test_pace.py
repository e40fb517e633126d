"""A group's average progress beside its 序时进度."""

from __future__ import annotations

import datetime as dt

import pytest

from kexie_cli.core.months import Month
from kexie_cli.core.pace import mean_pace, mean_progress, task_pace, task_progress
from kexie_cli.core.queries import plan_states
from kexie_cli.plans.load import load_file
from tests.conftest import DATA

PLAN = load_file(DATA / "2025_tasks.yaml")[0]
JUNE = dt.date(2025, 6, 30)
STATES = {s.task.id: s for s in plan_states(PLAN, JUNE, 10.0)}


def test_a_task_due_by_the_date_has_all_its_time_gone_and_a_years_task_half() -> None:
    assert task_pace(STATES[6], PLAN.start, JUNE) == 100.0  # due 2025.6
    assert task_pace(STATES[2], PLAN.start, JUNE) == pytest.approx(181 / 365 * 100)
    assert task_pace(STATES[2], Month(2025, 1), dt.date(2024, 12, 1)) == 0.0


def test_progress_is_done_as_100_the_targets_share_else_nothing() -> None:
    done = STATES[30]._replace(status=STATES[30].status.__class__("done"))
    assert task_progress(done) == 100.0
    assert task_progress(STATES[2]) == 0.0  # has targets, none reached
    assert task_progress(STATES[1]) is None  # nothing to count, not done
    assert mean_progress([STATES[1]]) is None and mean_pace([], PLAN.start, JUNE) is None
    assert mean_progress([STATES[1], STATES[2], done]) == 50.0
