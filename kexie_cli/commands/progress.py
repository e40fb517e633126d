"""`kexie progress`: record a month's figures, or a status, in the plan file."""

from typing import Annotated

import typer

from kexie_cli.options import DataOption, PlanOption


def _not_future(value: str | None) -> str | None:
    """A date after today would put the entry after every later update of the default date,
    and the history must run in date order: such an update would lock the task."""
    import datetime as dt

    try:
        day = dt.date.fromisoformat(value.strip()) if value else None
    except ValueError:
        return value  # not a date: refused, with its own message, when the request is made
    if day is not None and day > dt.date.today():
        raise typer.BadParameter(f"{day} 晚于今天（{dt.date.today()}），不能预先登记")
    return value


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
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="S",
            help="手工标记状态 done、in_progress 或 not_started",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", metavar="TEXT", help="备注，记入 history", show_default=False),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="登记日期（默认：今天）",
            show_default=False,
            callback=_not_future,
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", metavar="NAME", help="登记人，记入 history", show_default=False),
    ] = None,
    output: Annotated[
        str,
        typer.Option("--format", metavar="text|json", help="输出：text 一行文字，json 一个对象"),
    ] = "text",
    data: DataOption = None,
    plan: PlanOption = None,
) -> None:
    """登记进度：设定或累加完成数，或标记任务状态。

    写入计划文件，并在任务的 history 中记下日期、前后数值、登记人和备注。
    """
    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.problems import KexieError
    from kexie_cli.core.status import task_state
    from kexie_cli.core.update import make_request, outcome, outcome_line
    from kexie_cli.output.text import json_text
    from kexie_cli.plans.load import open_plan
    from kexie_cli.plans.save import save_update

    if output not in ("text", "json"):
        raise KexieError(f"--format 的值 {output!r} 无效，应为 text 或 json")
    request = make_request(
        task, done=done, add=add, target=target, status=status, date=date, by=by, note=note
    )
    loaded = open_plan(data, plan)
    if not isinstance(loaded.plan, TasksPlan):
        raise KexieError(
            f"{loaded.path}: 是工作要点，没有可登记进度的任务；请用 --plan 选择任务分解清单"
        )
    recorded = save_update(loaded.path, request)
    state = task_state(recorded.task, recorded.plan.start, request.date)
    if output == "json":
        typer.echo(json_text(outcome(state, recorded.change.key)), nl=False)
    else:
        typer.echo(outcome_line(state, recorded.change.key))
