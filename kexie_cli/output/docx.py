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

from kexie_cli.core import history
from kexie_cli.core.history import Completion
from kexie_cli.core.models import EntryKind
from kexie_cli.core.numbers import number_text, percent_text
from kexie_cli.core.status import Status, TaskState, time_gone
from kexie_cli.core.tally import GROUPINGS, Report, Tally
from kexie_cli.output import docx_style as style

BAR_CELLS = 10  # a department's completion: 10 narrow cells, one shaded per 10%
BAR_COLOUR = "2F5597"
_NUMERALS = "一二三四五六七八九十"


def document_bytes(report: Report, scope: str = "") -> bytes:
    """The 通报 of a report; `scope` names what it was narrowed to (a department), if any."""
    document = Document()
    style.set_up(document)
    states = report.states
    year = report.plan.year
    _title(document, f"关于{scope}{year}年重点工作任务推进情况的通报", report.as_of)
    parts = [
        ("总体情况", lambda: _paragraph(document, overall(report))),
        (f"各{report.group_header}推进情况", lambda: _group_table(document, report)),
        ("需要关注的任务", lambda: _attention(document, states, report.as_of)),
    ]
    said = _comments(states, report.as_of)
    if said:
        parts.append(("领导批示及落实情况", lambda: _lines(document, said)))
    moved = _extensions(states, report.as_of)
    if moved:
        parts.append(("延期情况", lambda: _lines(document, moved)))
    for number, (heading, write) in enumerate(parts):
        _heading(document, f"{_NUMERALS[number]}、{heading}")
        write()
    _signature(document, report.plan.plan.org, report.as_of)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def day_text(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# ---- the overall paragraph ------------------------------------------------------------------


def overall(report: Report) -> str:
    """The figures in sentences: tasks, done (on time / late), in progress, behind, overdue,
    extended, and mean progress against the share of the year gone."""
    states, counts = report.states, report.total.counts
    done = counts[Status.DONE]
    on_time = sum(s.completion is Completion.ON_TIME for s in states)
    late = done - on_time
    extended = sum(bool(history.extensions(s.task, report.as_of)) for s in states)
    org = report.plan.plan.org
    text = f"{org}{report.plan.year}年重点工作任务共{len(states)}项。"
    text += f"截至{day_text(report.as_of)}，已完成{done}项"
    if done:
        text += f"（按期完成{on_time}项，延期或逾期完成{late}项）" if late else "，均按期完成"
    going = counts[Status.IN_PROGRESS] + counts[Status.BEHIND]
    text += f"；正在推进{going}项，其中进度滞后{counts[Status.BEHIND]}项"
    text += f"；尚未启动{counts[Status.NOT_STARTED]}项"
    text += f"；逾期未完成{counts[Status.OVERDUE]}项。"
    if extended:
        text += f"经批准延期的任务{extended}项。"
    return text + _pace(report)


def _pace(report: Report) -> str:
    shares = [s.share for s in report.states if s.share is not None]
    start = report.plan.start
    gone, _ = time_gone(start.year, start.month, report.plan.year, 12, report.as_of)
    if not shares:
        return f"全年时间已过去{percent_text(gone * 100)}。"
    mean = sum(shares) / len(shares) * 100
    gap = gone * 100 - mean
    pace = (
        f"落后于时间进度{number_text(round(gap, 1))}个百分点"
        if gap > 0.05
        else "与时间进度基本同步"
        if gap > -0.05
        else f"快于时间进度{number_text(round(-gap, 1))}个百分点"
    )
    return (
        f"有量化指标的{len(shares)}项任务平均完成{percent_text(mean)}，"
        f"全年时间已过去{percent_text(gone * 100)}，总体{pace}。"
    )


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


def _attention(document: object, states: list[TaskState], as_of: dt.date) -> None:
    shown = False
    for number, (heading, wanted) in enumerate(WATCHED):
        chosen = [s for s in states if wanted(s)]
        if not chosen:
            continue
        shown = True
        _heading(document, f"（{_NUMERALS[number]}）{heading}（{len(chosen)}项）", sub=True)
        for state in chosen:
            _paragraph(document, task_paragraph(state, as_of))
    if not shown:
        _paragraph(document, "截至目前，没有逾期、滞后或即将到期的任务。")


def task_paragraph(state: TaskState, as_of: dt.date) -> str:
    """任务7：content（牵头部室：…；责任领导：…；完成时限：…）。figures。the latest report."""
    task = state.task
    due = f"{state.due.year}年{state.due.month}月"
    if state.due != task.due:
        due += f"（原定{task.due.year}年{task.due.month}月，已批准延期）"
    who = (
        f"牵头部室：{'、'.join(task.lead) or '未填'}；责任领导：{'、'.join(task.leaders) or '未填'}"
    )
    text = f"任务{task.id}：{(task.content or task.focus).rstrip('。')}（{who}；完成时限：{due}）。"
    figures = [
        f"{t.target.name}完成{number_text(t.done)}{t.target.unit}"
        f"（目标{number_text(t.target.target)}{t.target.unit}，{percent_text(min(t.percent, 999))}）"
        for t in state.targets
    ]
    if figures:
        text += "目前" + "，".join(figures) + "。"
    report = history.latest_report(task, as_of)
    if report is None:
        return text + "牵头部室尚未报送进展情况。"
    said = [
        (w, v)
        for w, v in (
            ("进展情况", report.note),
            ("存在问题", report.problem),
            ("下步打算", report.next),
        )
        if v
    ]
    when = f"{report.date.month}月{report.date.day}日"
    return text + f"{when}报送：" + "".join(f"{w}：{_sentence(v)}" for w, v in said)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(("。", "！", "？", "”")) else text + "。"


# ---- comments and extensions ----------------------------------------------------------------


def _comments(states: list[TaskState], as_of: dt.date) -> list[str]:
    """Each comment with the reports recorded after it (to the next comment)."""
    lines = []
    for state in states:
        task = state.task
        said = history.entries(task, EntryKind.COMMENT, as_of)
        reports = history.entries(task, EntryKind.REPORT, as_of)
        for index, comment in enumerate(said):
            until = said[index + 1].date if index + 1 < len(said) else None
            after = [
                r for r in reports if r.date >= comment.date and (until is None or r.date < until)
            ]
            when = f"{comment.date.month}月{comment.date.day}日"
            text = f"{comment.by}同志{when}对任务{task.id}批示：“{comment.comment.strip()}”"
            if after:
                done = "；".join(
                    f"{r.date.month}月{r.date.day}日，{(r.note or r.next or r.problem or '').strip().rstrip('。')}"
                    for r in after
                )
                text += f"落实情况：{done}。"
            else:
                text += "落实情况：尚未报送。"
            lines.append(text)
    return lines


def _extensions(states: list[TaskState], as_of: dt.date) -> list[str]:
    lines = []
    for state in states:
        task = state.task
        for moved in history.extensions(task, as_of):
            lines.append(
                f"任务{task.id}（{'、'.join(task.lead)}）经批准由{_month(moved.due_before)}"
                f"延期至{_month(moved.due_after)}，原因：{_sentence(moved.reason or '')}"
            )
        for asked in history.pending_requests(task, as_of):
            when = f"{asked.date.month}月{asked.date.day}日"
            lines.append(
                f"任务{task.id}（{'、'.join(task.lead)}）于{when}申请延期至"
                f"{_month(asked.due_after)}，理由：{_sentence(asked.reason or '')[:-1]}，待审批。"
            )
    return lines


def _month(month: object) -> str:
    return f"{month.year}年{month.month}月"  # type: ignore[attr-defined]


# ---- paragraphs -----------------------------------------------------------------------------


def _title(document: object, text: str, as_of: dt.date) -> None:
    title = document.add_paragraph()  # type: ignore[attr-defined]
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(36)
    style.run(title, text, style.TITLE_FONT, size=style.TITLE_SIZE)
    date = document.add_paragraph()  # type: ignore[attr-defined]
    date.alignment = WD_ALIGN_PARAGRAPH.CENTER
    style.run(date, f"（截至{day_text(as_of)}）", style.SUBHEADING_FONT, size=style.BODY_SIZE)
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
    for text in (org, day_text(as_of)):
        if text:
            paragraph = document.add_paragraph()  # type: ignore[attr-defined]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = Pt(64)
            style.run(paragraph, text, style.BODY_FONT, size=style.BODY_SIZE)
