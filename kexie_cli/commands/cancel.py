"""`kexie cancel`: a task dropped by decision (取消), with its reason."""

from typing import Annotated

import typer

from kexie_cli.commands.recording import record_end
from kexie_cli.options import DataOption, OutcomeFormat, OutcomeFormatOption, PlanOption
from kexie_cli.record_options import DecidedByOption, EntryDateOption, RecordedOption


def cancel(
    task: Annotated[str, typer.Argument(metavar="N", help="任务序号")],
    reason: Annotated[
        str | None, typer.Option("--reason", metavar="TEXT", help="取消的原因（必填）")
    ] = None,
    by: DecidedByOption = None,
    date: EntryDateOption = None,
    recorded_on: RecordedOption = None,
    output: OutcomeFormatOption = OutcomeFormat.TEXT,
    data: DataOption = None,
    plan: PlanOption = None,
) -> None:
    """取消任务：经研究不再推进，写明原因。

    自取消之日起，任务不计入完成率、逾期和滞后的件数及平均进度，
    在各种报告中另列原因和日期；--as-of 早于取消之日时照旧计入。
    已完成的任务不能取消。
    """
    record_end(task, "cancel", reason, None, by, date, recorded_on, output, data, plan)
