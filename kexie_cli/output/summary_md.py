"""A drafted summary (工作总结) in Markdown, for a person to edit: `kexie report --format md`.

Prose in the office's shape (seed 003, the five-year review): the overall figures against the
share of the year gone; per section (or leader, or department: `--by`) its totals, then each
task's figures against its targets and the words of the department that sent them
(据组宣部报告，…); 领导批示及落实; 存在的问题 — overdue, behind, any task not done whose latest
report states a problem, and the year-long tasks still open; 下步打算 from the latest reports of
the tasks not done. Sentences come from output/prose.py, shared with the 通报.
"""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from kexie_cli.core import history, record
from kexie_cli.core.controls import visible
from kexie_cli.core.dates import day_words, month_day_words
from kexie_cli.core.models import HistoryEntry
from kexie_cli.core.months import Month, month_words
from kexie_cli.core.names import bare, normalize
from kexie_cli.core.numbers import chinese_text, percent_text
from kexie_cli.core.status import Status, TaskState
from kexie_cli.core.tally import GROUPINGS, UNNAMED, Report
from kexie_cli.output import prose
from kexie_cli.output.ending import ended_sentences
from kexie_cli.output.report_view import headline

_TROUBLE = {Status.OVERDUE: "逾期未完成", Status.BEHIND: "进度滞后"}
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


def write_summary(
    report: Report, out: TextIO, scope: str = "", since: dt.date | None = None
) -> None:
    out.write(visible(summary_text(report, scope, since)))  # no control reaches a terminal


def summary_text(report: Report, scope: str = "", since: dt.date | None = None) -> str:
    """The draft; `scope` names what the report was narrowed to (a department), if any;
    `since` cuts the comments to the period's (prose.comments_text)."""
    plan = report.plan
    who = scope or plan.plan.org
    title = f"{who}{plan.year}年重点工作任务推进情况" if who else f"{plan.plan.title}推进情况"
    lines = [f"# {title}（截至{day_words(report.as_of)}）", ""]
    lines += [f"**{headline(report)}**", "", prose.overall(report, scope), ""]
    credit = prose.Credit(plan)
    for number, (name, states) in enumerate(groups(report), start=1):
        lines += [f"## {chinese_text(number)}、{_heading(report.by, name)}", ""]
        lines += [_paragraph(states, report.as_of, credit)]
    said = prose.comments_text(report.states, report.as_of, since)
    period = f"（{day_words(since)}以来）" if since else ""
    lines += [f"## 领导批示及落实{period}", ""]
    lines += _numbered(said) or ["本期暂无领导批示。", ""]
    if moved := prose.extensions_text(report.states, report.as_of, credit):
        lines += ["## 延期情况", "", *_numbered(moved)]
    if ended := ended_sentences(report.states):  # out of every count: listed apart
        lines += ["## 取消或暂缓的任务", "", *_numbered(ended)]
    lines += ["## 存在的问题", "", *_problems(report, credit)]
    lines += ["## 下步打算", "", *_next_steps(report, credit)]
    return "\n".join(lines).rstrip("\n") + "\n"


def groups(report: Report) -> list[tuple[str, list[TaskState]]]:
    """The report's groups (sections, departments or leaders) in its order, each with its
    tasks; a task of two departments or leaders is under each, as the tallies count it."""
    names_of = GROUPINGS[report.by][1]
    found = []
    for group in report.groups:
        keys = {normalize(group.name), bare(group.name)}
        members = [
            s
            for s in report.counted
            if any({normalize(n), bare(n)} & keys for n in names_of(s.task))
            or (group.name == UNNAMED and not names_of(s.task))
        ]
        found.append((group.name, members))
    return found


def _heading(by: str, name: str) -> str:
    return _UNNAMED[by] if name == UNNAMED else _HEADINGS[by].format(name)


# ---- a section: its totals, then each task's figures and words ---------------------------------


def _paragraph(states: list[TaskState], as_of: dt.date, credit: prose.Credit) -> str:
    told = [_achievement(s, as_of, credit) for s in states]
    lines = [_totals(states), ""]
    for line in told:
        lines += [line, ""] if line else []
    quiet = [s.task.id for s, line in zip(states, told, strict=True) if not line]
    if quiet:
        ids = "、".join(map(str, quiet))
        lines += [f"其余{len(quiet)}项任务（任务{ids}）暂无完成数字或进展报告。", ""]
    return "\n".join(lines)


def _totals(states: list[TaskState]) -> str:
    """本部分12项任务，已完成1项，正在推进5项（其中进度滞后3项）…；平均完成38%。"""
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
    text = f"本部分{len(states)}项任务" + "".join(f"，{part}" for part in parts)
    shares = [s.share for s in states if s.share is not None]
    if shares:
        text += f"；有量化指标的任务平均完成{percent_text(sum(shares) / len(shares) * 100)}"
    return text + "。"


def _achievement(state: TaskState, as_of: dt.date, credit: prose.Credit) -> str:
    """What a task has to show: its figures reached, done, and the department's latest 进展情况;
    empty when it has none of these."""
    task = state.task
    reached = [prose.figure_text(t) for t in state.targets if t.done > 0]
    done = state.status is Status.DONE
    latest = _last_note(state, as_of)
    if not (reached or done or latest):
        return ""
    text = "，".join([prose.gist(task), *reached] + ([prose.finished_text(state)] if done else []))
    text = prose.sentence(text)
    if latest is not None:
        text += prose.according(credit(task, latest), latest.date) + prose.sentence(latest.note)
    return text + prose.tagged(task, prose.names(task.lead, ""))


# ---- problems and next steps ---------------------------------------------------------------


def _problems(report: Report, credit: prose.Credit) -> list[str]:
    """Overdue, then behind, then any other task not done whose latest report states a problem;
    behind tasks with neither figures nor reports in one sentence; then the year-long tasks
    open. A done task's problems are over, and so is a problem its latest report drops."""
    as_of = report.as_of
    trouble = [s for status in _TROUBLE for s in report.states if s.status is status]
    stated = [s for s in _open(report) if s not in trouble and _said(s, as_of, "problem")]
    silent = [s for s in trouble if s.status is Status.BEHIND and _silent(s, as_of)]
    listed = [s for s in trouble + stated if s not in silent]
    count = {s: sum(t.status is s for t in report.states) for s in _TROUBLE}
    head = "，".join(f"{n}项任务{w}" for s, w in _TROUBLE.items() if (n := count[s]))
    lines = [f"截至{day_words(as_of)}，{head or '暂无滞后或逾期的任务'}。", ""]
    lines += _numbered([_problem(s, as_of, credit) for s in listed])
    if silent:
        lines += [f"另有{len(silent)}项任务尚无完成数字，也未报送进展情况，按时间进度判为滞后："]
        lines[-1] += _by_lead(silent) + "。"
        lines.append("")
    year_end = Month(report.plan.year, 12)
    still = [s for s in report.states if s.status is not Status.DONE and s.due == year_end]
    still = [s for s in still if s not in listed and s not in silent]
    if still:
        when = month_words(year_end)
        lines.append(f"此外，完成时限为{when}的全年任务中还有{len(still)}项尚未完成：")
        lines[-1] += _by_lead(still) + "。"
        lines.append("")
    return lines


def _silent(state: TaskState, as_of: dt.date) -> bool:
    """Nothing recorded to judge by: no figure above zero and no report."""
    reported = state.task.history and record.latest_report(state.task, as_of)
    return not reported and not any(t.done > 0 for t in state.targets)


def _problem(state: TaskState, as_of: dt.date, credit: prose.Credit) -> str:
    task = state.task
    label = _TROUBLE.get(state.status, "推进中存在困难")
    text = f"{prose.gist(task)}（任务{task.id}）{label}，完成时限{prose.due_phrase(state)}"
    figures = "，".join(prose.figure_text(t) for t in state.targets)
    text += f"，目前{figures}。" if figures else "。"
    text += f"牵头部室{prose.names(task.lead)}，责任领导{prose.names(task.leaders)}。"
    latest = record.latest_report(task, as_of) if task.history else None
    if latest is None:
        return text + ("牵头部室尚未说明原因。" if task.lead else "尚未说明原因。")
    who = credit(task, latest)
    if not latest.problem:
        return text + f"{who}最近一次报告（{month_day_words(latest.date)}）未提及存在问题。"
    return text + prose.according(who, latest.date, "反映") + prose.sentence(latest.problem)


def _by_lead(states: list[TaskState]) -> str:
    """学会部牵头的任务4、36；牵头部室未填的任务20."""
    by_lead: dict[str, list[str]] = {}
    for state in states:
        by_lead.setdefault(prose.names(state.task.lead, ""), []).append(str(state.task.id))
    return "；".join(
        f"{lead + '牵头' if lead else '牵头部室未填'}的任务{'、'.join(ids)}"
        for lead, ids in by_lead.items()
    )


def _next_steps(report: Report, credit: prose.Credit) -> list[str]:
    """The next steps of the tasks not done, each from the task's latest report."""
    as_of = report.as_of
    planned = [(s, said) for s in _open(report) if (said := _said(s, as_of, "next"))]
    lines = ["各牵头部室报送的下步打算：", ""] if planned else ["各牵头部室尚未报送下步打算。", ""]
    lines += _numbered(
        [
            f"{prose.gist(s.task)}{prose.tagged(s.task, credit(s.task, said))}："
            + prose.sentence(said.next)
            for s, said in planned
        ]
    )
    shown = {id(s) for s, _ in planned}
    silent = [str(s.task.id) for s in report.states if s.status in _TROUBLE and id(s) not in shown]
    if silent:
        lines += [f"逾期或滞后的任务{'、'.join(silent)}尚未报送下步打算。", ""]
    return lines


# ---- helpers ---------------------------------------------------------------------------------


def _last_note(state: TaskState, as_of: dt.date) -> HistoryEntry | None:
    """The last report by as_of with a 进展情况: what was done stays done when a later report
    speaks only of problems (problems and next steps, by contrast, come from the latest)."""
    if not state.task.history:
        return None
    said = [r for r in history.reports(state.task, as_of) if r.note]
    return said[-1] if said else None


def _open(report: Report) -> list[TaskState]:
    """The tasks not done at the report's date."""
    return [s for s in report.states if s.status is not Status.DONE]


def _said(state: TaskState, as_of: dt.date, field: str) -> HistoryEntry | None:
    """The task's latest report by as_of if it says `field` (problem, next): what a department
    no longer repeats is no longer current."""
    latest = record.latest_report(state.task, as_of) if state.task.history else None
    return latest if latest is not None and getattr(latest, field) else None


def _numbered(items: list[str]) -> list[str]:
    return [line for n, item in enumerate(items, start=1) for line in (f"{n}. {item}", "")]
