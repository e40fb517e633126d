"""`kexie score`: the year's 考核 score per department (or leader), explained line by line."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, NoReturn

import typer

from kexie_cli.options import AsOfOption, DataOption, ForceOption, PlanOption

if TYPE_CHECKING:
    from kexie_cli.core.problems import Problem
    from kexie_cli.core.score import Scoring

ScoreFormat = StrEnum("ScoreFormat", {v.upper(): v for v in ("table", "json", "csv", "xlsx")})


def score(
    rules: Annotated[
        Path | None,
        typer.Option(
            "--rules",
            metavar="FILE",
            help="考核细则文件（YAML；默认随 kexie 附带的示例细则）",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    by: Annotated[
        Literal["dept", "leader"],
        typer.Option("--by", help="计分对象：dept 牵头部室 leader 责任领导"),
    ] = "dept",
    fmt: Annotated[
        ScoreFormat,
        typer.Option(
            "--format",
            help="输出格式；xlsx 须用 -o 指定文件",
            case_sensitive=False,
        ),
    ] = ScoreFormat.TABLE,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="写入的文件（默认标准输出）", show_default=False),
    ] = None,
    force: ForceOption = False,
    data: DataOption = None,
    plan: PlanOption = None,
) -> None:
    """考核计分：按细则给每个部室（或责任领导）计分，逐行说明加减分。

    按时完成率、序时进度、进展报送、延期、预警、领导评价，各项分值见细则文件；
    每行对应清单中的一项任务及其督办记录。已取消、暂缓的任务不计分。
    """
    from kexie_cli.core.history import known_plan
    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.problems import KexieError
    from kexie_cli.core.score import plan_findings, score_plan
    from kexie_cli.core.spelling import written_one_way
    from kexie_cli.plans.load import open_plan
    from kexie_cli.plans.score_rules import read_rules

    chosen = open_plan(data, plan).plan
    if not isinstance(chosen, TasksPlan):
        raise KexieError(f"{chosen.plan.title}是工作要点，没有任务可计分")
    try:
        chosen_rules = read_rules(rules, [lambda raw: plan_findings(raw, chosen, by)])
    except KexieError as exc:
        if not exc.problems:
            raise
        _refuse(exc.problems)
    chosen, when = known_plan(chosen, as_of, None)
    chosen = written_one_way(chosen)  # a department spelled as the plan names it
    _write(score_plan(chosen, chosen_rules, when, by), fmt.value, output, force)


def _refuse(problems: "list[Problem]") -> "NoReturn":
    """Every problem of the rules file, one a line (FILE:LINE: …), then exit 2."""
    from kexie_cli.core.controls import visible

    for problem in problems:
        typer.echo(visible(str(problem)), err=True)
    raise typer.Exit(2)


def _write(scoring: "Scoring", fmt: str, output: Path | None, force: bool) -> None:
    import io

    from kexie_cli.core.problems import KexieError
    from kexie_cli.output import render
    from kexie_cli.output.destination import is_stdout, write_output
    from kexie_cli.output.score_view import score_view

    if fmt == "xlsx":
        from kexie_cli.output.score_xlsx import score_workbook

        if is_stdout(output):
            raise KexieError("Excel 文件不能写到标准输出，请用 -o FILE.xlsx 指定文件")
        write_output(score_workbook(scoring), output, force=force)
        return
    if is_stdout(output):
        render(score_view(scoring), fmt)
        return
    buffer = io.StringIO()
    render(score_view(scoring), fmt, buffer)
    write_output(buffer.getvalue(), output, force=force)
