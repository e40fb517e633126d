"""Filters over task states: each alone, together, and names that match nothing."""

import dataclasses
import datetime as dt

import pytest

from kexie_cli.core.models import Point
from kexie_cli.core.months import Month
from kexie_cli.core.problems import KexieError
from kexie_cli.core.queries import (
    LEAD,
    SUPPORT,
    Filters,
    departments,
    select_points,
    select_tasks,
)
from kexie_cli.core.status import Status
from tests.sample_plans import sample_plan

PLAN = sample_plan()
MID_JUNE = dt.date(2025, 6, 15)


def ids(filters, as_of=MID_JUNE):
    return [f.state.task.id for f in select_tasks(PLAN, filters, as_of).found]


def test_no_filter_keeps_every_task_in_order():
    assert ids(Filters()) == [1, 2, 3, 4, 5]


def test_dept_matches_lead_and_support_with_role():
    found = select_tasks(PLAN, Filters(dept="组宣部"), MID_JUNE).found
    assert [(f.state.task.id, f.role) for f in found] == [(2, LEAD), (4, SUPPORT)]


def test_dept_lead_only():
    assert ids(Filters(dept="组宣部", lead_only=True)) == [2]


def test_dept_written_otherwise():
    assert ids(Filters(dept="普及部")) == [2, 3]
    assert ids(Filters(dept="學會部")) == [3, 4]
    assert ids(Filters(dept="辦公室")) == [1, 2]


def test_leader():
    assert ids(Filters(leader="陈汉平")) == [1, 2]
    assert ids(Filters(leader="李义词")) == [4, 5]


def test_due_keeps_tasks_due_in_or_before_the_month():
    assert ids(Filters(due=Month(2025, 6))) == [2, 3]
    assert ids(Filters(due=Month(2025, 9))) == [2, 3, 4]
    assert ids(Filters(due=Month(2025, 5))) == []


def test_status_uses_the_as_of_date():
    assert ids(Filters(status=(Status.BEHIND,)), MID_JUNE) == [1, 3, 5]
    assert ids(Filters(status=(Status.OVERDUE,)), dt.date(2025, 7, 1)) == [3]
    assert ids(Filters(status=(Status.NOT_STARTED,)), dt.date(2025, 1, 10)) == [1, 5]


def test_grep_searches_focus_content_and_measures():
    assert ids(Filters(grep="科学家精神")) == [2]  # focus and content
    assert ids(Filters(grep="不少于12次")) == [1]  # measures only
    assert ids(Filters(grep="１００人")) == [3]  # full-width digits
    assert ids(Filters(grep="李麟")) == []  # leaders are not searched


def test_filters_combine():
    assert ids(Filters(dept="组宣部", due=Month(2025, 6))) == [2]
    assert ids(Filters(leader="李义词", status=(Status.IN_PROGRESS,))) == [4]


def test_unknown_name_gives_notice_and_nothing():
    selection = select_tasks(PLAN, Filters(dept="财务部"), MID_JUNE)
    assert selection.found == []
    assert selection.notices == [
        "没有名为 财务部 的部室；现有："
        + "、".join(
            ["办公室", "机关党委", "机关各部室", "组宣部", "普及部（中心）", "学会部", "市科技馆"]
        )
    ]
    leaders = select_tasks(PLAN, Filters(leader="王五"), MID_JUNE).notices
    assert leaders == ["没有名为 王五 的领导；现有：郑昌盛、陈汉平、李麟、李义词"]


def test_unknown_name_notice_lists_each_body_once():
    spellings = ["普及部", "普及部(中心)", "普及部（中心）", "各县(市、区)科协", "各县(市)区科协"]
    task = dataclasses.replace(PLAN.tasks[0], support=[])
    tasks = [dataclasses.replace(task, id=i + 1, lead=[n]) for i, n in enumerate(spellings)]
    plan = dataclasses.replace(PLAN, tasks=tasks)
    (notice,) = select_tasks(plan, Filters(dept="财务部"), MID_JUNE).notices
    assert notice == "没有名为 财务部 的部室；现有：普及部、各县(市、区)科协"


def test_departments_in_order_of_first_appearance():
    assert departments(PLAN.tasks)[:4] == ["办公室", "机关党委", "机关各部室", "组宣部"]


POINTS = [
    Point(id=1, section="一", title="加强政治建设", content="弘扬科学家精神"),
    Point(id=2, section="二", title="基层组织", content="建立科协组织"),
]


def test_points_take_grep():
    assert [p.id for p in select_points(POINTS, Filters(grep="科学家"))] == [1]
    assert [p.id for p in select_points(POINTS, Filters())] == [1, 2]


def test_points_refuse_task_filters():
    with pytest.raises(KexieError, match="--dept、--due"):
        select_points(POINTS, Filters(dept="组宣部", due=Month(2025, 6)))


def test_statuses_and_flags_select_tasks_in_any():
    from kexie_cli.core.status import Flag
    from tests.sample_plans import record_plan

    plan = record_plan()

    def chosen(*wanted, as_of=dt.date(2025, 12, 31), **filters):
        return [
            f.state.task.id
            for f in select_tasks(plan, Filters(status=wanted, **filters), as_of).found
        ]

    assert chosen() == [1, 2, 3, 4, 5]
    assert chosen(Status.OVERDUE, Flag.DONE_LATE) == [2, 4, 5]
    assert chosen(Flag.EXTENDED, Flag.DONE_ON_TIME) == [1, 3, 5]
    assert chosen(Flag.DUE_SOON, as_of=dt.date(2025, 7, 10)) == [4]
    # --due by the deadline in force: task 5 leaves June's tasks on the day of its extension.
    assert chosen(due=Month(2025, 6), as_of=dt.date(2025, 7, 4)) == [2, 3, 5]
    assert chosen(due=Month(2025, 6), as_of=dt.date(2025, 7, 5)) == [2, 3]
