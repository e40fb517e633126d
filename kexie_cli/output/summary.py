"""The drafted summary (工作总结, 半年总结) as parts of text, in the office's own voice (seed 003):
a title, the overall paragraph, then per section (or department, or leader: `--by`) a heading
from its theme, the figures of like targets summed by unit (累计…共30场、2.6万人次), and each
task's work in its plan's words and its department's (组宣部已在大冶开展宣讲…) — never a task
number: those stand in the table of tasks that follows as 附件. Then 领导批示及落实, 延期情况,
存在的问题 and 下步工作打算, of the unfinished work alone (output/summary_trouble.py).

Words are the plan's and the departments'; the joining words (累计, 共, 本部分) the office's.
Every figure is a count of the record: `unit_sums` says which tasks each sum is traced from.
Rendered by summary_md (Markdown) and summary_docx (Word).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from kexie_cli.core import history
from kexie_cli.core.dates import day_words
from kexie_cli.core.models import HistoryEntry, Task
from kexie_cli.core.names import bare, normalize
from kexie_cli.core.numbers import chinese_text, number_text, percent_text
from kexie_cli.core.status import Status, TargetState, TaskState
from kexie_cli.core.sums import UnitSum, unit_sums
from kexie_cli.core.tally import GROUPINGS, UNNAMED, Report
from kexie_cli.core.wording import amount_text as target_amount
from kexie_cli.output import prose
from kexie_cli.output.ending import end_text
from kexie_cli.output.summary_trouble import next_steps, problems, said_by

_HEADINGS = {
    "section": "{}",
    "dept": "{}牵头的工作",
    "leader": "{}同志负责的工作",
    "unit": "{}承担的工作",
    "org": "{}的工作",
}
_UNNAMED = {
    "section": "其他工作",
    "dept": "未填牵头部室的工作",
    "leader": "未填责任领导的工作",
    "org": "未写组织的清单中的工作",
}
ANNEX_HEAD = ("序号", "任务", "牵头部室", "完成时限", "目标完成", "状态")
_NAMES_SHOWN = 3  # a sum names its first three targets, 等 the rest


class Part(NamedTuple):
    heading: str  # 一、聚焦政治引领…
    paragraphs: list[str]
    numbered: bool = False  # items of a list (1. 2. …) rather than paragraphs


class Summary(NamedTuple):
    title: str
    date_line: str  # （截至2025年6月30日）
    overall: str
    parts: list[Part]
    annex_title: str
    annex: list[list[str]]  # the tasks, under ANNEX_HEAD


def summary(report: Report, scope: str = "", since: dt.date | None = None) -> Summary:
    """The draft; `scope` names what the report was narrowed to (a department), if any;
    `since` cuts the comments to the period's (prose.comments_text)."""
    credit = prose.Credit(report.plan)
    found = groups(report)
    parts = [
        Part(_heading(report, name), _section(states, report.as_of, credit))
        for name, states in found
    ]
    said = prose.comments_text(report.states, report.as_of, since, prose.gist)
    period = f"（{day_words(since)}以来）" if since else ""
    parts.append(Part(f"领导批示及落实{period}", said or ["本期暂无领导批示。"], bool(said)))
    if moved := prose.extensions_text(report.states, report.as_of, credit, prose.gist):
        parts.append(Part("延期情况", moved, True))
    if ended := report.ended:  # out of every count and sum: listed apart, by their words
        told = [
            f"{prose.gist(e.task)}{_owner(e)}{end_text(e.ended)}。"
            for e in ended
            if e.ended is not None
        ]
        parts.append(Part("取消或暂缓的任务", told, True))
    parts.append(Part("存在的问题", problems(report, credit)))
    headings = [(_heading(report, name), states) for name, states in found]
    parts.append(Part("下步工作打算", next_steps(report, credit, headings)))
    parts = [p._replace(heading=f"{chinese_text(n)}、{p.heading}") for n, p in enumerate(parts, 1)]
    who = scope or report.plan.plan.org
    return Summary(
        title(report, who),
        f"（截至{day_words(report.as_of)}）",
        prose.overall(report, scope),
        parts,
        f"附件：{who}{report.plan.year}年重点工作任务推进情况表",
        [_annex_row(s) for s in report.states],
    )


def title(report: Report, who: str) -> str:
    """上半年 at June's end, the year's at December's, 推进情况 on any other day."""
    year, day = report.plan.year, report.as_of
    if day >= dt.date(year, 12, 31):
        return f"{who}{year}年重点工作总结"
    if day == dt.date(year, 6, 30):
        return f"{who}{year}年上半年重点工作总结"
    return f"{who}{year}年重点工作任务推进情况"


def groups(report: Report) -> list[tuple[str, list[TaskState]]]:
    """The report's groups (sections, departments or leaders) in its order, each with its
    tasks; a task of two departments or leaders is under each, as the tallies count it."""
    names_of = GROUPINGS[report.by][1]
    found = []
    for group in report.groups:
        keys = {normalize(group.name), bare(group.name)}
        members = [
            s
            for s in report.counted  # a task cancelled or paused is told apart
            if any({normalize(n), bare(n)} & keys for n in names_of(s.task))
            or (group.name == UNNAMED and not names_of(s.task))
        ]
        found.append((group.name, members))
    return found


def _heading(report: Report, name: str) -> str:
    """The group's heading: a section's clean title where the plan gives one (`sections:`)."""
    if name == UNNAMED:
        return _UNNAMED[report.by]
    if report.by == "section" and (info := report.plan.sections.get(name)) is not None:
        return info.title
    return _HEADINGS[report.by].format(name)


# ---- a section: its totals and sums, then each task's work -----------------------------------


def _section(states: list[TaskState], as_of: dt.date, credit: prose.Credit) -> list[str]:
    told = [_work(s, as_of, credit) for s in states]
    paragraphs = [_totals(states) + sums_text(unit_sums(states))]
    paragraphs += [line for line in told if line]
    if quiet := sum(not line for line in told):
        who = "各项任务均" if quiet == len(states) else f"其余{quiet}项任务"
        paragraphs.append(f"{who}暂无完成数字或进展报告。")
    return paragraphs


def _totals(states: list[TaskState]) -> str:
    """本部分12项任务，已完成1项，正在推进5项（其中进度滞后3项）…。"""
    count = {s: sum(t.status is s for t in states) for s in Status}
    going = count[Status.IN_PROGRESS] + count[Status.BEHIND]
    parts = [f"已完成{count[Status.DONE]}项"] if count[Status.DONE] else []
    if going:
        behind = count[Status.BEHIND]
        parts.append(f"正在推进{going}项" + (f"（其中进度滞后{behind}项）" if behind else ""))
    if count[Status.OVERDUE]:
        parts.append(f"逾期未完成{count[Status.OVERDUE]}项")
    if count[Status.NOT_STARTED]:
        parts.append(f"尚未启动{count[Status.NOT_STARTED]}项")
    return f"本部分{len(states)}项任务" + "".join(f"，{part}" for part in parts) + "。"


def sums_text(sums: list[UnitSum]) -> str:
    """累计完成党组会学习、中心组学习共8次，科协讲堂2期。— empty with nothing counted."""
    if not sums:
        return ""
    told = []
    for each in sums:
        names = "、".join(each.names[:_NAMES_SHOWN]) + ("等" if len(each.names) > 3 else "")
        together = "共" if len(each.names) > 1 else ""
        told.append(f"{names}{together}{amount_text(each.total)}{each.unit}")
    return f"累计完成{'，'.join(told)}。"


def amount_text(value: float) -> str:
    """263000 → 26.3万, as offices write large counts; only when exact (traceable as written)."""
    if value >= 10000 and (value * 10) % 10000 == 0:
        return f"{number_text(value / 10000)}万"
    return number_text(value)


def _work(state: TaskState, as_of: dt.date, credit: prose.Credit) -> str:
    """A task's work: its words, figures reached and done; then its department's last 进展情况,
    under the department's name. Empty with nothing to tell."""
    task = state.task
    reached = [reached_text(t) for t in state.targets if t.done > 0]
    done = state.status is Status.DONE
    latest = _last_note(task, as_of)
    if not (reached or done or latest):
        return ""
    text = prose.sentence("，".join([prose.gist(task), *reached, *_finished(state, done)]))
    if latest is not None:
        who = credit(task, latest)
        note = (latest.note or "").strip()
        text += prose.sentence(said_by(who, note))
    return text


def reached_text(target: TargetState) -> str:
    """科协讲堂2期; a target broken down by place: 每县承办宣讲合计3场."""
    name, unit = target.target.name, target.target.unit
    total = "合计" if target.places else ""
    return f"{name}{total}{number_text(target.done)}{unit}"


def _finished(state: TaskState, done: bool) -> list[str]:
    return [prose.finished_text(state)] if done else []


def _last_note(task: Task, as_of: dt.date) -> HistoryEntry | None:
    """The last report by as_of with a 进展情况: what was done stays done when a later report
    speaks only of problems (problems and next steps, by contrast, come from the latest)."""
    if not task.history:
        return None
    said = [r for r in history.reports(task, as_of) if r.note]
    return said[-1] if said else None


def _owner(state: TaskState) -> str:
    lead = prose.names(state.task.lead, "")
    return f"（{lead}）" if lead else ""


def _annex_row(state: TaskState) -> list[str]:
    task = state.task
    figures = "；".join(
        f"{t.target.name}{number_text(t.done)}/{target_amount(t.target)}{t.target.unit}"
        f"（{percent_text(t.share * 100)}）"  # the share, capped: never 300%
        for t in state.targets
    )
    return [
        str(task.id),
        prose.gist(task),
        prose.names(task.lead),
        prose.due_phrase(state),
        figures or "—",
        state.status.label,
    ]
