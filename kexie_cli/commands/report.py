"""`kexie report`: where the tasks due by a month stand, by department, leader or section."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

if TYPE_CHECKING:
    import datetime as dt

    from kexie_cli.core.document import Issued
    from kexie_cli.core.models import Plan, TasksPlan
    from kexie_cli.core.tally import Report

from kexie_cli.options import (
    AsOfOption,
    DataOption,
    DueOption,
    ForceOption,
    KnownOnOption,
    MarginOption,
    OrgOption,
    PlanOption,
    ReportFormat,
    ReportFormatOption,
    WithinOption,
    checked_names,
)


def report(
    due: DueOption = None,
    as_of: AsOfOption = None,
    known_on: KnownOnOption = None,
    by: Annotated[
        Literal["dept", "leader", "section", "unit", "org"] | None,
        typer.Option(
            "--by",
            help="分组：dept 部室 leader 领导 section 类型 unit 地方 org 组织（及各级合计）",
            show_default=False,
        ),
    ] = None,
    margin: MarginOption = 10.0,
    within: WithinOption = 30,
    fmt: ReportFormatOption = ReportFormat.TABLE,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="docx 或 md 写入的文件（md 的图另存为同名 .png）",
            show_default=False,
        ),
    ] = None,
    summary: Annotated[
        bool,
        typer.Option("--summary", help="docx 写工作总结（同 md 草稿），而非督办通报"),
    ] = False,
    dept: Annotated[
        str | None,
        typer.Option(
            "--dept", help="只含该部室牵头的任务", show_default=False, callback=checked_names
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            help="md/docx 只列此日起的批示落实",
            show_default=False,
        ),
    ] = None,
    points: Annotated[
        bool,
        typer.Option("--points", help="各条工作要点的落实任务"),
    ] = False,
    number: Annotated[
        int | None,
        typer.Option(
            "--number",
            help="通报的文号（默认按年续编）",
            show_default=False,
        ),
    ] = None,
    force: ForceOption = False,
    data: DataOption = None,
    plan: PlanOption = None,
    org: OrgOption = None,
) -> None:
    """汇总报告：各项目标完成情况、任务状态、分组统计。

    只含完成时限在 --due 及以前的任务（默认全部）；状态按 --as-of 之日判断。
    范围目标（如 1-2次）达到下限即算完成，百分比按下限计。
    --points：--org 的工作要点（--plan 其年度），每条由下级哪些任务落实、进度如何。
    """

    from kexie_cli.core.flows import at_date
    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.problems import KexieError
    from kexie_cli.core.spelling import Spelling, written_one_way
    from kexie_cli.core.tally import build_report
    from kexie_cli.output import render
    from kexie_cli.output.report_view import report_view
    from kexie_cli.plans.tree import open_tree

    tree = open_tree(data, plan, org)
    known, when = at_date(tree.plans, as_of, known_on)
    chosen = known[tree.chosen[0]]
    if number is not None and fmt.value != "docx":
        raise KexieError("--number 只用于 --format docx（通报的文号）")
    if points:
        _points_only(by=by, dept=dept, due=due, summary=summary, since=since, output=output)
        _points(known, _notice(known, org, plan), when, margin, within, fmt.value, output)
        return
    if not isinstance(chosen, TasksPlan):
        raise KexieError(
            f"{chosen.plan.title}是工作要点，没有目标和进度可汇总；各要点的落实任务请加 --points"
        )
    org_levels = _levels(known)
    if tree.many:
        chosen = _combined([known[i] for i in tree.chosen], tree.org)  # type: ignore[misc]
    chosen = written_one_way(chosen)  # a department spelled one way in every format
    start = _since(since, fmt.value)
    if dept is not None:
        chosen = _led_by(chosen, dept)
        dept = Spelling(chosen)(dept)
    if summary and fmt.value not in ("md", "docx"):
        raise KexieError("--summary 只用于 --format docx 或 md（工作总结）")
    if summary and number is not None:
        raise KexieError("--number 只用于督办通报，工作总结（--summary）没有文号")
    # A summary reads by theme (类型) unless --by asks for leaders or departments.
    drafted = fmt.value == "md" or summary
    grouping = by or ("section" if drafted else "dept")
    if output is not None and fmt.value not in ("md", "docx"):
        raise KexieError("-o 只用于 --format docx 或 md；其他格式写到标准输出，可用 > 重定向")
    built = build_report(chosen, when, due, margin, grouping, within, org_levels)
    if fmt.value == "docx":
        if summary:
            _summary_docx(built, output, force, dept or "", start)
        else:
            folder = tree.loaded[tree.chosen[0]].path.parent
            _docx(built, output, force, dept or "", start, number, folder)
    elif fmt.value == "md":  # Markdown is the drafted summary (output/summary_md.py), not a table
        _markdown(built, output, force, dept or "", start)
    else:
        render(report_view(built), fmt.value)


def _points_only(**given: object) -> None:
    """--points lists a notice's points; the options of a task report would be ignored."""
    from kexie_cli.core.problems import KexieError

    names = {"by": "--by", "dept": "--dept", "due": "--due", "summary": "--summary"}
    names |= {"since": "--since", "output": "-o"}
    extra = [names[k] for k, v in given.items() if v not in (None, False)]
    if extra:
        if "-o" in extra:  # the one a user may expect to work: say how instead
            raise KexieError("--points 的结果写到标准输出，不用 -o；可用 > 文件名 重定向")
        raise KexieError(
            f"--points 不能与 {'、'.join(extra)} 同用：工作要点的落实情况不分组、不筛选"
        )


def _levels(plans: "list[Plan]") -> dict[str, str]:
    """Each organisation's level (省/市/县) as its plans name it: `--by org` rolls up by it."""
    from kexie_cli.core.orgs import key, orgs

    known = orgs(plans)
    return {
        p.plan.org: level
        for p in plans
        if p.plan.org and (level := known[key(p.plan.org)].level) is not None
    }


def _combined(plans: "list[TasksPlan]", org: str) -> "TasksPlan":
    """The task lists of several organisations as one plan to report on: each task keeps its
    organisation (`task.org`); the first list gives the start month and the names."""
    import dataclasses

    whose = f"{org}及下级" if org else "全部组织"
    title = f"{whose}{plans[0].year}年重点工作任务（{len(plans)} 个组织）"
    info = dataclasses.replace(plans[0].plan, title=title, org=org)
    return dataclasses.replace(plans[0], plan=info, tasks=[t for p in plans for t in p.tasks])


def _notice(plans: "list[Plan]", org: str | None, year: int | None) -> int:
    """The notice `--points` is about: the organisation's (else any), of the year (else the
    newest)."""
    from kexie_cli.core.models import PointsPlan
    from kexie_cli.core.orgs import find_org, key
    from kexie_cli.core.problems import KexieError

    whose = key(find_org(plans, org).name) if org is not None else None
    found = [
        (p.year, i)
        for i, p in enumerate(plans)
        if isinstance(p, PointsPlan)
        and (whose is None or key(p.plan.org) == whose)
        and (year is None or p.year == year)
    ]
    if not found:
        whose_year = f"{org or ''}{'' if year is None else f' {year} 年'}" or "任何组织"
        raise KexieError(f"--points：数据中没有{whose_year}的工作要点（points: 计划文件）")
    return max(found)[1]


def _points(
    plans: "list[Plan]",
    index: int,
    when: "dt.date",
    margin: float,
    within: int,
    fmt: str,
    output: Path | None,
) -> None:
    """A work-points notice: per point, the tasks below that implement it, at the date."""
    from kexie_cli.core.flows import implementers
    from kexie_cli.core.models import PointsPlan, TasksPlan
    from kexie_cli.core.problems import KexieError
    from kexie_cli.core.status import task_state
    from kexie_cli.output import render
    from kexie_cli.output.points_view import points_view

    notice = plans[index]
    assert isinstance(notice, PointsPlan)
    if fmt in ("md", "docx") or output is not None:
        raise KexieError(f"{notice.plan.title}是工作要点：落实情况只有 table、json、csv、tsv 格式")
    found = {
        point: [
            task_state(task, plan.start, when, margin, within)
            for i, task in tasks
            if isinstance(plan := plans[i], TasksPlan)
        ]
        for point, tasks in implementers(plans, notice).items()
    }
    render(points_view(notice, found, when), fmt)


def _since(text: str | None, fmt: str) -> "dt.date | None":
    """--since: the period a draft's comments are cut to; only the drafts have comments."""
    from kexie_cli.core.problems import KexieError
    from kexie_cli.options import parse_date

    if text is None:
        return None
    if fmt not in ("md", "docx"):
        raise KexieError("--since 只用于 --format md 或 docx（领导批示及落实情况）")
    return parse_date(text, "--since")


def _led_by(plan: "TasksPlan", dept: str) -> "TasksPlan":
    """The plan with only the tasks the department leads, matched as `list --dept` matches
    (aliases included: 市科技馆 finds the task written 市馆); refused if it names none."""
    import dataclasses

    from kexie_cli.core.names import distinct, matching_with
    from kexie_cli.core.problems import KexieError

    leads = [name for task in plan.tasks for name in task.lead]
    wanted = matching_with(dept, leads, plan.departments.aliases)
    if not wanted:
        raise KexieError(f"没有名为 {dept} 的牵头部室；现有：{'、'.join(distinct(leads))}")
    tasks = [task for task in plan.tasks if not wanted.isdisjoint(task.lead)]
    return dataclasses.replace(plan, tasks=tasks)


def _docx(
    built: "Report",
    output: Path | None,
    force: bool,
    scope: str,
    since: "dt.date | None",
    number: int | None,
    folder: Path,
) -> None:
    """The 通报, numbered (the number recorded beside the plans) and written to -o."""
    from kexie_cli.core.document import choose_number, letterhead
    from kexie_cli.core.problems import KexieError
    from kexie_cli.output.destination import is_stdout, write_output
    from kexie_cli.output.docx import document_bytes, title_of
    from kexie_cli.plans.document_settings import NUMBERS, issuing, read_issued, read_settings
    from kexie_cli.plans.files import locked

    if is_stdout(output):
        raise KexieError("Word 文件不能写到标准输出，请用 -o FILE.docx 指定文件")
    head = letterhead(built.plan, read_settings(folder))
    title = title_of(built, scope)
    picture = _picture(built)

    def numbered() -> "tuple[list[Issued], Issued | None, bytes]":
        issued = read_issued(folder)
        chosen, new, problem = choose_number(issued, head, title, built.as_of.isoformat(), number)
        if problem:
            raise KexieError(problem)
        content = document_bytes(built, scope, since, head.numbered(chosen), picture)
        return issued, new, content

    issued, new, content = numbered()
    where = None
    if new is None:  # nothing to record: the folder is only read
        write_output(content, output, force=force)
    else:  # two offices numbering at once: chosen again under the record's lock
        with locked(folder / NUMBERS):
            issued, new, content = numbered()
            with issuing(folder, issued, new) as where:  # taken back if not written
                write_output(content, output, force=force)
    if where is not None:
        said = head.numbered(new.number if new else None).number_text
        typer.echo(f"kexie: 文号 {said}，已记入 {where.name}", err=True)


def _summary_docx(
    built: "Report", output: Path | None, force: bool, scope: str, since: "dt.date | None"
) -> None:
    """The drafted summary as Word (output/summary_docx.py): no 文号, nothing recorded."""
    from kexie_cli.core.problems import KexieError
    from kexie_cli.output.destination import is_stdout, write_output
    from kexie_cli.output.summary_docx import summary_bytes

    if is_stdout(output):
        raise KexieError("Word 文件不能写到标准输出，请用 -o FILE.docx 指定文件")
    picture = _picture(built)
    write_output(summary_bytes(built, scope, since, picture), output, force=force)


def _markdown(
    built: "Report", output: Path | None, force: bool, scope: str, since: "dt.date | None"
) -> None:
    """The draft to standard output (no picture: there is no folder to put it in), or to the
    -o file with the picture written beside it as a PNG of the same name, linked."""
    import io
    import sys

    from kexie_cli.core.problems import KexieError
    from kexie_cli.output.destination import is_stdout, write_output
    from kexie_cli.output.summary_md import write_summary

    if output is None or is_stdout(output):
        write_summary(built, sys.stdout, scope, since)
        return
    beside = output.with_suffix(".png")
    if beside == output:  # -o 图.png: the draft is there, its picture beside it
        beside = output.with_name(output.name + ".png")
    for path in (output, beside):  # refused before either is written: none or both
        if path.exists() and not force:
            raise KexieError(f"{path}: 文件已存在；确认要覆盖请加 --force")
    picture = _picture(built)
    if picture is not None:
        write_output(picture, beside, force=force)
    text = io.StringIO()
    write_summary(built, text, scope, since, beside.name if picture is not None else None)
    write_output(text.getvalue(), output, force=force)


def _picture(built: "Report") -> bytes | None:
    """The report's picture (PNG); None, said in one line on stderr, with no Chinese font."""
    import sys

    from kexie_cli.core.trend import trend
    from kexie_cli.output.chart_picture import picture_png

    drawn = picture_png(trend(built), built.margin)
    if drawn.problem:
        print(drawn.problem, file=sys.stderr)
    return drawn.png
