"""`kexie pause` (暂缓, perhaps until a month) and `kexie resume` (恢复)."""

from typing import Annotated

import typer

from kexie_cli.commands.recording import record_end
from kexie_cli.options import DataOption, OutcomeFormat, OutcomeFormatOption, PlanOption
from kexie_cli.record_options import DecidedByOption, EntryDateOption, RecordedOption


def pause(
    task: Annotated[str, typer.Argument(metavar="N", help="任务序号")],
    reason: Annotated[
        str | None, typer.Option("--reason", metavar="TEXT", help="暂缓的原因（必填）")
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", metavar="MONTH", help="暂缓至该月底，如 2025.9（不给：至 kexie resume）"
        ),
    ] = None,
    by: DecidedByOption = None,
    date: EntryDateOption = None,
    recorded_on: RecordedOption = None,
    output: OutcomeFormatOption = OutcomeFormat.TEXT,
    data: DataOption = None,
    plan: PlanOption = None,
) -> None:
    """暂缓任务：写明原因，可给 --until 暂缓至某月底。

    暂缓期间任务不计入完成率、逾期和滞后的件数及平均进度，在各种报告中另列。
    给了 --until 的，该月结束后自动恢复计入；否则到 kexie resume 为止。
    """
    record_end(task, "pause", reason, until, by, date, recorded_on, output, data, plan)


def resume(
    task: Annotated[str, typer.Argument(metavar="N", help="任务序号")],
    by: DecidedByOption = None,
    date: EntryDateOption = None,
    recorded_on: RecordedOption = None,
    output: OutcomeFormatOption = OutcomeFormat.TEXT,
    data: DataOption = None,
    plan: PlanOption = None,
) -> None:
    """恢复暂缓的任务：自恢复之日起重新计入完成率和各项统计。"""
    record_end(task, "resume", None, None, by, date, recorded_on, output, data, plan)
