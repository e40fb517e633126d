"""`kexie export`: the whole list in the office's formats — Excel in the list's own layout, CSV."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kexie_cli.options import (
    AsOfOption,
    DataOption,
    ExportFormat,
    ExportFormatOption,
    ForceOption,
    KnownOnOption,
    MarginOption,
    PlanOption,
    checked_names,
)


class Layout(StrEnum):
    FULL = "full"  # the document's columns: what `kexie import tasks` reads back
    PROGRESS = "progress"  # the 进展情况表 of a progress meeting


def export(
    fmt: ExportFormatOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="写入的文件（csv 带 BOM）；- 为标准输出",
            show_default=False,
        ),
    ] = None,
    sheet_layout: Annotated[
        Layout,
        typer.Option(
            "--layout",
            help="Excel 版式：full 清单原有各列（可再导入）；progress 进展情况表（序号、完成、进展情况）",
            case_sensitive=False,
        ),
    ] = Layout.FULL,
    by_dept: Annotated[
        bool, typer.Option("--by-dept", help="Excel 中每个牵头部室一张工作表")
    ] = False,
    dept: Annotated[
        str | None,
        typer.Option(
            "--dept",
            help="ics：只含该部室牵头或配合的任务",
            show_default=False,
            callback=checked_names,
        ),
    ] = None,
    force: ForceOption = False,
    as_of: AsOfOption = None,
    known_on: KnownOnOption = None,
    margin: MarginOption = 10.0,
    data: DataOption = None,
    plan: PlanOption = None,
) -> None:
    """导出整份任务分解清单：Excel（清单原有的八列，再加目标、完成、进度、状态）、CSV，或 ics 日历（各任务的现行时限）。"""
    import io

    from kexie_cli.core.history import known_plan
    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.problems import KexieError
    from kexie_cli.core.queries import plan_states
    from kexie_cli.output.destination import is_stdout, write_output
    from kexie_cli.plans.load import open_plan

    fmt = _format(fmt, None if is_stdout(output) else output)
    if fmt is ExportFormat.CSV and (sheet_layout is not Layout.FULL or by_dept):
        raise KexieError("--layout 和 --by-dept 只用于 Excel（--format xlsx）")
    chosen = open_plan(data, plan).plan
    if not isinstance(chosen, TasksPlan):
        raise KexieError(f"{chosen.plan.title}是工作要点，没有任务可导出")
    chosen, when = known_plan(chosen, as_of, known_on)
    if dept is not None and fmt is not ExportFormat.ICS:
        raise KexieError("--dept 只用于日历（--format ics）")
    if fmt is ExportFormat.ICS:
        from kexie_cli.core.queries import Filters, select_tasks
        from kexie_cli.output.ics import calendar_bytes

        if sheet_layout is not Layout.FULL or by_dept:
            raise KexieError("--layout 和 --by-dept 只用于 Excel（--format xlsx）")
        found = select_tasks(chosen, Filters(dept=dept), when, margin)
        states = [f.state for f in found.found]
        write_output(
            calendar_bytes(chosen.plan.title, chosen.plan.year, states, when), output, force=force
        )
        return
    if fmt is ExportFormat.CSV:
        from kexie_cli.core.queries import Found
        from kexie_cli.output.list_view import task_list
        from kexie_cli.output.text import write_csv

        buffer = io.StringIO()
        states = plan_states(chosen, when, margin)
        write_csv(task_list([Found(s, None) for s in states], with_role=False), buffer)
        # A file gets a BOM so Excel/WPS on Windows read UTF-8; a pipe to a script does not.
        write_output(buffer.getvalue(), output, force=force, encoding="utf-8-sig")
        return
    if is_stdout(output):
        raise KexieError("导出 Excel 需要用 -o FILE.xlsx 指定文件")
    from kexie_cli.core.spelling import Spelling, written_one_way
    from kexie_cli.core.tally import build_report
    from kexie_cli.core.trend import trend
    from kexie_cli.output.xlsx import workbook_bytes

    # The full layout is the list itself (read back by `import tasks`): its cells as written.
    # The 进展情况表, the sheets by department and the summary spell each one way.
    spelling = Spelling(chosen)
    if sheet_layout is Layout.PROGRESS:
        chosen = written_one_way(chosen)
    states = plan_states(chosen, when, margin)
    content = workbook_bytes(
        chosen.plan.title,
        chosen.plan.year,
        states,
        when,
        layout_name=sheet_layout.value,
        by_dept=by_dept,
        aliases=chosen.departments.aliases,
        trend=trend(build_report(chosen, when, None, margin)),  # the 图表 sheet
        spelling=spelling,
    )
    write_output(content, output, force=force)


def _format(fmt: ExportFormat | None, output: Path | None) -> ExportFormat:
    """--format, else the -o file's extension (.csv/.xlsx), else xlsx; the two must agree."""
    from kexie_cli.core.problems import KexieError

    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    implied = ExportFormat(suffix) if suffix in tuple(ExportFormat) else None
    if implied is None and suffix in _NOT_A_SHEET:
        raise KexieError(f"{output}: .{suffix} 不是表格文件；导出请用 .xlsx 或 .csv")
    if fmt is not None and implied is not None and fmt is not implied:
        raise KexieError(f"{output}: 扩展名是 .{suffix}，与 --format {fmt.value} 不符")
    return fmt or implied or ExportFormat.XLSX


# Suffixes of files that are plainly not a workbook or a CSV: writing one there misleads.
_NOT_A_SHEET = {"txt", "md", "json", "yaml", "yml", "docx", "doc", "pdf", "tsv", "xls", "html"}
