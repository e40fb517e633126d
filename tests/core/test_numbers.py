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
