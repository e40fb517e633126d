"""The options of the commands that write the 督办 record (`progress`, `extend`, `comment`):
each typed value read and checked, and the whole read into the core's request
(core/requests.py), refused with one Chinese line where it means nothing."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kexie_cli.core.problems import KexieError
from kexie_cli.options import _text, parse_date

if TYPE_CHECKING:
    from kexie_cli.core.models import Mark
    from kexie_cli.core.requests import (
        CommentRequest,
        EndRequest,
        ExtendRequest,
        RefuseRequest,
        Request,
    )

EntryDateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help="情况截至或完成之日（默认今天）",
        show_default=False,
    ),
]
RecordedOption = Annotated[
    str | None,
    typer.Option(
        "--recorded",
        metavar="YYYY-MM-DD",
        help="收到之日（默认今天）",
        show_default=False,
    ),
]
# Who decided a task's end state (cancel, pause, resume), or who recorded it.
DecidedByOption = Annotated[
    str | None,
    typer.Option("--by", metavar="NAME", help="决定人或登记人", show_default=False),
]


def parse_ref(text: str) -> tuple[int, str | None]:
    """`13` → (13, None); `13.2` → (13, "2"): N.K means N --target K."""
    head, dot, tail = text.strip().partition(".")
    if not head.isdigit() or int(head) < 1 or (dot and not tail.strip()):
        raise KexieError(f"任务编号 {text!r} 无效，应写成 13 或 13.2（任务 13 的第 2 项指标）")
    return int(head), tail.strip() if dot else None


def parse_count(option: str, text: str) -> float:
    """A count typed on the command line: a finite number, not negative."""
    try:
        value = float(text.strip())
    except ValueError:
        raise KexieError(f"{option} 的值 {text!r} 不是数字") from None
    if not math.isfinite(value):
        raise KexieError(f"{option} 的值 {text!r} 不是有限的数字")
    if value < 0:
        raise KexieError(f"{option} 的值不能为负数：{text}")
    return value


def parse_mark(text: str) -> Mark:
    from kexie_cli.core.models import Mark
    from kexie_cli.core.status import Status

    # The list's own words as `list --status` takes them: 已完成, 进行中, 未开始.
    for mark in Mark:
        if text.strip().lower() == mark.value or text.strip() == Status(mark.value).label:
            return mark
    choices = "、".join(f"{m.value}（{Status(m.value).label}）" for m in Mark)
    raise KexieError(f"--status 的值 {text!r} 无效，应为 {choices} 之一")


def parse_update_date(text: str) -> dt.date:
    """A date after today would put the entry after every later update of the default date,
    and the history must run in date order: such an update would lock the task."""
    day = parse_date(text, "--date")
    if day > dt.date.today():
        raise KexieError(f"--date 的值 {day} 晚于今天（{dt.date.today()}），不能预先登记")
    return day


def make_request(
    ref: str,
    *,
    done: str | None = None,
    add: str | None = None,
    target: str | None = None,
    unit: str | None = None,
    status: str | None = None,
    date: str | None = None,
    by: str | None = None,
    note: str | None = None,
    problem: str | None = None,
    next_step: str | None = None,
    recorded: str | None = None,
    force: bool = False,
) -> Request:
    """Read and check the options as typed; refuse a combination that means nothing."""
    from kexie_cli.core.requests import Request

    task_id, ref_target = parse_ref(ref)
    if ref_target is not None and target is not None and ref_target != target.strip():
        raise KexieError(f"{ref} 已指明指标 {ref_target}，与 --target {target} 矛盾")
    if done is not None and add is not None:
        raise KexieError("--done 与 --add 不能同时使用：--done 设定累计完成数，--add 在其上增加")
    texts = (note, problem, next_step)
    if done is None and add is None and status is None and all(t is None for t in texts):
        raise KexieError(
            "没有要登记的内容：请给出 --done V、--add V、--status 或 --note/--problem/--next"
        )
    return Request(
        task_id=task_id,
        target=ref_target if ref_target is not None else _text(target, "--target"),
        place=_given("--unit", unit) if unit is not None else None,
        done=parse_count("--done", done) if done is not None else None,
        add=parse_count("--add", add) if add is not None else None,
        status=parse_mark(status) if status is not None else None,
        **_dates(date, recorded),
        by=_text(by),
        note=_written("--note", note),
        problem=_written("--problem", problem),
        next=_written("--next", next_step),
        force=force,
    )


def make_extension(
    ref: str,
    month: str,
    *,
    reason: str | None,
    by: str | None = None,
    date: str | None = None,
    recorded: str | None = None,
) -> ExtendRequest:
    """`kexie extend N MONTH --reason TEXT`: a month in any spelling a plan accepts."""
    from kexie_cli.core.months import Month, MonthError
    from kexie_cli.core.requests import ExtendRequest

    task_id = _task_id(ref)
    if reason is None:
        raise KexieError("延期须写明原因：--reason TEXT")
    try:
        due_after = Month.parse(month)
    except MonthError as exc:
        raise KexieError(f"延期后的时限：{exc}") from None
    return ExtendRequest(
        task_id=task_id,
        due_after=due_after,
        reason=_given("--reason", reason),
        **_dates(date, recorded),
        by=_text(by),
    )


def make_refusal(
    ref: str,
    *,
    reason: str | None,
    by: str | None = None,
    date: str | None = None,
    recorded: str | None = None,
) -> RefuseRequest:
    """`kexie extend N --refuse --reason TEXT`: the open request for more time not granted."""
    from kexie_cli.core.requests import RefuseRequest

    task_id = _task_id(ref)
    if reason is None:
        raise KexieError("不同意延期须写明理由：--reason TEXT")
    return RefuseRequest(
        task_id=task_id,
        reason=_given("--reason", reason),
        **_dates(date, recorded),
        by=_text(by),
    )


def make_comment(
    ref: str, text: str, *, by: str, date: str | None = None, recorded: str | None = None
) -> CommentRequest:
    """`kexie comment N TEXT --by NAME`: the leader's name is required."""
    from kexie_cli.core.requests import CommentRequest

    task_id = _task_id(ref)
    leader = _text(by)
    if leader is None:
        raise KexieError("--by 不能为空：请写批示的领导姓名")
    return CommentRequest(
        task_id=task_id,
        comment=_given("批示内容 TEXT", text),
        by=leader,
        **_dates(date, recorded),
    )


def make_end(
    ref: str,
    kind: str,
    *,
    reason: str | None = None,
    until: str | None = None,
    by: str | None = None,
    date: str | None = None,
    recorded: str | None = None,
) -> EndRequest:
    """`close` (销号; `--refuse`: send_back, 退回), `cancel`, `pause`, `resume`: a reason where
    the entry kind requires one (core/models.py, ENTRY_KEYS), a month for `--until`."""
    from kexie_cli.core.models import ENTRY_KEYS, EntryKind
    from kexie_cli.core.months import Month, MonthError
    from kexie_cli.core.requests import EndRequest

    entry_kind = EntryKind(kind)
    task_id = _task_id(ref)
    if "reason" in ENTRY_KEYS[entry_kind][0] and reason is None:
        raise KexieError("须写明原因：--reason TEXT")
    month = None
    if until is not None:
        try:
            month = Month.parse(until)
        except MonthError as exc:
            raise KexieError(f"--until：{exc}") from None
    return EndRequest(
        task_id=task_id,
        kind=entry_kind,
        reason=_written("--reason", reason),
        until=month,
        **_dates(date, recorded),
        by=_text(by),
    )


def parse_recorded(recorded: str | None) -> dt.date | None:
    """--recorded as typed: a day not after today (None: not given, so today)."""
    came = parse_date(recorded, "--recorded") if recorded is not None else None
    if came is not None and came > dt.date.today():
        raise KexieError(f"--recorded 的值 {came} 晚于今天（{dt.date.today()}）")
    return came


def _dates(date: str | None, recorded: str | None) -> dict[str, Any]:
    """An entry's two dates as typed: --date (default today) and --recorded, the day the
    figures or words came in (default today; None here, and unwritten where it is the date)."""
    return {
        "date": parse_update_date(date) if date is not None else dt.date.today(),
        "recorded": parse_recorded(recorded),
    }


def _task_id(ref: str) -> int:
    """A whole task's number: an extension or a comment is on the task, not a target."""
    task_id, key = parse_ref(ref)
    if key is not None:
        raise KexieError(f"任务编号 {ref!r} 应为整项任务的编号，如 {task_id}")
    return task_id


def _written(option: str, value: str | None) -> str | None:
    return _given(option, value) if value is not None else None


def _given(option: str, value: str) -> str:
    """A text kept exactly as typed (it is written as a YAML string that reads back the same);
    refused if blank, or holding a control character other than a line break (newline, NEL) or a
    tab: the others are never meant, and a YAML file cannot hold them as typed."""
    import unicodedata

    from kexie_cli.core.controls import is_blank

    if is_blank(value):  # spaces, or characters that take no room (U+200B, U+FEFF)
        raise KexieError(f"{option} 不能为空")
    for char in value:
        kind = unicodedata.category(char)
        if kind == "Cc" and char not in "\n\t\x85":
            raise KexieError(f"{option} 的文本中有控制字符 U+{ord(char):04X}，请删去后再登记")
        if kind == "Cs":  # bytes the terminal could not decode
            raise KexieError(f"{option} 的文本中有无法识别的字符，请检查编码后再登记")
    return value
