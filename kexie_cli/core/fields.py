"""How the fields of a plan read the scalars a person typed: text (None as ""), names shared
across tasks, days, counts and amounts with their bounds, keys. Pydantic reads these
annotations when a file is validated (lazily); a command served from the cache never does.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from typing import Annotated, Any

from kexie_cli.core.controls import is_blank
from kexie_cli.core.dates import iso_day

# Strict where a slip would mislead: unknown keys are refused; NaN and infinity too.
STRICT = {"extra": "forbid", "coerce_numbers_to_str": True, "allow_inf_nan": False}


class Before:
    """Pydantic metadata: run `func` on the raw value before the field's own validation."""

    def __init__(self, func: Any) -> None:
        self.func = func

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.func, handler(source))


class _Bound:
    """Pydantic metadata: a bound on a number or a length, e.g. _Bound(ge=0), _Bound(min_length=1).

    Written out here rather than taken from annotated_types (Ge, Gt…), whose import costs
    about 6 ms that every command would pay; Pydantic reads both the same way.
    """

    def __init__(self, **bounds: float) -> None:
        self.bounds = bounds

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return {**handler(source), **self.bounds}


def _none_to_empty(value: Any) -> Any:
    return "" if value is None else value


def _one_to_list(value: Any) -> Any:
    """`lead: 办公室` is read as the one-item list it means; an empty value as no names."""
    if value is None or value == "":
        return []
    return [value] if isinstance(value, str) else value


def _label(value: Any) -> Any:
    """Words that recur across tasks (names, headings, units) become one shared string, so a
    cached plan of thousands of tasks pickles and loads each of them once."""
    value = _none_to_empty(value)
    return sys.intern(value) if isinstance(value, str) else value


def _day(value: Any) -> Any:
    """A history date as one shared object per day written: a year's record repeats a few
    dozen days thousands of times, and the cache pickles (and loads) each day once. Only text
    is remembered: any other value (a list, a mapping) goes to the schema, which refuses it.
    Exactly YYYY-MM-DD (core.dates.iso_day): not the '86400' or 86400 of Unix time that
    Pydantic alone would take as 1970-01-02."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    return _iso_day(value) if isinstance(value, str) else value


@functools.cache
def _iso_day(text: str) -> Any:
    try:
        return iso_day(text)
    except ValueError:
        from pydantic_core import PydanticCustomError  # only ever while validating

        raise PydanticCustomError("date_parsing", "not YYYY-MM-DD") from None


# A text longer than an Excel cell holds could not be exported whole: refused by `check`.
LONGEST_TEXT = 32_767
Text = Annotated[str, _Bound(max_length=LONGEST_TEXT), Before(_none_to_empty)]
Day = Annotated[dt.date, Before(_day)]
# A heading or a unit is a line: far longer is a slip (and could not be exported whole).
Label = Annotated[str, _Bound(max_length=500), Before(_label)]


def _named(value: Any) -> Any:
    """A name of nothing but spaces or characters that take no room (U+200B) names no one."""
    if isinstance(value, str) and value and is_blank(value):
        raise ValueError("不能为空（只有空白或零宽字符）")
    return _label(value)


Name = Annotated[str, _Bound(min_length=1, max_length=LONGEST_TEXT), Before(_named)]
# A department's or a person's name: a few words (several share a cell of the sheet).
_PersonOrOffice = Annotated[str, _Bound(min_length=1, max_length=100), Before(_named)]
Names = Annotated[list[_PersonOrOffice], Before(_one_to_list)]
# Bounded so that done / target stays a finite percent (1e308 would print as inf%).
LARGEST = 1e12
Count = Annotated[float, _Bound(ge=0, le=LARGEST)]
Amount = Annotated[float, _Bound(gt=0, le=LARGEST)]
# A number a person writes (a task's, a target's): 10**400 would pass as an int and fail
# every later command that stores or sends it as a 64-bit one.
LARGEST_KEY = 999_999
Key = Annotated[int, _Bound(gt=0, le=LARGEST_KEY)]
# The 督办 rules' numbers (`supervision:`): days ahead or past a deadline, months in a row,
# points behind the 序时进度.
Days = Annotated[int, _Bound(ge=0, le=366)]
Months = Annotated[int, _Bound(ge=0, le=12)]
Points = Annotated[float, _Bound(gt=0, le=100)]
