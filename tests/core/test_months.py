import calendar
import datetime as dt

import pytest

from kexie_cli.core.months import Month, MonthError


@pytest.mark.parametrize(
    "text",
    ["2025.6", "2025.06", "2025-06", "2025-6", "2025年6月", "2025年06月", " 2025.6 ", "2025/6"],
)
def test_month_accepts_every_way_a_person_writes_it(text):
    assert Month.parse(text) == Month(2025, 6)


def test_ten_is_not_one():
    assert Month.parse("2025.10") == Month(2025, 10)
    assert Month.parse("2025.1") == Month(2025, 1)


@pytest.mark.parametrize(
    "text", ["2025.13", "2025.0", "2025", "2025.6.1", "六月", "2025.100", "", "25.6"]
)
def test_month_refuses_what_is_not_one_month(text):
    with pytest.raises(MonthError):
        Month.parse(text)


def test_a_float_is_refused_because_it_lost_what_was_typed():
    with pytest.raises(MonthError, match="文本"):
        Month.parse(2025.1)


def test_month_bounds_and_text():
    month = Month.parse("2024.2")
    assert month.first_day == dt.date(2024, 2, 1)
    assert month.last_day == dt.date(2024, 2, 29)
    assert str(month) == "2024-02"
    assert Month(2025, 6) < Month(2025, 12)


@pytest.mark.parametrize("year", [1, 1900, 2000, 2023, 2024, 2025, 2100, 9999])
def test_last_day_is_the_calendars(year):
    for number in range(1, 13):
        last = calendar.monthrange(year, number)[1]
        assert Month(year, number).last_day == dt.date(year, number, last)
