"""A returned form read as typed, whichever program saved it: numbers as text, dates as
serials or words, months as text, numbers or dates."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_cli.core.forms import department_rows
from kexie_cli.core.models import Mark
from kexie_cli.core.months import Month
from kexie_cli.importers.returned_form import read_form
from kexie_cli.output.form_sheet import FormInfo, form_bytes
from kexie_cli.plans.load import load_file
from tests.conftest import DATA

AS_OF = dt.date(2025, 6, 30)
TODAY = dt.date(2025, 7, 1)


def blank_form() -> bytes:
    plan, _ = load_file(DATA / "2025_tasks.yaml")
    info = FormInfo(plan.plan.title, plan.year, "2025_tasks.yaml", "组宣部", AS_OF)
    return form_bytes(info, department_rows(plan, {"组宣部"}, AS_OF))


BLANK = blank_form()


def returned(**cells: object) -> tuple:
    book = openpyxl.load_workbook(io.BytesIO(BLANK))
    for ref, value in cells.items():
        cell = book["填报表"][ref]
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # text as typed: "=0" typed as text, not a formula
    buffer = io.BytesIO()
    book.save(buffer)
    return read_form(buffer.getvalue(), "表.xlsx", TODAY)


@pytest.mark.parametrize(
    ("typed", "read"), [(120, 120), ("120", 120), ("１２０", 120), ("1,200", 1200), (2.5, 2.5)]
)
def test_a_figure_is_read_as_typed(typed, read):
    form, problems = returned(F7=typed)
    assert not problems and form.rows[1].done == read


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("2025.10", Month(2025, 10)),
        (2025.9, Month(2025, 9)),
        ("2025年9月", Month(2025, 9)),
        (dt.datetime(2025, 9, 1), Month(2025, 9)),
    ],
)
def test_a_month_is_read_as_typed(typed, month):
    form, problems = returned(L7=typed)
    assert not problems and form.rows[1].delay == month


@pytest.mark.parametrize(
    "typed",
    [
        dt.datetime(2025, 6, 28),
        "2025-06-28",
        "2025/6/28",
        "2025年6月28日",
        "二〇二五年六月二十八日",
        45836,
    ],
)
def test_the_reporting_date_is_read_as_typed(typed):
    form, problems = returned(I2=typed)
    assert not problems and form.date == dt.date(2025, 6, 28)


def test_a_date_after_today_is_refused_at_its_cell():
    _, problems = returned(I2="2025-07-02")
    assert problems == ["表.xlsx:填报表!I2: 填报日期 2025-07-02 晚于今天（2025-07-01）"]


def test_a_moved_row_is_refused_at_its_cell():
    _, problems = returned(A7="99")
    assert problems[0].startswith("表.xlsx:填报表!A7: 序号应为")


@settings(max_examples=25, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1).filter(str.strip))
def test_any_text_typed_comes_back_as_typed(text):
    form, problems = returned(I7=text)
    assert not problems and form.rows[1].texts["note"] == text.strip()


@pytest.mark.parametrize(
    "typed", [dt.datetime(2025, 6, 20), "2025-06-20", "2025/6/20", "2025年6月20日", 45828]
)
def test_a_completion_and_its_day_are_read_as_typed(typed):
    form, problems = returned(G7="已完成", H7=typed, I2="2025-06-30")
    assert not problems and form.rows[1].state == Mark.DONE
    assert form.rows[1].finished == dt.date(2025, 6, 20)


def test_a_completion_day_after_the_form_came_in_is_refused_at_its_cell():
    _, problems = returned(G7="已完成", H7="2025-06-29", I2="2025-06-28")
    assert problems == ["表.xlsx:填报表!H7: 完成日期 2025-06-29 晚于填报日期 2025-06-28"]
    _, problems = returned(G7="完成了")
    assert problems == ["表.xlsx:填报表!G7: 完成情况“完成了”应为已完成、推进中、未启动之一"]
