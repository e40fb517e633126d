"""What an update asks, as typed: `progress`, `extend`, `comment`, or a returned form's row.

Plain values that kexie_cli/options.py (the command line) and core/forms.py (returned forms)
make and core/update.py turns into the entries a task's history gains. Each has the day it is
true at (`date`) and may have the day it came in (`recorded`; default today).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from kexie_cli.core.models import EntryKind, Mark
from kexie_cli.core.months import Month
from kexie_cli.core.notices import NoticeRequest


@dataclass(frozen=True, slots=True)
class Request:
    """An update as typed: `kexie progress N[.K] --done/--add V --target K --status S …`."""

    task_id: int
    target: str | None = None  # a key (1, 2, …) or a word of the target's name
    done: float | None = None
    add: float | None = None
    status: Mark | None = None
    date: dt.date = dataclasses.field(default_factory=dt.date.today)
    by: str | None = None
    note: str | None = None  # 进展情况: with --problem and --next, a report entry
    problem: str | None = None  # 存在问题
    next: str | None = None  # 下步打算
    place: str | None = None  # on a target broken down by place (`--unit`): the place
    recorded: dt.date | None = None  # the day it came in (a form's 填报日期); None: today
    force: bool = False  # a figure above a later one recorded for the same target: a correction

    @property
    def report(self) -> dict[str, str]:
        """The written progress given, keys in file order."""
        texts = (("note", self.note), ("problem", self.problem), ("next", self.next))
        return {key: text for key, text in texts if text is not None}


@dataclass(frozen=True, slots=True)
class ExtendRequest:
    """`kexie extend N MONTH --reason TEXT`: the deadline moved to `due_after` (延期)."""

    task_id: int
    due_after: Month
    reason: str
    date: dt.date = dataclasses.field(default_factory=dt.date.today)
    by: str | None = None
    recorded: dt.date | None = None


@dataclass(frozen=True, slots=True)
class RefuseRequest:
    """`kexie extend N --refuse --reason TEXT`: the open request for more time not granted."""

    task_id: int
    reason: str
    date: dt.date = dataclasses.field(default_factory=dt.date.today)
    by: str | None = None
    recorded: dt.date | None = None


@dataclass(frozen=True, slots=True)
class CommentRequest:
    """`kexie comment N TEXT --by NAME`: a leader's comment (批示) on the task."""

    task_id: int
    comment: str
    by: str
    date: dt.date = dataclasses.field(default_factory=dt.date.today)
    recorded: dt.date | None = None


@dataclass(frozen=True, slots=True)
class DelayRequest:
    """A department's 申请延期至 MONTH with its 延期理由, from a returned form: a pending
    `request` entry, answered when `kexie extend` records an extension or a refusal."""

    task_id: int
    due_after: Month
    reason: str
    date: dt.date = dataclasses.field(default_factory=dt.date.today)
    by: str | None = None
    recorded: dt.date | None = None


@dataclass(frozen=True, slots=True)
class UrgeRequest:
    """`kexie remind`: a department's digest, naming this task, sent through `channel`."""

    task_id: int
    to: str
    channel: str
    date: dt.date = dataclasses.field(default_factory=dt.date.today)
    recorded: dt.date | None = None
    by: str | None = None


@dataclass(frozen=True, slots=True)
class EndRequest:
    """`kexie close` (销号, or `--refuse`: 退回), `cancel`, `pause`, `resume`: an entry of
    `kind` (close, send_back, cancel, pause, resume) checked against the record
    (core/ending.py)."""

    task_id: int
    kind: EntryKind
    reason: str | None = None  # send_back, cancel, pause: required
    until: Month | None = None  # pause: the month it is paused until, if said
    date: dt.date = dataclasses.field(default_factory=dt.date.today)
    by: str | None = None
    recorded: dt.date | None = None


# (A notice's request lives with the notices: core/notices.py.)
Update = (
    Request
    | ExtendRequest
    | RefuseRequest
    | CommentRequest
    | DelayRequest
    | UrgeRequest
    | EndRequest
    | NoticeRequest
)
