"""The 督办通报: where the tasks stand at a date, as a Word document an office circulates.

Built from the report (core.tally) and each task's 督办 record (core.history): an overall
paragraph, a table of departments ranked by completion with the rate drawn as shaded cells,
the overdue, behind and due-soon tasks with the departments' own words, the leaders'
comments and what was done after them, extensions approved and requested. Page and type:
docx_style. Returns bytes; the command writes them.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from kexie_cli.core import record
from kexie_cli.core.dates import day_words, month_day_words
from kexie_cli.core.numbers import chinese_text, percent_text
from kexie_cli.core.status import Status, TaskState
from kexie_cli.core.tally import GROUPINGS, Report, Tally
from kexie_cli.output import docx_style as style
from kexie_cli.output import prose
from kexie_cli.output.ending import ended_sentences

BAR_CELLS = 10  # a department's completion: 10 narrow cells, one shaded per 10%
BAR_COLOUR = "2F5597"


def document_bytes(report: Report, scope: str = "", since: dt.date | None = None) -> bytes:
    """The 通报 of a report; `scope` names what it was narrowed to (a department), if any;
    `since` cuts the comments to the period's (prose.comments_text)."""
    document = Document()
    style.set_up(document)
    states = report.states
    year = report.plan.year
    _title(document, f"关于{scope}{year}年重点工作任务推进情况的通报", report.as_of)
    credit = prose.Credit(report.plan)
    parts = [
        ("总体情况", lambda: _paragraph(document, prose.overall(report))),
        (f"各{report.group_header}推进情况", lambda: _group_table(document, report)),
        ("需要关注的任务", lambda: _attention(document, states, report.as_of, credit)),
    ]
    said = prose.comments_text(states, report.as_of, since)
    if said:
        period = f"（{day_words(since)}以来）" if since else ""
        parts.append((f"领导批示及落实情况{period}", lambda: _lines(document, said)))
    moved = prose.extensions_text(states, report.as_of, credit)
    if moved:
        parts.append(("延期情况", lambda: _lines(document, moved)))
    if ended := ended_sentences(states):  # out of every count above: listed apart
        parts.append(("取消或暂缓的任务", lambda: _lines(document, ended)))
    for number, (heading, write) in enumerate(parts, start=1):
        _heading(document, f"{chinese_text(number)}、{heading}")
        write()
    _signature(document, report.plan.plan.org, report.as_of)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---- the department table -------------------------------------------------------------------


def ranked(groups: Sequence[Tally]) -> list[Tally]:
    """Highest completion first; ties by more tasks done, then as the plan names them."""
    return sorted(groups, key=lambda g: (-g.rate, -g.counts[Status.DONE]))


def _group_table(document: object, report: Report) -> None:
    header = GROUPINGS[report.by][0]
    heads = [header, "任务", "已完成", "滞后", "逾期", "完成率", "完成情况"]
    groups = ranked(report.groups)
    table = document.add_table(rows=1 + len(groups), cols=len(heads) - 1 + BAR_CELLS)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Mm(34), Mm(13), Mm(15), Mm(13), Mm(13), Mm(18)] + [Mm(5)] * BAR_CELLS
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice reads, and each cell for Word
        for cell in column.cells:
            cell.width = width
    bar_head = table.cell(0, len(heads) - 1).merge(table.cell(0, len(heads) - 2 + BAR_CELLS))
    for index, text in enumerate(heads[:-1]):
        _cell(table.cell(0, index), text, bold=True)
    _cell(bar_head, heads[-1], bold=True)
    for number, group in enumerate(groups, start=1):
        figures = [group.tasks, group.counts[Status.DONE]]
        figures += [group.counts[Status.BEHIND], group.counts[Status.OVERDUE]]
        texts = [group.name, *map(str, figures), percent_text(group.rate)]
        for index, text in enumerate(texts):
            _cell(table.cell(number, index), text, centre=index > 0)
        for index in range(bar_cells(group.rate)):
            style.shade(table.cell(number, len(texts) + index), BAR_COLOUR)
    note = "注：完成率为已完成任务占该组任务的比例，右侧每格代表10%。"
    if report.by != "section":
        note += f"一项任务有多个{header}时分别计入。"
    _paragraph(document, note, size=Pt(12), indent=False)


def bar_cells(rate: float) -> int:
    """How many of the BAR_CELLS are shaded for a rate in percent (any done shows one)."""
    shaded = round(rate / 100 * BAR_CELLS)
    return max(shaded, 1 if rate > 0 else 0)


def _cell(cell: object, text: str, bold: bool = False, centre: bool = True) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.paragraph_format.line_spacing = Pt(18)
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    style.run(paragraph, text, style.BODY_FONT, size=style.TABLE_SIZE, bold=bold)


# ---- the tasks to watch ---------------------------------------------------------------------

WATCHED = (
    ("逾期未完成的任务", lambda s: s.status is Status.OVERDUE),
    ("进度滞后的任务", lambda s: s.status is Status.BEHIND),
    ("即将到期的任务", lambda s: s.due_soon and s.status is not Status.BEHIND),
)


def _attention(
    document: object, states: list[TaskState], as_of: dt.date, credit: prose.Credit
) -> None:
    parts = [
        (heading, chosen) for heading, wanted in WATCHED if (chosen := list(filter(wanted, states)))
    ]
    for number, (heading, chosen) in enumerate(
        parts, start=1
    ):  # numbered as they appear: （一）（二）
        _heading(document, f"（{chinese_text(number)}）{heading}（{len(chosen)}项）", sub=True)
        for state in chosen:
            _paragraph(document, task_paragraph(state, as_of, credit))
    if not parts:
        _paragraph(document, "截至目前，没有逾期、滞后或即将到期的任务。")


def task_paragraph(state: TaskState, as_of: dt.date, credit: prose.Credit) -> str:
    """任务7：content（牵头部室：…；责任领导：…；完成时限：…）。figures。the latest report,
    credited to the department that sent it."""
    task = state.task
    who = f"牵头部室：{prose.names(task.lead)}；责任领导：{prose.names(task.leaders)}"
    what = (task.content or task.focus or prose.gist(task)).rstrip("。")  # task 2 has neither
    text = f"任务{task.id}：{what}（{who}；完成时限：{prose.due_phrase(state)}）。"
    if state.targets:
        text += "目前已完成" + "，".join(prose.figure_text(t) for t in state.targets) + "。"
    report = record.latest_report(task, as_of)
    if report is None:
        return text + ("牵头部室" if task.lead else "") + "尚未报送进展情况。"
    said = [
        (w, v)
        for w, v in (
            ("进展情况", report.note),
            ("存在问题", report.problem),
            ("下步打算", report.next),
        )
        if v
    ]
    return (
        text
        + f"{credit(task, report)}{month_day_words(report.date)}报送："
        + "".join(f"{w}：{prose.sentence(v)}" for w, v in said)
    )


# ---- comments and extensions ----------------------------------------------------------------


# ---- paragraphs -----------------------------------------------------------------------------


def _title(document: object, text: str, as_of: dt.date) -> None:
    title = document.add_paragraph()  # type: ignore[attr-defined]
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(36)
    style.run(title, text, style.TITLE_FONT, size=style.TITLE_SIZE)
    date = document.add_paragraph()  # type: ignore[attr-defined]
    date.alignment = WD_ALIGN_PARAGRAPH.CENTER
    style.run(date, f"（截至{day_words(as_of)}）", style.SUBHEADING_FONT, size=style.BODY_SIZE)
    document.add_paragraph()  # type: ignore[attr-defined]


def _heading(document: object, text: str, sub: bool = False) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    paragraph.paragraph_format.first_line_indent = Pt(32)
    paragraph.paragraph_format.keep_with_next = True
    font = style.SUBHEADING_FONT if sub else style.HEADING_FONT
    style.run(paragraph, text, font, size=style.BODY_SIZE)


def _paragraph(document: object, text: str, size: Pt | None = None, indent: bool = True) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)  # two characters
    style.run(paragraph, text, style.BODY_FONT, size=size or style.BODY_SIZE)


def _lines(document: object, lines: list[str]) -> None:
    for number, line in enumerate(lines, start=1):
        _paragraph(document, f"{number}. {line}")


def _signature(document: object, org: str, as_of: dt.date) -> None:
    document.add_paragraph()  # type: ignore[attr-defined]
    for text in (org, day_words(as_of)):
        if text:
            paragraph = document.add_paragraph()  # type: ignore[attr-defined]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = Pt(64)
            style.run(paragraph, text, style.BODY_FONT, size=style.BODY_SIZE)
