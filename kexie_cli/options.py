"""The options as typed: each declared once (Annotated, as fastapi-cli does) and each string a
person types read here, refused with one Chinese line (a KexieError, or Click's BadParameter
that cli.py words in Chinese).

Cheap to import (every command imports it at start): the core is imported inside the parsers.
"""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kexie_cli.core.problems import KexieError

if TYPE_CHECKING:
    from kexie_cli.core.models import Mark
    from kexie_cli.core.update import CommentRequest, ExtendRequest, Request

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="计划文件或文件夹（默认 ./data）",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="覆盖已存在的文件")]
PlanOption = Annotated[
    int | None,
    typer.Option("--plan", help="计划年度，如 2025（默认最新的清单）", show_default=False),
]


class Format(StrEnum):
    """Output formats of the listing commands; `table` is a Rich table (plain when piped)."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    TSV = "tsv"
    MD = "md"


FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        help="输出格式（table 在管道中不带颜色）",
        case_sensitive=False,
    ),
]


def parse_date(text: str, option: str = "--date") -> dt.date:
    """The one date format every option takes: ISO, 2025-06-30."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise KexieError(
            f"{option} 的值 {text!r} 不是日期，应写成 YYYY-MM-DD，如 2025-06-30"
        ) from None


def parse_status(value: str) -> Any:
    """One status or flag: its English key (behind, due_soon) or its word (滞后, 即将到期)."""
    from kexie_cli.core.status import Flag, Status

    wanted = value.strip()
    for choice in (*Status, *Flag):
        if wanted.lower() == choice.value or wanted == choice.label:
            return choice
    valid = "、".join(f"{s.value}（{s.label}）" for s in (*Status, *Flag))
    raise typer.BadParameter(f"未知状态 {value!r}；可用：{valid}")


def parse_statuses(values: list[str] | None) -> tuple[Any, ...]:
    """`--status 逾期,滞后 --status due_soon`: every status given, repeated or comma-separated
    (ASCII or Chinese comma, or 、), each once, in the order given."""
    import re

    names = [n for value in values or () for n in re.split(r"[,，、]", value) if n.strip()]
    if values and not names:
        raise typer.BadParameter("没有给出状态")
    return tuple(dict.fromkeys(parse_status(name) for name in names))


def _parse_month(value: str) -> Any:
    from kexie_cli.core.months import Month, MonthError

    try:
        return Month.parse(value)
    except MonthError as exc:
        raise typer.BadParameter(str(exc)) from None


def _parse_as_of(value: str) -> dt.date:
    return parse_date(value, "--as-of")


# Parsed to Month / Status by the parser; typed Any so this module need not import them.
DueOption = Annotated[
    Any,
    typer.Option(
        "--due",
        parser=_parse_month,
        metavar="YYYY.M",
        help="完成时限在该月及以前",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    Any,
    typer.Option(
        "--as-of",
        parser=_parse_as_of,
        metavar="YYYY-MM-DD",
        help="按该日判断状态（默认今天）",
        show_default=False,
    ),
]


# A list: `--status` repeated or comma-separated selects the tasks in any of them.
StatusOption = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        callback=parse_statuses,
        metavar="STATUS",
        help=(
            "状态（可重复或以逗号分隔 任一即可）：done overdue behind in_progress "
            "not_started extended due_soon done_on_time done_late 或 已完成 逾期 滞后 "
            "进行中 未开始 已延期 即将到期 按期完成 逾期完成"
        ),
        show_default=False,
    ),
]
WithinOption = Annotated[
    int,
    typer.Option(
        "--within",
        min=0,
        metavar="DAYS",
        help="时限在几天内到期 算即将到期",
    ),
]


def _finite_margin(value: float) -> float:
    """The range check lets nan through (every comparison with nan is false)."""
    if not math.isfinite(value):
        raise typer.BadParameter(f"{value} 不是有效的百分点数，应为 0 到 100 之间的数")
    return value


MarginOption = Annotated[
    float,
    typer.Option(
        "--margin",
        min=0,
        max=100,
        callback=_finite_margin,
        metavar="百分点",
        help="落后时间进度几个百分点算滞后",
    ),
]


# ---- kexie progress -------------------------------------------------------------------------


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


def parse_outcome_format(text: str) -> str:
    """`progress --format`: text (one line) or json (one object)."""
    if text not in ("text", "json"):
        raise KexieError(f"--format 的值 {text!r} 无效，应为 text 或 json")
    return text


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
) -> Request:
    """Read and check the options as typed; refuse a combination that means nothing."""
    from kexie_cli.core.update import Request

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
        unit=_given("--unit", unit) if unit is not None else None,
        done=parse_count("--done", done) if done is not None else None,
        add=parse_count("--add", add) if add is not None else None,
        status=parse_mark(status) if status is not None else None,
        date=parse_update_date(date) if date is not None else dt.date.today(),
        by=_text(by),
        note=_written("--note", note),
        problem=_written("--problem", problem),
        next=_written("--next", next_step),
    )


def make_extension(
    ref: str, month: str, *, reason: str | None, by: str | None = None, date: str | None = None
) -> ExtendRequest:
    """`kexie extend N MONTH --reason TEXT`: a month in any spelling a plan accepts."""
    from kexie_cli.core.months import Month, MonthError
    from kexie_cli.core.update import ExtendRequest

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
        date=parse_update_date(date) if date is not None else dt.date.today(),
        by=_text(by),
    )


def make_comment(ref: str, text: str, *, by: str, date: str | None = None) -> CommentRequest:
    """`kexie comment N TEXT --by NAME`: the leader's name is required."""
    from kexie_cli.core.update import CommentRequest

    task_id = _task_id(ref)
    leader = _text(by)
    if leader is None:
        raise KexieError("--by 不能为空：请写批示的领导姓名")
    return CommentRequest(
        task_id=task_id,
        comment=_given("批示内容 TEXT", text),
        by=leader,
        date=parse_update_date(date) if date is not None else dt.date.today(),
    )


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


def _text(value: str | None, option: str = "--by") -> str | None:
    return name(option, value) if value is not None else None


def name(option: str, value: str) -> str:
    """A name given to an option (--by, --dept, --leader), stripped; refused if blank (spaces or
    characters that take no room) or holding a control character or a bidi mark: no name holds
    one, and a name is shown to others (a terminal, a form, the plan file)."""
    from kexie_cli.core.controls import is_blank, name_problem

    if is_blank(value):
        raise KexieError(f"{option} 不能为空")
    if bad := name_problem(value):
        raise KexieError(f"{option} {value!r} 中有控制字符 {bad}，请删去后重试")
    return value.strip()


def checked_names(param: typer.CallbackParam, value: Any) -> Any:
    """The callback of an option that takes names (--dept, --leader, --by): each checked."""
    for text in value if isinstance(value, list | tuple) else [value]:
        if text is not None:
            name(param.opts[0], text)
    return value


# The options of the commands that write the 督办 record (progress, extend, comment).
EntryDateOption = Annotated[
    str | None,
    typer.Option("--date", metavar="YYYY-MM-DD", help="登记日期（默认：今天）", show_default=False),
]
OutcomeFormatOption = Annotated[
    str,
    typer.Option("--format", metavar="text|json", help="输出：text 一行文字，json 一个对象"),
]
