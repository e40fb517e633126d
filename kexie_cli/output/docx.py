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
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from kexie_cli.core import record
from kexie_cli.core.dates import day_words, month_day_words
from kexie_cli.core.document import Letterhead, Settings, letterhead
from kexie_cli.core.numbers import chinese_text, number_text, percent_text
from kexie_cli.core.pace import mean_pace, mean_progress
from kexie_cli.core.status import Status, TaskState
from kexie_cli.core.tally import GROUPINGS, UNNAMED, Report, Tally, grouped
from kexie_cli.output import docx_annex as annex
from kexie_cli.output import docx_official as official
from kexie_cli.output import docx_style as style
from kexie_cli.output import prose
from kexie_cli.output.docx_picture import add_picture
from kexie_cli.output.ending import ended_sentences

BAR_CELLS = 10  # a department's completion: 10 narrow cells, one shaded per 10%
BAR_COLOUR = "2F5597"


def document_bytes(
    report: Report,
    scope: str = "",
    since: dt.date | None = None,
    head: Letterhead | None = None,
    picture: bytes | None = None,
) -> bytes:
    """The 通报 of a report; `scope` names what it was narrowed to (a department), if any;
    `since` cuts the comments to the period's (prose.comments_text); `head` is its 版头, 主送
    and 版记 (default: as the plan alone gives them, the number left blank); `picture` the
    report's (output/chart_picture.py), on page 1 under 一、总体情况."""
    document = Document()
    style.set_up(document)
    states = report.states
    year = report.plan.year
    head = head or letterhead(report.plan, Settings())
    official.version_head(document, head)
    _title(document, title_of(report, scope), report.as_of)
    official.addressee(document, head)
    credit = prose.Credit(report.plan)
    header = report.group_header
    parts = [
        ("总体情况", lambda: _overall(document, report, picture)),
        (f"各{header}推进情况", lambda: _paragraph(document, behind_text(report))),
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
    annexes = [f"各{header}推进情况表", f"{year}年重点工作任务推进情况表"]
    official.closing(document, annexes, report.plan.plan.org, report.as_of)
    official.annex_page(document, 1, annexes[0])
    _group_table(document, report)
    official.annex_page(document, 2, annexes[1])
    official.table(document, *annex.task_rows(states, report.as_of))
    official.colophon(document, head, report.as_of)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def title_of(report: Report, scope: str = "") -> str:
    return f"关于{scope}{report.plan.year}年重点工作任务推进情况的通报"


def _overall(document: object, report: Report, picture: bytes | None) -> None:
    """The picture first — under the 版头 and 主送 it still fits page 1, where a leader sees
    who is behind — then the overall figures in sentences."""
    add_picture(document, picture, keep_with_next=False)
    _paragraph(document, prose.overall(report))


# ---- the department table -------------------------------------------------------------------


def ranked(groups: Sequence[Tally]) -> list[Tally]:
    """Highest completion first; ties by more tasks done, then as the plan names them."""
    return sorted(groups, key=lambda g: (-g.rate, -g.counts[Status.DONE]))


def _group_table(document: object, report: Report) -> None:
    header = GROUPINGS[report.by][0]
    heads = [header, "任务", "已完成", "滞后", "逾期", "平均进度", "序时进度", "完成率"]
    heads.append("完成情况")
    members = dict(grouped_states(report))
    rows = [(g, members.get(g.name, [])) for g in ranked(report.groups)]
    rows.append((report.total, report.states))  # 合计: every task once
    table = document.add_table(rows=1 + len(rows), cols=len(heads) - 1 + BAR_CELLS)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # each head on one line: 4.23 mm a 小4号 character and 2 mm of cell margins (156 mm in all)
    widths = [Mm(32), Mm(11), Mm(15), Mm(11), Mm(11), Mm(19.5), Mm(19.5), Mm(15)]
    widths += [Mm(2.2)] * BAR_CELLS
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice reads, and each cell for Word
        for cell in column.cells:
            cell.width = width
    bar_head = table.cell(0, len(heads) - 1).merge(table.cell(0, len(heads) - 2 + BAR_CELLS))
    for index, text in enumerate(heads[:-1]):
        _cell(table.cell(0, index), text, bold=True)
    _cell(bar_head, heads[-1], bold=True)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    official.narrow_margins(table)
    start = report.plan.start
    for number, (group, states) in enumerate(rows, start=1):
        figures = [group.tasks, group.counts[Status.DONE]]
        figures += [group.counts[Status.BEHIND], group.counts[Status.OVERDUE]]
        paces = [mean_progress(states), mean_pace(states, start, report.as_of)]
        texts = [group.name, *map(str, figures), *map(_percent, paces), percent_text(group.rate)]
        for index, text in enumerate(texts):
            _cell(table.cell(number, index), text, bold=number == len(rows), centre=index > 0)
        for index in range(bar_cells(group.rate)):
            style.shade(table.cell(number, len(texts) + index), BAR_COLOUR)
    note = (
        "注：平均进度为各项任务完成进度的平均（已完成的按100%计，无量化指标且未完成的不计）；"
        "序时进度为各项任务从年初到完成时限已过时间的平均；完成率为已完成任务占该组任务的比例，"
        "右侧每格代表10%。"
    )
    if report.by != "section":
        note += f"一项任务有多个{header}时分别计入，合计中只计一次。"
    _paragraph(document, note, size=Pt(12), indent=False).paragraph_format.line_spacing = Pt(18)


def _percent(value: float | None) -> str:
    return "—" if value is None else percent_text(value)


def grouped_states(report: Report) -> list[tuple[str, list[TaskState]]]:
    """Each group's tasks, named as the report's groups are."""
    return grouped(report.states, report.by, report.plan.departments.aliases)


def behind_text(report: Report) -> str:
    """Who is behind: the groups whose mean progress trails their 序时进度 by more than the
    report's margin, most behind first; the tables are the 附件."""
    start, behind = report.plan.start, []
    for name, states in grouped_states(report):
        if name == UNNAMED:
            continue  # a task the list names no one for: no one to name as behind
        done, due = mean_progress(states), mean_pace(states, start, report.as_of)
        if done is not None and due is not None and due - done > report.margin:
            pace = f"，序时进度{_percent(due)}" if due < 100 else ""  # all time gone: not said
            behind.append((due - done, f"{name}（平均进度{_percent(done)}{pace}）"))
    text = f"各{report.group_header}任务完成及进度情况见附件1，逐项任务推进情况见附件2。"
    if not behind:
        return (
            text
            + f"目前各{report.group_header}平均进度均未落后于序时进度{number_text(report.margin)}个百分点以上。"
        )
    named = "、".join(words for _, words in sorted(behind, key=lambda b: -b[0]))
    return text + f"平均进度落后于序时进度{number_text(report.margin)}个百分点以上的有：{named}。"


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
    text += prose.progress_figures(state)
    report = record.latest_report(task, as_of)
    if report is None:
        return text + ("牵头部室" if task.lead else "") + "尚未报送进展情况。"
    return (
        text
        + f"{credit(task, report)}{month_day_words(report.date)}报送"  # 报送进展情况：…, one colon
        + prose.report_words(report)
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


def _paragraph(
    document: object, text: str, size: Pt | None = None, indent: bool = True
) -> Paragraph:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)  # two characters
    style.run(paragraph, text, style.BODY_FONT, size=size or style.BODY_SIZE)
    return paragraph


def _lines(document: object, lines: list[str]) -> None:
    for number, line in enumerate(lines, start=1):
        _paragraph(document, f"{number}. {line}")
