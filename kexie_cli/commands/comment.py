"""`kexie comment`: record a leader's comment (批示) in the task's history."""

from typing import Annotated

import typer

from kexie_cli.commands.progress import record_update
from kexie_cli.core.controls import visible
from kexie_cli.options import (
    DataOption,
    EntryDateOption,
    OutcomeFormatOption,
    PlanOption,
    make_comment,
    parse_outcome_format,
)


def comment(
    task: Annotated[str, typer.Argument(metavar="N", help="任务序号")],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="批示内容")],
    by: Annotated[
        str,
        typer.Option("--by", metavar="NAME", help="批示的领导（必填），通常是任务的责任领导"),
    ],
    date: EntryDateOption = None,
    output: OutcomeFormatOption = "text",
    data: DataOption = None,
    plan: PlanOption = None,
) -> None:
    """登记领导批示：记下批示内容、领导和日期。

    领导不是任务的责任领导时照常登记，并提示一行。
    """
    from kexie_cli.core.update import is_leader
    from kexie_cli.output.outcome import comment_line, entry_outcome, not_a_leader_line
    from kexie_cli.output.text import json_text

    parse_outcome_format(output)
    request = make_comment(task, text, by=by, date=date)
    recorded = record_update(data, plan, request)
    entry = recorded.task.history[-1]
    if not is_leader(recorded.task, request.by):
        typer.echo(visible(f"kexie: {not_a_leader_line(recorded.task, request.by)}"), err=True)
    if output == "json":
        typer.echo(json_text(entry_outcome(recorded.task, entry)), nl=False)
    else:
        typer.echo(visible(comment_line(recorded.task, entry)))
