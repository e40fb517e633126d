"""Options shared by every command, declared once (Annotated, as fastapi-cli does)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="计划文件或文件夹（默认 ./data）",
        show_default=False,
    ),
]
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


def _parse_month(value: str) -> Any:
    from kexie_cli.core.months import Month, MonthError

    try:
        return Month.parse(value)
    except MonthError as exc:
        raise typer.BadParameter(str(exc)) from None


def _parse_date(value: str) -> Any:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"无法识别的日期 {value!r}，应写成 YYYY-MM-DD，如 2025-06-30"
        ) from None


# Parsed to Month / date by the parser; typed Any so this module need not import them.
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
        parser=_parse_date,
        metavar="YYYY-MM-DD",
        help="按该日判断状态（默认今天）",
        show_default=False,
    ),
]


def _finite_margin(value: float) -> float:
    """The range check lets nan through (every comparison with nan is false)."""
    import math

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
