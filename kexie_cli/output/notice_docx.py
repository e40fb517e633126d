"""The 督办通知单: one task at 红色, as a Word document in the 通报's style (docx_style).

Its 文号 under the title, the lead departments addressed, the task and where it stands at the
notice's date, its figures, its 督办 record (reports, requests for more time and their answers,
comments, reminders, earlier notices), its level at each month end by the plan's rules, and
the month to answer by. Returns bytes; the command writes them.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from kexie_cli.core.dates import day_words
from kexie_cli.core.levels import month_levels
from kexie_cli.core.models import EntryKind, HistoryEntry, Task, TasksPlan
from kexie_cli.core.months import Month, month_words
from kexie_cli.core.notices import told
from kexie_cli.core.numbers import chinese_text, number_text
from kexie_cli.core.status import Status, TaskState
from kexie_cli.core.supervision import Supervision
from kexie_cli.output import docx_style as style
from kexie_cli.output import prose

TITLE = "督办通知单"


def notice_bytes(plan: TasksPlan, state: TaskState, number: str, answer_by: Month | None) -> bytes:
    """The notice for the task of `state`, dated the state's date."""
    document = Document()
    style.set_up(document)
    task, day = state.task, state.as_of or dt.date.today()
    _centred(document, TITLE, style.TITLE_FONT, style.TITLE_SIZE)
    _centred(document, number, style.BODY_FONT, style.BODY_SIZE)
    document.add_paragraph()
    _paragraph(document, f"{prose.names(task.lead, '各有关部室')}：", indent=False)
    _paragraph(document, opening(plan, state))
    credit = prose.Credit(plan)
    parts = [
        ("督办事项", [task_text(state)]),
        ("完成情况", [progress_text(state)]),
        ("督办记录", record_lines(task, day, credit) or ["截至目前，没有进展报告、批示等记录。"]),
        ("预警情况", [levels_text(plan, task, day), rules_text(plan.supervision)]),
        ("办理要求", [answer_text(task, answer_by)]),
    ]
    for index, (heading, lines) in enumerate(parts, start=1):
        _heading(document, f"{chinese_text(index)}、{heading}")
        numbered = len(lines) > 1 and heading == "督办记录"
        for n, line in enumerate(lines, start=1):
            _paragraph(document, f"{n}. {line}" if numbered else line)
    _signature(document, plan.plan.org, day)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---- the text -------------------------------------------------------------------------------


def opening(plan: TasksPlan, state: TaskState) -> str:
    task, day = state.task, state.as_of or dt.date.today()
    level = state.level.label if state.level is not None else "无"
    where = "已逾期未完成" if state.status is Status.OVERDUE else f"状态为{state.status.label}"
    return (
        f"根据《{plan.plan.title}》，现对任务{task.id}进行督办。截至{day_words(day)}，"
        f"该任务{where}，预警等级为{level}。"
    )


def task_text(state: TaskState) -> str:
    task = state.task
    what = (task.content or task.focus or prose.gist(task)).strip().rstrip("。")
    who = (
        f"牵头部室：{prose.names(task.lead)}；责任部室：{prose.names(task.support, '无')}；"
        f"责任领导：{prose.names(task.leaders)}；完成时限：{prose.due_phrase(state)}"
    )
    measures = "".join(prose.sentence(m) for m in task.measures)
    return f"任务{task.id}：{what}（{who}）。" + (f"推进措施：{measures}" if measures else "")


def progress_text(state: TaskState) -> str:
    if not state.targets:
        return "本任务没有可计数的目标。"
    return prose.progress_figures(state)


def record_lines(task: Task, day: dt.date, credit: prose.Credit) -> list[str]:
    """Each entry of the record by the day, dated, in the order it happened."""
    return [f"{day_words(h.date)}，{entry_text(task, h, credit)}" for h in told(task, day)]


def entry_text(task: Task, entry: HistoryEntry, credit: prose.Credit) -> str:
    match entry.kind:
        case EntryKind.REPORT:
            return f"{credit(task, entry) or '牵头部室'}报送进展。{prose.report_words(entry)}"
        case EntryKind.REQUEST:
            reason = prose.sentence(entry.reason or "")
            return f"{credit(task, entry)}申请延期至{_month(entry.due_after)}，理由：{reason}"
        case EntryKind.EXTENSION:
            moved = f"由{_month(entry.due_before)}延期至{_month(entry.due_after)}"
            return f"经批准{moved}，原因：{prose.sentence(entry.reason or '')}"
        case EntryKind.REFUSAL:
            who = f"{entry.by}" if entry.by else ""
            return f"延期申请{who}未同意，理由：{prose.sentence(entry.reason or '')}"
        case EntryKind.COMMENT:
            said = (entry.comment or "").strip()
            return f"{entry.by}同志批示：“{said}”" + (
                "" if said.endswith(("。", "！", "？")) else "。"
            )
        case EntryKind.URGE:
            return f"向{entry.to}催办。"
        case EntryKind.NOTICE:
            answer = f"，要求{_month(entry.due_after)}底前回复" if entry.due_after else ""
            return f"发出督办通知单{entry.number}{answer}。"
    return ""  # a kind a notice does not tell (core/notices.py, TOLD)


def _month(month: Month | None) -> str:
    return "" if month is None else month_words(month)


def levels_text(plan: TasksPlan, task: Task, day: dt.date) -> str:
    """各月末预警等级：1月无，2月黄色，…: the replay a level comes from."""
    found = month_levels(task, plan.start, day, plan.supervision, plan.departments.aliases)
    if not found:
        return "本年度尚无月末预警记录。"
    words = [f"{m.month}月{'无' if lv is None else lv.label}" for m, lv in found]
    return f"各月末预警等级：{'，'.join(words)}。"


def rules_text(rules: Supervision) -> str:
    """The rules the levels follow, as the plan declares them (or the defaults)."""
    red = "逾期" if not rules.red_days else f"逾期{rules.red_days}天"
    parts = [
        f"距完成时限{rules.blue_days}天以内为蓝色",
        f"落后序时进度{number_text(rules.yellow_points)}个百分点以上为黄色",
    ]
    if rules.orange_after:
        parts.append(f"连续{rules.orange_after}个月末为黄色的升为橙色")
    if rules.urge_step:
        parts.append("黄色、橙色期间每经催办升一级")
    parts.append(f"{red}为红色")
    return f"（预警规则：{'；'.join(parts)}。）"


def answer_text(task: Task, answer_by: Month | None) -> str:
    who = prose.names(task.lead, "牵头部室")
    when = f"于{month_words(answer_by)}底前" if answer_by is not None else "及时"
    return f"请{who}接到本通知后认真研究，采取有效措施加快推进，{when}书面回复整改措施和落实情况。"


# ---- paragraphs -----------------------------------------------------------------------------


def _centred(document: object, text: str, font: str, size: Pt) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    style.run(paragraph, text, font, size=size)


def _heading(document: object, text: str) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    paragraph.paragraph_format.first_line_indent = Pt(32)
    paragraph.paragraph_format.keep_with_next = True
    style.run(paragraph, text, style.HEADING_FONT, size=style.BODY_SIZE)


def _paragraph(document: object, text: str, indent: bool = True) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)  # two characters
    style.run(paragraph, text, style.BODY_FONT, size=style.BODY_SIZE)


def _signature(document: object, org: str, day: dt.date) -> None:
    document.add_paragraph()  # type: ignore[attr-defined]
    for text in (org, day_words(day)):
        if text:
            paragraph = document.add_paragraph()  # type: ignore[attr-defined]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = Pt(64)
            style.run(paragraph, text, style.BODY_FONT, size=style.BODY_SIZE)
