"""`kexie extend`: record a deadline extension (延期) in the task's history."""

from typing import Annotated

import typer

from kexie_cli.commands.progress import record_update
from kexie_cli.core.controls import visible
from kexie_cli.options import (
    DataOption,
    EntryDateOption,
    OutcomeFormatOption,
    PlanOption,
    make_extension,
    parse_outcome_format,
)


def extend(
    task: Annotated[str, typer.Argument(metavar="N", help="任务序号")],
    month: Annotated[
        str,
        typer.Argument(metavar="MONTH", help="延期后的完成时限，如 2025.9、2025-09 或 2025年9月"),
    ],
    reason: Annotated[
        str | None,
        typer.Option("--reason", metavar="TEXT", help="延期原因（必填）", show_default=False),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", metavar="NAME", help="批准人或登记人", show_default=False),
    ] = None,
    date: EntryDateOption = None,
    output: OutcomeFormatOption = "text",
    data: DataOption = None,
    plan: PlanOption = None,
) -> None:
    """登记延期：把任务的完成时限延至 MONTH，并写明原因。

    清单中任务原定的 due 不改；自登记之日起，按延期后的时限判断状态，此前的日期仍按原时限。
    延期后的时限须晚于当时的时限；已完成的任务不能延期。任务若有待批的延期申请，本次延期即予答复。
    """
    from kexie_cli.output.outcome import entry_outcome, extension_line
    from kexie_cli.output.text import json_text

    parse_outcome_format(output)
    request = make_extension(task, month, reason=reason, by=by, date=date)
    recorded = record_update(data, plan, request)
    entry = recorded.task.history[-1]
    if output == "json":
        typer.echo(json_text(entry_outcome(recorded.task, entry)), nl=False)
    else:
        typer.echo(visible(extension_line(recorded.task, entry)))
