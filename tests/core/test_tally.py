"""Report aggregation: tasks due by a month, tallied per group, a total counting each task once."""

import datetime as dt
from dataclasses import replace

import pytest

from kexie_cli.core.months import Month
from kexie_cli.core.queries import plan_states
from kexie_cli.core.status import Status
from kexie_cli.core.tally import UNNAMED, Tally, build_report, tally_groups
from tests.sample_plans import sample_plan

PLAN = sample_plan()
JULY = dt.date(2025, 7, 1)


def counts(tally: Tally) -> dict[str, int]:
    return {str(status): n for status, n in tally.counts.items() if n}


def test_due_limits_the_tasks_and_total_counts_each_once():
    report = build_report(PLAN, JULY, Month(2025, 6), 10.0)
    assert [s.task.id for s in report.states] == [2, 3]
    assert counts(report.total) == {"done": 1, "overdue": 1}
    assert report.total.tasks == 2
    assert report.total.rate == 50.0


def test_by_dept_counts_a_task_in_each_lead_department():
    report = build_report(PLAN, JULY, None, 10.0, "dept")
    by_name = {g.name: g for g in report.groups}
    assert list(by_name) == ["办公室", "机关党委", "组宣部", "普及部（中心）", "学会部", "市科技馆"]
    assert counts(by_name["办公室"]) == counts(by_name["机关党委"]) == {"in_progress": 1}
    assert sum(g.tasks for g in report.groups) == 6  # task 1 twice
    assert report.total.tasks == 5
    assert report.group_header == "牵头部室"


def test_by_leader_and_section():
    leaders = {g.name: counts(g) for g in build_report(PLAN, JULY, None, 10.0, "leader").groups}
    assert leaders == {
        "郑昌盛": {"in_progress": 1},
        "陈汉平": {"in_progress": 1, "done": 1},
        "李麟": {"overdue": 1},
        "李义词": {"in_progress": 1, "behind": 1},
    }
    sections = build_report(PLAN, JULY, None, 10.0, "section").groups
    assert [(g.name, g.tasks) for g in sections] == [
        ("政治引领", 2),
        ("科学普及", 2),
        ("科技馆", 1),
    ]


def test_margin_changes_behind_to_in_progress():
    # Mid-June task 1 has 3 of 12 (25%) with 45% of its time gone.
    strict = build_report(PLAN, dt.date(2025, 6, 15), None, 10.0)
    lenient = build_report(PLAN, dt.date(2025, 6, 15), None, 25.0)
    assert strict.states[0].status is Status.BEHIND
    assert lenient.states[0].status is Status.IN_PROGRESS


def test_names_written_differently_are_one_group_and_no_name_is_unnamed():
    tasks = [
        PLAN.tasks[2],  # 普及部（中心）
        replace(PLAN.tasks[3], lead=["普及部"]),
        replace(PLAN.tasks[4], lead=[]),
    ]
    text_plan = replace(PLAN, tasks=tasks)
    groups = tally_groups(plan_states(text_plan, JULY), "dept")
    assert [(g.name, g.tasks) for g in groups] == [("普及部（中心）", 2), (UNNAMED, 1)]


def test_the_same_body_printed_with_other_brackets_is_one_group():
    tasks = [
        replace(PLAN.tasks[2], lead=["各县(市、区)科协"]),
        replace(PLAN.tasks[3], lead=["各县(市)区科协"]),
        replace(PLAN.tasks[4], lead=["市、县(市、区)科协"]),
    ]
    groups = tally_groups(plan_states(replace(PLAN, tasks=tasks), JULY), "dept")
    assert [(g.name, g.tasks) for g in groups] == [
        ("各县(市、区)科协", 2),
        ("市、县(市、区)科协", 1),
    ]


def test_rate_of_an_empty_tally_is_zero():
    assert Tally("空").rate == 0.0


def test_flags_counted_once_a_task_and_the_headline():
    from kexie_cli.core.status import Flag
    from tests.sample_plans import record_plan

    plan = record_plan()
    report = build_report(plan, dt.date(2025, 12, 31), None, 10.0, "dept")
    assert report.total.flags == {
        Flag.DONE_ON_TIME: 2, Flag.DONE_LATE: 1, Flag.EXTENDED: 2, Flag.DUE_SOON: 0,
        Flag.PENDING: 0, Flag.AWAITING_SIGN_OFF: 0,
    }  # fmt: skip
    groups = {g.name: g.flags for g in report.groups}
    assert groups["组宣部"][Flag.DONE_ON_TIME] == 2 and groups["学会部"][Flag.DONE_LATE] == 1
    assert report.progress == pytest.approx(80.0) and report.time_share == 100.0
    assert build_report(plan, dt.date(2025, 1, 1), None, 10.0).time_share == pytest.approx(
        100 / 365
    )
