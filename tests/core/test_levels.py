"""Warning levels: a generated year against a hand table, escalation, and the replay's shortcut."""

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_cli.core.levels import (
    Level,
    base_level,
    level_replay,
    leveled,
    month_ends,
    month_levels,
    task_level,
    urge_days,
)
from kexie_cli.core.months import Month
from kexie_cli.core.status import Status, task_state
from kexie_cli.core.supervision import Supervision
from kexie_cli.plans.validate import parse
from tests.level_plans import BY_HAND, URGE_RULES, URGED, year_plan

START = Month(2025, 1)
YEAR_END = dt.date(2025, 12, 31)
D = dt.date


def _words(levels):
    return [None if level is None else str(level) for level in levels]


@pytest.mark.parametrize("task_id", sorted(BY_HAND))
def test_month_ends_of_a_year_match_the_hand_table(task_id):
    plan = year_plan()
    task = next(t for t in plan.tasks if t.id == task_id)
    found = month_levels(task, plan.start, YEAR_END, plan.supervision)
    assert [month for month, _ in found] == [Month(2025, m) for m in range(1, 13)]
    assert _words(level for _, level in found) == BY_HAND[task_id]


@pytest.mark.parametrize("task_id", sorted(BY_HAND))
def test_the_level_at_a_month_end_is_the_replays(task_id):
    """What a command asks at a date (`task_level`, with its shortcut) is the full replay's."""
    plan = year_plan()
    task = next(t for t in plan.tasks if t.id == task_id)
    for day, expected in zip(month_ends(START, YEAR_END), BY_HAND[task_id], strict=True):
        level = task_level(task, plan.start, day, plan.supervision)
        assert (None if level is None else str(level)) == expected, day


def test_an_urge_while_yellow_raises_one_step_when_declared():
    plan = year_plan(URGE_RULES)
    task = next(t for t in plan.tasks if t.id == 5)
    assert plan.supervision.urge_step is True
    found = month_levels(task, plan.start, YEAR_END, plan.supervision)
    assert _words(level for _, level in found) == URGED[5]
    # The day of the urge itself: 黄色 before it, 橙色 after it.
    replay = dict(level_replay(task, plan.start, D(2025, 2, 10), plan.supervision))
    assert replay[D(2025, 2, 10)] is Level.ORANGE
    assert replay[D(2025, 1, 15)] is None  # not 黄色 then: the urge raises nothing
    assert task_level(task, plan.start, D(2025, 2, 9), plan.supervision) is Level.YELLOW


def test_an_urge_sent_to_a_supporter_raises_nothing():
    """Task 5 (led by 普及部) reminded on 02-10 as a supporter's task (to 学会部): the lead was
    not pressed, so the level is the rules' alone — 黄色 on 02-10, as with no urge at all."""
    plan = year_plan(URGE_RULES)
    task = next(t for t in plan.tasks if t.id == 5)
    history = [
        dataclasses.replace(h, to="学会部") if h.date == D(2025, 2, 10) else h for h in task.history
    ]
    task = dataclasses.replace(task, history=type(task.history)(history))
    assert task_level(task, plan.start, D(2025, 2, 10), plan.supervision) is Level.YELLOW
    replay = dict(level_replay(task, plan.start, D(2025, 2, 10), plan.supervision))
    assert replay[D(2025, 2, 10)] is Level.YELLOW


def test_blue_within_the_days_before_the_deadline_in_force():
    plan = year_plan()
    one = plan.tasks[0]
    # December 20: 11 of 12 done (91.7% against 97%): not 黄色; 11 days left: 蓝色
    assert task_level(one, START, D(2025, 12, 20), plan.supervision) is Level.BLUE
    # 15 days before December 31: from December 16
    assert task_level(one, START, D(2025, 12, 16), plan.supervision) is Level.BLUE
    assert task_level(one, START, D(2025, 12, 15), plan.supervision) is None
    wider = Supervision(blue_days=40)
    assert task_level(one, START, D(2025, 11, 30), wider) is Level.BLUE


def test_rules_declared_change_the_levels():
    plan = year_plan()
    one = plan.tasks[0]
    # 5 points: January's 0 against 8.5% is 黄色; never 橙色 with orange_after 0
    strict = Supervision(yellow_points=5, orange_after=0)
    found = month_levels(one, START, D(2025, 3, 31), strict)
    assert _words(level for _, level in found) == ["yellow", "yellow", "yellow"]
    # 红色 only 10 days past the deadline: task 2 (due June) 黄色? nothing to count: 蓝色
    late = Supervision(red_days=10)
    two = plan.tasks[1]
    assert task_level(two, START, D(2025, 7, 9), late) is Level.BLUE
    assert task_level(two, START, D(2025, 7, 10), late) is Level.RED


def test_done_tasks_and_other_statuses_have_no_level():
    plan = year_plan()
    two = plan.tasks[1]
    state = task_state(two, START, D(2025, 9, 1))
    assert state.status is Status.DONE
    assert base_level(state, START, plan.supervision) is None
    assert leveled(state, START, plan.supervision).level is None
    # A status that is none of the open four (cancelled, paused: added elsewhere) has none.
    odd = state._replace(status="cancelled")
    assert base_level(odd, START, plan.supervision) is None


def test_leveled_sets_the_level_at_the_states_date():
    plan = year_plan()
    four = plan.tasks[3]
    state = leveled(task_state(four, START, D(2025, 2, 28)), START, plan.supervision)
    assert state.level is Level.RED
    assert state.level.label == "红色"


def test_level_labels_and_steps():
    assert [lv.label for lv in Level] == ["蓝色", "黄色", "橙色", "红色"]
    assert Level.YELLOW.up() is Level.ORANGE
    assert Level.RED.up() is Level.RED


def test_rules_default_and_schema():
    assert parse(Supervision, {}) == Supervision(15, 10.0, 0, 2, False)
    with pytest.raises(ValueError, match="urge_step"):
        parse(Supervision, {"urge_step": "maybe"})
    with pytest.raises(ValueError, match="orange"):
        parse(Supervision, {"orange": 3})


def test_month_ends_from_the_start():
    assert month_ends(Month(2025, 11), D(2026, 2, 27)) == [
        D(2025, 11, 30),
        D(2025, 12, 31),
        D(2026, 1, 31),
    ]
    assert month_ends(START, D(2025, 1, 30)) == []


# ---- the shortcut is the replay -------------------------------------------------------------

_FIGURE_DAYS = [D(2025, m, d) for m in range(1, 13) for d in (10, 28)]


@st.composite
def _tasks(draw):
    plan = year_plan()
    base = plan.tasks[0]
    days = sorted(draw(st.lists(st.sampled_from(_FIGURE_DAYS), max_size=6, unique=True)))
    counts = sorted(draw(st.lists(st.integers(0, 12), min_size=len(days), max_size=len(days))))
    history, before = [], 0
    for day, after in zip(days, counts, strict=True):
        history.append({"date": day.isoformat(), "target": 1, "before": before, "after": after})
        before = after
    urges = draw(st.lists(st.sampled_from(_FIGURE_DAYS), max_size=3, unique=True))
    history += [
        {"date": day.isoformat(), "kind": "urge", "to": "办公室", "channel": "stdout"}
        for day in urges
    ]
    history.sort(key=lambda h: h["date"])
    due = draw(st.sampled_from(["2025.3", "2025.6", "2025.9", "2025.12"]))
    from kexie_cli.core.models import Task, plain

    target = dataclasses.replace(base.targets[0], done=before)
    task = parse(Task, {"id": 1, "due": due, "targets": [plain(target)], "history": history})
    return task


@settings(max_examples=60, deadline=None)
@given(
    task=_tasks(),
    day=st.dates(D(2025, 1, 1), D(2026, 1, 31)),
    orange_after=st.integers(0, 3),
    urge_step=st.booleans(),
    yellow_points=st.sampled_from([1.0, 10.0, 25.0]),
)
def test_task_level_is_the_last_day_of_the_replay(
    task, day, orange_after, urge_step, yellow_points
):
    rules = Supervision(yellow_points=yellow_points, orange_after=orange_after, urge_step=urge_step)
    *_, (last, level) = level_replay(task, START, day, rules)
    assert last == day
    assert task_level(task, START, day, rules) == level


def test_cancelled_paused_and_awaiting_sign_off_have_no_level():
    from kexie_cli.core.models import EntryKind, HistoryEntry, Mark
    from kexie_cli.core.packed import History

    plan = year_plan()
    three = plan.tasks[2]  # 橙色 from February, 红色 from September 30

    def with_entries(task, *added):
        return dataclasses.replace(task, history=History([*task.history, *added]))

    cancelled = with_entries(three, HistoryEntry(D(2025, 5, 2), EntryKind.CANCEL, reason="取消"))
    assert task_level(cancelled, START, D(2025, 4, 30), plan.supervision) is Level.ORANGE
    assert task_level(cancelled, START, D(2025, 10, 31), plan.supervision) is None
    paused = with_entries(
        three, HistoryEntry(D(2025, 5, 2), EntryKind.PAUSE, reason="等待批复", until=Month(2025, 6))
    )
    assert task_level(paused, START, D(2025, 6, 30), plan.supervision) is None
    assert task_level(paused, START, D(2025, 7, 31), plan.supervision) is Level.YELLOW  # afresh
    # Done on the department's side, awaiting the office's 销号: no warning while it waits.
    asked = dataclasses.replace(
        with_entries(three, HistoryEntry(D(2025, 9, 20), EntryKind.MARK, status=Mark.DONE)),
        sign_off=True,
        status=Mark.DONE,
    )
    state = task_state(asked, START, D(2025, 10, 31))
    assert state.awaiting and task_level(asked, START, D(2025, 10, 31), plan.supervision) is None


@pytest.mark.parametrize(
    ("to", "aliases", "counted"),
    [
        ("科普部", {"科普部": "普及部"}, True),  # the lead under its alias
        ("普及部", {}, True),
        ("科普部", {}, False),  # no alias declared: another department
        ("组宣部", {"科普部": "普及部"}, False),
    ],
)
def test_an_urge_counts_for_the_lead_under_any_name_the_plan_gives_it(to, aliases, counted):
    plan = year_plan(URGE_RULES)
    task = next(t for t in plan.tasks if t.id == 5)
    task = dataclasses.replace(
        task, history=[h if h.to is None else dataclasses.replace(h, to=to) for h in task.history]
    )
    days = urge_days(task, plan.start, dt.date(2025, 12, 31), aliases)
    assert days == ({dt.date(2025, 1, 15), dt.date(2025, 2, 10)} if counted else set())
