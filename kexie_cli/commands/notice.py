"""`kexie notice`: a 督办通知单 for a task at 红色, drafted as .docx and recorded on the task."""

from pathlib import Path
from typing import Annotated, Any

import typer

from kexie_cli.core.controls import visible
from kexie_cli.options import DataOption, PlanOption


def notice(
    task: Annotated[int, typer.Argument(metavar="N", help="任务序号", show_default=False)],
    number: Annotated[
        str | None,
        typer.Option(
            "--number", metavar="文号", help="文号（默认接上一份通知单的编号）", show_default=False
        ),
    ] = None,
    answer_by: Annotated[
        str | None,
        typer.Option(
            "--answer-by",
            metavar="YYYY.M",
            help="要求该月底前回复（默认下一个月）",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="通知单日期，按该日判断预警（默认今天）"),
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", metavar="NAME", help="签发人或登记人", show_default=False)
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="写入的 .docx（默认 督办通知单_任务N.docx）", show_default=False
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="任务不在红色预警也起草；覆盖已存在的文件")
    ] = False,
    data: DataOption = None,
    plan: PlanOption = None,
) -> None:
    """督办通知单：为红色预警的任务起草 Word 通知单，并记入督办记录。

    文号、任务内容、完成情况、督办记录、各月末预警等级、回复期限。
    不在红色预警的任务不起草，确需起草加 --force。
    """
    import datetime as dt

    from kexie_cli.commands.recording import record_update
    from kexie_cli.core.levels import Level, leveled
    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.notices import NoticeRequest, next_number
    from kexie_cli.core.problems import KexieError
    from kexie_cli.core.status import Status, task_state
    from kexie_cli.core.update import find_task
    from kexie_cli.options import _text
    from kexie_cli.output.destination import check_destination, is_stdout, write_output
    from kexie_cli.output.notice_docx import notice_bytes
    from kexie_cli.plans.files import taken_back
    from kexie_cli.plans.load import open_plan
    from kexie_cli.record_options import parse_update_date

    day = parse_update_date(date) if date is not None else dt.date.today()
    chosen = open_plan(data, plan).plan
    if not isinstance(chosen, TasksPlan):
        raise KexieError(
            f"{chosen.plan.title}是工作要点，没有可督办的任务；请用 --plan 选择任务分解清单"
        )
    _, found = find_task(chosen, task)
    state = task_state(found, chosen.start, day)
    state = leveled(state, chosen.start, chosen.supervision, chosen.departments.aliases)
    level = "无预警" if state.level is None else f"预警为{state.level.label}"
    if state.status in (Status.DONE, Status.CANCELLED, Status.PAUSED):
        raise KexieError(f"任务 {task} 截至 {day} {state.status.label}，不起草督办通知单")
    if state.level is not Level.RED and not force:
        raise KexieError(
            f"任务 {task} 截至 {day} {level}，不是红色，不起草督办通知单；确需起草请加 --force"
        )
    month = _answer_by(answer_by, day)
    given = _text(number, "--number")
    written = given.strip() if given and given.strip() else next_number(chosen, day)
    target = Path(f"督办通知单_任务{task}.docx") if output is None else output
    if is_stdout(target):
        raise KexieError("Word 文件不能写到标准输出，请用 -o FILE.docx 指定文件")
    check_destination(target, force=force)
    content = notice_bytes(chosen, state, written, month)
    request = NoticeRequest(task, written, month, day, by=by.strip() if _text(by) else None)
    with taken_back(target):  # the notice not recorded: no 通知单 left behind
        write_output(content, target, force=True)
        record_update(data, plan, request)
    answer = f"，请于{month.year}年{month.month}月底前回复" if month else ""
    typer.echo(visible(f"已起草督办通知单 {written}：任务 {task}（{level}）→ {target}{answer}"))


def _answer_by(text: str | None, day: Any) -> Any:
    """The month to answer by: as given (not before the notice's month), else the next."""
    from kexie_cli.core.months import Month, MonthError, month_text
    from kexie_cli.core.problems import KexieError

    if text is None:
        return Month(day.year, day.month).following
    try:
        month = Month.parse(text)
    except MonthError as exc:
        raise KexieError(f"--answer-by：{exc}") from None
    if month < Month(day.year, day.month):
        raise KexieError(f"--answer-by {month_text(month)} 早于通知单的日期 {day}")
    return month
