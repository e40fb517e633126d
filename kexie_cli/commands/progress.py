"""`kexie progress`: record a month's figures, a status, or written progress in the plan file."""

from __future__ import annotations

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
    make_request,
)


def progress(
    task: Annotated[
        str,
        typer.Argument(
            metavar="N[.K]", help="任务序号；N.K 指任务 N 的第 K 项指标（同 --target K）"
        ),
    ],
    done: Annotated[
        str | None,
        typer.Option("--done", metavar="V", help="累计完成数（设定为 V）", show_default=False),
    ] = None,
    add: Annotated[
        str | None,
        typer.Option("--add", metavar="V", help="本次新增数，加到累计完成数上", show_default=False),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            metavar="K",
            help="指标序号 1、2 等，或名称中的词",
            show_default=False,
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            metavar="PLACE",
            help="地方：分解到县（市、区）的指标必填，如 大冶市",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="S",
            help="手工标记状态 done、in_progress、not_started（或 已完成 等）",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note", metavar="TEXT", help="进展情况（文字），记为一条进展报告", show_default=False
        ),
    ] = None,
    problem: Annotated[
        str | None,
        typer.Option("--problem", metavar="TEXT", help="存在问题", show_default=False),
    ] = None,
    next_step: Annotated[
        str | None,
        typer.Option("--next", metavar="TEXT", help="下步打算", show_default=False),
    ] = None,
    date: EntryDateOption = None,
    recorded_on: RecordedOption = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="更正：较早日期的累计数可高于以后已登记的数"),
    ] = False,
    by: Annotated[
        str | None,
        typer.Option("--by", metavar="NAME", help="登记人，记入 history", show_default=False),
    ] = None,
    output: OutcomeFormatOption = OutcomeFormat.TEXT,
    data: DataOption = None,
    plan: PlanOption = None,
) -> None:
    """登记进度：设定或累加完成数、标记任务状态，或登记文字进展。

    写入计划文件，并在任务的 history 中记下日期、前后数值和登记人。--note（进展情况）、
    --problem（存在问题）、--next（下步打算）可单独使用，也可与数字同时登记：另记一条进展报告。

    --date 是所记情况的日期（截至之日；--status done 时为完成之日），可早于已登记的记录：
    迟到的报表按其日期计入。--status done --date D 记下任务在 D 日完成。
    """
    from kexie_cli.output.outcome import outcome, outcome_line, recorded_line, recorded_state
    from kexie_cli.output.text import json_text

    request = make_request(
        task,
        done=done,
        add=add,
        target=target,
        unit=unit,
        status=status,
        date=date,
        by=by,
        note=note,
        problem=problem,
        next_step=next_step,
        recorded=recorded_on,
        force=force,
    )
    recorded = record_update(data, plan, request)
    key = recorded.change.key
    if output == "json":
        state, report = recorded_state(recorded, request.date)
        typer.echo(json_text(outcome(state, key, report)), nl=False)
    elif not recorded.change.entries:  # the same figure again: no entry
        state, _ = recorded_state(recorded, request.date)
        said = outcome_line(state, key, None, True)
        typer.echo(visible(f"{said}；与已登记的数值相同，未重复登记"))
    else:
        typer.echo(visible(recorded_line(recorded)))
