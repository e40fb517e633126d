"""Returned forms judged against the plan, whatever order they come in: for random months of
forms from several departments, imported one by one in random orders or all at once, the
record replays the same at every period end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_cli.core.form_return import plan_return
from kexie_cli.core.forms import ReturnedForm, ReturnedRow
from kexie_cli.core.history import done_as_of, mark_as_of
from kexie_cli.core.models import Mark, TasksPlan
from kexie_cli.core.record import latest_report
from kexie_cli.core.update import apply_change, find_task, plan_change
from kexie_cli.formats.fill_in_form import COLUMNS
from kexie_cli.plans.load import load_text
from tests.commands.test_forms import PLAN

PERIODS = [dt.date(2025, 3, 31), dt.date(2025, 4, 30), dt.date(2025, 5, 31)]
# (department, task, target key, the count the plan starts from)
COUNTED = [("组宣部", 2, 1, 2), ("办公室", 1, 1, 6), ("普及部（中心）", 4, 1, 20)]
TODAY = dt.date(2025, 12, 31)


def plan() -> TasksPlan:
    loaded, problems = load_text(PLAN, Path("2025_tasks.yaml"))
    assert not problems and isinstance(loaded, TasksPlan)
    return loaded


def row(file: str, task: int, key: int | None, **values) -> ReturnedRow:
    cells = {k: f"{file}:填报表!{k}" for k, _ in COLUMNS}
    ref = f"{task}.{key}" if task == 2 and key else str(task)
    return ReturnedRow(ref, task, key, "牵头", None, cells, **values)


def form(dept: str, period: dt.date, late: int, rows: list[ReturnedRow]) -> ReturnedForm:
    file = f"{period:%m}_{dept}.xlsx"
    rows = [r.__class__(**{**r.__dict__, "cells": {k: file for k in r.cells}}) for r in rows]
    came = period + dt.timedelta(days=late)
    title = "测试市科协2025年重点工作任务分解清单"
    return ReturnedForm(file, "填报表", title, 2025, dept, dept, "", came, rows, file, period)


@st.composite
def months(draw) -> list[ReturnedForm]:
    """Each department's forms of three months: rising counts, some words, task 3 marked."""
    forms = []
    for dept, task, key, start in COUNTED:
        count = start
        for period in PERIODS:
            count += draw(st.integers(1 if period == PERIODS[0] else 0, 3))
            rows = [row("", task, key, done=float(count))]
            if draw(st.booleans()):
                rows.append(row("", task, key, texts={"note": draw(st.sampled_from("甲乙"))}))
            if dept == "组宣部" and draw(st.booleans()):
                state = draw(st.sampled_from([Mark.IN_PROGRESS, Mark.DONE]))
                rows.append(row("", 3, None, state=state))
            forms.append(form(dept, period, draw(st.integers(0, 12)), rows))
    return forms


def merged(forms: list[ReturnedForm]) -> list[ReturnedForm]:
    """A form's rows of one task kept together, as the reader gives them."""
    return [
        f.__class__(**{**f.__dict__, "rows": sorted(f.rows, key=lambda r: r.task_id)})
        for f in forms
    ]


def recorded(start: TasksPlan, batches: list[list[ReturnedForm]]) -> TasksPlan:
    working = start
    for batch in batches:
        result = plan_return(working, batch, today=TODAY)
        assert not result.problems, result.problems
        for update in result.updates:
            working = apply_change(working, plan_change(working, update))
    return working


def replay(plan: TasksPlan) -> list:
    seen = []
    for day in PERIODS:
        for _, task_id, key, _ in COUNTED:
            _, task = find_task(plan, task_id)
            report = latest_report(task, day)
            seen.append((day, task_id, done_as_of(task, key, day), report and report.note))
        seen.append((day, 3, mark_as_of(find_task(plan, 3)[1], day)))
    return seen


@settings(max_examples=30, deadline=None)
@given(months(), st.randoms(use_true_random=False))
def test_forms_in_any_order_replay_the_same(forms, rng):
    forms = merged(forms)
    start = plan()
    in_order = recorded(start, [[f] for f in sorted(forms, key=lambda f: f.date)])
    shuffled = forms[:]
    rng.shuffle(shuffled)
    one_by_one = recorded(start, [[f] for f in shuffled])
    together = recorded(start, [shuffled])
    assert in_order != start
    assert replay(one_by_one) == replay(in_order) == replay(together)
    assert recorded(start, [forms]) == together  # one import: the same file, any order
    # Every form again records nothing.
    assert not plan_return(together, shuffled, today=TODAY).updates


def test_a_figure_reported_from_another_plan_is_skipped_at_its_cell_and_the_rest_kept():
    rows = [row("", 2, 1, done=5.0), row("", 1, 1, done=8.0)]
    rows.append(row("", 2, 1, texts={"note": "已宣讲"}))
    given = form("组宣部", PERIODS[0], 2, rows)
    asked: list[tuple] = []

    def reported(task: int, key: int, place: str | None) -> str:
        asked.append((task, key, place))
        return "大冶市科协 任务 7" if task == 2 else ""

    result = plan_return(plan(), [given], today=TODAY, reported=reported)
    assert not result.problems and (2, 1, None) in asked
    assert sorted((u.task_id, u.done) for u in result.updates) == [(1, 8.0), (2, None)]
    lines = result.lines[given.file]
    assert any("2.1 的数字由 大冶市科协 任务 7 报送（reports_to），未登记" in ln for ln in lines)
    assert not any("2.1 累计完成" in ln for ln in lines)
