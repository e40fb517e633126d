"""`kexie check`: validate plan files and report every problem at once."""

from pathlib import Path
from typing import Annotated

import typer

from kexie_cli.core.controls import visible
from kexie_cli.options import DataOption


def check(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="要检查的计划文件（默认全部）", show_default=False),
    ] = None,
    data: DataOption = None,
) -> None:
    """检查计划文件：字段、月份、编号、指标是否有误。

    每处问题一行（文件:行: 任务：字段：说明）；有误时退出码为 2。
    多个组织时也检查各级之间的上级、报送（reports_to）和落实（implements）关系。
    """
    from kexie_cli.core.models import TasksPlan
    from kexie_cli.plans.files import plan_files, resolve_data, stale_temporaries
    from kexie_cli.plans.load import load_plans
    from kexie_cli.plans.tree import tree_problems

    paths = [p for f in files for p in plan_files(f)] if files else plan_files(resolve_data(data))
    if not paths:
        typer.echo("没有计划文件（*.yaml）", err=True)
        raise typer.Exit(2)
    plans, problems = load_plans(paths)
    problems += tree_problems(plans) if not problems else []  # links between whole plans
    for path in paths:
        for tmp in stale_temporaries(path):
            typer.echo(
                visible(f"{tmp}: 中断的写入留下的临时文件（下次登记时自动删除，也可手工删除）"),
                err=True,
            )
    for problem in problems:
        typer.echo(visible(str(problem)), err=True)
    if problems:
        raise typer.Exit(2)
    tasks = [task for p in plans if isinstance(p.plan, TasksPlan) for task in p.plan.tasks]
    points = sum(len(p.plan.points) for p in plans if not isinstance(p.plan, TasksPlan))
    targets = sum(len(task.targets) for task in tasks)
    typer.echo(
        f"通过：{len(plans)} 个计划，{len(tasks)} 项任务，{targets} 项指标，{points} 条工作要点"
    )
