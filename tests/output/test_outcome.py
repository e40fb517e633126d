"""What `kexie progress` prints: the line and the JSON object of the task after an update."""

from __future__ import annotations

import datetime as dt

from kexie_cli.core.status import task_state
from kexie_cli.core.update import apply_change, plan_change
from kexie_cli.output.outcome import outcome, outcome_line
from kexie_cli.record_options import make_request
from tests.sample_plans import valid_plan as load


def test_outcome_line_and_json():
    plan = load()
    change = plan_change(plan, make_request("13.1", done="12", date="2025-02-01"))
    state = task_state(apply_change(plan, change).tasks[1], plan.start, dt.date(2025, 2, 1))
    assert outcome_line(state, 1) == "任务 13 公民科学素质比例：12 / 16 %（75.0%）进行中"
    data = outcome(state, 1)
    assert data["percent"] == 75.0
    assert (data["id"], data["key"], data["done"], data["target"]) == (13, 1, 12, 16)
    assert data["status"] == "in_progress"
    # By the end of June a third of the targets' share trails half the year: 滞后.
    state = task_state(state.task, plan.start, dt.date(2025, 6, 30))
    assert outcome_line(state, 1).endswith("（75.0%）滞后")
    over = plan_change(plan, make_request("20", done="3", date="2025-05-01"))
    state = task_state(apply_change(plan, over).tasks[2], plan.start, dt.date(2025, 5, 1))
    assert outcome_line(state, 1) == "任务 20 科协讲堂：3 / 1-2 期（300.0%）已完成"
    marked = apply_change(plan, plan_change(plan, make_request("1", status="done")))
    assert outcome_line(task_state(marked.tasks[0], plan.start), None) == "任务 1：已完成"
