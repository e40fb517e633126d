"""The fill-in form's contract: the hidden sheet meta_rows writes is what read_meta reads."""

from __future__ import annotations

import datetime as dt

import pytest

from kexie_cli.core.forms import FormRow
from kexie_cli.formats import fill_in_form as form

INFO = form.FormInfo("2025年重点工作任务", 2025, "2025_tasks.yaml", "组宣部", dt.date(2025, 6, 30))
ROWS = [
    (6, FormRow("14.1", 14, 1, "牵头", "内容", "2025.9", "目标：不少于12次", 3.0)),
    (7, FormRow("20", 20, None, "配合", "内容", "2025.12", "", None)),
    (9, FormRow("5", 5, 1, "地方", "内容", "2025.12", "活动·大冶市：200场", 80.0, "大冶市")),
]


def test_the_hidden_sheet_reads_back_as_written() -> None:
    meta, specs = form.read_meta(form.meta_rows(INFO, ROWS))
    assert meta[form.PLAN] == INFO.title
    assert meta[form.YEAR] == 2025
    assert meta[form.DEPT] == "组宣部"
    assert meta[form.AS_OF] == "2025-06-30"
    assert meta[form.SHEET_LABEL] == form.SHEET
    assert meta[form.COLUMNS_LABEL].split(",") == list(form.KEYS)
    assert (meta[form.PERSON], meta[form.DATE]) == (form.PERSON_CELL, form.DATE_CELL)
    assert set(form.REQUIRED) <= set(meta)
    assert specs == [
        (6, "14.1", 14, 1, "牵头", 3.0, None),
        (7, "20", 20, None, "配合", None, None),
        (9, "5", 5, 1, "地方", 80.0, "大冶市"),
    ]


def test_a_form_made_before_places_has_six_columns_in_its_table() -> None:
    rows = form.meta_rows(INFO, ROWS[:1])
    rows[-1] = rows[-1][:6]
    assert form.read_meta(rows)[1] == [(6, "14.1", 14, 1, "牵头", 3.0, None)]


def test_a_sheet_without_the_mark_is_refused() -> None:
    rows = form.meta_rows(INFO, ROWS)
    rows[0] = ["别的表"]
    with pytest.raises(ValueError, match="标记不符"):
        form.read_meta(rows)


def test_every_column_has_a_header_and_the_filled_ones_are_columns() -> None:
    assert list(form.HEADERS) == list(form.KEYS)
    assert set(form.FILLED) <= set(form.KEYS) and set(form.V1_KEYS) < set(form.KEYS)
    assert form.FIRST_ROW == form.HEADER_ROW + 1
