"""`kexie import points|tasks`: turn a notice (text) or a breakdown list (Excel) into a plan file."""

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from kexie_cli.core.controls import visible
from kexie_cli.options import (
    AsOfOption,
    DataOption,
    ForceOption,
    ImportDataOption,
    ImportFormatOption,
    ImportPlanOption,
    OutcomeFormat,
    OutcomeFormatOption,
    checked_names,
)

app = typer.Typer(
    help="导入：把工作要点通知（文本或 Word）或任务分解清单（Excel 或 Word）转成计划文件（YAML）。",
    no_args_is_help=True,
)

OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="写入的计划文件；默认标准输出，给出 --data 时写入该文件夹",
        show_default=False,
    ),
]


@app.command("points")
def points(
    file: Annotated[Path, typer.Argument(help="工作要点通知：纯文本（.txt）或 Word 文档（.docx）")],
    output: OutputOption = None,
    force: ForceOption = False,
    data: ImportDataOption = None,
    plan: ImportPlanOption = None,
    output_format: ImportFormatOption = OutcomeFormat.TEXT,
) -> None:
    """工作要点通知（文本或 Word）→ 工作要点计划。

    识别通知的标题、文号、发文单位、日期；编号 一、（一）1. (1) ① 均可，三级时为 部分 → 小标题 → 要点。
    """
    from kexie_cli.core.problems import KexieError
    from kexie_cli.importers.points import notice_text, parse_points
    from kexie_cli.importers.summary import points_line, points_summary
    from kexie_cli.output.destination import write_output
    from kexie_cli.plans.dump import plan_yaml
    from kexie_cli.plans.files import read_bytes

    _yaml_only(output)
    _a_year(plan)
    _json_needs_a_file(output_format, output, data)
    try:
        result = parse_points(notice_text(read_bytes(file)), file.name)
    except ValueError as exc:
        raise KexieError(f"{file}: {exc}") from None
    year = _set_year(result, plan, file)
    comments = [
        f"{result['plan']['title']}",
        f"由 kexie import points 从 {file.name} 导入；请人工核对。",
    ]
    text = plan_yaml(result, comments)
    _check(text, file)
    destination = _destination(output, data, f"{year}_points.yaml")
    write_output(text, destination, force=force)
    said = points_summary(result)
    _say(points_line(said), said, result, destination, output_format)


def _json_needs_a_file(output_format: str, output: Path | None, data: Path | None) -> None:
    """--format json prints the summary on stdout: the plan must go to a file."""
    from kexie_cli.core.problems import KexieError

    if output_format == "json" and (output is None or str(output) == "-") and data is None:
        raise KexieError("--format json 要与 -o FILE 或 --data 同用：标准输出给摘要，计划写入文件")


def _say(line: str, said: dict, result: dict, destination: Path | None, output_format: str) -> None:
    """The summary line on stderr, and with --format json the same as an object on stdout."""
    from kexie_cli.output.text import json_text

    typer.echo(visible(line), err=True)
    if output_format == "json":
        info = result["plan"]
        head = {"file": str(destination), "title": info["title"], "year": info["year"]}
        typer.echo(json_text(head | said | {"summary": line}), nl=False)


def _yaml_only(output: Path | None) -> None:
    """An import writes a plan file (YAML): -o x.xlsx would write YAML under another name."""
    from kexie_cli.core.problems import KexieError

    if output is not None and output.suffix.lower() not in ("", ".yaml", ".yml"):
        raise KexieError(f"-o {output}: 导入写出的是计划文件（.yaml），要表格请之后用 kexie export")


def _a_year(plan: int | None) -> None:
    """--plan is the year written into the plan: 0 was taken as none given, 99999 made no month."""
    from kexie_cli.core.problems import KexieError

    if plan is not None and not 1949 <= plan <= 2100:
        raise KexieError(f"--plan {plan} 不是计划年度：应为四位年份，如 2025")


def _set_year(result: dict, plan: int | None, file: Path) -> int:
    """--plan YEAR overrides the year read from the document; one of them is needed."""
    from kexie_cli.core.problems import KexieError

    info = result["plan"]
    year = plan if plan is not None else info.get("year")
    if year is None:
        raise KexieError(f"{file}: 文中找不到年度，请用 --plan YEAR 指明")
    # Year keeps its place among the keys (after any date), however it was set.
    keys = [k for k in info if k != "year"]
    at = keys.index("date") + 1 if "date" in keys else min(len(keys), 1)
    keys.insert(at, "year")
    result["plan"] = {k: (year if k == "year" else info[k]) for k in keys}
    return int(year)


def _destination(output: Path | None, data: Path | None, name: str) -> Path | None:
    """-o FILE, else NAME in the --data folder (beside a --data plan file), else stdout."""
    from kexie_cli.core.problems import KexieError

    if output is None and data is not None:
        if not data.exists():  # as for every command, --data names what is there
            raise KexieError(f"--data {data}: 文件夹不存在")
        return (data if data.is_dir() else data.parent) / name
    return output


def _check(text: str, file: Path) -> None:
    """What we write must pass `kexie check`; a failure here is reported, never written."""
    from kexie_cli.core.problems import KexieError
    from kexie_cli.plans.validate import validate
    from kexie_cli.plans.yaml_read import parse_yaml

    _, findings = validate(parse_yaml(text, str(file)))
    if findings:
        first = findings[0]
        where = ".".join(str(part) for part in first.loc)
        raise KexieError(f"{file}: 导入结果未通过检查：{where}: {first.message}")


@app.command("tasks")
def tasks(
    file: Annotated[
        Path,
        typer.Argument(
            help="任务分解清单 .xlsx、.docx 或 .csv（含 kexie export 的导出），"
            "或逐条写明牵头单位的通知 .txt/.docx"
        ),
    ],
    output: OutputOption = None,
    force: ForceOption = False,
    data: ImportDataOption = None,
    plan: ImportPlanOption = None,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            help="表头认不出时按列字母指明，如 'A=序号,B=具体内容,D=牵头单位'",
            show_default=False,
        ),
    ] = None,
    carry_over: Annotated[
        int | None,
        typer.Option(
            "--carry-over",
            metavar="YEAR",
            help="列出该年度计划（在 --data 中）未完成的任务，再加 --add-unfinished 即结转到新计划",
            show_default=False,
        ),
    ] = None,
    add_unfinished: Annotated[
        bool,
        typer.Option("--add-unfinished", help="与 --carry-over 同用：把未完成的任务加入新计划"),
    ] = False,
    as_of: AsOfOption = None,
    output_format: ImportFormatOption = OutcomeFormat.TEXT,
) -> None:
    """任务分解清单（Excel 或 Word 表格）→ 任务计划。

    读 kexie export 的导出或各地清单的表格（表头按含义识别，认不出时用 --columns）；
    没有表格的通知按“牵头单位：”“（牵头部门：）”“（责任单位：）”等字样读出各条的牵头和配合单位。
    目标由程序从推进措施中提取，均需人工核对。
    """
    from kexie_cli.core.problems import KexieError
    from kexie_cli.importers.summary import tasks_line, tasks_summary
    from kexie_cli.importers.tasks import parse_tasks
    from kexie_cli.output.destination import write_output
    from kexie_cli.plans.dump import plan_yaml
    from kexie_cli.plans.files import read_bytes

    _yaml_only(output)
    _a_year(plan)
    if add_unfinished and carry_over is None:
        raise KexieError("--add-unfinished 要与 --carry-over YEAR 同用")
    try:
        result = parse_tasks(read_bytes(file), file.name, plan, columns)
    except ValueError as exc:
        raise KexieError(f"{file}: {exc}") from None
    said = tasks_summary(result["tasks"])  # the file's own tasks, before any carried over
    listed_only = carry_over is not None and not add_unfinished
    if not listed_only:
        _json_needs_a_file(output_format, output, data)
    if carry_over is not None:
        _carry_over(result, carry_over, data, as_of, add_unfinished)
    if listed_only:
        return  # nothing is written until --add-unfinished confirms
    info = result["plan"]
    count = tasks_summary(result["tasks"])["suggested_targets"]  # carried ones included
    extracted = f"{count} 项目标为程序提取，请人工核对后删去其 note" if count else "目标从表中读回"
    comments = [info["title"], f"由 kexie import tasks 从 {file.name} 导入；{extracted}。"]
    text = plan_yaml(result, comments)
    _check(text, file)
    destination = _destination(output, data, f"{info['year']}_tasks.yaml")
    write_output(text, destination, force=force)
    _say(tasks_line(said), said, result, destination, output_format)


def _carry_over(
    result: dict, year: int, data: Path | None, as_of: dt.date | None, add: bool
) -> None:
    """List the unfinished tasks of YEAR's plan; with `add`, append them to the new plan."""
    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.problems import KexieError
    from kexie_cli.importers.carry import carried, listing, unfinished
    from kexie_cli.plans.load import open_plan

    new_year = result["plan"]["year"]
    if year >= new_year:
        raise KexieError(f"--carry-over {year}: 应是新计划（{new_year} 年）之前的年度")
    old = open_plan(data, year).plan
    if not isinstance(old, TasksPlan):
        raise KexieError(f"--carry-over {year}: {year} 年只有工作要点，没有任务清单")
    states = unfinished(old, as_of)
    if not add:
        hint = "加 --add-unfinished 将其结转到新计划" if states else "没有要结转的任务"
        typer.echo(visible(f"{listing(states, year)}\n{hint}"))
        return
    tasks = result["tasks"]
    first = max((task["id"] for task in tasks), default=0) + 1
    day = as_of or dt.date.today()
    tasks += carried(states, year, new_year, first, day)
    typer.echo(visible(listing(states, year) + f"\n已结转，编号 {first} 起"), err=True)


@app.command("progress")
def progress(
    files: Annotated[
        list[Path], typer.Argument(help="收回的填报表 .xlsx（kexie forms 制作），可多份")
    ],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只列出将登记的内容，不写入")] = False,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="NAME",
            help="登记人（默认：填报单位（填报人））",
            show_default=False,
            callback=checked_names,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="表中未填填报日期时的收到日期（默认今天）",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="制表后另有登记或累计数变小时，仍照表登记"),
    ] = False,
    data: DataOption = None,
    output_format: OutcomeFormatOption = OutcomeFormat.TEXT,
) -> None:
    """收回的填报表 → 登记累计完成、完成情况、进展和延期申请。

    累计完成记为进度，完成情况记为状态，进展情况/存在问题/下步打算记为进展报告，
    申请延期记为待批的延期申请。

    每份表格要么全部登记，要么（有问题时）全部不登记：有问题的表格逐处列出，
    其余照常写入，退出码 2。各条记在表的截至日期，收到日期取填报日期
    （否则 --date，否则今天），登记人取“填报单位（填报人）”。
    同一份表格再次导入不会重复登记。
    """
    from kexie_cli.commands.returns import form_files, read_forms, record_forms
    from kexie_cli.record_options import parse_update_date

    day = parse_update_date(date) if date is not None else None
    signed = by.strip() or None if by is not None else None
    forms, refused = read_forms(form_files(files))
    record_forms(forms, refused, data, day, signed, force, dry_run, output_format == "json")
