"""update: picking the target, the change an update makes, the plan it makes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kexie_cli.core.models import Mark
from kexie_cli.core.problems import KexieError
from kexie_cli.core.status import task_state
from kexie_cli.core.update import apply_change, pick_target, plan_change
from kexie_cli.record_options import make_request
from tests.sample_plans import valid_plan as load

TODAY = dt.date.today()  # an update typed today for an earlier date came in today


def test_target_by_key_word_or_the_only_one():
    plan = load()
    task13, task20 = plan.tasks[1], plan.tasks[2]
    assert pick_target(task20, None) == 1
    assert pick_target(task13, "3") == 3
    assert pick_target(task13, "素质") == 1
    assert pick_target(task13, "场次") == 2
    # A name that is whole wins over names that merely contain it.
    assert pick_target(task13, "科普讲座人次") == 3


@pytest.mark.parametrize(
    ("ref", "words"),
    [
        (None, "有 3 项指标，请用 --target K 或写成 13.K"),
        ("科普讲座", "对应多项指标"),
        ("经费", "不匹配任何指标"),
        ("4", "没有指标 4"),
        ("0", "没有指标 0"),
    ],
)
def test_unclear_target_is_refused_with_every_target_listed(ref, words):
    with pytest.raises(KexieError, match=words) as caught:
        pick_target(load().tasks[1], ref)
    assert "1 公民科学素质比例；2 科普讲座场次；3 科普讲座人次" in str(caught.value)


def test_task_without_targets_takes_only_a_status():
    plan = load()
    with pytest.raises(KexieError, match="没有可计数的指标"):
        plan_change(plan, make_request("1", done="1"))
    change = plan_change(plan, make_request("1", status="done", date="2025-03-01"))
    assert change.key is None
    today = dt.date.today()  # the day it came in: typed today
    assert change.entries == ({"date": dt.date(2025, 3, 1), "recorded": today, "status": "done"},)


def test_unknown_task_is_refused_with_the_numbers_there_are():
    with pytest.raises(KexieError, match=r"没有任务 99（现有编号 1–20，共 3 项）"):
        plan_change(load(), make_request("99", done="1"))


def test_done_sets_and_records_before_and_after():
    request = make_request("13.1", done="14", date="2025-06-30", by="张三", note="六月")
    change = plan_change(load(), request)
    assert (change.index, change.key, change.done) == (1, 1, 14)
    day = dt.date(2025, 6, 30)
    assert change.entries == (
        {"date": day, "recorded": TODAY, "target": 1, "before": 12, "after": 14, "by": "张三"},
        {"date": day, "recorded": TODAY, "kind": "report", "note": "六月", "by": "张三"},
    )


def test_add_adds_to_the_count_and_a_missing_count_is_zero():
    plan = load()
    assert plan_change(plan, make_request("13.2", add="4")).done == 9
    assert plan_change(plan, make_request("13.3", add="250")).entries[0]["before"] == 0
    # 0.1 + 0.2 is written 0.3, and whole numbers as integers.
    assert plan_change(plan, make_request("20", add="0.2")).done == 0.3
    assert isinstance(plan_change(plan, make_request("13.2", add="1")).done, int)


def test_status_with_a_count_makes_two_entries():
    change = plan_change(load(), make_request("13.2", add="1", status="done", date="2025-07-01"))
    assert change.status is Mark.DONE
    assert [sorted(e) for e in change.entries] == [
        ["after", "before", "date", "recorded", "target"],
        ["date", "recorded", "status", "status_before"],
    ]
    assert change.entries[1]["status_before"] == "in_progress"


def test_status_does_not_take_a_target():
    with pytest.raises(KexieError, match="--status 标记的是整项任务"):
        plan_change(load(), make_request("13.2", status="done"))


def test_apply_change_is_the_plan_the_history_replays():
    plan = load()
    first = plan_change(plan, make_request("13.1", done="14", date="2025-06-30"))
    plan = apply_change(plan, first)
    second = plan_change(plan, make_request("13.1", add="2", date="2025-07-31"))
    plan = apply_change(plan, second)
    task = plan.tasks[1]
    assert task.targets[0].done == 16
    assert [h.after for h in task.history] == [14, 16]
    # The history drives the state on an earlier date.
    assert task_state(task, plan.start, dt.date(2025, 7, 1)).targets[0].done == 14
    assert task_state(task, plan.start, dt.date(2025, 6, 1)).targets[0].done == 12
    assert plan.tasks[0] == load().tasks[0]


def test_a_figure_for_an_earlier_period_lands_after_a_later_one():
    """Forms come back late and out of order: the June figure typed after July's counts at
    June 30, and the file keeps July's count."""
    plan = load()
    july = make_request("13.1", done="20", date="2025-07-31")
    plan = apply_change(plan, plan_change(plan, july))
    june = plan_change(plan, make_request("13.1", done="15", date="2025-06-30"))
    assert june.done is None  # the file's count stands: July's is later
    assert june.entries[0]["before"] == 12 and june.entries[0]["after"] == 15
    plan = apply_change(plan, june)
    task = plan.tasks[1]
    assert task.targets[0].done == 20
    assert task_state(task, plan.start, dt.date(2025, 6, 30)).targets[0].done == 15
    assert task_state(task, plan.start, dt.date(2025, 7, 31)).targets[0].done == 20
    # --add at an earlier date adds to the count as it stood then.
    added = plan_change(plan, make_request("13.1", add="2", date="2025-07-01"))
    assert added.entries[0]["before"] == 15 and added.entries[0]["after"] == 17
    # Another target, or a status mark, is not held by it.
    assert plan_change(plan, make_request("13.2", add="1", date="2025-05-31")).done == 6
    assert plan_change(plan, make_request("13", status="done", date="2025-05-31")).status


def test_an_earlier_figure_above_a_later_one_is_refused_unless_forced():
    plan = load()
    plan = apply_change(plan, plan_change(plan, make_request("13.1", done="20", date="2025-07-31")))
    too_many = make_request("13.1", done="25", date="2025-06-30")
    with pytest.raises(KexieError, match="已登记 2025-07-31 的累计 20，更早的 2025-06-30"):
        plan_change(plan, too_many)
    forced = plan_change(plan, dataclasses.replace(too_many, force=True))
    assert forced.entries[0]["after"] == 25 and forced.done is None
