"""A calendar month as a person writes it in a plan: 2025.6, 2025.06, 2025-06, 2025年6月.

Written back three ways, each for its reader: 2025-06 in JSON (`str`), 2025.6 as a 完成时限
is written in a plan, a sheet or a screen (`month_text`), 2025年6月 in a sentence
(`month_words`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

# Compiled on first use (re keeps it): a command reading a cached plan may need none.
_MONTH = r"^\s*(\d{4})\s*(?:[.\-/．]|年)\s*(\d{1,2})\s*月?\s*$"


class MonthError(ValueError):
    """Raised for text that is not exactly one month."""


@dataclass(frozen=True, order=True, slots=True)
class Month:
    """A calendar month (完成时限): compared and ordered as (year, month)."""

    year: int
    month: int

    @classmethod
    def parse(cls, value: Any) -> Month:
        """Read one month; refuse anything that could be read as another."""
        if isinstance(value, Month):
            return value
        if isinstance(value, float):
            # A float has already lost what was typed: 2025.10 arrived as 2025.1.
            raise MonthError(f"月份 {value!r} 应写成文本，如 '2025.10'")
        if isinstance(value, dt.date):
            return cls(value.year, value.month)
        if not isinstance(value, str):
            raise MonthError(f"无法识别的月份 {value!r}，应写成 2025.6、2025-06 或 2025年6月")
        return _parse_text(value)

    @property
    def first_day(self) -> dt.date:
        return _first_day(self.year, self.month)

    @property
    def last_day(self) -> dt.date:
        return _last_day(self.year, self.month)

    @property
    def following(self) -> Month:
        """The next month (December's: January of the next year)."""
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def __str__(self) -> str:
        return _iso_month(self.year, self.month)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.to_string_ser_schema()
        )


def month_text(month: Month | dt.date) -> str:
    """2025.6 (of a day, its month)."""
    return f"{month.year}.{month.month}"


def month_words(month: Month) -> str:
    """2025年6月."""
    return f"{month.year}年{month.month}月"


@cache
def _parse_text(text: str) -> Month:
    """One object per month written: a plan's thousands of due months pickle (into the plan
    cache) as a handful of shared objects."""
    match = re.match(_MONTH, text)
    if not match:
        raise MonthError(f"无法识别的月份 {text!r}，应写成 2025.6、2025-06 或 2025年6月")
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise MonthError(f"月份 {text!r} 超出 1–12")
    return Month(year, month)


# Statuses and views ask every task for these; a plan has a handful of distinct months.
@cache
def _iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


@cache
def _first_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


@cache
def _last_day(year: int, month: int) -> dt.date:
    # The day before the next month's first (not calendar.monthrange: importing calendar
    # costs every command ~1 ms for this one sum). December ends on the 31st, also in 9999.
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)
