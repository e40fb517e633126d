"""`kexie merge-file` (git's merge driver for plan files) and `kexie git-setup` (which makes
git call it): plans kept in one git repository by several offices merge their 督办 records."""

from pathlib import Path
from typing import Annotated

import typer

from kexie_cli.core.controls import visible
from kexie_cli.options import DataOption


def merge_file(
    base: Annotated[Path, typer.Argument(metavar="BASE", help="共同祖先的版本（git 的 %O）")],
    ours: Annotated[
        Path, typer.Argument(metavar="OURS", help="我方的版本，合并结果写回这里（git 的 %A）")
    ],
    theirs: Annotated[Path, typer.Argument(metavar="THEIRS", help="对方的版本（git 的 %B）")],
    path: Annotated[
        str | None,
        typer.Option("--path", metavar="NAME", help="文件在仓库中的路径，用于提示（git 的 %P）"),
    ] = None,
) -> None:
    """三方合并计划文件（git 合并驱动）：两边追加的督办记录按日期和到达顺序合并。

    由 git 调用（kexie git-setup 配置）。各项任务中只有一边改动的字段取改动的一边；
    完成数和状态按合并后的记录重新得出；两边把同一字段改得不同时，在该字段处留下
    git 的冲突标记，并在标准错误输出一行说明，退出码 1。不是计划文件时按文本合并。
    """
    from kexie_cli.plans.git_merge import merge_paths

    outcome = merge_paths(base, ours, theirs, path or str(ours))
    if outcome.line:
        typer.echo(visible(f"kexie: {outcome.line}"), err=True)
    raise typer.Exit(outcome.code)


def git_setup(
    repo: Annotated[
        Path | None,
        typer.Option("--repo", metavar="DIR", help="git 仓库（默认当前目录所在的仓库）"),
    ] = None,
    data: DataOption = None,
) -> None:
    """配置 git 用 kexie 合并计划文件：写入 .gitattributes 和本仓库的 git 配置。

    计划文件夹默认是仓库下的 data/（或环境变量 KEXIE_DATA），含其子文件夹；--data
    也可以只给一个计划文件。可重复运行，已配置的不再改动。
    """
    from kexie_cli.plans.git_merge import set_up

    for line in set_up(repo or Path.cwd(), data):
        typer.echo(visible(line))
