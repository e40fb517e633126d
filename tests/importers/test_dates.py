"""A 完成时限 cell read as the month it ends in: each form docs/export-import.md lists."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kexie_cli.core.months import Month
from kexie_cli.importers.dates import read_due


@pytest.mark.parametrize(
    ("written", "due"),
    [
        ("2025.6", "2025.6"),
        ("2025.06.30", "2025.6"),  # a full date: its month
        ("2026.09.30", "2026.9"),
        ("2025．6．30", "2025.6"),
        ("2025/06/30前", "2025.6"),
        ("2025-6-30", "2025.6"),
        ("2025年6月30日前", "2025.6"),
        ("2025年6月", "2025.6"),
        ("2025-06", "2025.6"),
        ("2026年9月", "2026.9"),
        ("6月30日前", "2025.6"),  # a month without a year is in the plan's year
        ("6月底前", "2025.6"),
        ("9月", "2025.9"),
        ("九月", "2025.9"),
        ("六月底前", "2025.6"),
        ("十一月", "2025.11"),
        ("上半年", "2025.6"),
        ("第一季度", "2025.3"),
        ("第二季度", "2025.6"),
        ("三季度", "2025.9"),
        ("第四季度", "2025.12"),
        ("年底", "2025.12"),
        ("年内", "2025.12"),
        ("全年", "2025.12"),
        ("下半年", "2025.12"),
        ("2026年底", "2026.12"),
        ("二〇二五年六月", "2025.6"),
        ("二〇二五年十二月", "2025.12"),
        ("二零二五年二月", "2025.2"),
        ("2025年3月—12月", "2025.12"),  # a range ends where it ends
        ("2025年3月-2025年10月", "2025.10"),
        ("3月至5月", "2025.5"),
        (" 2025 年 6 月 ", "2025.6"),
    ],
)
def test_forms_read_as_certain(written: str, due: str) -> None:
    assert read_due(written, 2025) == (due, "")


@pytest.mark.parametrize(
    ("written", "due", "says"),
    [
        ("", "2025.12", "未填"),
        ("长期坚持", "2025.12", "取年底"),
        ("视情况而定", "2025.12", "无法识别"),
        ("3月、6月、9月", "2025.9", "取最晚的"),
    ],
)
def test_unsure_forms_are_noted(written: str, due: str, says: str) -> None:
    got, note = read_due(written, 2025)
    assert got == due
    assert says in note and "需人工核对" in note and written.strip() in note


@pytest.mark.parametrize(
    ("written", "says"),
    [("=1/0", "公式或错误值"), ("#DIV/0!", "公式或错误值"), ("2026年13月", "月份 13 不存在")],
)
def test_what_is_not_a_month_is_refused_not_guessed(written: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        read_due(written, 2025)


def test_a_number_cell_of_january_may_be_october() -> None:
    due, note = read_due("2026.1", 2026, is_number=True)
    assert due == "2026.1" and "2026.10" in note
    assert read_due("2026.10", 2026, is_number=False) == ("2026.10", "")


@given(st.integers(2000, 2099), st.integers(1, 12))
def test_any_written_month_reads_back(year: int, month: int) -> None:
    for written in (f"{year}年{month}月", f"{year}.{month}", f"{year}-{month:02d}"):
        assert read_due(written, 2025) == (f"{year}.{month}", "")


@given(st.text(max_size=20))
def test_any_text_gives_a_month_or_a_refusal_that_says_why(text: str) -> None:
    try:
        due, note = read_due(text, 2025)
    except ValueError as exc:
        assert "请在表中改正后再导入" in str(exc)
        return
    Month.parse(due)  # always a real month
    if not text.strip():
        assert "未填" in note  # a blank cell is never taken as certain
