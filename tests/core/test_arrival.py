"""The record replays by date, then arrival: the same entries fed in any arrival order give
the same answers at every date (forms of one month imported in either order)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_cli.core.models import Mark
from kexie_cli.core.record import latest_report
from kexie_cli.core.requests import Request
from kexie_cli.core.status import task_state
from kexie_cli.core.update import apply_change, plan_change
from tests.sample_plans import valid_plan

START = dt.date(2025, 1, 1)


@st.composite
def updates(draw):
    """Figures on task 13's first target (cumulative: never less at a later date), marks and
    reports, each on its own day, each come in on its day or up to 40 days later."""
    days = draw(st.lists(st.integers(0, 360), min_size=1, max_size=10, unique=True))
    count = 12.0
    found = []
    for day in sorted(days):
        date = START + dt.timedelta(days=day)
        came = date + dt.timedelta(days=draw(st.integers(0, 40)))
        kind = draw(st.sampled_from(["figure", "mark", "report"]))
        if kind == "figure":
            count += draw(st.integers(0, 3))
            found.append(Request(13, target="1", done=count, date=date, recorded=came))
        elif kind == "mark":
            mark = draw(st.sampled_from(list(Mark)))
            found.append(Request(13, status=mark, date=date, recorded=came))
        else:
            found.append(Request(13, note=f"进展{day}", date=date, recorded=came, by="组宣部"))
    return found


def answers(plan, day):
    task = next(t for t in plan.tasks if t.id == 13)
    state = task_state(task, plan.start, day)
    report = latest_report(task, day)
    return (
        state.status,
        [t.done for t in state.targets],
        state.mark,
        state.completed_on,
        None if report is None else report.note,
    )


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_arrival_order_replays_the_same(data):
    given_updates = data.draw(updates())
    orders = [given_updates, data.draw(st.permutations(given_updates))]
    plans = []
    for order in orders:
        plan = valid_plan()
        for update in order:
            plan = apply_change(plan, plan_change(plan, update))
        plans.append(plan)
    first, second = plans
    assert [t.targets for t in first.tasks] == [t.targets for t in second.tasks]
    assert [t.status for t in first.tasks] == [t.status for t in second.tasks]
    for offset in range(0, 420, 15):
        day = START + dt.timedelta(days=offset)
        assert answers(first, day) == answers(second, day), day
