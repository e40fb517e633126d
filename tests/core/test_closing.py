"""core/closing.py: completion requests and their answers, and the end states, read from the
record replayed — the same answers whatever order the entries arrived in."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_cli.core.closing import ended_at, needs_sign_off, sign_off_at
from kexie_cli.core.history import as_known
from kexie_cli.core.models import EntryKind, HistoryEntry, Mark, TasksPlan
from kexie_cli.core.months import Month
from kexie_cli.core.status import Status, task_state
from kexie_cli.core.tally import tally
from kexie_cli.plans.load import load_text

PLAN = """\
plan:
  title: 测试清单
  year: 2025
  start: '2025.1'
  sign_off: true
tasks:
- id: 1
  due: '2025.6'
  targets:
  - name: 讲座
    target: 4
- id: 2
  due: '2025.6'
  sign_off: false
"""
START = dt.date(2025, 1, 1)


def plan() -> TasksPlan:
    loaded, problems = load_text(PLAN, Path("2025_tasks.yaml"))
    assert not problems and isinstance(loaded, TasksPlan)
    return loaded


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def entry(kind: EntryKind, n: int, **keys) -> HistoryEntry:
    return HistoryEntry(date=day(n), kind=kind, **keys)


def with_history(task, *entries):
    return dataclasses.replace(task, history=list(entries))


def test_the_plan_tells_each_task_and_a_task_may_say_otherwise():
    first, second = plan().tasks
    assert needs_sign_off(first) and not needs_sign_off(second)
    assert not needs_sign_off(dataclasses.replace(first, sign_off=False))


def test_a_mark_done_asks_close_accepts_send_back_returns():
    task = plan().tasks[0]
    mark = entry(EntryKind.MARK, 100, status=Mark.DONE)
    back = entry(EntryKind.SEND_BACK, 105, reason="缺材料")
    again = entry(EntryKind.MARK, 120, status=Mark.DONE, status_before=Mark.DONE)
    close = entry(EntryKind.CLOSE, 190)
    task = dataclasses.replace(with_history(task, mark, back, again, close), status=Mark.DONE)
    assert sign_off_at(task, day(101)).open
    assert sign_off_at(task, day(110)).sent_back == back
    assert not sign_off_at(task, day(110)).open
    state = task_state(task, Month(2025, 1), day(150))
    assert state.awaiting and state.status is Status.IN_PROGRESS  # past due, yet waiting
    done = task_state(task, Month(2025, 1), day(200))
    assert done.status is Status.DONE and done.completed_on == day(120) and done.on_time


def test_a_replay_at_a_date_reads_sign_off_as_the_task_was_told_after_it_was_made():
    """A replay at a date skips sign-off for a task that needs none (speed); whether it does
    is asked when the command asks, not when the task was made: the plan tells a task silent
    on it after the task and its standing are made."""
    mark = entry(EntryKind.MARK, 100, status=Mark.DONE)
    later = entry(EntryKind.COMMENT, 150, note="已归档")
    task = dataclasses.replace(plan().tasks[1], status=Mark.DONE)
    task = with_history(task, mark, later)
    done = task_state(task, Month(2025, 1), day(120))
    assert done.status is Status.DONE and not done.awaiting
    object.__setattr__(task, "sign_off", True)  # as TasksPlan.__post_init__ tells it
    assert sign_off_at(task, day(120)).open
    waiting = task_state(task, Month(2025, 1), day(120))
    assert waiting.awaiting and waiting.status is Status.IN_PROGRESS


def test_a_close_with_no_request_open_means_nothing():
    task = with_history(plan().tasks[0], entry(EntryKind.CLOSE, 10))
    state = task_state(task, Month(2025, 1), day(20))
    assert state.status is not Status.DONE and not state.awaiting


def test_a_pause_until_lapses_at_the_months_end_a_resume_ends_it():
    task = plan().tasks[0]
    pause = entry(EntryKind.PAUSE, 40, reason="等待", until=Month(2025, 3))
    paused = with_history(task, pause)
    assert ended_at(paused, day(39)) is None
    assert ended_at(paused, dt.date(2025, 3, 31)) == pause
    assert ended_at(paused, dt.date(2025, 4, 1)) is None
    resumed = with_history(task, pause, entry(EntryKind.RESUME, 50))
    assert ended_at(resumed, day(45)) == pause and ended_at(resumed, day(50)) is None


def test_an_ended_task_is_out_of_the_rate_but_in_the_count():
    first, second = plan().tasks
    cancelled = with_history(first, entry(EntryKind.CANCEL, 10, reason="取消"))
    done = dataclasses.replace(second, status=Mark.DONE)
    states = [task_state(t, Month(2025, 1), day(200)) for t in (cancelled, done)]
    assert [s.status for s in states] == [Status.CANCELLED, Status.DONE]
    assert states[0].flags() == []
    total = tally(states)
    assert (total.tasks, total.counted, total.rate) == (2, 1, 100.0)


@st.composite
def records(draw):
    """Entries of every kind this module reads, on distinct days, each come in on its day or
    up to 40 days later (so no two share a place in the replay)."""
    days = draw(st.lists(st.integers(0, 330), min_size=1, max_size=12, unique=True))
    found = []
    for n in sorted(days):
        came = day(n + draw(st.integers(0, 40)))
        kind = draw(
            st.sampled_from(
                [
                    *(EntryKind.MARK, EntryKind.FIGURE, EntryKind.CLOSE, EntryKind.SEND_BACK),
                    *(EntryKind.CANCEL, EntryKind.PAUSE, EntryKind.RESUME),
                ]
            )
        )
        keys: dict = {"recorded": came if came != day(n) else None}
        if kind is EntryKind.MARK:
            keys["status"] = draw(st.sampled_from(list(Mark)))
        elif kind is EntryKind.FIGURE:
            keys |= {"target": 1, "before": 0.0, "after": float(draw(st.integers(0, 5)))}
        elif kind in (EntryKind.SEND_BACK, EntryKind.CANCEL, EntryKind.PAUSE):
            keys["reason"] = f"理由{n}"
        if kind is EntryKind.PAUSE and draw(st.booleans()):
            keys["until"] = Month(2025, draw(st.integers(1, 12)))
        found.append(entry(kind, n, **keys))
    return found


def answers(task, when: dt.date):
    state = task_state(task, Month(2025, 1), when)
    return (state.status, state.awaiting, state.completed_on, state.ended, state.sent_back)


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_any_arrival_order_replays_the_same(data):
    entries = data.draw(records())
    shuffled = data.draw(st.permutations(entries))
    task = plan().tasks[0]
    first, second = with_history(task, *entries), with_history(task, *shuffled)
    for offset in range(0, 400, 20):
        when = day(offset)
        assert answers(first, when) == answers(second, when), when
        known_first, known_second = as_known(first, when), as_known(second, when)
        assert answers(known_first, when) == answers(known_second, when), when
