"""Targets by place, milestones and measuring months, the office's names (issue 15)."""

from __future__ import annotations

import datetime as dt

import pytest

from kexie_cli.core.models import Task, TasksPlan
from kexie_cli.core.months import Month
from kexie_cli.core.problems import KexieError
from kexie_cli.core.queries import Filters, name_counts, select_tasks
from kexie_cli.core.status import Status, task_state
from kexie_cli.core.tally import build_report
from kexie_cli.core.update import Request, apply_change, plan_change
from kexie_cli.plans.validate import parse, validate

PLAN = {
    "plan": {"title": "清单", "year": 2025},
    "departments": {
        "groups": {"机关各部室": ["办公室", "组宣部"]},
        "aliases": {"市馆": "市科技馆", "科普部": "普及部（中心）"},
    },
    "tasks": [
        {
            "id": 1,
            "due": "2025.12",
            "lead": ["市馆"],
            "support": ["机关各部室"],
            "targets": [
                {
                    "name": "科普活动",
                    "target": 150,
                    "comparator": "at_least",
                    "each": ["黄石港区"],
                    "units": {"大冶市": {"target": 200, "done": 200}, "阳新县": 200},
                }
            ],
        },
        {"id": 2, "due": "2025.12", "lead": ["市科技馆", "组宣部"], "support": ["普及部（中心）"]},
        {
            "id": 3,
            "due": "2025.12",
            "lead": ["普及部（中心）"],
            "targets": [
                {"name": "素质", "target": 16, "measured": "2025.12"},
                {"name": "赛", "target": 9, "milestones": {"2025.3": 3, "2025.6": 6}},
            ],
        },
    ],
}


def plan(**changes) -> TasksPlan:
    return parse(TasksPlan, {**PLAN, **changes})


def test_places_fill_in_from_each_and_sum_to_the_totals():
    target = plan().tasks[0].targets[0]
    assert {n: (p.target, p.done) for n, p in target.places.items()} == {
        "黄石港区": (150, 0),
        "大冶市": (200, 200),
        "阳新县": (200, 0),
    }
    assert (target.target, target.done) == (550, 200)


def test_a_place_target_is_met_when_every_place_is_and_its_percent_caps_each_place():
    state = task_state(plan().tasks[0], Month(2025, 1), dt.date(2025, 3, 1)).targets[0]
    assert not state.met  # the total would be 200/550, one place 100%
    assert state.percent == pytest.approx(100 / 3)
    assert [p.met for p in state.places] == [False, True, False]


def test_a_figure_on_one_place_changes_that_place_and_the_total():
    before = plan()
    change = plan_change(before, Request(1, add=10, place="阳新", date=dt.date(2025, 5, 1)))
    assert change.entries[0]["unit"] == "阳新县"
    after = apply_change(before, change).tasks[0].targets[0]
    assert after.places["阳新县"].done == 10 and after.done == 210


@pytest.mark.parametrize(
    ("request_", "words"),
    [
        (Request(1, add=1), ["--unit", "黄石港区、大冶市、阳新县"]),
        (Request(1, add=1, place="下陆"), ["没有这个地方", "下陆"]),
        (Request(3, target="1", add=1, place="大冶"), ["没有分解到地方"]),
    ],
)
def test_place_refusals_name_the_known_places(request_, words):
    with pytest.raises(KexieError) as refused:
        plan_change(plan(), request_)
    assert all(word in str(refused.value) for word in words)


def test_replay_at_a_date_is_per_place():
    before = plan()
    first = apply_change(
        before, plan_change(before, Request(1, add=5, place="阳新县", date=dt.date(2025, 5, 1)))
    )
    second = apply_change(
        first, plan_change(first, Request(1, add=7, place="黄石港区", date=dt.date(2025, 6, 1)))
    )
    state = task_state(second.tasks[0], Month(2025, 1), dt.date(2025, 5, 15))
    assert [p.done for p in state.targets[0].places] == [0, 200, 5]


def test_measured_and_milestones_decide_behind():
    task = plan().tasks[2]
    # June 30: nothing counted; the survey is measured in December, the contest is below its
    # June milestone.
    assert task_state(task, Month(2025, 1), dt.date(2025, 6, 30)).status is Status.BEHIND
    alone = Task(id=3, due=Month(2025, 12), targets=[task.targets[0]])
    assert task_state(alone, Month(2025, 1), dt.date(2025, 11, 30)).status is Status.NOT_STARTED
    assert task_state(alone, Month(2025, 1), dt.date(2025, 12, 15)).status is Status.BEHIND
    early = Task(id=3, due=Month(2025, 12), targets=[task.targets[1]])
    assert task_state(early, Month(2025, 1), dt.date(2025, 2, 27)).status is Status.NOT_STARTED


def test_a_group_member_finds_the_groups_tasks_as_配合_through_the_group():
    found = select_tasks(plan(), Filters(dept="组宣部"), dt.date(2025, 6, 30)).found
    assert [(f.state.task.id, f.role) for f in found] == [(1, "配合（机关各部室）"), (2, "牵头")]


def test_an_alias_finds_its_department_both_ways():
    ids = lambda q: [f.state.task.id for f in select_tasks(plan(), Filters(dept=q)).found]  # noqa: E731
    assert ids("市科技馆") == ids("市馆") == [1, 2]
    assert ids("科普部") == [2, 3]


def test_by_dept_counts_an_alias_in_its_departments_group():
    report = build_report(plan(), dt.date(2025, 6, 30), None, 10)
    assert [g.name for g in report.groups].count("市科技馆") == 1
    assert next(g for g in report.groups if g.name == "市科技馆").tasks == 2


def test_by_unit_tallies_each_place_done_where_it_met_its_number():
    report = build_report(plan(), dt.date(2025, 6, 30), None, 10, by="unit")
    assert [(g.name, g.tasks, g.counts[Status.DONE]) for g in report.groups] == [
        ("黄石港区", 1, 0),
        ("大冶市", 1, 1),
        ("阳新县", 1, 0),
    ]


def test_name_counts_list_every_department_once_with_its_aliases():
    counts = {c.name: c for c in name_counts(plan(), "dept")}
    assert counts["市科技馆"].lead == 2 and "市馆" in counts["市科技馆"].also
    assert counts["普及部（中心）"].tasks == 2 and "科普部" in counts["普及部（中心）"].also


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"milestones": {"2025.6": 3, "2025.3": 1}}, "从早到晚"),
        ({"milestones": {"2025.3": 10}}, "超过目标"),
        ({"milestones": {"2024.3": 1}}, "不在计划年度"),
        ({"measured": "十二月"}, "月份"),
        ({"each": ["甲"], "done": 1}, "units 下"),
        ({"units": {"甲": {"target": 1, "done": -1}}}, "不能小于 0"),
        ({"units": {"甲": {"done": 1}}}, "缺少 target"),
    ],
)
def test_target_refusals(change, message):
    raw = {
        **PLAN,
        "tasks": [{"id": 9, "due": "2025.12", "targets": [{"name": "x", "target": 9, **change}]}],
    }
    plan_, findings = validate(raw)
    assert plan_ is None and any(message in f.message for f in findings), findings


@pytest.mark.parametrize(
    ("office", "message"),
    [
        ({"aliases": {"甲": "乙", "乙": "甲"}}, "别名循环"),
        ({"aliases": {"人事部": "人事处"}}, "不是本计划的部室"),
        ({"groups": {"机关各部室": ["机关各部室"]}}, "不能包含自己"),
        ({"groups": {"机关各部室": ["人事部"]}}, "不是本计划的部室"),
    ],
)
def test_office_name_refusals(office, message):
    plan_, findings = validate({**PLAN, "departments": office})
    assert plan_ is None and any(message in f.message for f in findings), findings
