"""The pictures' figures: each department's completion and average progress, and the year
month by month replayed from the record at each month's end — equal to hand counts."""

from __future__ import annotations

import datetime as dt

import pytest

from kexie_cli.core.months import Month
from kexie_cli.core.tally import build_report
from kexie_cli.core.trend import month_ends, trend
from kexie_cli.plans.load import load_file

PLAN = """
plan: {title: 某市科协2025年重点工作任务分解清单, org: 某市科协, year: 2025}
tasks:
- id: 1
  lead: 办公室
  due: '2025.12'
  targets:
  - {name: 学习, target: 12, unit: 次, done: 6}
  history:
  - {date: '2025-03-31', target: 1, before: 0, after: 3}
  - {date: '2025-06-30', target: 1, before: 3, after: 6}
- id: 2
  lead: [办公室, 学会部]
  due: '2025.6'
  status: done
  history:
  - {date: '2025-05-20', status: done}
- id: 3
  lead: 学会部
  support: 市科技馆
  due: '2025.12'
- id: 4
  lead: 市馆
  due: '2025.12'
  targets:
  - {name: 展览, target: 4, unit: 场, done: 1}
  history:
  - {date: '2025-02-10', target: 1, before: 0, after: 1}
departments:
  aliases: {市馆: 市科技馆}
"""


@pytest.fixture
def plan(write):
    loaded, problems = load_file(write("p.yaml", PLAN))
    assert problems == []
    return loaded


def test_departments_completion_and_average_progress_by_hand(plan) -> None:
    """办公室: tasks 1 (50%) and 2 (done: 100%) → 1 of 2 done, progress 75%; 学会部: 2 (done)
    and 3 (nothing to count: out of the average) → 50%, 100%; 市科技馆 (市馆): 25%."""
    found = trend(build_report(plan, dt.date(2025, 6, 30), None, 10.0))
    bars = {g.name: g for g in found.groups}
    assert list(bars) == ["办公室", "学会部", "市科技馆"]
    assert (bars["办公室"].tasks, bars["办公室"].done) == (2, 1)
    assert bars["办公室"].completion == 50 and bars["办公室"].progress == 75
    assert bars["学会部"].completion == 50 and bars["学会部"].progress == 100
    assert bars["市科技馆"].completion == 0 and bars["市科技馆"].progress == 25


def test_months_are_the_record_replayed_at_each_months_end(plan) -> None:
    found = trend(build_report(plan, dt.date(2025, 6, 30), None, 10.0))
    assert [p.day for p in found.months] == [Month(2025, m).last_day for m in range(1, 7)]
    # Task 1: 0, 0, 3, 3, 3, 6 of 12; task 4: 1 of 4 from February 10; task 2, with nothing
    # to count, is out of the average until it is done (May 20), then 100%; task 3 never in.
    by_hand = [
        (0 + 0) / 2,
        (0 + 25) / 2,
        (25 + 25) / 2,
        (25 + 25) / 2,
        (25 + 100 + 25) / 3,
        (50 + 100 + 25) / 3,
    ]
    assert [p.progress for p in found.months] == pytest.approx(by_hand)
    assert [p.done for p in found.months] == [0, 0, 0, 0, 1, 1]
    assert found.months[-1].time_share == pytest.approx(found.time_share)
    assert [p.time_share for p in found.months] == sorted(p.time_share for p in found.months)


def test_month_ends_stop_at_the_date_and_the_plans_year() -> None:
    start = Month(2025, 1)
    assert month_ends(start, dt.date(2025, 1, 15)) == [dt.date(2025, 1, 15)]
    mid = month_ends(start, dt.date(2025, 3, 10))
    assert mid == [dt.date(2025, 1, 31), dt.date(2025, 2, 28), dt.date(2025, 3, 10)]
    assert len(month_ends(start, dt.date(2026, 3, 1))) == 12
    assert month_ends(start, dt.date(2024, 12, 31)) == []
    assert month_ends(Month(2025, 7), dt.date(2025, 12, 31))[0] == dt.date(2025, 7, 31)


def test_a_task_cancelled_is_out_of_every_figure_from_that_day(plan, write) -> None:
    """Task 4 (市科技馆, 25%) cancelled on May 1: out of the departments and of May and June;
    still in the months before."""
    text = PLAN.replace(
        "  - {date: '2025-02-10', target: 1, before: 0, after: 1}\n",
        "  - {date: '2025-02-10', target: 1, before: 0, after: 1}\n"
        "  - {date: '2025-05-01', kind: cancel, reason: 并入他项}\n",
    )
    cancelled, problems = load_file(write("c.yaml", text))
    assert problems == []
    found = trend(build_report(cancelled, dt.date(2025, 6, 30), None, 10.0))
    assert "市科技馆" not in {g.name for g in found.groups}
    assert found.months[1].progress == pytest.approx(12.5)  # February: tasks 1 and 4
    assert found.months[5].progress == pytest.approx((50 + 100) / 2)  # June: 1 and 2
