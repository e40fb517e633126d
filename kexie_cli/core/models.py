"""The records of the two kinds of plan file: a task breakdown list and a work-points notice.

Plain frozen dataclasses, so that commands reading a cached plan never import Pydantic; the
constraints below are read by Pydantic when `validation` checks a file (lazily, and only
then). The YAML keys are the JSON keys of the script contract (docs/json.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any

from kexie_cli.core.fields import (
    STRICT,
    Amount,
    Before,
    Count,
    Day,
    Key,
    Label,
    Name,
    Names,
    Text,
)
from kexie_cli.core.links import Flowed, Implements, OrgLevel, Owned, ReportsTo
from kexie_cli.core.months import Month
from kexie_cli.core.packed import EMPTY, History
from kexie_cli.core.plain import plain as plain  # the records as JSON-ready data
from kexie_cli.core.sections import SectionInfo
from kexie_cli.core.supervision import Supervision

if TYPE_CHECKING:
    from kexie_cli.core.record import Standing


ABOUT_SHARE = 0.9  # 左右: within 10% below the figure counts as met


class Comparator(StrEnum):
    AT_LEAST = "at_least"  # 不少于 / 至少 / 以上
    MORE_THAN = "more_than"  # 超 / 超过
    ABOUT = "about"  # 左右 / 约
    RANGE = "range"  # 1-2次
    EXACT = "exact"  # a plain number: 举办“科协讲堂”4期

    def reached(self, goal: float, done: float) -> bool:
        """Whether a count meets the number by this comparator (a range: its lower bound)."""
        match self:
            case Comparator.MORE_THAN:
                return done > goal
            case Comparator.ABOUT:
                return done >= goal * ABOUT_SHARE
            case _:
                return done >= goal


class Mark(StrEnum):
    """A status set by hand (for tasks with nothing to count, or done in substance)."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"


def _goal(value: Any) -> Any:
    """`大冶市: 200` is the place's number, done nothing yet."""
    return {"target": value} if isinstance(value, int | float | str) else value


@dataclass(frozen=True)
class Place(Flowed):
    """One place's share of a target broken down by place (分解到县): its number and count.

    Written under a target's `units:` as `大冶市: 200` or `大冶市: {target: 200, done: 10}`;
    a place listed in `each:` may leave out `target` (it takes the target's own number).
    """

    __pydantic_config__ = STRICT

    target: Amount | None = None
    done: Count = 0


Goal = Annotated[Place, Before(_goal)]


@dataclass(frozen=True)
class Target(Flowed):
    """A countable target in a task's measures (目标): 不少于12次 is 12 次, at_least.

    Broken down by place, `target` and `done` are the totals over `units` (every place of
    `each:` taking the number written as `target:`, which is then each place's number).
    """

    __pydantic_config__ = STRICT

    name: Name
    target: Amount
    target_max: Amount | None = None  # upper bound of a range, read from `target: 1-2`
    unit: Label = ""
    comparator: Comparator = Comparator.EXACT
    done: Count = 0
    each: list[Name] | None = None  # places that share the number written as `target:`
    units: dict[Name, Goal] | None = None  # every place with its number and count
    milestones: dict[Month, Count] | None = None  # the count due by the end of each month
    measured: Month | None = None  # judged only from this month on (a survey, an event)
    note: Text | None = None  # e.g. a suggested target awaiting a person's check
    reports_to: ReportsTo | None = None  # its figure is another organisation's (core/flows)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        from kexie_cli.core.target_rules import check_target, split_range

        split = core_schema.no_info_before_validator_function(split_range, handler(source))
        return core_schema.no_info_after_validator_function(check_target, split)

    @property
    def places(self) -> dict[str, Place]:
        """Each place with its own number (filled in from `each:`); empty if not broken down."""
        return self.units or {}


class EntryKind(StrEnum):
    """What a history entry records: the 督办 record of a task (docs/commands.md)."""

    FIGURE = "figure"  # a count on a target: `progress N.K --done/--add`
    MARK = "mark"  # a status set by hand: `progress N --status`
    REPORT = "report"  # written progress: 进展情况 / 存在问题 / 下步打算
    EXTENSION = "extension"  # a deadline moved (延期), approved
    COMMENT = "comment"  # a leader's comment (批示)
    REQUEST = "request"  # a department's request for more time (延期申请)
    REFUSAL = "refusal"  # a request for more time not granted (未同意)
    URGE = "urge"  # a reminder (催办) sent to a department: `kexie remind`
    # 督办 to the end (sign-off, end states, notices):
    CLOSE = "close"  # 销号: the office accepts a completion asked for (`kexie close N`)
    SEND_BACK = "send_back"  # 退回: a completion asked for, sent back (`close N --refuse`)
    CANCEL = "cancel"  # 取消: the task dropped by decision (`kexie cancel N --reason`)
    PAUSE = "pause"  # 暂缓: the task paused, perhaps until a month (`kexie pause N`)
    RESUME = "resume"  # 恢复: a paused task taken up again (`kexie resume N`)
    NOTICE = "notice"  # 督办通知单 issued for the task (`kexie notice N`), its 文号


# The keys each kind must have and may have (beside date, recorded, kind and by). One table,
# read by the schema below and by whatever writes entries.
ENTRY_KEYS: dict[EntryKind, tuple[frozenset[str], frozenset[str]]] = {
    EntryKind.FIGURE: (frozenset({"target", "after"}), frozenset({"unit", "before", "note"})),
    EntryKind.MARK: (frozenset({"status"}), frozenset({"status_before", "note"})),
    EntryKind.REPORT: (frozenset(), frozenset({"note", "problem", "next"})),
    EntryKind.EXTENSION: (frozenset({"due_before", "due_after", "reason"}), frozenset()),
    EntryKind.COMMENT: (frozenset({"comment", "by"}), frozenset()),
    EntryKind.REQUEST: (frozenset({"due_after", "reason"}), frozenset({"due_before"})),
    EntryKind.REFUSAL: (frozenset({"reason"}), frozenset({"due_after"})),
    EntryKind.URGE: (frozenset({"to", "channel"}), frozenset()),
    EntryKind.CLOSE: (frozenset(), frozenset({"note"})),
    EntryKind.SEND_BACK: (frozenset({"reason"}), frozenset()),
    EntryKind.CANCEL: (frozenset({"reason"}), frozenset()),
    EntryKind.PAUSE: (frozenset({"reason"}), frozenset({"until"})),
    EntryKind.RESUME: (frozenset(), frozenset({"note"})),
    EntryKind.NOTICE: (frozenset({"number"}), frozenset({"due_after", "note"})),
}


@dataclass(frozen=True)
class HistoryEntry:
    """One entry of a task's history, of one `kind`; the keys other kinds use stay None.

    Figures and marks are written without a `kind` (as before kinds existed): one with a
    `target` is a figure, one with a `status` a mark. Which keys each kind takes: `ENTRY_KEYS`.

    Two dates: `date`, the day the entry is true at (the period a form reports, 截至; the day
    the work was done), and `recorded`, the day it reached the office (a form's 填报日期), left
    out when it is the same day. The record replays by date, then by arrival (core/history.py).
    """

    __pydantic_config__ = STRICT

    date: Day
    kind: EntryKind = EntryKind.FIGURE
    recorded: Day | None = None  # the day it came in, where another day than `date`
    target: Key | None = None  # figure: the target's key (1, 2, …)
    unit: Label | None = None  # figure: the place counted, for a target broken down by place
    before: Count | None = None
    after: Count | None = None
    status: Mark | None = None  # mark
    status_before: Mark | None = None
    due_before: Month | None = None  # extension (and request): the deadline moved from …
    due_after: Month | None = None  # … to (a refusal: the month asked for)
    reason: Text | None = None
    comment: Text | None = None  # comment: the leader's words
    note: Text | None = None  # report: 进展情况 (on a figure or mark of old: a remark)
    problem: Text | None = None  # report: 存在问题
    next: Text | None = None  # report: 下步打算
    by: Text | None = None  # who sent or recorded it; a comment's leader; who refused
    to: Name | None = None  # urge: the department reminded
    channel: Label | None = None  # urge: where the reminder went (wecom, dingtalk, email, stdout)
    until: Month | None = None  # pause: the month it is paused until, if said
    number: Text | None = None  # notice: its 文号 (a notice's due_after: the month to answer by)

    @property
    def arrived(self) -> dt.date:
        """The day the office had the entry: `recorded`, else its date."""
        return self.recorded or self.date

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        kinded = core_schema.no_info_before_validator_function(_infer_kind, handler(source))
        return core_schema.no_info_after_validator_function(_check_entry_keys, kinded)

    def given(self) -> dict[str, Any]:
        """The keys this entry has, in field order (the JSON of an entry)."""
        return {name: value for name, value in self.__dict__.items() if value is not None}

    # Pickled (for the cache) with only the keys of its kind: every other key is None, the
    # class's default (tests/core/test_models.py). A year's record is many entries.
    __getstate__ = given


def entry_kind(data: dict[str, Any]) -> EntryKind:
    """The kind of an entry written without one: a figure or a mark, as kexie writes them."""
    return EntryKind.MARK if "status" in data and "target" not in data else EntryKind.FIGURE


def _infer_kind(data: Any) -> Any:
    if isinstance(data, dict) and data.get("kind") is None:
        data = {**data, "kind": entry_kind(data)}
    return data


_ALWAYS = frozenset({"date", "recorded", "kind"})


def _check_entry_keys(entry: HistoryEntry) -> HistoryEntry:
    required, optional = ENTRY_KEYS[entry.kind]
    given = {k for k, v in entry.__dict__.items() if v is not None and v != ""} - _ALWAYS
    if missing := sorted(required - given):
        raise ValueError(f"{entry.kind} 记录缺少 {'、'.join(missing)}")
    if foreign := sorted(given - required - optional - {"by"}):
        raise ValueError(f"{entry.kind} 记录不应有 {'、'.join(foreign)}")
    if entry.kind is EntryKind.REPORT and not given & {"note", "problem", "next"}:
        raise ValueError("report 记录至少要有 note、problem、next 之一")
    moved = entry.due_before is not None and entry.due_after is not None
    if entry.kind is EntryKind.EXTENSION and moved and entry.due_after <= entry.due_before:
        raise ValueError(f"延期后的时限 {entry.due_after} 应晚于原时限 {entry.due_before}")
    return entry


@dataclass(frozen=True)
class Task(Owned):
    """One numbered task of the breakdown list: its eight columns, targets and history."""

    __pydantic_config__ = STRICT

    id: Key
    due: Month
    section: Label = ""
    focus: Label = ""
    content: Text = ""
    measures: list[Text] = field(default_factory=list)
    lead: Names = field(default_factory=list)
    support: Names = field(default_factory=list)
    leaders: Names = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    status: Mark | None = None
    history: History[HistoryEntry] = field(default_factory=History)
    note: Text | None = None
    sign_off: bool | None = None  # completion needs the office's 销号; None: the plan's
    implements: Implements | None = None  # the work point it carries out (core/flows)

    def __post_init__(self) -> None:
        if not isinstance(self.history, History) or not self.history:  # held as the one kind
            object.__setattr__(self, "history", History(self.history) if self.history else EMPTY)
        self.standing  # noqa: B018  worked out now: the task pickles (for the cache) with it

    @cached_property
    def standing(self) -> Standing:
        """What the history says from its last entry on; worked out once, and pickled with
        the task (so a cached plan's tasks bring theirs, their entries left packed)."""
        from kexie_cli.core.record import standing

        return standing(self)


@dataclass(frozen=True)
class TasksInfo:
    """The list's own fields (`plan:`): its title, year, association and source."""

    __pydantic_config__ = STRICT

    title: Name
    year: int
    org: Text = ""
    level: OrgLevel | None = None  # 省 / 市 / 县
    parent: Text = ""  # the organisation above (湖北省科协)
    start: Month | None = None  # the month progress is measured from; default: January
    sign_off: bool = False  # a department's "done" asks the office's 销号 (a task may say)
    source: Text = ""
    note: Text | None = None


@dataclass(frozen=True)
class Departments:
    """The office's own names for its departments (`departments:` beside `tasks:`).

    `groups`: a name the list writes for several departments (机关各部室) and its members;
    `aliases`: a name people say (科普部, 市馆) and the department it stands for.
    """

    __pydantic_config__ = STRICT

    groups: dict[Name, Names] = field(default_factory=dict)
    aliases: dict[Name, Name] = field(default_factory=dict)
    note: Text | None = None


@dataclass(frozen=True)
class TasksPlan:
    """A task breakdown list (任务分解清单): its fields and its tasks."""

    __pydantic_config__ = STRICT

    plan: TasksInfo
    tasks: list[Task]
    departments: Departments = field(default_factory=Departments)
    sections: dict[Label, SectionInfo] = field(default_factory=dict)
    supervision: Supervision = field(default_factory=Supervision)  # 督办规则: warning levels

    def __post_init__(self) -> None:  # a task silent on sign_off takes the plan's, kept on
        for task in self.tasks if self.plan.sign_off else ():  # by dataclasses.replace
            if task.sign_off is None:
                object.__setattr__(task, "sign_off", True)

    @property
    def year(self) -> int:
        return self.plan.year

    @property
    def start(self) -> Month:
        return self.plan.start or Month(self.plan.year, 1)


@dataclass(frozen=True)
class PointsInfo:
    """A work-points notice's own fields (`plan:`): title, year, document number, date."""

    __pydantic_config__ = STRICT

    title: Name
    year: int
    notice: Text = ""
    issuer: Text = ""
    doc_no: Text = ""
    date: dt.date | None = None
    source: Text = ""
    preamble: Text = ""
    cover: Text = ""  # the covering letter: addressees, its text, a seal's note (代章)
    org: Text = ""  # the organisation issuing it (a tree's province: 湖北省科协)
    note: Text | None = None


@dataclass(frozen=True)
class Section:
    """A numbered part of a work-points notice (一、二、…)."""

    __pydantic_config__ = STRICT

    id: Name
    title: Name
    content: Text | None = None  # its own text in no point: a sentence after the title, …


@dataclass(frozen=True)
class Point:
    """One numbered work point (1、2、…) of a notice, in its section."""

    __pydantic_config__ = STRICT

    id: Key
    title: Name
    content: Name
    section: Text = ""
    heading: Text | None = None  # the sub-heading it is under, in a three-level notice
    note: Text | None = None


@dataclass(frozen=True)
class PointsPlan:
    """A work-points notice (工作要点): its fields, sections and points."""

    __pydantic_config__ = STRICT

    plan: PointsInfo
    points: list[Point]
    sections: list[Section] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.plan.year


Plan = TasksPlan | PointsPlan
