"""A day as people write it and as kexie writes it back."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kexie_cli.core.dates import day_words, iso_day, month_day_words, written_day
from kexie_cli.core.months import Month, month_text, month_words
from kexie_cli.core.numbers import chinese_text


def test_an_option_or_a_plan_takes_exactly_yyyy_mm_dd():
    assert iso_day("2025-06-30") == iso_day(" 2025-06-30 ") == dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    "text", ["20250630", "2025-W26-1", "2025-181", "2025-6-30", "2025/06/30", "2025-02-30", ""]
)
def test_other_spellings_are_refused_where_one_is_asked_for(text):
    with pytest.raises(ValueError):
        iso_day(text)


@pytest.mark.parametrize(
    "text",
    [
        "2025-06-30",
        "2025/6/30",
        "2025.6.30",
        "2025年6月30日",
        "2025 年 6 月 30 日",
        "２０２５年６月３０日",
        "二〇二五年六月三十日",
        "二零二五年六月三十日",
    ],
)
def test_a_day_as_a_person_writes_it(text):
    assert written_day(text) == dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    "text", ["2025年2月30日", "2025年13月1日", "2025年6月", "六月三十日", "2025-06-30 前", "=A1"]
)
def test_what_is_not_a_day_is_none(text):
    assert written_day(text) is None


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_day_reads_back_from_each_way_it_is_written(day):
    assert iso_day(day.isoformat()) == day
    assert written_day(day_words(day)) == day
    year = "".join("〇一二三四五六七八九"[int(d)] for d in f"{day.year}")
    assert written_day(f"{year}年{chinese_text(day.month)}月{chinese_text(day.day)}日") == day


@given(st.text(max_size=20))
def test_any_text_is_a_day_or_none(text):
    assert written_day(text) is None or isinstance(written_day(text), dt.date)


def test_days_and_months_in_words():
    assert day_words(dt.date(2025, 6, 30)) == "2025年6月30日"
    assert month_day_words(dt.date(2025, 6, 3)) == "6月3日"
    # The month's three spellings, each for its reader: JSON, a plan or screen, a sentence.
    assert (str(Month(2025, 9)), month_text(Month(2025, 9)), month_words(Month(2025, 9))) == (
        "2025-09",
        "2025.9",
        "2025年9月",
    )
    assert month_text(dt.date(2025, 10, 1)) == "2025.10"
