"""`kexie extend`: answer a request for more time — a deadline extension (延期), or a refusal."""

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
    make_extension,
    make_refusal,
)


def extend(
    task: Annotated[str, typer.Argument(metavar="N", help="任务序号")],
    month: Annotated[
        str | None,
        typer.Argument(
            metavar="[MONTH]",
            help="延期后的完成时限，如 2025.9、2025-09 或 2025年9月",
            show_default=False,
        ),
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option("--reason", metavar="TEXT", help="延期原因或不同意的理由（必填）"),
    ] = None,
    refuse: Annotated[
        bool, typer.Option("--refuse", help="不同意待审批的延期申请（不给 MONTH）")
    ] = False,
    by: Annotated[
        str | None,
        typer.Option("--by", metavar="NAME", help="批准人或登记人", show_default=False),
    ] = None,
    date: EntryDateOption = None,
    recorded_on: RecordedOption = None,
    output: OutcomeFormatOption = OutcomeFormat.TEXT,
    data: DataOption = None,
    plan: PlanOption = None,
) -> None:
    """答复延期：完成时限延至 MONTH，或 --refuse 不同意申请。

    清单中任务原定的 due 不改；自登记之日起，按延期后的时限判断状态，此前的日期仍按原时限。
    延期后的时限须晚于当时的时限；已完成的任务不能延期。延期或不同意都答复此前待审批的申请。
    """
    from kexie_cli.core.problems import KexieError
    from kexie_cli.core.update import added
    from kexie_cli.output.outcome import entry_outcome, extension_line, refusal_line
    from kexie_cli.output.text import json_text

    if refuse and month is not None:
        raise KexieError("--refuse 不同意延期，不给 MONTH；批准延期请写 kexie extend N MONTH")
    if not refuse and month is None:
        raise KexieError("请给出延期后的时限 MONTH，如 2025.9；不同意延期请加 --refuse")
    if refuse:
        request = make_refusal(task, reason=reason, by=by, date=date, recorded=recorded_on)
    else:
        assert month is not None
        request = make_extension(task, month, reason=reason, by=by, date=date, recorded=recorded_on)
    recorded = record_update(data, plan, request)
    (entry,) = added(recorded.task, recorded.change)
    if output == "json":
        typer.echo(json_text(entry_outcome(recorded.task, entry)), nl=False)
    elif refuse:
        typer.echo(refusal_line(recorded.task, entry))
    else:
        typer.echo(visible(extension_line(recorded.task, entry)))
