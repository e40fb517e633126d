"""`kexie forms`: the month's fill-in forms, one per department; `--status`: who has reported."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kexie_cli.core.controls import visible
from kexie_cli.options import (
    AsOfOption,
    DataOption,
    ForceOption,
    Format,
    FormatOption,
    OrgOption,
    PlanOption,
    checked_names,
)

if TYPE_CHECKING:
    import datetime as dt

    from kexie_cli.core.forms import Recipient
    from kexie_cli.core.models import TasksPlan


def forms(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="写入的文件夹（不存在则新建）", show_default=False),
    ] = None,
    dept: Annotated[
        list[str] | None,
        typer.Option(
            "--dept",
            help="只给这些部室或地方（可重复）",
            show_default=False,
            callback=checked_names,
        ),
    ] = None,
    status: Annotated[bool, typer.Option("--status", help="不制表，只列谁已报、谁未报")] = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            help="与 --status 同用：此日起有登记算已报（默认 --as-of 当月 1 日）",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = Format.TABLE,
    force: ForceOption = False,
    as_of: AsOfOption = None,
    data: DataOption = None,
    plan: PlanOption = None,
    org: OrgOption = None,
) -> None:
    """填报表：每个部室一份 Excel，列出其牵头和配合的任务，供填写累计完成、进展、问题和延期申请。

    默认给每个牵头部室各一份（文件名如 2025年6月_组宣部.xlsx）；--dept 指定部室（只配合的部室也可）
    或地方（如 大冶市：其分解到地方的指标）。
    填好收回后用 kexie import progress 一次导入。--status 列出各部室最近一次登记的日期和是否已报。
    --org：数据文件夹有多个组织时，制表只给该组织；--status 列出该组织及其下级。
    """
    import datetime as dt

    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.problems import KexieError
    from kexie_cli.options import parse_date
    from kexie_cli.plans.load import open_plan

    when = as_of or dt.date.today()
    if status:
        if output is not None:
            raise KexieError("--status 只列出填报情况，不写文件：请去掉 -o")
        start = parse_date(since, "--since") if since is not None else when.replace(day=1)
        _status_tree(data, plan, org, dept or [], when, start, fmt)
        return
    loaded = open_plan(data, plan, org)
    chosen = loaded.plan
    if not isinstance(chosen, TasksPlan):
        raise KexieError(f"{chosen.plan.title}是工作要点，没有任务可填报")
    if since is not None:
        raise KexieError("--since 只与 --status 同用")
    if output is None:
        raise KexieError("请用 -o DIR 指定填报表写入的文件夹，如 -o 6月/")
    _write_forms(chosen, loaded.path, output, dept or [], when, force)


def _chosen(plan: TasksPlan, wanted: list[str]) -> list[Recipient]:
    """Each department asked for (when none is: those that lead a task, and the supporters
    of a task with no lead), with its spellings; a name that is no department but a place a
    target is broken down by (大冶市科协, 大冶) is that place."""
    from kexie_cli.core.forms import (
        Recipient,
        all_departments,
        place_names,
        places,
        recipients,
        spellings,
    )
    from kexie_cli.core.problems import KexieError

    if not wanted:
        return recipients(plan)
    found: list[Recipient] = []
    for query in wanted:
        names = spellings(plan, query)
        # A county's own places too: 阳新县科协 fills 阳新县's rows.
        where = frozenset(p for q in {query, *names} for p in place_names(plan, q))
        if not names and not where:
            existing = "、".join(all_departments(plan) + places(plan))
            raise KexieError(f"没有名为 {query} 的部室或地方；现有：{existing}")
        if all((names, where) != (r.names, r.places) for r in found):  # 市馆 and 市科技馆: one
            found.append(Recipient(query.strip(), names, where))
    return found


def _write_forms(
    plan: TasksPlan, path: Path, folder: Path, wanted: list[str], when: dt.date, force: bool
) -> None:
    from kexie_cli.core.forms import carriers, department_rows, set_aside
    from kexie_cli.core.problems import KexieError
    from kexie_cli.output.destination import write_output
    from kexie_cli.output.form_sheet import FormInfo, form_bytes, form_name
    from kexie_cli.plans.files import LANDED_FILES

    if folder.exists() and not folder.is_dir():
        raise KexieError(f"-o {folder}: 是文件；填报表写入文件夹，请给出文件夹")
    if not folder.parent.exists():
        raise KexieError(f"-o {folder}: 所在文件夹 {folder.parent} 不存在")
    made = []
    chosen = _chosen(plan, wanted)
    for name, names, where in chosen:
        rows = department_rows(plan, names, when, set(where))
        if not rows and not wanted:  # every task it has is cancelled or paused (said below)
            continue
        if not rows:
            raise KexieError(f"{name} 没有牵头或配合的任务，不制表")
        target = folder / form_name(name, when)
        if target.exists() and not force:
            raise KexieError(f"{target}: 文件已存在；确认要覆盖请加 --force")
        info = FormInfo(plan.plan.title, plan.year, path.name, name, when)
        made.append((target, form_bytes(info, rows), len(rows)))
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:  # /proc/x, under a file, a read-only folder, a name too long
        raise KexieError(f"-o {folder}: 无法建立文件夹（{exc.strerror or exc}）") from None
    for target, content, _ in made:
        write_output(content, target, force=True)
    # Written: reported so whatever fails next (a full stdout), and never retried twice.
    LANDED_FILES.append(f"已写入 {len(made)} 份填报表到 {folder}")
    for target, _, count in made:
        typer.echo(visible(f"{target}（{count} 行）"))
    for task_id, names in carriers(plan, chosen).items():
        if names:
            typer.echo(f"任务 {task_id} 没有牵头部室，由{'、'.join(names)}的表填报（列为牵头任务）")
    for task_id, said in set_aside(plan, when).items():
        typer.echo(f"任务 {task_id} {said}，不列入填报表")
    typer.echo(
        visible(f"共 {len(made)} 份填报表；收回后运行 kexie import progress {folder / '*.xlsx'}")
    )


def _status_tree(
    data: Path | None,
    year: int | None,
    org: str | None,
    wanted: list[str],
    when: dt.date,
    since: dt.date,
    fmt: Any,
) -> None:
    """Who has reported, in the organisation's plan — or, of several, in each of theirs."""
    from kexie_cli.core.forms import reporting
    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.problems import KexieError
    from kexie_cli.output import render
    from kexie_cli.output.forms_status import status_view
    from kexie_cli.plans.tree import open_tree

    tree = open_tree(data, year, org)
    rows, whose = [], []
    for index in tree.chosen:
        plan = tree.plans[index]
        if not isinstance(plan, TasksPlan):
            raise KexieError(f"{plan.plan.title}是工作要点，没有任务可填报")
        departments = [(r.name, r.names) for r in _chosen(plan, wanted)]
        found = reporting(plan, departments, when, since)
        rows += found
        whose += [plan.plan.org] * len(found)
    render(status_view(rows, since, whose if tree.many else None), fmt)
