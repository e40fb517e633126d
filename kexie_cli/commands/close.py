"""`kexie close`: answer a completion request (申请办结) — 销号, or `--refuse`: 退回."""

from typing import Annotated

import typer

from kexie_cli.commands.recording import record_end
from kexie_cli.options import DataOption, OutcomeFormat, OutcomeFormatOption, PlanOption
from kexie_cli.record_options import EntryDateOption, RecordedOption


def close(
    task: Annotated[str, typer.Argument(metavar="N", help="任务序号")],
    refuse: Annotated[
        bool, typer.Option("--refuse", help="退回办结申请，任务回到推进中（须写 --reason）")
    ] = False,
    reason: Annotated[
        str | None,
        typer.Option("--reason", metavar="TEXT", help="退回的理由，写在部室下次的填报表上"),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", metavar="NAME", help="审核人或登记人", show_default=False),
    ] = None,
    date: EntryDateOption = None,
    recorded_on: RecordedOption = None,
    output: OutcomeFormatOption = OutcomeFormat.TEXT,
    data: DataOption = None,
    plan: PlanOption = None,
) -> None:
    """销号：同意部室的办结申请（待销号），或 --refuse 退回。

    计划或任务设了 sign_off: true 时，部室报“已完成”只是申请办结。
    销号后任务才算完成，按申请之日（完成工作之日）判断是否按期。
    退回后任务回到推进中，理由印在该部室下次的填报表上。
    没有待销号的申请时，不能销号或退回。
    """
    from kexie_cli.core.problems import KexieError

    if reason is not None and not refuse:
        raise KexieError("--reason 只与 --refuse 一起使用：退回须写明理由，销号不用")
    kind = "send_back" if refuse else "close"
    record_end(task, kind, reason, None, by, date, recorded_on, output, data, plan)
