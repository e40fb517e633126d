"""The 考核 score worked out in the core: each item's lines, the caps, the ranks, the tasks set
apart, and the rules' own checks — on the small plan of tests/score_plans.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_cli.core import score as score_module
from kexie_cli.core.models import TasksPlan
from kexie_cli.core.months import Month
from kexie_cli.core.score import ranked, score_plan, set_aside
from kexie_cli.core.score_items import levels_reached, periods, shares
from kexie_cli.core.score_rules import Item, ItemKind, Rules, item_findings
from kexie_cli.plans.load import load_text
from kexie_cli.plans.validate import parse
from kexie_cli.plans.yaml_read import load
from tests.score_plans import BY_DEPT_JUNE, EVALUATION, PLAN, RULES

JUNE = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def plan() -> TasksPlan:
    return parse(TasksPlan, load(PLAN))


def rules_of(text: str) -> Rules:
    return parse(Rules, load(text))


def test_the_hand_computation(plan):
    scoring = score_plan(plan, rules_of(RULES + EVALUATION), JUNE)
    assert {s.name: s.score for s in scoring.scores} == BY_DEPT_JUNE
    assert scoring.set_aside == []


def test_levels_reached_the_first_day_at_each_counted_level(plan):
    """Red from the first month end overdue; orange from the second month end in a row at
    yellow (the default 督办 rules): each once, at the first day."""
    tasks = {t.id: t for t in plan.tasks}
    feb = dt.date(2025, 2, 28)
    assert levels_reached(tasks[2], plan, JUNE) == {"red": dt.date(2025, 4, 30)}
    assert levels_reached(tasks[4], plan, JUNE) == {"orange": feb, "red": dt.date(2025, 5, 31)}
    assert levels_reached(tasks[1], plan, JUNE) == {}  # yellow once only, then done
    assert levels_reached(tasks[3], plan, JUNE) == {"orange": feb}  # extended: never red
    assert levels_reached(tasks[4], plan, dt.date(2025, 5, 30)) == {"orange": feb}


def test_periods_default_to_every_month_from_the_plans_start(plan):
    item = Item(ItemKind.MISSING_REPORTS, "报送", weight=1)
    assert periods(item, plan) == [Month(2025, m) for m in range(1, 13)]
    later = dataclasses.replace(plan, plan=dataclasses.replace(plan.plan, start=Month(2025, 4)))
    assert periods(item, later)[0] == Month(2025, 4)
    quarterly = dataclasses.replace(item, periods=[Month(2025, 6), Month(2025, 3)])
    assert periods(quarterly, plan) == [Month(2025, 3), Month(2025, 6)]


def test_quarterly_periods_count_a_quarter_with_any_entry(plan):
    """By quarter, a task is missing only in a quarter with no entry at all."""
    text = RULES.replace("    max: 4\n", "    periods: ['2025.3', '2025.6']\n")
    scoring = score_plan(plan, rules_of(text), JUNE)
    missing = [
        (line.task, line.why) for s in scoring.scores for line in s.lines if line.item == "进展报送"
    ]
    # task 1: done in Q1; task 2: Q1 had a report, Q2 its mark; task 3: Q1 nothing; task 4:
    # Q1 a figure, Q2 nothing.
    assert missing == [(3, "2025年3月未报送进展"), (4, "2025年6月未报送进展")]


def test_a_task_cancelled_or_paused_is_out_of_every_item(plan, monkeypatch):
    """Read by the status's value: the end states' round adds the statuses themselves."""
    real = score_module.plan_states

    def with_task_4_cancelled(*args, **kwargs):
        states = real(*args, **kwargs)
        return [s._replace(status=_Cancelled()) if s.task.id == 4 else s for s in states]

    monkeypatch.setattr(score_module, "plan_states", with_task_4_cancelled)
    scoring = score_plan(plan, rules_of(RULES), JUNE)
    assert [s.task.id for s in scoring.set_aside] == [4]
    society = next(s for s in scoring.scores if s.name == "学会部")
    assert society.tasks == 1 and all(line.task != 4 for line in society.lines)
    assert set_aside(scoring.set_aside[0])


class _Cancelled(str):
    """A status as the end states' round will have it: its value `cancelled`, its label."""

    def __new__(cls) -> _Cancelled:
        return super().__new__(cls, "cancelled")

    label = "已取消"


def test_ranks_share_equal_scores():
    scores = [score_module.Score(n, v, (), 1) for n, v in (("a", 90), ("b", 95), ("c", 90))]
    assert [s.rank for s in ranked(scores)] == [2, 1, 2]


@settings(max_examples=40, deadline=None)
@given(
    weight=st.integers(1, 100),
    per_report=st.sampled_from([0.25, 0.5, 1, 2]),
    cap=st.one_of(st.none(), st.integers(1, 20)),
    red=st.integers(0, 5),
    day=st.dates(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
)
def test_a_score_is_its_base_and_its_lines_and_no_item_takes_more_than_its_max(
    plan, weight, per_report, cap, red, day
):
    items = [
        Item(ItemKind.ON_TIME, "按时完成率", weight=weight),
        Item(ItemKind.MISSING_REPORTS, "进展报送", weight=per_report, max=cap),
        Item(ItemKind.EXTENSIONS, "延期", weight=1, max=cap),
        Item(ItemKind.LEVELS, "预警", red=red or None, orange=1),
    ]
    rules = Rules("细则", items, base=100)
    for by in ("dept", "leader"):
        for entry in score_plan(plan, rules, day, by).scores:
            assert entry.score == round(100 + sum(line.points for line in entry.lines), 2)
            for item in items:
                net = sum(line.points for line in entry.lines if line.item == item.name)
                assert net <= 0
                if item.max is not None:
                    assert -net <= item.max + 1e-9
            late = [line for line in entry.lines if line.item == "按时完成率" and line.task]
            taken = -sum(line.points for line in late)
            assert taken <= weight + 0.01 * len(late)  # weight × the share not on time


def test_item_findings_say_every_problem_of_the_items():
    raw = {
        "items": [
            {"kind": "on_time", "name": "a"},
            {"kind": "on_time", "name": "b", "weight": 1, "per": 10},
            {"kind": "levels", "name": "c"},
            {"kind": "evaluation", "name": "d", "max": 5, "points": {"组宣部": 6, "学会部": 5}},
            {"kind": "nonsense", "name": "e"},
            "not an item",
        ]
    }
    found = [(f.loc, f.message) for f in item_findings(raw)]
    assert found == [
        (("items", 0, "kind"), "on_time 项重复：每种只能有一项"),
        (("items", 0), "on_time 项缺少 weight"),
        (("items", 1, "kind"), "on_time 项重复：每种只能有一项"),
        (("items", 1, "per"), "on_time 项不应有 per"),
        (("items", 2), "levels 项至少要有 red、orange 之一"),
        (("items", 3, "points", "组宣部"), "组宣部 的评价分 6 超过本项上限 5"),
    ]
    assert list(item_findings({"items": "x"})) == [] and list(item_findings([])) == []


@given(
    st.dictionaries(
        st.sampled_from(["weight", "per", "max", "periods", "red", "points"]), st.integers(1, 9)
    )
)
def test_item_findings_never_raise_on_any_keys(keys):
    for kind in ItemKind:
        list(item_findings({"items": [{"kind": kind.value, "name": "x", **keys}]}))


def test_no_report_is_missing_while_a_task_is_paused_or_after_it_is_cancelled(plan):
    """Read from the entries (pause, resume, cancel), period by period: a task paused in
    February and resumed in April owes nothing for February and March."""
    from kexie_cli.core.models import EntryKind, HistoryEntry
    from kexie_cli.core.packed import History

    def with_entries(task_id, *added):
        tasks = [
            dataclasses.replace(t, history=History([*t.history, *added])) if t.id == task_id else t
            for t in plan.tasks
        ]
        return dataclasses.replace(plan, tasks=tasks)

    def missing(changed, task_id):
        scoring = score_plan(changed, rules_of(RULES.replace("    max: 4\n", "")), JUNE)
        return [
            line.why
            for s in scoring.scores
            for line in s.lines
            if line.item == "进展报送" and line.task == task_id
        ]

    pause = HistoryEntry(dt.date(2025, 2, 10), EntryKind.PAUSE, reason="等待批复")
    resume = HistoryEntry(dt.date(2025, 4, 5), EntryKind.RESUME)
    assert missing(plan, 4) == [f"2025年{m}月未报送进展" for m in (1, 2, 4, 5, 6)]
    assert missing(with_entries(4, pause, resume), 4) == [
        f"2025年{m}月未报送进展" for m in (1, 4, 5, 6)
    ]
    until = dataclasses.replace(pause, until=Month(2025, 4))
    assert missing(with_entries(4, until), 4) == [f"2025年{m}月未报送进展" for m in (1, 5, 6)]
    # Cancelled by the date: the task is set aside from every item (listed apart), its months
    # before the cancellation included; at a date before it, those months still count.
    cancel = HistoryEntry(dt.date(2025, 5, 2), EntryKind.CANCEL, reason="党组决定取消")
    cancelled = with_entries(4, cancel)
    assert missing(cancelled, 4) == []
    rules = rules_of(RULES.replace("    max: 4\n", ""))
    assert [s.task.id for s in score_plan(cancelled, rules, JUNE).set_aside] == [4]
    april = [
        line.why
        for s in score_plan(cancelled, rules, dt.date(2025, 4, 30)).scores
        for line in s.lines
        if line.item == "进展报送" and line.task == 4
    ]
    assert april == [f"2025年{m}月未报送进展" for m in (1, 2, 4)]


@settings(max_examples=60, deadline=None)
@given(
    days=st.sets(st.dates(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), max_size=12),
    as_of=st.dates(dt.date(2025, 1, 1), dt.date(2026, 3, 31)),
)
def test_missing_reports_are_the_months_ended_with_no_entry(days, as_of):
    """A task never done, reporting on any days: missing are exactly the months ended by the
    date in which none of its entries falls."""
    from kexie_cli.core.models import EntryKind, HistoryEntry, Task, TasksInfo

    history = [HistoryEntry(day, EntryKind.REPORT, note="进展") for day in sorted(days)]
    task = Task(id=1, due=Month(2025, 12), lead=["组宣部"], history=history)
    plan = TasksPlan(TasksInfo("清单", 2025), [task])
    rules = Rules("细则", [Item(ItemKind.MISSING_REPORTS, "进展报送", weight=1)])
    [entry] = score_plan(plan, rules, as_of).scores
    said = [line.why for line in entry.lines]
    reported = {day.month for day in days if day <= as_of}
    ended = [m for m in range(1, 13) if Month(2025, m).last_day <= as_of]
    assert said == [f"2025年{m}月未报送进展" for m in ended if m not in reported]
    assert entry.score == 100 - len(said)


SIGNED = """
plan:
  title: 测试市科协2025年重点工作任务分解清单
  year: 2025
  start: '2025.1'
  sign_off: true
tasks:
- id: 1
  content: 制定方案。
  lead: 组宣部
  due: '2025.4'
  status: done
  history:
  - {date: '2025-04-20', status: done, by: 组宣部}
- id: 2
  content: 召开座谈会。
  lead: 组宣部
  due: '2025.4'
  status: done
  history:
  - {date: '2025-05-10', status: done, by: 组宣部}
"""


def test_a_request_awaiting_sign_off_is_judged_by_its_date():
    """Both tasks await 销号 on 06-30: task 1 asked within its deadline (on time, as it will be
    once closed), task 2 after it (late: 40 ÷ 2 judged = 20 taken)."""
    signed, problems = load_text(SIGNED, Path("2025_tasks.yaml"))
    assert not problems and isinstance(signed, TasksPlan)
    rules = rules_of("title: t\nitems:\n  - {kind: on_time, name: 按时完成率, weight: 40}\n")
    (scored,) = score_plan(signed, rules, JUNE).scores
    assert scored.score == 80
    assert [(line.task, line.points, line.why) for line in scored.lines[1:]] == [
        (2, -20, "逾期申请办结（2025-05-10，时限 2025.4），待销号")
    ]


def test_a_request_awaiting_sign_off_owes_no_report_after_it():
    """Task 1 asked on 04-20 and not yet closed on 06-30: nothing is owed for May and June
    (its part is done, the office's is not); January to March had no entry."""
    signed, problems = load_text(SIGNED, Path("2025_tasks.yaml"))
    assert not problems and isinstance(signed, TasksPlan)
    rules = rules_of("title: t\nitems:\n  - {kind: missing_reports, name: 进展报送, weight: 1}\n")
    (scored,) = score_plan(signed, rules, JUNE).scores
    said = [(line.task, line.why) for line in scored.lines]
    assert [why for task, why in said if task == 1] == [f"2025年{m}月未报送进展" for m in (1, 2, 3)]
    # Task 2 asked on 05-10: January to April owed, nothing after.
    assert [why for task, why in said if task == 2] == [
        f"2025年{m}月未报送进展" for m in (1, 2, 3, 4)
    ]


@given(total=st.integers(0, 10_000), count=st.integers(1, 40))
def test_shares_add_up_to_the_total_and_differ_by_a_hundredth_at_most(total, count):
    found = shares(total / 100, count)
    assert sum(found) == total and max(found) - min(found) <= 1
    assert found == sorted(found, reverse=True)


def test_the_on_time_item_takes_weight_times_the_share_late():
    """Three tasks due in March, none done by June 30: 40 taken (13.34 + 13.33 + 13.33), not
    3 × 13.33 = 39.99."""
    from kexie_cli.core.models import Task, TasksInfo

    tasks = [Task(id=i, due=Month(2025, 3), lead=["组宣部"]) for i in (1, 2, 3)]
    plan = TasksPlan(TasksInfo("清单", 2025), tasks)
    rules = rules_of("title: t\nitems:\n  - {kind: on_time, name: 按时完成率, weight: 40}\n")
    (scored,) = score_plan(plan, rules, JUNE).scores
    assert [line.points for line in scored.lines[1:]] == [-13.34, -13.33, -13.33]
    assert scored.score == 60
