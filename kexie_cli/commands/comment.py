"""`kexie comment`: record a leader's comment (批示) in the task's history."""

from typing import Annotated

import typer

from kexie_cli.commands.recording import record_update
from kexie_cli.core.controls import visible
from kexie_cli.options import (
    DataOption,
    OutcomeFormat,
    OutcomeFormatOption,
    PlanOption,
)
from kexie_cli.record_options import (
    EntryDateOption,
    RecordedOption,
    make_comment,
)


def comment(
    task: Annotated[str, typer.Argument(metavar="N", help="任务序号")],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="批示内容")],
    by: Annotated[
        str,
        typer.Option("--by", metavar="NAME", help="批示的领导（必填），通常是任务的责任领导"),
    ],
    date: EntryDateOption = None,
    recorded_on: RecordedOption = None,
    output: OutcomeFormatOption = OutcomeFormat.TEXT,
    data: DataOption = None,
    plan: PlanOption = None,
) -> None:
    """登记领导批示：记下批示内容、领导和日期。

    领导不是任务的责任领导时照常登记，并提示一行。
    """
    from kexie_cli.core.update import added, is_leader
    from kexie_cli.output.outcome import comment_line, entry_outcome, not_a_leader_line
    from kexie_cli.output.text import json_text

    request = make_comment(task, text, by=by, date=date, recorded=recorded_on)
    recorded = record_update(data, plan, request)
    (entry,) = added(recorded.task, recorded.change)
    if not is_leader(recorded.task, request.by):
        typer.echo(visible(f"kexie: {not_a_leader_line(recorded.task, request.by)}"), err=True)
    if output == "json":
        typer.echo(json_text(entry_outcome(recorded.task, entry)), nl=False)
    else:
        typer.echo(visible(comment_line(recorded.task, entry)))
