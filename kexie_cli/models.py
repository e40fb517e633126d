"""Pydantic schemas of the two kinds of plan file: a task breakdown list and a work-points notice.

The YAML keys are the JSON keys of the script contract (see README).
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PositiveInt,
    model_validator,
)

from kexie_cli.months import Month


def _none_to_empty(value: Any) -> Any:
    return "" if value is None else value


def _one_to_list(value: Any) -> Any:
    """`lead: 办公室` is read as the one-item list it means; an empty value as no names."""
    if value is None or value == "":
        return []
    return [value] if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_none_to_empty)]
Names = Annotated[list[Annotated[str, Field(min_length=1)]], BeforeValidator(_one_to_list)]
# Numbers are floats inside; written back as integers where they are whole (12, not 12.0).
_whole = PlainSerializer(lambda v: int(v) if float(v).is_integer() else v, return_type=int | float)
Count = Annotated[float, Field(ge=0, allow_inf_nan=False), _whole]
Amount = Annotated[float, Field(gt=0, allow_inf_nan=False), _whole]


class Record(BaseModel):
    """Strict where a slip would mislead: unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


class Comparator(StrEnum):
    AT_LEAST = "at_least"  # 不少于 / 至少 / 以上
    MORE_THAN = "more_than"  # 超 / 超过
    ABOUT = "about"  # 左右 / 约
    RANGE = "range"  # 1-2次
    EXACT = "exact"  # a plain number: 举办“科协讲堂”4期


class Mark(StrEnum):
    """A status set by hand (for tasks with nothing to count, or done in substance)."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"


_RANGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[-–—~～至到]\s*(\d+(?:\.\d+)?)\s*$")


class Target(Record):
    name: Annotated[str, Field(min_length=1)]
    target: Amount
    target_max: Amount | None = None  # upper bound of a range, read from `target: 1-2`
    unit: Text = ""
    comparator: Comparator = Comparator.EXACT
    done: Count = 0
    note: Text | None = None  # e.g. a suggested target awaiting a person's check

    @model_validator(mode="before")
    @classmethod
    def _split_range(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("target"), str):
            match = _RANGE.match(data["target"])
            if match:
                data = {**data, "target": match[1], "target_max": match[2]}
        return data

    @model_validator(mode="after")
    def _range_matches_comparator(self) -> Target:
        is_range = self.comparator is Comparator.RANGE
        if is_range and self.target_max is None:
            raise ValueError("comparator 为 range 时 target 应写成区间，如 1-2")
        if not is_range and self.target_max is not None:
            raise ValueError("target 写成区间时 comparator 应为 range")
        if self.target_max is not None and self.target_max < self.target:
            raise ValueError("区间上限小于下限")
        return self


class HistoryEntry(Record):
    """One recorded update: a count set on a target, or a status set by hand."""

    date: dt.date
    target: PositiveInt | None = None  # the target's key (1, 2, …); absent for a status mark
    before: Count | None = None
    after: Count | None = None
    status: Mark | None = None
    status_before: Mark | None = None
    by: Text | None = None
    note: Text | None = None


class Task(Record):
    id: PositiveInt
    section: Text = ""
    focus: Text = ""
    content: Text = ""
    measures: list[Text] = []
    lead: Names = []
    support: Names = []
    leaders: Names = []
    due: Month
    targets: list[Target] = []
    status: Mark | None = None
    history: list[HistoryEntry] = []
    note: Text | None = None


class TasksInfo(Record):
    title: Annotated[str, Field(min_length=1)]
    org: Text = ""
    year: int
    start: Month | None = None  # the month progress is measured from; default: January
    source: Text = ""
    note: Text | None = None


class TasksPlan(Record):
    plan: TasksInfo
    tasks: list[Task]

    @property
    def kind(self) -> str:
        return "tasks"

    @property
    def year(self) -> int:
        return self.plan.year

    @property
    def start(self) -> Month:
        return self.plan.start or Month(self.plan.year, 1)


class PointsInfo(Record):
    title: Annotated[str, Field(min_length=1)]
    notice: Text = ""
    issuer: Text = ""
    doc_no: Text = ""
    date: dt.date | None = None
    year: int
    source: Text = ""
    preamble: Text = ""
    note: Text | None = None


class Section(Record):
    id: Annotated[str, Field(min_length=1)]
    title: Annotated[str, Field(min_length=1)]


class Point(Record):
    id: PositiveInt
    section: Text = ""
    title: Annotated[str, Field(min_length=1)]
    content: Annotated[str, Field(min_length=1)]
    note: Text | None = None


class PointsPlan(Record):
    plan: PointsInfo
    sections: list[Section] = []
    points: list[Point]

    @property
    def kind(self) -> str:
        return "points"

    @property
    def year(self) -> int:
        return self.plan.year


Plan = TasksPlan | PointsPlan
