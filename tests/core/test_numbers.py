"""Numbers as people read them: whole when whole, the same value either way."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from kexie_cli.core.numbers import number_text, percent_text, whole


def test_numbers_as_people_write_them():
    assert whole(12.0) == 12 and isinstance(whole(12.0), int)
    assert whole(2.5) == 2.5
    assert (number_text(12.0), number_text(0.5), number_text(3)) == ("12", "0.5", "3")
    assert percent_text(41.66) == "41.7%"
    assert percent_text(100.0) == "100%"
    assert math.isinf(whole(math.inf)) and math.isnan(whole(math.nan))


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_whole_keeps_the_value_and_drops_only_a_zero_fraction(value):
    shown = whole(value)
    assert shown == value
    assert isinstance(shown, int) is value.is_integer()
    assert float(number_text(value)) == value
    assert not number_text(value).endswith(".0")


# ---- Chinese numerals --------------------------------------------------------------------

import cn2an  # noqa: E402  (the oracle the numerals are checked against)
import pytest  # noqa: E402

from kexie_cli.core.numbers import chinese_text, read_chinese  # noqa: E402


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十二", 12),
        ("二十", 20),
        ("一百二十", 120),
        ("两", 2),
        ("两百", 200),
        ("十", 10),
        ("二十三", 23),
        ("一千零一", 1001),
        ("百", 100),  # 百场: the 一 people leave out
        ("壹拾贰", 12),  # the formal digits of a 红头文件
        ("零", 0),
        # Where the four readers this one replaces disagreed:
        ("二〇二五", 2025),  # a year, digit by digit (the target extractor read 5)
        ("二零二五", 2025),
        ("一二", 12),  # digit by digit (the list-number reader read 2)
        ("十一万", 110000),  # (the target extractor read 10010)
        ("一万二", 12000),  # as it is said (the target extractor read 10002)
    ],
)
def test_chinese_numerals_the_office_writes(text, value):
    assert read_chinese(text) == value


@pytest.mark.parametrize(
    "text", ["百分之十六", "1-2", "12", "十二月", "一点五", "第一", "", "二十 三"]
)
def test_what_is_not_one_whole_chinese_numeral(text):
    assert read_chinese(text) is None


@given(st.text(alphabet="零〇一二两三四五六七八九十百千万亿壹拾贰点之分月1-", max_size=8))
def test_reading_any_text_answers_a_number_or_none(text):
    value = read_chinese(text)
    assert value is None or (isinstance(value, int) and value >= 0)


@pytest.mark.parametrize(
    ("value", "text"),
    [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (23, "二十三"), (110, "一百一十")],
)
def test_numerals_as_headings_print_them(value, text):
    assert chinese_text(value) == text


@given(st.integers(min_value=0, max_value=10**8 - 1))
def test_written_numerals_are_cn2an_s_and_read_back(value):
    assert chinese_text(value) == cn2an.an2cn(value)
    assert read_chinese(chinese_text(value)) == value


def test_no_numeral_outside_the_range_written():
    with pytest.raises(ValueError):
        chinese_text(-1)
    with pytest.raises(ValueError):
        chinese_text(10**8)
