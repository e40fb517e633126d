"""`kexie report`: where the tasks due by a month stand, by department, leader or section."""

from typing import Annotated, Literal

import typer

from kexie_cli.options import (
    AsOfOption,
    DataOption,
    DueOption,
    Format,
    FormatOption,
    MarginOption,
    PlanOption,
    WithinOption,
)


def report(
    due: DueOption = None,
    as_of: AsOfOption = None,
    by: Annotated[
        Literal["dept", "leader", "section"],
        typer.Option("--by", help="分组：dept 牵头部室 leader 责任领导 section 类型"),
    ] = "dept",
    margin: MarginOption = 10.0,
    within: WithinOption = 30,
    fmt: FormatOption = Format.TABLE,
    data: DataOption = None,
    plan: PlanOption = None,
) -> None:
    """汇总报告：各项目标完成情况、任务状态、分组统计。

    只含完成时限在 --due 及以前的任务（默认全部）；状态按 --as-of 之日判断。
    范围目标（如 1-2次）达到下限即算完成，百分比按下限计。
    """
    import datetime as dt

    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.problems import KexieError
    from kexie_cli.core.tally import build_report
    from kexie_cli.output import render
    from kexie_cli.output.report_view import report_view
    from kexie_cli.plans.load import add_text, open_plan

    # The tasks' text is read for the tasks in the report, where its format shows it (JSON
    # does not: a task's text is in list/show), and never their notes (no format has them).
    chosen = open_plan(data, plan, text=False).plan
    if not isinstance(chosen, TasksPlan):
        raise KexieError(f"{chosen.plan.title}是工作要点，没有目标和进度可汇总")
    when = as_of or dt.date.today()
    built = build_report(chosen, when, due, margin, by, within)
    if fmt is not Format.JSON:
        add_text((state.task for state in built.states), note=False)
    if fmt is Format.MD:  # Markdown is the drafted summary (render/summary_md.py), not a table
        import sys

        from kexie_cli.output.summary_md import write_summary

        write_summary(built, sys.stdout)
        return
    render(report_view(built), fmt)
