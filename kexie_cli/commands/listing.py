"""`kexie list` and `kexie show`: the tasks a person asks for, and everything about one task."""

from typing import Annotated

import typer

from kexie_cli.core.controls import visible
from kexie_cli.options import (
    AsOfOption,
    DataOption,
    DueOption,
    Format,
    FormatOption,
    KnownOnOption,
    MarginOption,
    OrgOption,
    PlanOption,
    StatusOption,
    WithinOption,
    checked_names,
)


def list_tasks(
    dept: Annotated[
        str | None,
        typer.Option("--dept", help="牵头或配合的部室（写法不限）", callback=checked_names),
    ] = None,
    lead_only: Annotated[bool, typer.Option("--lead-only", help="只看 --dept 牵头的任务")] = False,
    leader: Annotated[
        str | None, typer.Option("--leader", help="责任领导", callback=checked_names)
    ] = None,
    due: DueOption = None,
    status: StatusOption = None,
    grep: Annotated[
        str | None, typer.Option("--grep", help="查找文字：重点工作 具体内容 推进措施")
    ] = None,
    as_of: AsOfOption = None,
    known_on: KnownOnOption = None,
    margin: MarginOption = 10.0,
    within: WithinOption = 30,
    depts: Annotated[bool, typer.Option("--depts", help="列出部室及任务数")] = False,
    leaders: Annotated[bool, typer.Option("--leaders", help="列出责任领导及任务数")] = False,
    fmt: FormatOption = Format.TABLE,
    data: DataOption = None,
    plan: PlanOption = None,
    org: OrgOption = None,
) -> None:
    """列出符合全部筛选条件的任务。

    --depts、--leaders：列出全部部室、责任领导及其任务数。

    部室、领导的写法不限：全角半角、繁体简体、有无（中心）等括注均可。
    工作要点计划列出全部要点，只能用 --grep 筛选。
    """

    from kexie_cli.core.flows import at_date
    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.problems import KexieError
    from kexie_cli.core.queries import Filters, select_points, select_tasks
    from kexie_cli.core.spelling import written_one_way
    from kexie_cli.output import render
    from kexie_cli.output.list_view import point_list, task_list
    from kexie_cli.plans.tree import open_tree

    if lead_only and dept is None:
        raise KexieError("--lead-only 需与 --dept 同用")
    tree = open_tree(data, plan, org)
    chosen = tree.plans[tree.chosen[0]]
    if (depts or leaders) and tree.many:
        raise KexieError("--depts、--leaders 一次只列一个组织：请用 --org 指明")
    if depts or leaders:
        _names(chosen, "dept" if depts else "leader", depts and leaders, fmt)
        return
    filters = Filters(dept, lead_only, leader, due, status or (), grep)
    if not isinstance(chosen, TasksPlan):
        points = select_points(chosen.points, filters)
        render(point_list(points, f"{chosen.plan.title}（{len(points)} 条）"), fmt)
        return
    known, when = at_date(tree.plans, as_of, known_on)
    found, notices = [], []
    for index in tree.chosen:
        one_way = written_one_way(known[index])  # type: ignore[arg-type]
        selection = select_tasks(one_way, filters, when, margin, within)
        found += selection.found
        notices += [n for n in selection.notices if n not in notices]
    for notice in notices:
        typer.echo(visible(f"kexie: {notice}"), err=True)
    title = f"{chosen.plan.title}（截至 {when}，{len(found)} 项）"
    if tree.many:
        whose = tree.org or "全部组织"
        title = f"{whose}：{chosen.year}年任务，{len(tree.chosen)} 个清单（截至 {when}，{len(found)} 项）"
    render(task_list(found, dept is not None, title, with_org=tree.many), fmt)


def _names(chosen: object, kind: str, both: bool, fmt: Format) -> None:
    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.problems import KexieError
    from kexie_cli.core.queries import name_counts
    from kexie_cli.output import render
    from kexie_cli.output.list_view import name_list

    if both:
        raise KexieError("--depts 与 --leaders 一次只能用一个")
    if not isinstance(chosen, TasksPlan):
        raise KexieError("工作要点没有部室和责任领导；请用 --plan 选择任务分解清单")
    counts = name_counts(chosen, kind)
    what = "部室" if kind == "dept" else "责任领导"
    render(name_list(counts, kind, f"{chosen.plan.title}：{what}（{len(counts)} 个）"), fmt)


def show(
    number: Annotated[int, typer.Argument(help="任务（或工作要点）序号", show_default=False)],
    as_of: AsOfOption = None,
    known_on: KnownOnOption = None,
    fmt: FormatOption = Format.TABLE,
    data: DataOption = None,
    plan: PlanOption = None,
    org: Annotated[
        str | None,
        typer.Option("--org", help="任务所属的组织", callback=checked_names),
    ] = None,
) -> None:
    """显示一项任务的全部内容。

    各列、推进措施、各项目标及进度、进展情况、领导批示及落实、更新记录、备注。
    """

    from kexie_cli.core.flows import at_date, has_flows
    from kexie_cli.core.history import answer_day, as_known
    from kexie_cli.core.levels import leveled
    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.problems import KexieError
    from kexie_cli.core.spelling import Spelling, spelled_task
    from kexie_cli.core.status import task_state
    from kexie_cli.output import render
    from kexie_cli.output.list_view import id_ranges
    from kexie_cli.output.show_view import point_detail, task_detail
    from kexie_cli.plans.tree import open_tree

    tree = open_tree(data, plan, org, below=False)
    if tree.many:
        raise KexieError(
            f"{tree.org or '数据文件夹'}有多个组织的清单：请用 --org 指明任务所属的组织"
        )
    chosen = tree.plans[tree.chosen[0]]
    records = chosen.tasks if isinstance(chosen, TasksPlan) else chosen.points
    record = next((r for r in records if r.id == number), None)
    if record is None:
        kind = "任务" if isinstance(chosen, TasksPlan) else "工作要点"
        existing = id_ranges([r.id for r in records]) or "（无）"
        raise KexieError(f"{chosen.plan.title}中没有序号为 {number} 的{kind}；现有：{existing}")
    if not isinstance(chosen, TasksPlan):
        render(point_detail(record, chosen), fmt)
        return
    when = answer_day(as_of, known_on)
    if has_flows(tree.plans):  # a figure from another organisation's plan, read at the date
        known, when = at_date(tree.plans, as_of, known_on)
        flowed = known[tree.chosen[0]]
        assert isinstance(flowed, TasksPlan)
        record = next(r for r in flowed.tasks if r.id == number)
    elif known_on is not None:
        record = as_known(record, known_on)
    record = spelled_task(record, Spelling(chosen))  # its departments as the plan names them
    state = task_state(record, chosen.start, when)
    state = leveled(state, chosen.start, chosen.supervision, chosen.departments.aliases)
    render(task_detail(state, when), fmt)
