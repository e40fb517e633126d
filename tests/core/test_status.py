"""Status rules at chosen as-of dates, and history replay."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_cli.core.models import Comparator, EntryKind, HistoryEntry, Mark, Target, Task, plain
from kexie_cli.core.months import Month
from kexie_cli.core.status import Status, done_as_of, is_met, task_state, time_gone
from kexie_cli.plans.validate import parse

START = Month(2025, 1)
D = dt.date


def target(value="12", comparator="at_least", done=0, **extra):
    return parse(
        Target, {"name": "学习", "target": value, "comparator": comparator, "done": done, **extra}
    )


def make_task(*targets, due="2025.12", status=None, history=()):
    return parse(
        Task,
        {
            "id": 1,
            "due": due,
            "targets": [plain(t) for t in targets],
            "status": status,
            "history": list(history),
        },
    )


@pytest.mark.parametrize(
    ("comparator", "value", "done", "met"),
    [
        (Comparator.AT_LEAST, "12", 12, True),
        (Comparator.AT_LEAST, "12", 11, False),
        (Comparator.MORE_THAN, "20", 20, False),
        (Comparator.MORE_THAN, "20", 21, True),
        (Comparator.ABOUT, "100", 90, True),
        (Comparator.ABOUT, "100", 89, False),
        (Comparator.RANGE, "1-2", 1, True),
        (Comparator.RANGE, "1-2", 0, False),
        (Comparator.EXACT, "4", 5, True),
        (Comparator.EXACT, "4", 3, False),
    ],
)
def test_met_by_comparator(comparator, value, done, met):
    assert is_met(target(value, comparator.value), done) is met


def test_time_gone_runs_from_plan_start_to_end_of_due_month():
    def gone(as_of):
        return time_gone(START.year, START.month, 2025, 12, as_of)

    assert gone(D(2024, 12, 31)) == (0, False)
    assert gone(D(2025, 12, 30))[1] is False
    assert gone(D(2025, 12, 31)) == (1, True)  # read at its close: the deadline has passed
    assert gone(D(2026, 1, 1)) == (1, True)
    assert gone(D(2025, 7, 2))[0] == pytest.approx(0.5, abs=0.01)


def test_done_when_every_target_met():
    state = task_state(
        make_task(target(done=12), target("4", "exact", 4, name="讲堂")), START, D(2025, 3, 1)
    )
    assert state.status is Status.DONE


def test_done_when_marked_even_if_counts_short():
    assert (
        task_state(make_task(target(done=1), status="done"), START, D(2026, 3, 1)).status
        is Status.DONE
    )


def test_overdue_from_the_close_of_the_due_month():
    """A report as of June 30 covers that day: a task due in June and not done by then is
    逾期 in it (the half-year and the year-end reports say 未完成, never 即将到期)."""
    task = make_task(target(done=11), due="2025.6")
    assert task_state(task, START, D(2025, 6, 29)).status is not Status.OVERDUE
    assert task_state(task, START, D(2025, 6, 30)).status is Status.OVERDUE
    assert task_state(task, START, D(2025, 7, 1)).status is Status.OVERDUE


def test_behind_when_share_trails_time_by_more_than_margin():
    task = make_task(target(done=3))  # 25% done
    assert task_state(task, START, D(2025, 3, 1)).status is Status.IN_PROGRESS  # ~16% of time gone
    assert task_state(task, START, D(2025, 7, 1)).status is Status.BEHIND  # ~50% gone
    assert task_state(task, START, D(2025, 7, 1), margin=30).status is Status.IN_PROGRESS


def test_not_started_and_in_progress():
    assert task_state(make_task(target()), START, D(2025, 1, 15)).status is Status.NOT_STARTED
    assert task_state(make_task(), START, D(2025, 8, 1)).status is Status.NOT_STARTED
    marked = make_task(status="in_progress")
    assert task_state(marked, START, D(2025, 8, 1)).status is Status.IN_PROGRESS
    assert task_state(make_task(target(done=1)), START, D(2025, 1, 15)).status is Status.IN_PROGRESS


def test_nothing_done_late_in_the_year_is_behind():
    assert task_state(make_task(target()), START, D(2025, 9, 1)).status is Status.BEHIND


def test_history_replays_earlier_dates():
    history = [
        HistoryEntry(date=D(2025, 3, 31), target=1, before=0, after=4),
        HistoryEntry(date=D(2025, 6, 30), target=1, before=4, after=12),
    ]
    task = make_task(target(done=12), history=[plain(h) for h in history])
    assert done_as_of(task, 1, D(2025, 3, 1)) == 0
    assert done_as_of(task, 1, D(2025, 4, 1)) == 4
    assert done_as_of(task, 1, D(2025, 7, 1)) == 12
    assert done_as_of(task, 1, None) == 12
    assert task_state(task, START, D(2025, 5, 1)).status is Status.IN_PROGRESS
    assert task_state(task, START, D(2025, 7, 1)).status is Status.DONE


def test_status_mark_replays():
    history = [{"date": "2025-05-01", "status": "done", "status_before": "in_progress"}]
    task = make_task(status="done", history=history)
    assert task_state(task, START, D(2025, 4, 1)).mark is Mark.IN_PROGRESS
    assert task_state(task, START, D(2025, 5, 1)).status is Status.DONE


def test_percent_above_target_is_shown():
    state = task_state(make_task(target("4", "exact", 6)), START, D(2025, 3, 1))
    assert state.targets[0].percent == 150
    assert state.share == 1


def test_due_soon_within_the_days_asked_for_and_never_once_overdue():
    task = make_task(target(), due="2025.6")  # ends 2025-06-30
    assert task_state(task, START, D(2025, 6, 1)).due_soon  # 29 days ahead
    assert not task_state(task, START, D(2025, 5, 30)).due_soon  # 31 days ahead
    assert task_state(task, START, D(2025, 5, 30), within=31).due_soon
    assert not task_state(task, START, D(2025, 6, 1), within=0).due_soon
    assert task_state(task, START, D(2025, 6, 29), within=1).due_soon  # its last full day
    for day in (D(2025, 6, 30), D(2025, 7, 1)):  # its last day read at its close, and after
        late = task_state(task, START, day)
        assert late.status is Status.OVERDUE and not late.due_soon


def test_flags_of_a_state():
    from kexie_cli.core.status import Flag
    from tests.sample_plans import record_plan

    plan = record_plan()
    flags = {t.id: task_state(t, plan.start, D(2025, 12, 31)).flags() for t in plan.tasks}
    assert flags == {
        1: [Flag.DONE_ON_TIME, Flag.EXTENDED],
        2: [Flag.DONE_LATE],
        3: [Flag.DONE_ON_TIME],
        4: [],
        5: [Flag.EXTENDED],
    }


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 300), st.sampled_from([None, 1, 2]), st.integers(0, 14)),
        max_size=12,
    ),
    st.lists(st.tuples(st.integers(0, 300), st.sampled_from(list(Mark))), max_size=3),
)
def test_completed_on_is_where_the_last_run_of_done_days_starts(figures, marks):
    """The forward replay agrees with asking the state on every change date, latest first."""
    from kexie_cli.core.models import HistoryEntry, Target, Task
    from kexie_cli.core.record import completed_on

    start = dt.date(2025, 1, 1)
    counts = {1: 0.0, 2: 0.0}
    history = []
    for offset, key, after in sorted(figures, key=lambda f: f[0]):
        day = start + dt.timedelta(days=offset)
        if key is None:
            continue
        history.append(HistoryEntry(date=day, target=key, before=counts[key], after=float(after)))
        counts[key] = float(after)
    status = None
    for offset, mark in sorted(marks, key=lambda m: m[0]):
        history.append(
            HistoryEntry(
                date=start + dt.timedelta(days=offset),
                kind=EntryKind.MARK,
                status=mark,
                status_before=status,
            )
        )
        status = mark
    history.sort(key=lambda h: h.date)
    targets = [
        Target(name="甲", target=10, done=counts[1], comparator=Comparator.AT_LEAST),
        Target(name="乙", target=5, done=counts[2], comparator=Comparator.AT_LEAST),
    ]
    task = Task(id=1, due=Month(2025, 12), targets=targets, status=status, history=history)
    as_of = dt.date(2025, 12, 31)
    expected = None
    days = sorted({h.date for h in history}, reverse=True)
    for day in days:
        if task_state(task, Month(2025, 1), day).status is not Status.DONE:
            break
        expected = day
    assert completed_on(task, as_of) == expected
