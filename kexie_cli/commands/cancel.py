"""`kexie cancel`: a task dropped by decision (取消), with its reason."""

from pathlib import Path
from typing import Annotated

import typer

from kexie_cli.commands.recording import record_update
from kexie_cli.core.controls import visible
from kexie_cli.options import DataOption, OutcomeFormat, OutcomeFormatOption, PlanOption
from kexie_cli.record_options import EntryDateOption, RecordedOption, make_end


def cancel(
    task: Annotated[str, typer.Argument(metavar="N", help="任务序号")],
    reason: Annotated[
        str | None, typer.Option("--reason", metavar="TEXT", help="取消的原因（必填）")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", metavar="NAME", help="决定人或登记人", show_default=False),
    ] = None,
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
    end(task, "cancel", reason, None, by, date, recorded_on, output, data, plan)


def end(
    task: str,
    kind: str,
    reason: str | None,
    until: str | None,
    by: str | None,
    date: str | None,
    recorded_on: str | None,
    output: OutcomeFormat,
    data: Path | None,
    plan: int | None,
) -> None:
    """Write a cancel, pause or resume entry and say so (`cancel`, `pause`, `resume`)."""
    from kexie_cli.core.update import added
    from kexie_cli.output.ending import end_line
    from kexie_cli.output.outcome import entry_outcome
    from kexie_cli.output.text import json_text

    request = make_end(
        task, kind, reason=reason, until=until, by=by, date=date, recorded=recorded_on
    )
    recorded = record_update(data, plan, request)
    (entry,) = added(recorded.task, recorded.change)
    if output == "json":
        typer.echo(json_text(entry_outcome(recorded.task, entry)), nl=False)
    else:
        typer.echo(visible(end_line(recorded.task, entry, recorded.plan.start)))
