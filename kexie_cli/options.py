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

from kexie_cli.core.dates import iso_day
from kexie_cli.core.problems import KexieError

if TYPE_CHECKING:
    pass


def _data_option(help: str) -> Any:
    return Annotated[Path | None, typer.Option("--data", help=help, show_default=False)]


def _plan_option(help: str) -> Any:
    return Annotated[int | None, typer.Option("--plan", help=help, show_default=False)]


DataOption = _data_option("计划文件或文件夹（默认 ./data）")
PlanOption = _plan_option("计划年度，如 2025（默认最新的清单）")
# The two as an import takes them: the folder it writes into, the year it writes.
ImportDataOption = _data_option("写入的数据文件夹，文件名按年度")
ImportPlanOption = _plan_option("计划年度（默认从标题、日期识别）")
ForceOption = Annotated[bool, typer.Option("--force", help="覆盖已存在的文件")]


def _formats(name: str, *values: str) -> Any:
    return StrEnum(name, {value.upper(): value for value in values})


def _format_option(help: str, **more: Any) -> Any:
    """--format, declared alike everywhere: any case; a value not among the choices refused
    by Click, which cli.py words in Chinese (--format 的值无效：'x' 不是可用值之一：…)."""
    return typer.Option("--format", help=help, case_sensitive=False, **more)


# What each command writes: a listing (table: a Rich table, plain when piped), a report (md the
# drafted summary, docx the 通报), an export, the outcome of a change (one line or one object).
Format = _formats("Format", "table", "json", "csv", "tsv", "md")
ReportFormat = _formats("ReportFormat", "table", "json", "csv", "tsv", "md", "docx")
ExportFormat = _formats("ExportFormat", "xlsx", "csv", "ics")
OutcomeFormat = _formats("OutcomeFormat", "text", "json")
FormatOption = Annotated[Format, _format_option("输出格式（table 在管道中不带颜色）")]
ReportFormatOption = Annotated[
    ReportFormat, _format_option("输出格式；docx 为督办通报（Word），须用 -o 指定文件")
]
ExportFormatOption = Annotated[
    ExportFormat | None,
    _format_option(
        "xlsx 按清单原样，附部室汇总；csv 全部列；ics 日历（默认按 -o 扩展名）",
        show_default=False,
    ),
]
OutcomeFormatOption = Annotated[OutcomeFormat, _format_option("输出：text 一行文字，json 一个对象")]
ImportFormatOption = Annotated[
    OutcomeFormat,
    _format_option(
        "导入摘要：text 在标准错误输出一行；json 另在标准输出给出摘要对象（须用 -o 或 --data）"
    ),
]


def parse_date(text: str, option: str = "--date") -> dt.date:
    """The one date format every option takes: ISO, 2025-06-30."""
    try:
        return iso_day(text)
    except ValueError:
        raise KexieError(
            f"{option} 的值 {text!r} 不是日期，应写成 YYYY-MM-DD，如 2025-06-30"
        ) from None


def parse_status(value: str) -> Any:
    """One status, flag or level (预警): its English key (behind, due_soon, red) or its word
    (滞后, 即将到期, 红色)."""
    from kexie_cli.core.levels import Level
    from kexie_cli.core.status import Flag, Status

    wanted = value.strip()
    for choice in (*Status, *Flag, *Level):
        if wanted.lower() == choice.value or wanted == choice.label:
            return choice
    valid = "、".join(f"{s.value}（{s.label}）" for s in (*Status, *Flag, *Level))
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
        parser=lambda value: parse_date(value, "--as-of"),
        metavar="YYYY-MM-DD",
        help="按该日判断状态（默认今天）",
        show_default=False,
    ),
]


KnownOnOption = Annotated[
    Any,
    typer.Option(
        "--known-on",
        parser=lambda value: parse_date(value, "--known-on"),
        metavar="YYYY-MM-DD",
        help="只计该日已收到的记录",
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
            "进行中 未开始 已延期 即将到期 按期完成 逾期完成；预警 blue yellow orange red 蓝色 黄色 橙色 红色"
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


# Plans of many organisations in one folder (issue 29): the one named and those under it.
OrgOption = Annotated[
    str | None,
    typer.Option(
        "--org",
        help="组织及其下级，如 黄石市科协（默认全部）",
        show_default=False,
        callback=checked_names,
    ),
]
